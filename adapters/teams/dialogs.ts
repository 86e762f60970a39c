// Dialogs: task/fetch and task/submit from card buttons, and the message extension's action command
// (composeExtension/fetchTask and submitAction), which opens the same application form.
import type { Activity } from "@microsoft/teams.api";
import { replies } from "../../src/views/replies.js";
import { actorOf, readInbound } from "./activity.js";
import { contextOf, enteredValues, formRequestOf, type FormRequest } from "./forms.js";
import { formOpenedBy, isActionId } from "../../src/inbound/port.js";
import { renderCard } from "./render.js";
import { dialogCard, dialogForm, dialogMessage, type DialogReply, type TeamsDeps } from "./replies.js";

const positiveId = (v: unknown): number | undefined => {
  const n = typeof v === "number" ? v : typeof v === "string" ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

function dataOf(activity: Activity): Record<string, unknown> {
  const value = "value" in activity ? (activity.value as { data?: unknown } | undefined) : undefined;
  return value?.data && typeof value.data === "object" ? (value.data as Record<string, unknown>) : {};
}

/** A dialog shows the whole form on one page, never a single step of the in-chat form. */
function onePage(req: FormRequest): FormRequest {
  const { step: _step, ...rest } = req;
  return rest;
}

/** Opens a dialog. Without form ids (the message extension's command) it is the application form. */
export async function handleDialogOpen(deps: TeamsDeps, activity: Activity): Promise<DialogReply> {
  const inbound = readInbound(activity);
  const actor = actorOf(inbound, deps.ctx.directory);
  const data = dataOf(activity);
  try {
    // A button that shows something to read (the full application) opens a dialog with that card, not a form.
    if (typeof data.action === "string" && isActionId(data.action) && !formOpenedBy(data.action)) {
      const outcome = await deps.inbound.dispatch({ kind: "action", action: data.action, applicationId: positiveId(data.applicationId), actor });
      if (outcome.kind === "show") return dialogCard(outcome.title, renderCard(outcome.view));
      return dialogMessage("message" in outcome ? outcome.message : replies.done);
    }
  } catch (e) {
    deps.logger.error({ err: e instanceof Error ? e.stack : String(e) }, "teams: opening a dialog failed");
    return dialogMessage(replies.sorry);
  }
  const found = formRequestOf(data);
  const req: FormRequest = found ? onePage(found) : { formId: "application" };
  try {
    const outcome = await deps.inbound.dispatch({ kind: "open_form", form: req.formId, context: contextOf(req), actor });
    return outcome.kind === "form" ? dialogForm(outcome.form) : dialogMessage(outcome.message);
  } catch (e) {
    deps.logger.error({ err: e instanceof Error ? e.stack : String(e) }, "teams: opening a dialog failed");
    return dialogMessage(replies.sorry);
  }
}

/**
 * A dialog was submitted. Bad answers keep the dialog open with the messages and the typed values; success and
 * refusals close it with a message. A repeated submission (same activity id) is answered without acting again.
 */
export async function handleDialogSubmit(deps: TeamsDeps, activity: Activity): Promise<DialogReply> {
  const inbound = readInbound(activity);
  const actor = actorOf(inbound, deps.ctx.directory);
  const data = dataOf(activity);
  const found = formRequestOf(data);
  if (!found) return dialogMessage(replies.formGone(deps.ctx.commandPrefix(actor.platform)));
  const req = onePage(found);
  try {
    const outcome = await deps.inbound.dispatch({
      kind: "form",
      form: req.formId,
      intent: data.intent === "save_draft" ? "save_draft" : "submit",
      context: contextOf(req),
      values: enteredValues(data),
      actor,
      ...(inbound.id ? { eventId: inbound.id } : {}),
    });
    switch (outcome.kind) {
      case "invalid":
      case "next":
        return dialogForm(outcome.form);
      case "done":
      case "refused":
      case "duplicate":
        return dialogMessage(outcome.message);
      case "cancelled":
        return dialogMessage(replies.cancelled);
    }
  } catch (e) {
    deps.logger.error({ err: e instanceof Error ? e.stack : String(e), formId: req.formId }, "teams: dialog submission failed");
    return dialogMessage(replies.sorry);
  }
}
