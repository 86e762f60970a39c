// Download links for exported packets, for platforms that cannot take a file from the bot directly (Teams without
// its file-consent flow). A link is signed, names the person it was made for, and expires; the download re-checks
// that person's right to the packet, so a forwarded link gives nobody more than they had.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Actor } from "../domain/actors.js";
import { isDomainError } from "../domain/errors.js";
import type { AppContext } from "./context.js";
import { exportApplication } from "./export-application.js";

/** How long a download link works. */
export const LINK_TTL_MS = 15 * 60_000;

/** Makes and checks download links; `baseUrl` is where people reach the bot (PUBLIC_URL). */
export interface ExportLinks {
  baseUrl: string;
  create(actor: Actor, applicationId: number, format: "md" | "csv", now: Date): string;
  /** Answers GET /exports/<token>. */
  serve(ctx: AppContext, token: string, now: Date): Promise<{ status: number; type: string; filename?: string; body: string }>;
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString("base64url");

/** The Setting row that holds the generated signing key when EXPORT_LINK_SECRET is not set. */
export const EXPORT_LINK_SECRET_KEY = "export_link_secret";

/**
 * Creates the signer. The key must be shared by every replica and outlive restarts (EXPORT_LINK_SECRET, or the
 * one kept in the database: see sharedSecret); without one, no link is made and every link is refused.
 */
export function createExportLinks(baseUrl: string, secret: Buffer | null): ExportLinks {
  const sign = (payload: string) => {
    if (!secret) throw new Error("export links have no signing key (startBot loads it; tests pass one)");
    return createHmac("sha256", secret).update(payload).digest();
  };
  return {
    baseUrl,
    create(actor, applicationId, format, now) {
      const payload = b64(JSON.stringify({ a: applicationId, f: format, p: actor.platform, u: actor.userId, e: now.getTime() + LINK_TTL_MS }));
      return `${this.baseUrl.replace(/\/$/, "")}/exports/${payload}.${b64(sign(payload))}`;
    },
    async serve(ctx, token, now) {
      const text = (status: number, body: string) => ({ status, type: "text/plain; charset=utf-8", body });
      if (!secret) return text(503, "Downloads are not available right now.");
      const [payload = "", mac = ""] = token.split(".");
      const given = Buffer.from(mac, "base64url");
      const expected = sign(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return text(403, "This download link is not valid.");
      let claims: { a: number; f: "md" | "csv"; p: string; u: string; e: number };
      try {
        claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as typeof claims;
      } catch {
        return text(403, "This download link is not valid.");
      }
      if (now.getTime() > claims.e) return text(410, "This download link has expired. Ask the bot for the export again.");
      try {
        const packet = await exportApplication(ctx, { actor: { platform: claims.p, userId: claims.u }, applicationId: claims.a });
        const file = claims.f === "csv" ? packet.csv : packet.markdown;
        return { status: 200, type: claims.f === "csv" ? "text/csv; charset=utf-8" : "text/markdown; charset=utf-8", filename: file.filename, body: file.content };
      } catch (e) {
        if (isDomainError(e)) return text(e.code === "not_found" ? 404 : 403, e.userMessage);
        throw e;
      }
    },
  };
}
