import type { IncomingMessage, ServerResponse } from "node:http";
import type { IToken } from "@microsoft/teams.api";
import type { HttpMethod, HttpRouteHandler, IHttpServerAdapter } from "@microsoft/teams.apps";
import type { Logger } from "../../src/logger.js";
import type { RouteHandler } from "../../src/server.js";

// Bot Framework activities are small (a Teams message is at most ~28 KB, a submitted form a few KB more): anything
// larger is not Teams and is refused with 413 before it is parsed.
export const MAX_BODY_BYTES = 512 * 1024;
// An oversized body is read to its end (so the sender sees the 413 instead of a reset connection), but not forever.
const MAX_DRAIN_BYTES = 32 * 1024 * 1024;

/** What a guard says about a request: refuse it, or let it through (with the identity it proved, if any). */
export type GuardResult = { refuse: { status: number; error: string } } | { token?: IToken };

/** Decides who may post: `admit` before the body is read (address, headers), `check` after (token, serviceUrl). */
export interface InboundGuard {
  admit(req: IncomingMessage): GuardResult;
  check(req: IncomingMessage, body: Record<string, unknown>): Promise<GuardResult>;
}

/** The SDK's transport seam, plus plain node:http handlers that feed it from the bot's shared server. */
export interface HttpBridge extends IHttpServerAdapter {
  /** The handler to mount on the shared server for a path the SDK registered (e.g. /api/messages). */
  handlerFor(path: string, guard: InboundGuard): RouteHandler;
  /** After this, requests get 503 instead of reaching an app that is shutting down. */
  close(): void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_DRAIN_BYTES) return void req.destroy();
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(c);
    });
    req.on("error", reject);
    req.on("end", () => {
      if (tooLarge) return reject(new HttpError(413, `request body larger than ${MAX_BODY_BYTES} bytes`));
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch {
        reject(new HttpError(400, "request body is not JSON"));
      }
    });
  });
}

/** True for 127.0.0.0/8 and ::1, also in their IPv4-mapped IPv6 form. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return v4.startsWith("127.") || address === "::1";
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (body === undefined || body === null) {
    res.writeHead(status, { "content-length": "0" });
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Creates the bridge. The SDK keeps the Teams protocol (activity routing, invoke responses); the bridge moves bytes
 * and asks the guard who may post, so the endpoint shares the bot's one port instead of starting the SDK's Express
 * server, and the SDK only sees requests the guard let through.
 */
export function createHttpBridge(logger: Logger): HttpBridge {
  const routes = new Map<string, HttpRouteHandler>();
  let closed = false;
  return {
    registerRoute(method: HttpMethod, path: string, handler: HttpRouteHandler) {
      routes.set(`${method} ${path}`, handler);
    },
    async stop() {
      closed = true;
    },
    close() {
      closed = true;
    },
    handlerFor(path, guard) {
      return async (req, res) => {
        const handler = routes.get(`${req.method ?? ""} ${path}`);
        if (!handler) return reply(res, 405, { error: `use POST ${path}` });
        if (closed) return reply(res, 503, { error: "shutting down" });
        const admitted = guard.admit(req);
        if ("refuse" in admitted) {
          // The body is not read, so the connection cannot be reused.
          res.setHeader("connection", "close");
          return reply(res, admitted.refuse.status, { error: admitted.refuse.error });
        }
        let body: unknown;
        try {
          body = await readJson(req);
        } catch (e) {
          const status = e instanceof HttpError ? e.status : 400;
          return reply(res, status, { error: e instanceof Error ? e.message : "bad request" });
        }
        // Every activity is a JSON object; anything else (null, a list, a number) would fail deep inside the SDK.
        if (typeof body !== "object" || body === null || Array.isArray(body)) return reply(res, 400, { error: "request body must be a JSON object (a Bot Framework activity)" });
        const checked = await guard.check(req, body as Record<string, unknown>);
        if ("refuse" in checked) return reply(res, checked.refuse.status, { error: checked.refuse.error });
        const headers: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = v;
        const started = Date.now();
        const out = await handler({ body, headers, ...(checked.token ? { token: checked.token } : {}) });
        const ms = Date.now() - started;
        if (out.status >= 400) logger.warn({ status: out.status, ms }, `teams: ${path} answered ${out.status}`);
        else logger.debug({ status: out.status, ms }, `teams: ${path} answered`);
        reply(res, out.status, out.body);
      };
    },
  };
}
