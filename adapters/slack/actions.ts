// Button clicks: each is parsed into an action event for the core's inbound port, and the outcome is shown the
// Slack way (a modal, an ephemeral note). Which use case runs, and every word of the answer, is the core's.
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { ACTION_PREFIXES, commitsBeforeAck, type Dispatcher } from "../../src/inbound/port.js";
import type { Logger } from "../../src/logger.js";
import { replies } from "../../src/views/replies.js";
import { actorOf, applicationIdOf, insideModal, metadataOf, readState, tell, type SlackBody } from "./context.js";
import { openForm } from "./modals.js";
import { renderCardModal, renderModal } from "./render.js";

// Every button the core knows, by its first word; an id the core no longer knows still reaches it and is refused.
const BUTTONS = new RegExp(`^(${ACTION_PREFIXES.join("|")})\\.`);
/** Registers every button handler. */
export function registerActions(app: App, inbound: Dispatcher, logger: Logger): void {
  app.action<BlockAction<ButtonAction>>(BUTTONS, async ({ ack, body, action, client }) => {
    const b = body as unknown as SlackBody;
    // A vote is stored (one insert) before Slack hears "received", so an acknowledged vote survives a crash; it is
    // applied after, and the voter told privately what was recorded. Everything else acks first.
    let acked = false;
    const ackOnce = async () => {
      if (acked) return;
      acked = true;
      await ack();
    };
    if (!commitsBeforeAck(action.action_id)) await ackOnce();
    await handle(b, action, client, ackOnce);
  });

  async function handle(b: SlackBody, action: ButtonAction, client: App["client"], ackOnce: () => Promise<void>): Promise<void> {
    const channel = b.container?.channel_id;
    const ts = b.container?.message_ts;
    let outcome;
    try {
      outcome = await inbound.dispatch(
        {
          kind: "action",
          action: action.action_id,
          applicationId: applicationIdOf(action.value),
          actor: actorOf(b),
          formStyle: "steps",
          // The interaction's trigger id is the same on a redelivery of this click, and new on every other click.
          ...(b.trigger_id ? { eventId: `action:${b.trigger_id}` } : {}),
          ...(ts ? { card: { messageId: ts, ...(channel ? { conversationId: channel } : {}) } } : {}),
        },
        { stored: ackOnce },
      );
    } finally {
      await ackOnce();
    }
    try {
      switch (outcome.kind) {
        case "done":
          if (outcome.tell) await tell(client, b, outcome.tell, logger);
          return;
        case "form":
          return await openForm(client, b, outcome.form);
        case "show": {
          // Reading matter (the full application) opens as a modal from a message too; the rest is a private message.
          if (b.container?.type === "message" && !outcome.panel) return await tell(client, b, outcome.view, logger);
          if (!b.trigger_id) return;
          const view = renderCardModal(outcome.title, outcome.view);
          if (insideModal(b)) await client.views.push({ trigger_id: b.trigger_id, view });
          else await client.views.open({ trigger_id: b.trigger_id, view });
          return;
        }
        case "refused":
        case "duplicate":
          return await tell(client, b, outcome.message, logger);
      }
    } catch (e) {
      logger.error({ err: e instanceof Error ? e.message : String(e) }, "slack: could not show the answer to a click");
      await tell(client, b, replies.sorry, logger);
    }
  }

  // Link buttons open in the browser; Slack still reports the click, which only needs acknowledging.
  app.action(/^link\./, async ({ ack }) => {
    await ack();
  });

  app.action<BlockAction<ButtonAction>>("home.apply", async ({ ack, body, client }) => {
    await ack();
    const b = body as unknown as SlackBody;
    const outcome = await inbound.dispatch({ kind: "open_form", form: "application", context: { step: 0 }, actor: actorOf(b) });
    try {
      if (outcome.kind === "form") await openForm(client, b, outcome.form);
      else await tell(client, b, outcome.message, logger);
    } catch (e) {
      logger.error({ err: e instanceof Error ? e.message : String(e) }, "slack: could not open the application form");
      await tell(client, b, replies.sorry, logger);
    }
  });

  // "Save draft" inside the application modal: store what is there, then say so in the modal. Slack keeps typed
  // values across views.update while block ids stay the same, so nothing typed is lost even when saving fails.
  app.action<BlockAction<ButtonAction>>("form.save_draft", async ({ ack, body, client }) => {
    await ack();
    const b = body as unknown as SlackBody;
    const meta = metadataOf(b);
    if (!b.view || !meta) return;
    const { formId, channel, ...context } = meta;
    const outcome = await inbound.dispatch({ kind: "form", form: formId, intent: "save_draft", context, values: readState(b.view.state?.values), actor: actorOf(b) });
    let notice: string;
    let form = outcome.kind === "done" || outcome.kind === "invalid" || outcome.kind === "refused" ? outcome.form : undefined;
    switch (outcome.kind) {
      case "done":
        notice = outcome.message;
        break;
      case "invalid":
        notice = replies.notSaved(Object.values(outcome.errors));
        // Slack shows the typed values itself; the form without the server's markings keeps every block id in place.
        form = undefined;
        break;
      default:
        notice = "message" in outcome ? replies.notSaved([outcome.message]) : replies.sorry;
    }
    if (!form) {
      const reopened = await inbound.dispatch({ kind: "open_form", form: formId, context, actor: actorOf(b) });
      if (reopened.kind !== "form") return;
      form = reopened.form;
    }
    await client.views
      .update({ view_id: b.view.id, ...(b.view.hash ? { hash: b.view.hash } : {}), view: renderModal(form, { ...form.context, ...(channel ? { channel } : {}) }, notice) })
      .catch((e: unknown) => {
        logger.warn({ err: e instanceof Error ? e.message : String(e) }, "could not update the modal after saving a draft");
      });
  });
}
