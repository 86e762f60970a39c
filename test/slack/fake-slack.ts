// A loopback fake of the Slack Web API: records every call the bot makes, answers like Slack does, and can be
// told to fail the next calls of a method (429 with Retry-After, 500, ok:false).
import { createServer, type IncomingMessage, type Server } from "node:http";

/** One recorded Web API call (or response_url post). */
export interface Call {
  method: string;
  args: Record<string, unknown>;
}

/** Where an interaction happened, as Slack knows it when it issues the interaction's trigger_id. */
export type Surface = "modal" | "home" | "message" | "command";

type Failure = { status: 429; retryAfter: number } | { status: 500 } | { status: 200; error: string };

function parseArgs(req: IncomingMessage, body: string): Record<string, unknown> {
  const type = req.headers["content-type"] ?? "";
  const raw: Record<string, unknown> = type.includes("json") ? (JSON.parse(body || "{}") as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(body));
  // The client sends nested values (blocks, view) as JSON strings in form posts; decode them for assertions.
  for (const k of ["blocks", "view", "attachments"]) if (typeof raw[k] === "string") raw[k] = JSON.parse(raw[k] as string);
  return raw;
}

/** The fake; `url` is what SLACK_API_URL should be set to. */
export class FakeSlack {
  calls: Call[] = [];
  private failures = new Map<string, Failure[]>();
  private ts = 1_700_000_000;
  private views = 0;
  // trigger_id → the surface of the interaction Slack issued it for; views.push needs one from an open modal.
  private triggers = new Map<string, Surface>();
  private server: Server | null = null;
  url = "";
  base = "";
  /** What apps.connections.open answers (the Socket Mode WebSocket URL). */
  socketUrl = "";
  /** When set, every answer carries `x-oauth-scopes` with these, as Slack reports what a token was granted. */
  scopes: string[] | null = null;
  /** users.info: ids Slack knows no user for, and deactivated accounts. */
  missingUsers = new Set<string>();
  deactivatedUsers = new Set<string>();
  /** users.lookupByEmail: the workspace's people by e-mail (lower case), as user ids. */
  emails = new Map<string, string>();
  /** conversations.info: channels the bot is not a member of. */
  notMemberOf = new Set<string>();

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const path = (req.url ?? "").split("?")[0] ?? "";
        const method = path.startsWith("/api/") ? path.slice(5) : path.startsWith("/response/") ? "response_url" : path.startsWith("/upload/") ? "upload" : path;
        const args = method === "upload" ? { bytes: body } : parseArgs(req, body);
        this.calls.push({ method, args });
        const failure = this.failures.get(method)?.shift();
        const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
          res.writeHead(status, { "content-type": "application/json", ...headers });
          res.end(JSON.stringify(json));
        };
        if (failure?.status === 429) return send(429, { ok: false, error: "ratelimited" }, { "retry-after": String(failure.retryAfter) });
        if (failure?.status === 500) return send(500, { ok: false, error: "internal_error" });
        if (failure?.status === 200) return send(200, { ok: false, error: failure.error });
        send(200, this.answer(method, args), this.scopes ? { "x-oauth-scopes": this.scopes.join(",") } : {});
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", () => r()));
    const addr = this.server.address();
    const port = typeof addr === "object" && addr ? addr.port : 0;
    this.base = `http://127.0.0.1:${port}`;
    this.url = `${this.base}/api/`;
  }

  private answer(method: string, args: Record<string, unknown>): unknown {
    switch (method) {
      case "conversations.open":
        return { ok: true, channel: { id: `D${String(args.users).slice(1)}` } };
      case "files.getUploadURLExternal":
        return { ok: true, upload_url: `${this.base}/upload/F${++this.views}`, file_id: `F${this.views}` };
      case "files.completeUploadExternal":
        return { ok: true, files: [{ id: "F1", title: "packet" }] };
      case "apps.connections.open":
        return { ok: true, url: this.socketUrl };
      case "auth.test":
        return { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "TCITY", user: "sistercities" };
      case "users.lookupByEmail": {
        const id = this.emails.get(String(args.email).toLowerCase());
        return id ? { ok: true, user: { id, real_name: `Person ${id}`, deleted: false, is_bot: false, profile: { email: String(args.email) } } } : { ok: false, error: "users_not_found" };
      }
      case "chat.postMessage": {
        const channel = String(args.channel);
        // A direct message to a user id Slack does not know, as Slack answers it.
        if (this.missingUsers.has(channel)) return { ok: false, error: "channel_not_found" };
        return { ok: true, channel: channel.startsWith("U") ? `D${channel.slice(1)}` : channel, ts: `${++this.ts}.000100` };
      }
      case "users.info": {
        const id = String(args.user);
        if (this.missingUsers.has(id)) return { ok: false, error: "user_not_found" };
        return { ok: true, user: { id, real_name: `Person ${id}`, deleted: this.deactivatedUsers.has(id), is_bot: false } };
      }
      case "conversations.info": {
        const id = String(args.channel);
        return { ok: true, channel: { id, name: "commission", is_channel: true, is_archived: false, is_member: !this.notMemberOf.has(id) } };
      }
      case "chat.update":
        return { ok: true, channel: args.channel, ts: args.ts };
      case "chat.postEphemeral":
        return { ok: true, message_ts: `${++this.ts}.000200` };
      case "views.push":
        // Slack pushes onto an open modal's stack only: a trigger from the Home tab, a message or a command has none.
        if (this.triggers.get(String(args.trigger_id)) !== "modal")
          return { ok: false, error: "invalid_arguments", response_metadata: { messages: ["[fake] views.push needs a trigger_id from an interaction inside an open modal"] } };
        return { ok: true, view: { id: `V${++this.views}`, hash: `h${this.views}` } };
      case "views.open":
      case "views.update":
      case "views.publish":
        return { ok: true, view: { id: `V${++this.views}`, hash: `h${this.views}` } };
      default:
        return { ok: true };
    }
  }

  /** Records that Slack issued `triggerId` for an interaction on `surface` (the harness calls this per request). */
  issueTrigger(triggerId: string, surface: Surface): string {
    this.triggers.set(triggerId, surface);
    return triggerId;
  }

  /** Makes the next `count` calls of `method` fail as given. */
  fail(method: string, failure: Failure, count = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < count; i++) list.push(failure);
    this.failures.set(method, list);
  }

  /** Calls of one method. */
  of(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
