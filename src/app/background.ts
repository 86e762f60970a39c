import type { AfterCommit, AppContext } from "./context.js";
import { refreshCardsNow } from "./refresh-cards.js";
import { sendDueDeliveries } from "./send-due-deliveries.js";
import { applyPendingVotes, type Applied } from "./vote-inbox.js";

/** The applier starts once no vote arrived for this long, so that votes arriving together are applied together. */
export const APPLY_DELAY_MS = 15;
/** …but never waits longer than this for a burst to end. */
export const APPLY_MAX_WAIT_MS = 1_000;

/** The default shortest time between two refreshes of one application's cards. */
export const REFRESH_GAP_MS = 1_000;

/** Runs `task` now, or once more after the current run if asked again meanwhile (later calls coalesce). */
function coalescing(task: () => Promise<void>, onError: (e: unknown) => void) {
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await task();
        } catch (e) {
          onError(e);
        }
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };
  return { run, current: () => running };
}

/** The after-commit runner: sends deliveries and refreshes cards off the request path, and can be awaited in tests. */
export interface Background extends AfterCommit {
  /** Resolves when nothing is running any more. */
  idle(): Promise<void>;
}

/** Creates the runner for a context (assign it to `ctx.after`). */
export function createBackground(getCtx: () => AppContext, refreshGapMs = REFRESH_GAP_MS, applyDelayMs = APPLY_DELAY_MS): Background {
  const log = (what: string) => (e: unknown) => getCtx().logger.error({ err: e instanceof Error ? e.message : String(e) }, `${what} failed`);
  const deliveries = coalescing(async () => {
    await sendDueDeliveries(getCtx());
  }, log("sending deliveries"));
  // Who waits for which inbox row (the request that stored it, to tell the voter what was recorded).
  const waiters = new Map<string, (r: Applied) => void>();
  let lastKick = 0;
  const votes = coalescing(async () => {
    // Wait while votes keep arriving (up to APPLY_MAX_WAIT_MS): the rest of a burst is stored and acknowledged
    // first, without queueing behind the applier's transactions, and then applied together.
    const started = Date.now();
    for (;;) {
      const wait = Math.min(lastKick + applyDelayMs, started + APPLY_MAX_WAIT_MS) - Date.now();
      if (wait <= 0) break;
      await new Promise((r) => setTimeout(r, wait));
    }
    const before = [...waiters.keys()];
    try {
      await applyPendingVotes(getCtx(), (key, r) => {
        waiters.get(key)?.(r);
        waiters.delete(key);
      });
    } finally {
      // Stored before this run began and not applied by it: another replica holds it (or the sweep will apply it).
      for (const key of before) {
        waiters.get(key)?.({ kind: "elsewhere" });
        waiters.delete(key);
      }
    }
  }, log("applying votes"));
  const refreshers = new Map<number, ReturnType<typeof coalescing>>();
  // A burst of votes asks for many refreshes: one application's cards are refreshed at most every `refreshGapMs`
  // (platforms rate-limit message updates). The run after the burst renders the final state, so it is exact.
  const lastRefresh = new Map<number, number>();
  const gap = async (applicationId: number): Promise<void> => {
    const wait = (lastRefresh.get(applicationId) ?? -Infinity) + refreshGapMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lastRefresh.set(applicationId, Date.now());
  };
  return {
    applyVotes(key) {
      lastKick = Date.now();
      if (!key) {
        void votes.run();
        return Promise.resolve(null);
      }
      const result = new Promise<Applied>((resolve) => waiters.set(key, resolve));
      void votes.run();
      return result;
    },
    kickDeliveries(afterMs) {
      if (afterMs === undefined || afterMs <= 0) return void deliveries.run();
      // The row is durable; this only wakes the sweep when it falls due instead of at the next cron tick.
      setTimeout(() => void deliveries.run(), afterMs).unref();
    },
    refreshCards(applicationId) {
      let r = refreshers.get(applicationId);
      if (!r) {
        r = coalescing(async () => {
          await gap(applicationId);
          await refreshCardsNow(getCtx(), applicationId);
        }, log("refreshing cards"));
        refreshers.set(applicationId, r);
      }
      void r.run().finally(() => {
        if (!r.current()) refreshers.delete(applicationId);
      });
    },
    async idle() {
      for (;;) {
        const pending = [votes.current(), deliveries.current(), ...[...refreshers.values()].map((r) => r.current())].filter((p): p is Promise<void> => p !== null);
        if (pending.length === 0) return;
        await Promise.all(pending);
      }
    },
  };
}
