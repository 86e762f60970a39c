// Modal submissions. The core runs the form before the ack so that problems come back on the exact fields
// (response_action "errors") and the modal keeps everything typed; a modal is handled once even if sent twice.
import type { AckFn, App, ViewResponseAction } from "@slack/bolt";
import type { Dispatcher } from "../../src/inbound/port.js";
import type { Logger } from "../../src/logger.js";
import { actorOf, metadataOf, readState, tell, type SlackBody } from "./context.js";
import { replies, replyCard } from "../../src/views/replies.js";
import { modalErrors, renderCardModal, renderModal } from "./render.js";

/** Registers the handler for every form the bot opens. */
export function registerSubmissions(app: App, inbound: Dispatcher, logger: Logger): void {
  app.view(/^form:/, async ({ ack, body, client }) => {
    const b = body as unknown as SlackBody;
    const meta = metadataOf(b);
    const respond = ack as AckFn<ViewResponseAction>;
    if (!meta || !b.view) {
      await respond();
      return;
    }
    const { formId, channel: _channel, ...context } = meta;
    // The view id makes a second delivery of the same modal (a retry, a double submit) a no-op. A form shown step by
    // step keeps its view id from step to step (response_action "update"), so the step is part of the key.
    const eventId = `view:${b.view.id}${context.step !== undefined ? `:step${context.step}` : ""}`;
    const outcome = await inbound.dispatch({ kind: "form", form: formId, intent: "submit", context, values: readState(b.view.state?.values), actor: actorOf(b), eventId });
    switch (outcome.kind) {
      case "done":
        // A submitted application is confirmed once, in the modal itself (the core sends no second message).
        if (formId === "application") await respond({ response_action: "update", view: renderCardModal(replies.submittedTitle, replyCard(outcome.message, "good")) });
        else await respond();
        if (outcome.notice) await tell(client, b, outcome.notice, logger);
        return;
      case "invalid":
        await respond({ response_action: "errors", errors: modalErrors(outcome.form, outcome.errors, outcome.message) });
        return;
      case "refused":
        if (outcome.form) await respond({ response_action: "errors", errors: modalErrors(outcome.form, {}, outcome.message) });
        else {
          await respond();
          await tell(client, b, outcome.message, logger);
        }
        return;
      case "next":
        // The next step (or, after a refused last step, every step with each problem marked) replaces this view:
        // views stay one deep (no push, so no stack limit), and each step was saved as a draft before going on.
        await respond({ response_action: "update", view: renderModal(outcome.form, meta.channel ? { channel: meta.channel } : {}) });
        return;
      case "duplicate":
      case "cancelled":
        await respond();
        return;
    }
  });
}
