import { randomUUID } from "node:crypto";
import type { Tx } from "../store/store.js";
import type { CardView } from "../views/model.js";

/** Who a delivery is for: a person from the roster (or "<platform>:<user id>" for someone not on it), or the commission channel. */
export type Target = { person: string } | { channel: "commission" };

/** The card kinds that are rendered from current state when sent, and updated in place afterwards. */
export type TrackedCard = "intake" | "commission";

/** What a Delivery row carries. */
export type DeliveryPayload =
  | { type: "card"; card: TrackedCard; to: Target }
  | { type: "message"; to: Target; view: CardView }
  | { type: "refresh" };

/**
 * Queues an outgoing message in the caller's transaction, so it is sent exactly when the change commits and is
 * never lost if the process dies before sending: the sweep picks up whatever is still pending.
 */
export async function enqueue(
  tx: Tx,
  d: { applicationId: number | null; payload: DeliveryPayload; dueAt: Date; key?: string },
): Promise<void> {
  await tx.delivery.create({
    data: {
      key: d.key ?? randomUUID(),
      applicationId: d.applicationId,
      kind: d.payload.type,
      payload: d.payload as object,
      dueAt: d.dueAt,
    },
  });
}

/** Queues a plain notification to a person. */
export function notify(tx: Tx, applicationId: number | null, person: string, view: CardView, now: Date): Promise<void> {
  return enqueue(tx, { applicationId, payload: { type: "message", to: { person }, view }, dueAt: now });
}
