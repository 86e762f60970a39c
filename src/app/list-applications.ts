import type { Actor } from "../domain/actors.js";
import { hasRole } from "../domain/actors.js";
import { applicationNumber, type Status } from "../domain/status.js";
import { QUEUES, statusesInQueue } from "../domain/workflow.js";
import { formatDateTime } from "../views/application-summary.js";
import { clip } from "../views/model.js";
import type { CardView } from "../views/model.js";
import { listView, type ListItem } from "../views/status-view.js";
import type { AppContext } from "./context.js";
import { answersOf } from "./read-model.js";

/** Which list: the asker's own applications, everything (director/clerk), or the asker's role queue. */
export type ListScope = "mine" | "all" | "queue";

// The role queues, in the order they are shown, with their statuses from the workflow table.
const QUEUE_LIST = (["intake", "council", "commission"] as const).map((q) => ({ ...QUEUES[q], statuses: statusesInQueue(q) }));

/** Applications for a list reply or the App Home tab. */
export async function listApplications(ctx: AppContext, input: { actor: Actor; scope: ListScope }): Promise<CardView[]> {
  const member = ctx.directory.resolve(input.actor);
  const db = ctx.store.db;
  const tz = ctx.policy.city.timeZone;
  const toItems = (rows: Awaited<ReturnType<typeof db.application.findMany>>): ListItem[] =>
    rows.map((r) => ({ id: r.id, status: r.status as Status, answers: answersOf(r), applicantName: r.applicantName, updatedAt: r.updatedAt }));

  if (input.scope === "all" && hasRole(member, "director", "clerk")) {
    const rows = await db.application.findMany({ where: { status: { not: "draft" } }, orderBy: { id: "desc" }, take: 100 });
    return [listView({ title: "All applications", items: toItems(rows), timeZone: tz, empty: "No applications yet." })];
  }
  const views: CardView[] = [];
  if (input.scope === "queue") {
    for (const q of QUEUE_LIST) {
      if (!q.roles.some((r) => member.roles.has(r))) continue;
      const rows = await db.application.findMany({ where: { status: { in: q.statuses } }, orderBy: { statusChangedAt: "asc" }, take: 50 });
      views.push(listView({ title: q.title, items: toItems(rows), timeZone: tz, empty: "Nothing waiting." }));
    }
  }
  if (input.scope === "queue" && hasRole(member, "director")) {
    // Nothing is dropped silently: what could not be sent after every retry is shown to the director.
    const failed = await db.delivery.findMany({ where: { status: "failed" }, orderBy: { id: "desc" }, take: 10 });
    if (failed.length > 0)
      views.push({
        kind: "card",
        summary: `${failed.length} message(s) could not be sent`,
        blocks: [
          { type: "header", text: "Messages that could not be sent" },
          ...failed.map((f) => ({
            type: "text" as const,
            text: clip(`${f.applicationId ? `${applicationNumber(f.applicationId)}: ` : ""}${f.kind} due ${formatDateTime(f.dueAt, tz)} — ${f.lastError ?? "unknown error"}`, 500),
            tone: "attention" as const,
          })),
          { type: "text", text: "Check the people and channels in the policy file, and that the app is installed where it posts.", small: true },
        ],
      });
  }
  const mine = await db.application.findMany({ where: { applicantId: member.personId }, orderBy: { id: "desc" }, take: 50 });
  views.push(listView({ title: "My applications", items: toItems(mine), timeZone: tz, empty: "You have no applications. Start one with apply." }));
  return views;
}
