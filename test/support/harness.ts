// A use-case harness: a fresh database, the test policy, a settable clock and recording platforms.
import { createAppContext } from "../../src/app/create-context.js";
import { createPlatformRegistry } from "../../src/platforms/registry.js";
import { slackEntry } from "../../adapters/slack/entry.js";
import { teamsEntry } from "../../adapters/teams/entry.js";
import type { Policy } from "../../src/domain/policy.js";
import { createSilentLogger } from "../../src/logger.js";
import { testDatabase, type Provider, type TestDatabase } from "./databases.js";
import { testPolicy } from "./fixtures.js";
import { RecordingPlatform } from "./recording-platform.js";

export interface Harness {
  db: TestDatabase;
  ctx: ReturnType<typeof createAppContext>;
  slack: RecordingPlatform;
  teams: RecordingPlatform;
  now: { value: Date };
  /** Waits until deliveries and card refreshes started by use cases are done. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Creates a harness; pass `platforms: []` to run with nothing connected. */
export async function createHarness(provider: Provider, opts: { policy?: Policy; platforms?: ("slack" | "teams")[] } = {}): Promise<Harness> {
  const db = await testDatabase(provider);
  const now = { value: new Date("2027-03-01T17:00:00Z") };
  const registry = createPlatformRegistry([slackEntry, teamsEntry]);
  const ctx = createAppContext({ store: db.store, policy: opts.policy ?? testPolicy(), logger: createSilentLogger(), clock: () => now.value, registry, refreshGapMs: 0 });
  const slack = new RecordingPlatform("slack");
  const teams = new RecordingPlatform("teams");
  for (const p of opts.platforms ?? ["slack"]) ctx.platforms.set(p, p === "slack" ? slack : teams);
  return {
    db,
    ctx,
    slack,
    teams,
    now,
    settle: () => ctx.after.idle(),
    async close() {
      await ctx.after.idle();
      await db.drop();
    },
  };
}
