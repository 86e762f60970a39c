// The application form's own round trips inside the modal. "Back" in the form shown step by step: the step is saved as a draft (so nothing typed is lost), and
// the step before replaces it in the same modal (views.update: one view deep, whatever the number of steps).
import type { App, BlockAction, ButtonAction, RadioButtonsAction } from "@slack/bolt";
import { FIELD_INPUTS } from "../../src/views/application-form.js";
import type { Dispatcher } from "../../src/inbound/port.js";
import type { Logger } from "../../src/logger.js";
import { replies } from "../../src/views/replies.js";
import { actorOf, metadataOf, readState, type SlackBody } from "./context.js";
import { renderModal } from "./render.js";

// The yes/no questions whose "yes" makes another field required ("near water?" → "which body of water?").
const CONTROLLERS = [...new Set(Object.values(FIELD_INPUTS).flatMap((i) => (i.kind === "text" && i.dependsOn ? [i.dependsOn] : [])))];

/** Registers the Back button of step-by-step forms, and the yes/no questions that show or hide a field. */
export function registerFormSteps(app: App, inbound: Dispatcher, logger: Logger): void {
  // "Yes" shows the field it makes required, "No" hides it: the same form again with the choice applied. Everything
  // typed stays, because every input keeps its block_id and action_id (Slack preserves them across views.update).
  app.action<BlockAction<RadioButtonsAction>>({ type: "block_actions", action_id: new RegExp(`^(${CONTROLLERS.join("|")})$`) }, async ({ ack, body, client }) => {
    await ack();
    const b = body as unknown as SlackBody;
    const meta = metadataOf(b);
    if (!b.view || !meta) return;
    const { formId, channel, ...context } = meta;
    const shown = await inbound.dispatch({ kind: "open_form", form: formId, context, actor: actorOf(b) });
    if (shown.kind !== "form") return;
    await client.views
      .update({ view_id: b.view.id, ...(b.view.hash ? { hash: b.view.hash } : {}), view: renderModal(shown.form, channel ? { channel } : {}, undefined, readState(b.view.state?.values)) })
      .catch((e: unknown) => {
        logger.warn({ err: e instanceof Error ? e.message : String(e) }, "could not show or hide a conditional field");
      });
  });

  app.action<BlockAction<ButtonAction>>("form.back", async ({ ack, body, client }) => {
    await ack();
    const b = body as unknown as SlackBody;
    const meta = metadataOf(b);
    if (!b.view || !meta || meta.step === undefined || meta.step < 1) return;
    const { formId, channel, ...context } = meta;
    const saved = await inbound.dispatch({ kind: "form", form: formId, intent: "save_draft", context, values: readState(b.view.state?.values), actor: actorOf(b) });
    // Saved: the step before, on the (maybe new) draft. Not saved (a malformed answer): this step stays, with the reason.
    const applicationId = saved.kind === "done" ? (saved.form?.context.applicationId ?? context.applicationId) : context.applicationId;
    const step = saved.kind === "done" ? meta.step - 1 : meta.step;
    const notice = saved.kind === "done" ? undefined : saved.kind === "invalid" ? replies.notSaved(Object.values(saved.errors)) : "message" in saved ? replies.notSaved([saved.message]) : replies.sorry;
    const shown = await inbound.dispatch({ kind: "open_form", form: formId, context: { ...(applicationId ? { applicationId } : {}), step }, actor: actorOf(b) });
    if (shown.kind !== "form") return;
    await client.views
      .update({ view_id: b.view.id, ...(b.view.hash ? { hash: b.view.hash } : {}), view: renderModal(shown.form, channel ? { channel } : {}, notice) })
      .catch((e: unknown) => {
        logger.warn({ err: e instanceof Error ? e.message : String(e) }, "could not show the previous step");
      });
  });
}
