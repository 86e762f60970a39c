import type { Directory } from "../domain/actors.js";
import type { Policy } from "../domain/policy.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/store.js";
import type { ChatPlatform } from "./ports.js";
import type { Platform } from "../domain/actors.js";
import type { ExportLinks } from "./export-links.js";
import type { PlatformRegistry } from "../platforms/registry.js";
import type { DoctorResult } from "../doctor/run.js";

/** Background work a use case starts after its transaction commits (sending, refreshing cards). */
export interface AfterCommit {
  /** Delivers pending outgoing messages soon; calls coalesce. */
  kickDeliveries(): void;
  /** Re-renders every posted card of the application; calls coalesce per application. */
  refreshCards(applicationId: number): void;
}

/** What every use case runs with; built once in main and in tests. */
export interface AppContext {
  store: Store;
  policy: Policy;
  directory: Directory;
  /** The connected platforms, in the order they were connected (people are reached on the first that knows them). */
  platforms: Map<Platform, ChatPlatform>;
  /** What the core knows about every platform the composition root registered (names, reactions, id formats). */
  registry: PlatformRegistry;
  /** How a person types a command on `platform` ("/sistercity ", or "" where plain words are commands). */
  commandPrefix(platform: string): string;
  clock: () => Date;
  logger: Logger;
  after: AfterCommit;
  /** Signed download links for exported packets. */
  exportLinks: ExportLinks;
  /** Runs the setup checks (`npm run doctor`) with this bot's configuration; given by the composition root, which knows the platforms. */
  doctor?: () => Promise<DoctorResult>;
}
