import cron from "node-cron";
import { closeDueVotes } from "../app/close-vote.js";
import type { AppContext } from "../app/context.js";
import { sendDueDeliveries } from "../app/send-due-deliveries.js";
import { resolvePeople } from "../app/resolve-people.js";

/** How long platform event ids are remembered; Slack and Teams retry within minutes, never days. */
const EVENT_MEMORY_MS = 7 * 24 * 3600_000;

/** The periodic sweep: learn ids found by e-mail (here or by another replica), close votes past their deadline, send whatever is due, forget old event ids. */
export async function sweep(ctx: AppContext): Promise<void> {
  try {
    await resolvePeople(ctx, { quiet: true });
  } catch (e) {
    // A platform that cannot answer must not hold back votes and reminders.
    ctx.logger.warn({ err: e instanceof Error ? e.message : String(e) }, "could not look people up by e-mail; the next sweep tries again");
  }
  await closeDueVotes(ctx);
  await sendDueDeliveries(ctx);
  await ctx.store.db.processedEvent.deleteMany({ where: { createdAt: { lt: new Date(ctx.clock().getTime() - EVENT_MEMORY_MS) } } });
}

/** A running schedule that can be stopped. */
export interface Scheduler {
  stop(): Promise<void>;
}

/**
 * Starts node-cron on `expression` (default every minute). Nothing is kept only in memory: the sweep reads due
 * rows from the database, so a restart after downtime sends what fell due meanwhile, once.
 */
export function startScheduler(ctx: AppContext, expression: string): Scheduler {
  if (!cron.validate(expression)) throw new Error(`SWEEP_CRON: "${expression}" is not a valid cron expression`);
  const task = cron.schedule(
    expression,
    async () => {
      try {
        await sweep(ctx);
      } catch (e) {
        ctx.logger.error({ err: e instanceof Error ? e.message : String(e) }, "sweep failed; the next one retries");
      }
    },
    { timezone: ctx.policy.city.timeZone, noOverlap: true, name: "sweep" },
  );
  return {
    async stop() {
      await task.stop();
    },
  };
}
