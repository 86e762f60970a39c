// Who may post to /api/messages, in each mode. Authenticated: a Bot Framework channel token for this bot, bound
// to the activity's serviceUrl, from the city's tenant when one is set, with replies going only to Microsoft.
// Local: this machine only, never through a proxy, with replies going only to this machine.
import type { IncomingMessage } from "node:http";
import type { IToken } from "@microsoft/teams.api";
import type { Logger } from "../../src/logger.js";
import { BotTokenError, type BotTokenValidator } from "./bot-token.js";
import { isLoopback, type GuardResult, type InboundGuard } from "./http-bridge.js";
import { serviceUrlAllowed } from "./service-url.js";

// A reverse proxy on this machine makes every request look local; these headers are how proxies say so.
const PROXY_HEADERS = ["forwarded", "x-forwarded-for", "x-real-ip"];

const refuse = (status: number, error: string): GuardResult => ({ refuse: { status, error } });

function tenantOf(body: Record<string, unknown>): string | undefined {
  const channelData = body.channelData as { tenant?: { id?: unknown } } | undefined;
  const conversation = body.conversation as { tenantId?: unknown } | undefined;
  const id = channelData?.tenant?.id ?? conversation?.tenantId;
  return typeof id === "string" ? id : undefined;
}

/** The guard for local mode (TEAMS_ALLOW_UNAUTHENTICATED_LOCAL=true): the Agents Playground on this machine. */
export function localGuard(logger: Logger): InboundGuard {
  return {
    admit(req) {
      const via = PROXY_HEADERS.find((h) => req.headers[h] !== undefined);
      if (via || !isLoopback(req.socket.remoteAddress)) {
        logger.warn({ from: req.socket.remoteAddress, ...(via ? { header: via } : {}) }, "teams: refused a request in local mode: it came from another machine or through a proxy");
        return refuse(403, "local mode accepts requests from this machine only, not through a proxy; configure TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET to connect Teams");
      }
      return {};
    },
    async check(_req, body) {
      const serviceUrl = typeof body.serviceUrl === "string" ? body.serviceUrl : "";
      if (!serviceUrlAllowed(serviceUrl, "local")) {
        logger.warn("teams: refused an activity in local mode whose serviceUrl is not on this machine");
        return refuse(403, "local mode replies only to this machine: serviceUrl must be a loopback address");
      }
      return {};
    },
  };
}

/** The guard for real Teams: every check the SDK's own validator leaves out, and the ones it does, in one place. */
export function authenticatedGuard(opts: { validate: BotTokenValidator; tenantId?: string; logger: Logger }): InboundGuard {
  const { logger } = opts;
  return {
    admit: () => ({}),
    async check(req, body) {
      const serviceUrl = typeof body.serviceUrl === "string" ? body.serviceUrl : undefined;
      const header = req.headers.authorization;
      let claims;
      try {
        claims = await opts.validate(typeof header === "string" ? header : undefined, serviceUrl);
      } catch (e) {
        if (!(e instanceof BotTokenError)) logger.error({ err: e instanceof Error ? e.message : String(e) }, "teams: could not check a token (OpenID metadata or keys unreachable?)");
        else logger.warn({ reason: e.message, type: typeof body.type === "string" ? body.type : undefined }, "teams: refused an activity: its token is not a valid Bot Framework token for this bot");
        return refuse(401, "a valid Bot Framework token for this bot is required");
      }
      if (opts.tenantId && tenantOf(body) !== opts.tenantId) {
        logger.warn({ tenant: tenantOf(body) }, "teams: refused an activity from another tenant (TEAMS_TENANT_ID)");
        return refuse(401, "this bot serves one Microsoft 365 tenant only");
      }
      if (!serviceUrlAllowed(claims.serviceUrl, "authenticated")) {
        logger.warn({ serviceUrl: claims.serviceUrl }, "teams: refused an activity whose serviceUrl is not a Microsoft Bot Connector host");
        return refuse(403, "serviceUrl is not a Microsoft Bot Connector host");
      }
      const token: IToken = {
        appId: claims.appId,
        from: "azure",
        fromId: "",
        serviceUrl: claims.serviceUrl,
        ...(claims.expiresAt ? { expiration: claims.expiresAt } : {}),
        isExpired: () => false, // checked just now
        toString: () => "",
      };
      return { token };
    },
  };
}
