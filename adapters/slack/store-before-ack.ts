// Bolt acknowledges an Events API request before any listener runs, so a reaction would be "received" before it is
// stored, and a crash in between would lose the vote. This receiver wraps Bolt's own (which still checks every
// signature) and holds that acknowledgement for reaction events until the listener says the event is stored.
import type { App, Receiver, ReceiverEvent } from "@slack/bolt";

/** Events whose acknowledgement waits for the store. */
const HELD = new Set(["reaction_added", "reaction_removed"]);

/** A receiver wrapper, and the function a listener calls (with the request body it got) once the event is stored. */
export interface StoreBeforeAck {
  receiver: Receiver;
  /** Acknowledges the held request whose body this is (a no-op for requests not held, or already acknowledged). */
  stored(body: unknown): Promise<void>;
}

/** Wraps `inner` so that reaction events are acknowledged by `stored(body)`, or at the latest when their listeners end. */
export function storeBeforeAck(inner: Receiver): StoreBeforeAck {
  const held = new WeakMap<object, () => Promise<void>>();
  const isHeld = (body: unknown): body is object => {
    const b = body as { type?: unknown; event?: { type?: unknown } } | null;
    return !!b && b.type === "event_callback" && typeof b.event?.type === "string" && HELD.has(b.event.type);
  };
  return {
    receiver: {
      init(app: App) {
        const processEvent = async (ev: ReceiverEvent): Promise<void> => {
          if (!isHeld(ev.body)) return app.processEvent(ev);
          let acked = false;
          const ackNow = async () => {
            if (acked) return;
            acked = true;
            await ev.ack();
          };
          held.set(ev.body, ackNow);
          try {
            // Bolt's own early ack becomes a no-op; the listener acknowledges once the event is stored.
            await app.processEvent({ ...ev, ack: async () => undefined });
          } finally {
            // An event no listener stored (not a vote reaction, or a failure) is still acknowledged, as Bolt would.
            await ackNow();
          }
        };
        inner.init({ processEvent } as unknown as App);
      },
      start: (...args: unknown[]) => inner.start(...args),
      stop: (...args: unknown[]) => inner.stop(...args),
    },
    async stored(body) {
      if (body && typeof body === "object") await held.get(body)?.();
    },
  };
}
