// `adaptiveCard/action` invokes (Universal Actions): every button press reloads state through a use case, then
// answers with the card as it is now. Other copies of tracked cards are updated by the core (refreshCards).
import type { IAdaptiveCardActionInvokeActivity } from "@microsoft/teams.api";
import { renderTrackedCard } from "../../src/app/cards.js";
import { castVote } from "../../src/app/cast-vote.js";
import { closeVote } from "../../src/app/close-vote.js";
import { getStatus } from "../../src/app/get-status.js";
import { openVote } from "../../src/app/open-vote.js";
import type { TrackedCard } from "../../src/app/outbox.js";
import { reviewIntake } from "../../src/app/review-intake.js";
import { snoozeReminders } from "../../src/app/snooze-reminders.js";
import { withdrawApplication } from "../../src/app/withdraw-application.js";
import type { Actor } from "../../src/domain/actors.js";
import { isDomainError } from "../../src/domain/errors.js";
import { applicationNumber } from "../../src/domain/status.js";
import { formatDateTime } from "../../src/views/application-summary.js";
import { textCard, type ActionId, type CardView } from "../../src/views/model.js";
import { actorOf, readInbound, type Inbound } from "./activity.js";
import { FORM_FOR_ACTION, formRequestOf, openForm, submitForm, type FormOutcome } from "./forms.js";
import { FORM_VERBS, renderCard, renderForm } from "./render.js";
import { cardReply, messageReply, type CardActionReply, type TeamsDeps } from "./replies.js";

const positiveId = (v: unknown): number | undefined => {
  const n = typeof v === "number" ? v : typeof v === "string" ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

/** The tracked card (intake, commission) the button was on, re-rendered from current state; null for other cards. */
async function trackedView(deps: TeamsDeps, inbound: Inbound): Promise<CardView | null> {
  const { ctx } = deps;
  const ref = inbound.replyToId ? await ctx.store.db.messageRef.findFirst({ where: { platform: "teams", messageId: inbound.replyToId } }) : null;
  return ref ? renderTrackedCard(ctx, ctx.store.db, ref.kind as TrackedCard, ref.applicationId) : null;
}

/** The card the button was on, re-rendered from current state: a tracked card, else the clicker's status card. */
async function currentView(deps: TeamsDeps, inbound: Inbound, actor: Actor, applicationId: number | undefined): Promise<CardView | null> {
  const tracked = await trackedView(deps, inbound);
  if (tracked) return tracked;
  if (!applicationId) return null;
  const { ctx } = deps;
  try {
    return await getStatus(ctx, { actor, applicationId });
  } catch (e) {
    if (isDomainError(e)) return null;
    throw e;
  }
}

async function formReply(deps: TeamsDeps, inbound: Inbound, outcome: FormOutcome): Promise<CardActionReply> {
  if (outcome.kind === "refused") return messageReply(outcome.message);
  if (outcome.kind === "form") return cardReply(renderForm(outcome.form, { mode: "chat", offerDialog: outcome.form.formId === "application" }));
  // A small form shown over a tracked card goes back to that card, now showing the change.
  const view = await trackedView(deps, inbound);
  return cardReply(renderCard(view ?? textCard(outcome.message, outcome.message, "good")));
}

/** The buttons that run a use case straight away (the others open a form first: FORM_FOR_ACTION). */
export const DIRECT_ACTIONS: readonly ActionId[] = ["vote.approve", "vote.deny", "vote.abstain", "vote.open", "vote.close", "intake.accept", "app.withdraw", "app.status", "reminder.snooze"];

/** Runs the use case behind a button; returns a reply when the button does not simply show the card again. */
async function runAction(deps: TeamsDeps, actor: Actor, verb: ActionId, applicationId: number, reply: (view: CardView) => Promise<void>): Promise<CardActionReply | null> {
  const { ctx } = deps;
  switch (verb) {
    case "vote.approve":
    case "vote.deny":
    case "vote.abstain":
      await castVote(ctx, { actor, applicationId, choice: verb.slice("vote.".length), source: "button" });
      return null;
    case "vote.open":
      await openVote(ctx, { actor, applicationId });
      return null;
    case "vote.close":
      await closeVote(ctx, { actor, applicationId });
      return null;
    case "intake.accept":
      await reviewIntake(ctx, { actor, applicationId, decision: "accept" });
      return null;
    case "app.withdraw":
      await withdrawApplication(ctx, { actor, applicationId });
      return null;
    case "reminder.snooze": {
      // A reminder is a one-off message: it stays as it is, and the answer says until when.
      const { until } = await snoozeReminders(ctx, { actor, applicationId });
      return messageReply(`Reminders for ${applicationNumber(applicationId)} are paused until ${formatDateTime(until, ctx.policy.city.timeZone)}.`);
    }
    case "app.status":
      // A list stays in place; the application opens as a new message below it.
      await reply(await getStatus(ctx, { actor, applicationId }));
      return messageReply(`Opened ${applicationNumber(applicationId)} below.`);
    default:
      return messageReply("That button is no longer in use. Say \"help\" to see what the bot can do.");
  }
}

/**
 * Handles a button press. A repeated invoke (same activity id: a retry or a double click) changes nothing and
 * gets the current card back. Refusals (not a commissioner, vote closed) leave the card as it was.
 */
export async function handleCardAction(deps: TeamsDeps, activity: IAdaptiveCardActionInvokeActivity, reply: (view: CardView) => Promise<void>): Promise<CardActionReply> {
  const { ctx, logger } = deps;
  const inbound = readInbound(activity);
  const actor = actorOf(inbound, ctx.directory);
  const verb = activity.value?.action?.verb ?? "";
  const data = (activity.value?.action?.data ?? {}) as Record<string, unknown>;
  const applicationId = positiveId(data.applicationId);
  try {
    if (inbound.id && !(await ctx.store.firstTime(`teams:${inbound.id}`))) {
      const view = await trackedView(deps, inbound);
      return view ? cardReply(renderCard(view)) : messageReply("Already received.");
    }
    if (verb === FORM_VERBS.submit || verb === FORM_VERBS.saveDraft || verb === FORM_VERBS.cancel) {
      const req = formRequestOf(data);
      if (!req) return messageReply("That form is no longer available.");
      if (verb === FORM_VERBS.cancel) {
        const view = await currentView(deps, inbound, actor, req.applicationId);
        return cardReply(renderCard(view ?? textCard("Cancelled.")));
      }
      const outcome = await submitForm(ctx, actor, req, verb === FORM_VERBS.saveDraft ? "save_draft" : "submit", data);
      return await formReply(deps, inbound, outcome);
    }
    if (!applicationId) return messageReply("That button does not name an application.");
    const formId = FORM_FOR_ACTION[verb as ActionId];
    if (formId) {
      // Clients without dialogs send these as Universal Actions: show the form in place of the card.
      const outcome = await openForm(ctx, actor, { formId, action: verb as ActionId, applicationId, ...(formId === "application" ? { step: 0 } : {}) });
      return await formReply(deps, inbound, outcome);
    }
    const early = await runAction(deps, actor, verb as ActionId, applicationId, reply);
    if (early) return early;
    const view = await currentView(deps, inbound, actor, applicationId);
    return view ? cardReply(renderCard(view)) : messageReply("Done.");
  } catch (e) {
    if (isDomainError(e)) return messageReply(e.userMessage);
    logger.error({ err: e instanceof Error ? e.stack : String(e), verb, applicationId }, "teams: card action failed");
    return messageReply("Something went wrong. Please try again in a moment.");
  }
}
