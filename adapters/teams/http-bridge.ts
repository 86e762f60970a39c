import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpMethod, HttpRouteHandler, IHttpServerAdapter } from "@microsoft/teams.apps";
import type { Logger } from "../../src/logger.js";
import type { RouteHandler } from "../../src/server.js";

// Bot Framework activities are small (a Teams message is at most ~28 KB); anything far larger is not Teams.
const MAX_BODY_BYTES = 1024 * 1024;

/** The SDK's transport seam, plus plain node:http handlers that feed it from the bot's shared server. */
export interface HttpBridge extends IHttpServerAdapter {
  /**
   * The handler to mount on the shared server for a path the SDK registered (e.g. /api/messages). With
   * `loopbackOnly`, requests from other machines are refused before they reach the SDK.
   */
  handlerFor(path: string, opts?: { loopbackOnly?: boolean }): RouteHandler;
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
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, "request body too large"));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("error", reject);
    req.on("end", () => {
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
 * Creates the bridge. The SDK keeps the Teams protocol (JWT validation, activity routing, invoke responses); the
 * bridge only moves bytes, so the endpoint shares the bot's one port instead of starting the SDK's Express server.
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
    handlerFor(path, opts = {}) {
      return async (req, res) => {
        const handler = routes.get(`${req.method ?? ""} ${path}`);
        if (!handler) return reply(res, 405, { error: `use POST ${path}` });
        if (closed) return reply(res, 503, { error: "shutting down" });
        if (opts.loopbackOnly && !isLoopback(req.socket.remoteAddress)) {
          logger.warn({ from: req.socket.remoteAddress }, `teams: refused ${path} from another machine: without TEAMS_CLIENT_ID/SECRET only local tools may post`);
          return reply(res, 403, { error: "unauthenticated mode accepts local requests only; configure TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET" });
        }
        let body: unknown;
        try {
          body = await readJson(req);
        } catch (e) {
          const status = e instanceof HttpError ? e.status : 400;
          return reply(res, status, { error: e instanceof Error ? e.message : "bad request" });
        }
        const headers: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = v;
        const started = Date.now();
        const out = await handler({ body, headers });
        const ms = Date.now() - started;
        if (out.status >= 400) logger.warn({ status: out.status, ms }, `teams: ${path} answered ${out.status}`);
        else logger.debug({ status: out.status, ms }, `teams: ${path} answered`);
        reply(res, out.status, out.body);
      };
    },
  };
}
