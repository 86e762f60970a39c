// `adaptiveCard/action` invokes (Universal Actions): every button press goes to the core's inbound port, and the
// answer is the card as it is now (replacing the clicked one) or a short message. Other copies of tracked cards
// are updated by the core (refreshCards).
import type { IAdaptiveCardActionInvokeActivity } from "@microsoft/teams.api";
import { ACTION_IDS, formOpenedBy, type Dispatcher, type FormOutcome } from "../../src/inbound/port.js";
import { replies } from "../../src/views/replies.js";
import { textCard, type ActionId, type CardView } from "../../src/views/model.js";
import { actorOf, readInbound } from "./activity.js";
import { contextOf, enteredValues, formRequestOf } from "./forms.js";
import { CARD_VERBS, FORM_VERBS, renderCard, renderConfirm, renderForm } from "./render.js";
import { cardReply, messageReply, type CardActionReply, type TeamsDeps } from "./replies.js";

const positiveId = (v: unknown): number | undefined => {
  const n = typeof v === "number" ? v : typeof v === "string" ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

/** The buttons that run a use case straight away (the others open a form first: FORM_FOR_ACTION). */
export const DIRECT_ACTIONS: readonly ActionId[] = ACTION_IDS.filter((a) => formOpenedBy(a) === undefined);

function formReply(outcome: FormOutcome): CardActionReply {
  switch (outcome.kind) {
    case "refused":
    case "duplicate":
      return messageReply(outcome.message);
    case "invalid":
    case "next":
      return cardReply(renderForm(outcome.form, { mode: "chat", offerDialog: outcome.form.formId === "application" }));
    case "cancelled":
      return cardReply(renderCard(outcome.card));
    case "done":
      // A small form shown over a tracked card goes back to that card, now showing the change.
      return cardReply(renderCard(outcome.card ?? textCard(outcome.message, outcome.message, "good")));
  }
}

/**
 * Handles a button press. A repeated invoke (same activity id: a retry or a double click) changes nothing and
 * gets the current card back. Refusals (not a commissioner, vote closed) leave the card as it was.
 */
export async function handleCardAction(deps: TeamsDeps, activity: IAdaptiveCardActionInvokeActivity, reply: (view: CardView) => Promise<void>): Promise<CardActionReply> {
  const { inbound: port, ctx, logger } = deps;
  const inbound = readInbound(activity);
  const actor = actorOf(inbound, ctx.directory);
  const verb = activity.value?.action?.verb ?? "";
  const data = (activity.value?.action?.data ?? {}) as Record<string, unknown>;
  const card = inbound.replyToId ? { messageId: inbound.replyToId } : undefined;
  const eventId = inbound.id || undefined;
  try {
    if (verb === CARD_VERBS.refresh || verb === CARD_VERBS.confirm) {
      // The person's own copy of a tracked card (Teams asks when it shows the card to someone in refresh.userIds).
      const view = card ? (await port.dispatch({ kind: "card_view", card, actor })).view : null;
      if (!view) return messageReply(replies.buttonWithoutApplication(ctx.commandPrefix(actor.platform)));
      if (verb === CARD_VERBS.refresh) return cardReply(renderCard(view));
      // "Are you sure?" only for a button this person's card really has; the action itself re-checks who presses.
      const button = view.blocks.flatMap((b) => (b.type === "actions" ? b.buttons : [])).find((b) => b.action === data.action && b.confirm);
      return button ? cardReply(renderConfirm(button)) : cardReply(renderCard(view));
    }
    if (verb === FORM_VERBS.submit || verb === FORM_VERBS.saveDraft || verb === FORM_VERBS.cancel) {
      const req = formRequestOf(data);
      if (!req) return messageReply(replies.formGone(ctx.commandPrefix(actor.platform)));
      const intent = verb === FORM_VERBS.cancel ? "cancel" : verb === FORM_VERBS.saveDraft ? "save_draft" : "submit";
      return formReply(await port.dispatch({ kind: "form", form: req.formId, intent, context: contextOf(req), values: enteredValues(data), actor, ...(eventId ? { eventId } : {}), ...(card ? { card } : {}) }));
    }
    const outcome = await port.dispatch({
      kind: "action",
      action: verb,
      applicationId: positiveId(data.applicationId),
      actor,
      answerWithCard: true,
      formStyle: "steps",
      ...(eventId ? { eventId } : {}),
      ...(card ? { card } : {}),
    });
    switch (outcome.kind) {
      case "done":
        if (outcome.tell && !(outcome.cardSaysIt && outcome.card)) return messageReply(outcome.tell);
        return outcome.card ? cardReply(renderCard(outcome.card)) : messageReply(replies.done);
      case "form":
        // Clients without dialogs send these as Universal Actions: show the form in place of the card.
        return cardReply(renderForm(outcome.form, { mode: "chat", offerDialog: outcome.form.formId === "application" }));
      case "show":
        // A list stays in place; the application opens as a new message below it.
        await reply(outcome.view);
        return messageReply(outcome.note);
      case "duplicate":
        return outcome.card ? cardReply(renderCard(outcome.card)) : messageReply(outcome.message);
      case "refused":
        return messageReply(outcome.message);
    }
  } catch (e) {
    logger.error({ err: e instanceof Error ? e.stack : String(e), verb }, "teams: card action failed");
    return messageReply(replies.sorry);
  }
}
