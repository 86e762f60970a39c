// Events: reactions on the commission card go to the core as reaction events; App Home shows each role its queue.
import type { App } from "@slack/bolt";
import type { Dispatcher } from "../../src/inbound/port.js";
import type { Logger } from "../../src/logger.js";
import { HOME_APPLY_LABEL } from "../../src/views/replies.js";
import { renderHome, renderMessage } from "./render.js";

interface ReactionEvent {
  user: string;
  reaction: string;
  item: { type: string; channel?: string; ts?: string };
}

/** Registers reaction and App Home handlers. */
export function registerEvents(app: App, inbound: Dispatcher, logger: Logger, stored: (body: unknown) => Promise<void>): void {
  const onReaction = (added: boolean) => async ({ event, body, client }: { event: ReactionEvent; body: { event_id?: string }; client: App["client"] }) => {
    if (event.item.type !== "message" || !event.item.channel || !event.item.ts) return;
    const channel = event.item.channel;
    // Skin tones do not change the meaning of a reaction.
    const reaction = event.reaction.replace(/::skin-tone-\d$/, "");
    // Slack retries undelivered events; the event id makes a retry a no-op. Slack hears "received" once it is stored.
    const outcome = await inbound.dispatch(
      {
        kind: "reaction",
        changes: [{ added, reaction }],
        card: { conversationId: channel, messageId: event.item.ts },
        actor: { platform: "slack", userId: event.user },
        ...(body.event_id ? { eventId: `event:${body.event_id}` } : {}),
      },
      { stored: () => stored(body) },
    );
    if (!outcome.tell) return;
    const message = renderMessage(outcome.tell);
    await client.chat
      .postEphemeral({ channel, user: event.user, text: message.text, blocks: message.blocks })
      .catch((err: unknown) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, "could not answer a reaction"));
  };
  app.event("reaction_added", onReaction(true));
  app.event("reaction_removed", onReaction(false));

  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    try {
      const { view: home } = await inbound.dispatch({ kind: "home", actor: { platform: "slack", userId: event.user } });
      const view = renderHome(home.blocks);
      view.blocks.splice(2, 0, {
        type: "actions",
        block_id: "home_apply",
        elements: [{ type: "button", action_id: "home.apply", style: "primary", text: { type: "plain_text", text: HOME_APPLY_LABEL }, value: "new" }],
      });
      await client.views.publish({ user_id: event.user, view: { ...view, blocks: view.blocks.slice(0, 100) } });
    } catch (e) {
      logger.error({ err: e instanceof Error ? e.message : String(e) }, "could not publish App Home");
    }
  });
}
