// Checks each Web API call the bot made against Slack's official OpenAPI description (test/oracles): the method
// exists, every argument is one it documents, and the required ones are present. Block Kit content is checked
// separately (block-kit-check.ts), since the OpenAPI file describes `blocks` only as a JSON string.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkBlocks, checkView } from "./block-kit-check.js";

interface Param {
  name: string;
  required?: boolean;
  in: string;
}
type Spec = { paths: Record<string, Record<string, { parameters?: Param[] }>> };

let spec: Spec | undefined;
function load(): Spec {
  spec ??= JSON.parse(readFileSync(join(import.meta.dirname, "../oracles/slack/slack_web_openapi_v2.json"), "utf8")) as Spec;
  return spec;
}

// Arguments the client adds itself, newer than the 2020 file: token (sent as a header), team_id (Bolt adds it to
// views.* for org-wide installs; documented on docs.slack.dev for views.open/push/update/publish).
const NEWER_ARGS = new Set(["token", "team_id"]);

// Methods newer than the 2020 file (each on docs.slack.dev/reference/methods): apps.connections.open (Socket Mode),
// files.getUploadURLExternal and files.completeUploadExternal (the 2024 upload flow behind files.uploadV2), and the
// upload itself, which goes to the URL Slack hands out.
const NEWER_METHODS = new Set(["apps.connections.open", "files.getUploadURLExternal", "files.completeUploadExternal", "upload"]);

/** Problems with one call: unknown method or argument, missing required argument, bad Block Kit. */
export function checkSlackCall(method: string, args: Record<string, unknown>): string[] {
  if (method === "response_url") return checkBlocks(args.blocks ?? [], "message");
  if (NEWER_METHODS.has(method)) return [];
  const op = load().paths[`/${method}`];
  if (!op) return [`${method}: not a Slack Web API method`];
  const params = Object.values(op).flatMap((o) => o.parameters ?? []);
  const names = new Set(params.map((p) => p.name));
  const out: string[] = [];
  for (const k of Object.keys(args)) if (!names.has(k) && !NEWER_ARGS.has(k)) out.push(`${method}: undocumented argument ${k}`);
  // The token travels in the Authorization header, which the 2020 file lists as a query argument for GET methods.
  for (const p of params) if (p.required && p.in !== "header" && p.name !== "token" && !(p.name in args)) out.push(`${method}: missing required ${p.name}`);
  if (args.blocks !== undefined) out.push(...checkBlocks(args.blocks, "message").map((s) => `${method}: ${s}`));
  if (args.view !== undefined) out.push(...checkView(args.view).map((s) => `${method}: ${s}`));
  if (typeof args.text === "string" && args.text.length > 40_000) out.push(`${method}: text too long`);
  return out;
}
