import { createDirectory, type Platform } from "../domain/actors.js";
import type { Policy } from "../domain/policy.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/store.js";
import { createBackground, type Background } from "./background.js";
import type { AppContext } from "./context.js";
import type { ChatPlatform } from "./ports.js";
import { createExportLinks } from "./export-links.js";
import { createPlatformRegistry, type PlatformEnv, type PlatformRegistry } from "../platforms/registry.js";

/** Builds the use-case context; platforms are added by the adapters as they start. */
export function createAppContext(opts: { store: Store; policy: Policy; logger: Logger; clock?: () => Date; publicUrl?: string; exportLinkSecret?: Buffer; registry?: PlatformRegistry; platformEnv?: PlatformEnv }): AppContext & { after: Background } {
  const platforms = new Map<Platform, ChatPlatform>();
  const registry = opts.registry ?? createPlatformRegistry();
  const env = opts.platformEnv ?? {};
  const ctx: AppContext & { after: Background } = {
    store: opts.store,
    policy: opts.policy,
    directory: createDirectory(opts.policy),
    platforms,
    registry,
    commandPrefix: (platform) => registry.get(platform)?.commandPrefix(env) ?? "",
    clock: opts.clock ?? (() => new Date()),
    logger: opts.logger,
    after: createBackground(() => ctx),
    exportLinks: createExportLinks(opts.publicUrl ?? "http://localhost:3978", opts.exportLinkSecret ?? null),
  };
  return ctx;
}
