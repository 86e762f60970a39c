import type { Config } from "./config/index.js";
import type { AppContext } from "./app/context.js";
import type { ChatPlatform, ConversationRefStore } from "./app/ports.js";
import { createConversationRefStore } from "./store/conversation-refs.js";
import { createAppContext } from "./app/create-context.js";
import type { PlatformDoctorInput, PlatformReport } from "./doctor/check.js";
import type { Background } from "./app/background.js";
import { createLogger, type Logger } from "./logger.js";
import { ConfigError } from "./config/index.js";
import { createPlatformRegistry, checkPolicyPlatforms, type PlatformEntry } from "./platforms/registry.js";
import { createDispatcher, type Dispatcher } from "./inbound/dispatcher.js";
import { connectedPlatformWords } from "./inbound/commands.js";
import { createHttpServer, type HttpServer } from "./server.js";
import { createDb, databaseProvider } from "./store/db.js";
import { migrateIfNeeded } from "./store/migrate.js";
import { createStore, type Store } from "./store/store.js";
import { sharedSecret } from "./store/shared-secret.js";
import { grantRuntimeRole, roleOf } from "./store/roles.js";
import { EXPORT_LINK_SECRET_KEY } from "./app/export-links.js";
import { startScheduler, type Scheduler } from "./scheduler/index.js";
import { resolvePeople, unreachablePeople } from "./app/resolve-people.js";
import { runSetupChecks } from "./doctor/run.js";
import { unreachableLine } from "./views/people-view.js";

