// A loopback fake of the Bot Connector REST API (the service at an activity's serviceUrl): it records what the
// bot posts, updates and creates, answers like the real service, and fails on demand (429 with Retry-After, 5xx).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

type J = Record<string, unknown>;

/** One request the bot made. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId?: string;
  activityId?: string;
  body: J;
}

interface Failure {
  status: number;
  headers: Record<string, string>;
  body: J;
  /** Only requests whose "METHOD path" matches fail; others pass. */
  match?: RegExp;
}

/** The fake; `url` is what activities carry as serviceUrl. */
export class FakeConnector {
  calls: ConnectorCall[] = [];
  /** Members returned for GET /v3/conversations/{teamId}/members (the team roster), with e-mail and UPN. */
  members: { id: string; name: string; aadObjectId?: string; email?: string; userPrincipalName?: string }[] = [];
  /** Users for whom POST /v3/conversations (open a 1:1 chat) answers 404, as for an account that no longer exists. */
  unknownUsers = new Set<string>();
  /** Channels returned for GET /v3/teams/{id}/conversations. */
  teamChannels: { id: string; name?: string }[] = [];
  /** The client credentials the fake Entra token endpoint (POST /{tenant}/oauth2/v2.0/token) accepts. */
  credentials = { clientId: "app-id", clientSecret: "app-secret" };
  /** Form bodies the token endpoint received, with the tenant segment of the path. */
  tokenRequests: { tenant: string; form: Record<string, string> }[] = [];
  private failures: Failure[] = [];
  private server: Server | null = null;
  private seq = 0;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const addr = this.server.address();
    this.url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  /** The next `count` matching requests fail with this status (e.g. 429 with { "retry-after": "1" }). */
  failNext(status: number, opts: { headers?: Record<string, string>; count?: number; match?: RegExp } = {}): void {
    for (let i = 0; i < (opts.count ?? 1); i++)
      this.failures.push({
        status,
        headers: opts.headers ?? {},
        body: { error: { code: status === 429 ? "Throttled" : status === 403 ? "BotNotInConversationRoster" : "ServiceError", message: `fake ${status}` } },
        ...(opts.match ? { match: opts.match } : {}),
      });
  }

  /** Activities posted to a conversation (new messages), oldest first. */
  posts(conversationId?: string): ConnectorCall[] {
    return this.calls.filter((c) => !("failedWith" in c) && c.method === "POST" && c.activityId === undefined && c.conversationId !== undefined && (!conversationId || c.conversationId === conversationId));
  }

  /** In-place updates (PUT), oldest first. */
  updates(conversationId?: string, activityId?: string): ConnectorCall[] {
    return this.calls.filter((c) => !("failedWith" in c) && c.method === "PUT" && (!conversationId || c.conversationId === conversationId) && (!activityId || c.activityId === activityId));
  }

  /** 1:1 conversations the bot created. */
  created(): ConnectorCall[] {
    return this.calls.filter((c) => !("failedWith" in c) && c.method === "POST" && c.path === "/v3/conversations");
  }

  /** The id the fake gave a posted activity. */
  idOf(call: ConnectorCall): string {
    return String((call as ConnectorCall & { assignedId?: string }).assignedId);
  }

  /** What a posted message shows now: its last update, else the post. */
  latest(conversationId: string, activityId: string): J | undefined {
    const u = this.updates(conversationId, activityId).at(-1);
    if (u) return u.body;
    return this.posts(conversationId).find((p) => this.idOf(p) === activityId)?.body;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const path = decodeURIComponent((req.url ?? "/").split("?")[0] ?? "/");
    const method = req.method ?? "GET";
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (token && method === "POST") return this.answerToken(token[1]!, Object.fromEntries(new URLSearchParams(text)), res);
    const body = (text ? JSON.parse(text) : {}) as J;
    const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    const call: ConnectorCall & { assignedId?: string } = {
      method,
      path,
      ...(m ? { conversationId: m[1]! } : {}),
      ...(m?.[2] ? { activityId: m[2] } : {}),
      body,
    };
    const send = (status: number, payload: J, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(payload));
    };
    const i = this.failures.findIndex((f) => !f.match || f.match.test(`${method} ${path}`));
    if (i >= 0) {
      const f = this.failures.splice(i, 1)[0]!;
      this.calls.push({ ...call, failedWith: f.status } as ConnectorCall);
      return send(f.status, f.body, f.headers);
    }
    this.calls.push(call);
    if (method === "GET" && /^\/v3\/conversations\/[^/]+\/members$/.test(path)) return send(200, this.members as unknown as J);
    if (method === "POST" && path === "/v3/conversations") {
      // Like Teams, a user's 1:1 chat with the bot has one id, whether the bot or the user opened it.
      const members = (body.members as { id: string }[] | undefined) ?? [];
      if (members.some((m) => this.unknownUsers.has(m.id))) return Object.assign(call, { failedWith: 404 }), send(404, { error: { code: "NotFound", message: "member not found" } });
      return send(201, { id: `a:personal-${(members[0]?.id ?? "nobody").replace(/^29:/, "")}`, activityId: "", serviceUrl: this.url });
    }
    const team = /^\/v3\/teams\/([^/]+)\/conversations$/.exec(path);
    if (method === "GET" && team) return send(200, { conversations: this.teamChannels });
    if (m && method === "POST") {
      call.assignedId = `act-${++this.seq}`;
      return send(201, { id: call.assignedId });
    }
    if (m && method === "PUT") return send(200, { id: m[2] ?? "" });
    return send(404, { error: { code: "NotFound", message: `${method} ${path}` } });
  }

  /** The token URL for a tenant ("botframework.com" for multi-tenant bots), like Entra's but on the fake. */
  tokenUrl(tenant = "botframework.com"): string {
    return `${this.url}${tenant}/oauth2/v2.0/token`;
  }

  // Answers like Entra's v2.0 token endpoint for the client-credentials grant (errors: 400/401 with AADSTS text).
  private answerToken(tenant: string, form: Record<string, string>, res: ServerResponse): void {
    this.tokenRequests.push({ tenant, form });
    const send = (status: number, payload: J) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(payload));
    };
    if (form.grant_type !== "client_credentials") return send(400, { error: "unsupported_grant_type", error_description: "AADSTS70003: The app requested an unsupported grant type." });
    if (form.client_id !== this.credentials.clientId)
      return send(400, { error: "unauthorized_client", error_description: `AADSTS700016: Application with identifier '${form.client_id}' was not found in the directory.\r\nTrace ID: fake` });
    if (form.client_secret !== this.credentials.clientSecret)
      return send(401, { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret provided.\r\nTrace ID: fake" });
    send(200, { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: `fake-token-for-${form.scope ?? ""}` });
  }

  /** Requests that were answered with a failure. */
  failed(): (ConnectorCall & { failedWith: number })[] {
    return this.calls.filter((c): c is ConnectorCall & { failedWith: number } => "failedWith" in c);
  }
}
