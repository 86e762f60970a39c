// What every button does, once for every platform. The table is typed by ActionId, so a button added to the views
// without a handler here fails `npm run typecheck` instead of falling into a runtime default.
import type { Actor } from "../domain/actors.js";
import type { AppContext } from "../app/context.js";
import { closeVote } from "../app/close-vote.js";
import { getStatus } from "../app/get-status.js";
import { openVote } from "../app/open-vote.js";
import { readApplication } from "../app/read-application.js";
import { reviewIntake } from "../app/review-intake.js";
import { snoozeReminders } from "../app/snooze-reminders.js";
import { withdrawApplication } from "../app/withdraw-application.js";
import { applicationNumber } from "../domain/status.js";
import { fullApplicationTitle } from "../views/full-application.js";
import type { ActionId, CardView, FormId } from "../views/model.js";
import { replies } from "../views/replies.js";
import type { FormStyle } from "./events.js";
import { openFormView } from "./forms.js";

/** What a handler gets: who pressed which application's button, and how this platform shows forms. */
export interface ActionInput {
  actor: Actor;
  applicationId: number;
  action: ActionId;
  formStyle: FormStyle;
}

/** A handler's result before the dispatcher adds the current card: ran (maybe with a note), or a card to show. */
export type ActionResult = { kind: "ran"; tell?: string; cardSaysIt?: boolean } | { kind: "show"; title: string; note: string; view: CardView; panel?: boolean };

/**
 * What one button does: run a use case now, first open the form that asks for more (a reason, a date), or cast a
 * vote — which goes through the durable inbox: stored before the platform is told "received", applied right after.
 */
export type ActionHandler = { run: (ctx: AppContext, input: ActionInput) => Promise<ActionResult> } | { opens: FormId } | { vote: "approve" | "deny" | "abstain" };

const vote = (choice: "approve" | "deny" | "abstain"): ActionHandler => ({ vote: choice });

const run = (f: (ctx: AppContext, input: ActionInput) => Promise<ActionResult>): ActionHandler => ({ run: f });
const asks = (formId: FormId): ActionHandler => ({ opens: formId });

/** Every button, by id. */
export const ACTION_HANDLERS: { readonly [K in ActionId]: ActionHandler } = {
  "vote.approve": vote("approve"),
  "vote.deny": vote("deny"),
  "vote.abstain": vote("abstain"),
  "vote.recuse": asks("recuse"),
  "vote.open": run(async (ctx, { actor, applicationId }) => {
    await openVote(ctx, { actor, applicationId });
    return { kind: "ran" };
  }),
  "vote.close": run(async (ctx, { actor, applicationId }) => {
    await closeVote(ctx, { actor, applicationId });
    return { kind: "ran" };
  }),
  "intake.accept": run(async (ctx, { actor, applicationId }) => {
    await reviewIntake(ctx, { actor, applicationId, decision: "accept" });
    return { kind: "ran" };
  }),
  "intake.return": asks("reason"),
  "intake.reject": asks("reason"),
  "council.schedule": asks("council_date"),
  "council.record": asks("council"),
  "agreement.record": asks("agreement"),
  "meeting.schedule": asks("meeting"),
  "app.edit": asks("application"),
  "app.withdraw": run(async (ctx, { actor, applicationId }) => {
    await withdrawApplication(ctx, { actor, applicationId });
    // The card, now showing "withdrawn", says it where the answer can replace the card; elsewhere the note does.
    return { kind: "ran", tell: replies.withdrawn(applicationId), cardSaysIt: true };
  }),
  "app.status": run(async (ctx, { actor, applicationId }) => ({
    kind: "show",
    title: applicationNumber(applicationId),
    note: replies.openedBelow(applicationId),
    view: await getStatus(ctx, { actor, applicationId }),
  })),
  "app.full": run(async (ctx, { actor, applicationId }) => ({
    kind: "show",
    title: fullApplicationTitle(applicationId),
    note: replies.openedBelow(applicationId),
    view: await readApplication(ctx, { actor, applicationId }),
    panel: true,
  })),
  "reminder.snooze": run(async (ctx, { actor, applicationId }) => {
    const { until } = await snoozeReminders(ctx, { actor, applicationId });
    return { kind: "ran", tell: replies.remindersPaused(applicationId, until, ctx.policy.city.timeZone) };
  }),
};

/** The form a button opens before anything runs, if it is such a button (platforms that open forms client-side ask). */
export function formOpenedBy(action: string): FormId | undefined {
  if (!isActionId(action)) return undefined;
  const h = ACTION_HANDLERS[action];
  return "opens" in h ? h.opens : undefined;
}

/** True for buttons stored durably before the platform hears "received" (votes): pass the ack as `stored`. */
export function commitsBeforeAck(action: string): boolean {
  return isActionId(action) && "vote" in ACTION_HANDLERS[action];
}

/** The first words of every button id ("vote", "intake", …), for adapters that subscribe to buttons by pattern. */
export const ACTION_PREFIXES: readonly string[] = [...new Set(Object.keys(ACTION_HANDLERS).map((a) => a.split(".")[0]!))];

/** True when `id` names a button this version knows. */
export function isActionId(id: string): id is ActionId {
  return Object.hasOwn(ACTION_HANDLERS, id);
}

/** The form a form-opening button shows, filled for this application. */
export async function formForAction(ctx: AppContext, input: ActionInput, formId: FormId) {
  return openFormView(ctx, input.actor, formId, {
    applicationId: input.applicationId,
    action: input.action,
    ...(formId === "application" && input.formStyle === "steps" ? { step: 0 } : {}),
  });
}