/** A platform adapter as the core sees it: it mounts routes, then sends through its ChatPlatform. */
export interface Adapter {
  platform: ChatPlatform;
  /** Resolves when no request handler is running (used to drain on shutdown, and by tests). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Creates one platform's adapter when its configuration is present; the entry point passes them in. */
export interface AdapterFactory {
  /** The platform as the registry knows it (id, display name, id format, default reactions, env variables). */
  entry: PlatformEntry;
  /** Plain words for the start-up log: whether it is on, and how to turn it on. */
  describe(config: Config): { enabled: boolean; how: string };
  create(deps: AdapterDeps): Promise<Adapter>;
  /** Checks this platform's live setup for `npm run doctor`; loads the platform's SDK only when called. */
  doctor?(input: PlatformDoctorInput): Promise<PlatformReport>;
}

/** The part of the use-case context an adapter may see; use cases and the store stay behind the inbound port. */
export type AdapterView = Readonly<Pick<AppContext, "policy" | "directory" | "clock" | "logger" | "commandPrefix">>;

/** What an adapter is built with: the inbound port it hands events to, and the shared HTTP server. */
export interface AdapterDeps {
  /** The core's inbound port: every click, form, command and reaction goes here. */
  inbound: Dispatcher;
  /** Where the adapter keeps conversation references for proactive messages. */
  conversations: ConversationRefStore;
  /** What adapters may read of the core: who people are (roles, for id aliases), the policy and the clock. */
  ctx: AdapterView;
  config: Config;
  server: HttpServer;
  logger: Logger;
}

/** A running bot. */
export interface Bot {
  ctx: AppContext & { after: Background };
  store: Store;
  port: number;
  /** Resolves when no request handler, delivery or card refresh is running. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the bot: migrate the database if needed, open it, mount the adapters on one HTTP server, start the
 * scheduler. Logs in plain words what is connected and what would connect the rest.
 */
export async function startBot(config: Config, factories: AdapterFactory[], opts: { logger?: Logger; scheduler?: boolean; clock?: () => Date } = {}): Promise<Bot> {
  const logger = opts.logger ?? createLogger(config.env.LOG_LEVEL);
  // The composition root decides which platforms exist; the policy may only name those.
  const registry = createPlatformRegistry(factories.map((f) => f.entry));
  const envProblems = factories.flatMap((f) => f.entry.envProblems(config.platformEnv));
  if (envProblems.length > 0) throw new ConfigError(envProblems);
  const platformCheck = checkPolicyPlatforms(registry, config.policy);
  if (platformCheck.errors.length > 0) throw new ConfigError(platformCheck.errors.map((p) => `${config.policyFile}: ${p}`));
  for (const w of platformCheck.warnings) logger.warn(`${config.policyFile}: ${w}`);
  const url = config.env.DATABASE_URL;
  const provider = databaseProvider(url);
  // With two PostgreSQL roles the owner migrates and grants; the bot itself runs as the runtime role.
  const ownerUrl = config.env.MIGRATION_DATABASE_URL ?? url;
  const { applied } = await migrateIfNeeded({ url: ownerUrl, logger });
  if (applied.length > 0) logger.info({ applied }, `database migrated (${applied.length} migration(s))`);
  if (config.env.MIGRATION_DATABASE_URL && roleOf(ownerUrl) !== roleOf(url)) await grantRuntimeRole(ownerUrl, roleOf(url), logger);
  else if (provider === "postgresql")
    logger.warn(
      `${config.env.MIGRATION_DATABASE_URL ? "MIGRATION_DATABASE_URL names the same role as DATABASE_URL" : "MIGRATION_DATABASE_URL is not set"}: if DATABASE_URL's role owns the tables, it can rewrite the audit log (audit:verify detects it, nothing prevents it). See README, Database roles.`,
    );
  const db = await createDb(url);
  const store = createStore(db, provider);
  // Shared by every replica and kept across restarts, so a link made by one works on all of them.
  const exportLinkSecret = await sharedSecret(db, EXPORT_LINK_SECRET_KEY, config.env.EXPORT_LINK_SECRET);
  const ctx = createAppContext({ store, policy: config.policy, logger, registry, exportLinkSecret, platformEnv: config.platformEnv, ...(opts.clock ? { clock: opts.clock } : {}) });
  const inbound = createDispatcher(ctx);
  const conversations = createConversationRefStore(db);

  const server = createHttpServer({
    logger,
    healthCheck: async () => {
      await db.$queryRawUnsafe("SELECT 1");
    },
  });
  const adapters: Adapter[] = [];
  for (const f of factories) {
    const d = f.describe(config);
    const id = f.entry.id;
    if (!d.enabled) {
      logger.info(`${id}: not configured — ${d.how}`);
      continue;
    }
    const adapter = await f.create({ inbound, conversations, ctx, config, server, logger: logger.child({ platform: id }) });
    ctx.platforms.set(id, adapter.platform);
    adapters.push(adapter);
    logger.info(`${id}: connected — ${d.how}`);
  }
  // The chat's `doctor` and `roles` commands run the same checks as `npm run doctor`, with this configuration.
  ctx.doctor = () => runSetupChecks({ config, platforms: factories, logger: logger.child({ component: "doctor" }) });
  // People given by e-mail: look them up now, so the first card already reaches them.
  try {
    await resolvePeople(ctx);
  } catch (e) {
    logger.warn({ err: e instanceof Error ? e.message : String(e) }, "could not look people up by e-mail; the sweep tries again");
  }
  for (const p of unreachablePeople(ctx)) logger.warn({ person: p.id }, `${config.policyFile}: ${unreachableLine(p, connectedPlatformWords(ctx))}`);
  if (adapters.length === 0) logger.warn("no chat platform is configured: the bot runs, stores nothing new and sends nothing until one is (see .env.example)");
  if (config.policy.people.length === 0) logger.warn(`${config.policyFile}: no people configured, so nobody holds the director, commissioner or clerk role yet`);

  server.mount("/exports/", async (req, res) => {
    if (req.method !== "GET") return void res.writeHead(405).end();
    const token = (req.url ?? "").split("?")[0]!.slice("/exports/".length);
    const r = await ctx.exportLinks.serve(ctx, token, ctx.clock());
    res.writeHead(r.status, {
      "content-type": r.type,
      "cache-control": "no-store",
      ...(r.filename ? { "content-disposition": `attachment; filename="${r.filename}"` } : {}),
    });
    res.end(r.body);
  });
  const port = await server.listen(config.env.PORT, config.env.HOST);
  ctx.exportLinks.baseUrl = config.env.PUBLIC_URL ?? `http://localhost:${port}`;
  const scheduler: Scheduler | null = opts.scheduler === false ? null : startScheduler(ctx, config.env.SWEEP_CRON);
  logger.info({ port, database: provider === "sqlite" ? url : "postgresql" }, `Sister Cities bot for ${config.policy.city.name} listening on port ${port} (GET /healthz)`);
  ctx.after.kickDeliveries(); // whatever fell due while the bot was down

  // A handler may start background work (deliveries, card refreshes); background work never starts a handler.
  const idle = async (): Promise<void> => {
    await Promise.all(adapters.map((a) => a.idle()));
    await ctx.after.idle();
  };


  return {
    ctx,
    store,
    port,
    idle,
    async stop() {
      await scheduler?.stop();
      await server.close();
      await idle();
      for (const a of adapters) await a.stop();
      await store.close();
    },
  };
}
