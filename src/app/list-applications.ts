import type { Actor } from "../domain/actors.js";
import { hasRole } from "../domain/actors.js";
import { applicationNumber, type Status } from "../domain/status.js";
import { QUEUES, statusesInQueue } from "../domain/workflow.js";
import { formatDateTime } from "../views/application-summary.js";
import { clip } from "../views/model.js";
import type { CardView } from "../views/model.js";
import { commandText, replies } from "../views/replies.js";
import { listView, type ListItem } from "../views/status-view.js";
import type { AppContext } from "./context.js";
import { answersOf } from "./read-model.js";

/** Which list: the asker's own applications, everything (director/clerk), or the asker's role queue. */
export type ListScope = "mine" | "all" | "queue";

/** Items per page of a list. */
export const PAGE_SIZE = 20;

type Row = Awaited<ReturnType<AppContext["store"]["db"]["application"]["findMany"]>>[number];
/** A slice of the list: these statuses, in this order; slices are shown one after another. */
type Slice = { statuses: Status[]; newestFirst?: boolean };

// The role queues, in the order they are shown, with their statuses from the workflow table.
const QUEUE_LIST = (["intake", "council", "commission"] as const).map((q) => ({ ...QUEUES[q], statuses: statusesInQueue(q) }));

// What needs action comes first: new applications, then those with the commission, then council and agreement,
// then those back with their applicant; decided ones last, the most recent first.
const ALL_ORDER: Slice[] = [
  { statuses: ["submitted"] },
  { statuses: ["commission_review"] },
  { statuses: ["commission_approved", "council_scheduled", "council_adopted"] },
  { statuses: ["returned"] },
  { statuses: ["established", "rejected", "commission_denied", "council_rejected", "withdrawn"], newestFirst: true },
];
// For an applicant: what waits for them (drafts, returned ones) first.
const MINE_ORDER: Slice[] = [{ statuses: ["returned", "draft"] }, ...ALL_ORDER.filter((s) => !s.statuses.includes("returned"))];

/** Reads "list", "list 2", "list all", "list all 3", "list mine 2" (after the word list) into a scope and a page. */
export function parseListArgs(words: readonly string[], fallback: ListScope = "queue"): { scope: ListScope; page: number } {
  let scope = fallback;
  let page = 1;
  for (const w of words.map((x) => x.toLowerCase())) {
    if (w === "all" || w === "mine" || w === "queue") scope = w;
    else if (/^\d{1,4}$/.test(w) && Number(w) >= 1) page = Number(w);
  }
  return { scope, page };
}

/**
 * Counts the whole list and reads one page of it, slice by slice in the given order (oldest first within a slice,
 * as the longest-waiting item needs action first).
 */
async function pageOf(ctx: AppContext, where: object, order: Slice[], page: number): Promise<{ total: number; rows: Row[]; offset: number }> {
  const db = ctx.store.db;
  const counts = await Promise.all(order.map((o) => db.application.count({ where: { ...where, status: { in: o.statuses } } })));
  const total = counts.reduce((a, b) => a + b, 0);
  const offset = (page - 1) * PAGE_SIZE;
  const rows: Row[] = [];
  let skip = offset;
  for (const [i, o] of order.entries()) {
    const n = counts[i]!;
    if (rows.length >= PAGE_SIZE) break;
    if (skip >= n) {
      skip -= n;
      continue;
    }
    const dir = o.newestFirst ? "desc" : "asc";
    rows.push(...(await db.application.findMany({ where: { ...where, status: { in: o.statuses } }, orderBy: [{ statusChangedAt: dir }, { id: dir }], skip, take: PAGE_SIZE - rows.length })));
    skip = 0;
  }
  return { total, rows, offset };
}

/** Applications for a list reply or the App Home tab; `page` (from 1) pages through long lists, 20 at a time. */
export async function listApplications(ctx: AppContext, input: { actor: Actor; scope: ListScope; page?: number }): Promise<CardView[]> {
  const member = ctx.directory.resolve(input.actor);
  const db = ctx.store.db;
  const tz = ctx.policy.city.timeZone;
  const page = Math.max(1, Math.floor(input.page ?? 1));
  const prefix = ctx.commandPrefix(input.actor.platform);
  const toItems = (rows: Row[]): ListItem[] =>
    rows.map((r) => ({ id: r.id, status: r.status as Status, answers: answersOf(r), applicantName: r.applicantName, updatedAt: r.updatedAt }));
  const view = (title: string, empty: string, p: { total: number; rows: Row[]; offset: number }, command: string, note?: string) =>
    listView({ title, items: toItems(p.rows), timeZone: tz, empty, max: PAGE_SIZE, page: { total: p.total, offset: p.offset, nextCommand: `${command} ${page + 1}` }, prefix, ...(note ? { note } : {}) });

  if (input.scope === "all" && hasRole(member, "director", "clerk")) {
    return [view("All applications", "No applications yet.", await pageOf(ctx, {}, ALL_ORDER, page), "list all")];
  }
  const views: CardView[] = [];
  if (input.scope === "queue") {
    for (const q of QUEUE_LIST) {
      if (!q.roles.some((r) => member.roles.has(r))) continue;
      views.push(view(q.title, "Nothing waiting.", await pageOf(ctx, {}, [{ statuses: q.statuses }], page), "list"));
    }
  }
  if (input.scope === "queue" && hasRole(member, "director")) {
    // Nothing is dropped silently: what could not be sent after every retry is shown to the director.
    const [failed, failedCount] = await Promise.all([
      db.delivery.findMany({ where: { status: "failed" }, orderBy: { id: "desc" }, take: 10 }),
      db.delivery.count({ where: { status: "failed" } }),
    ]);
    if (failed.length > 0)
      views.push({
        kind: "card",
        summary: `${failedCount} message(s) could not be sent`,
        blocks: [
          { type: "header", text: "Messages that could not be sent" },
          ...failed.map((f) => ({
            type: "text" as const,
            text: clip(`${f.applicationId ? `${applicationNumber(f.applicationId)}: ` : ""}${f.kind} due ${formatDateTime(f.dueAt, tz)} — ${f.lastError ?? "unknown error"}`, 500),
            tone: "attention" as const,
          })),
          { type: "text", text: `${failedCount > failed.length ? `The latest ${failed.length} of ${failedCount} are shown. ` : ""}Check the people and channels in the policy file, and that the app is installed where it posts.`, small: true },
        ],
      });
  }
  // "list all" from anyone else shows their own applications, and says so rather than silently answering another list.
  const onlyMine = input.scope === "all";
  const mine = await pageOf(ctx, { applicantId: member.personId }, MINE_ORDER, input.scope === "mine" || onlyMine ? page : 1);
  views.push(view("My applications", `You have no applications. Start one with ${commandText(prefix, "apply")}.`, mine, "list mine", onlyMine ? replies.listAllIsNotYours : undefined));
  return views;
}
