import type { Status } from "../domain/workflow.js";
import { StaleRead, type Tx } from "../store/store.js";

/** What else a status change may write on the application row. */
export type StatusChangeData = Omit<NonNullable<Parameters<Tx["application"]["updateMany"]>[0]>["data"], "status" | "statusChangedAt" | "revision">;

/**
 * Moves an application to `to` in the caller's transaction, if nobody changed it since it was read: the update is
 * conditioned on the revision read, and a concurrent writer makes it throw StaleRead so the transaction starts over.
 */
export async function transition(tx: Tx, app: { id: number; revision: number }, to: Status, now: Date, data: StatusChangeData = {}): Promise<void> {
  const { count } = await tx.application.updateMany({
    where: { id: app.id, revision: app.revision },
    data: { ...data, status: to, statusChangedAt: now, revision: { increment: 1 } },
  });
  if (count !== 1) throw new StaleRead();
}
