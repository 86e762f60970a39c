import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "./logger.js";

/** A handler for one path; adapters mount theirs here so everything shares one port. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** The bot's single HTTP server: /healthz plus whatever the adapters mount. */
export interface HttpServer {
  mount(path: string, handler: RouteHandler): void;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
  readonly server: Server;
}

/** Creates the server. `healthCheck` should throw when the database does not answer. */
export function createHttpServer(opts: { logger: Logger; healthCheck: () => Promise<void> }): HttpServer {
  const routes = new Map<string, RouteHandler>();
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path === "/healthz" && (req.method === "GET" || req.method === "HEAD")) {
      opts
        .healthCheck()
        .then(() => send(res, 200, { status: "ok", database: "ok" }))
        .catch((e: unknown) => {
          opts.logger.error({ err: e instanceof Error ? e.message : String(e) }, "health check failed");
          send(res, 503, { status: "unavailable", database: "not answering" });
        });
      return;
    }
    // Exact paths first, then prefixes (registered with a trailing slash, e.g. /exports/).
    const handler = routes.get(path) ?? [...routes].find(([p]) => p.endsWith("/") && path.startsWith(p))?.[1];
    if (!handler) return send(res, 404, { error: "not found" });
    Promise.resolve(handler(req, res)).catch((e: unknown) => {
      opts.logger.error({ err: e instanceof Error ? e.stack : String(e), path }, "request handler failed");
      if (!res.headersSent) send(res, 500, { error: "internal error" });
    });
  });
  // Slack and Teams keep connections alive; close idle ones promptly on shutdown.
  server.keepAliveTimeout = 65_000;
  return {
    server,
    mount(path, handler) {
      routes.set(path, handler);
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const addr = server.address();
          resolve(typeof addr === "object" && addr ? addr.port : port);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}
