// Events: reactions on the commission card count as votes; App Home shows each role its queue.
import type { App } from "@slack/bolt";
import { castVote } from "../../src/app/cast-vote.js";
import type { AppContext } from "../../src/app/context.js";
import { listApplications } from "../../src/app/list-applications.js";
import { DEFAULT_REACTIONS } from "../../src/domain/policy.js";
import type { Choice } from "../../src/domain/votes.js";
import type { Logger } from "../../src/logger.js";
import type { Block } from "../../src/views/model.js";
import { messageFor } from "./context.js";
import { renderHome } from "./render.js";

/** The vote a reaction stands for under the policy, if any. Skin tones do not change the meaning. */
export function choiceForReaction(ctx: AppContext, reaction: string): Choice | undefined {
  const name = reaction.replace(/::skin-tone-\d$/, "");
  const map: { approve: readonly string[]; deny: readonly string[] } = ctx.policy.commission.reactions.slack ?? DEFAULT_REACTIONS.slack;
  if (map.approve.includes(name)) return "approve";
  if (map.deny.includes(name)) return "deny";
  return undefined;
}

interface ReactionEvent {
  user: string;
  reaction: string;
  item: { type: string; channel?: string; ts?: string };
}

/** Registers reaction and App Home handlers. */
export function registerEvents(app: App, ctx: AppContext, logger: Logger): void {
  const onReaction = (added: boolean) => async ({ event, body, client }: { event: ReactionEvent; body: { event_id?: string }; client: App["client"] }) => {
    if (event.item.type !== "message" || !event.item.channel || !event.item.ts) return;
    const choice = choiceForReaction(ctx, event.reaction);
    if (!choice) return; // any other emoji is just an emoji
    // Slack retries undelivered events; the event id makes a retry a no-op.
    if (body.event_id && !(await ctx.store.firstTime(`slack:event:${body.event_id}`))) return;
    const ref = await ctx.store.db.messageRef.findFirst({
      where: { platform: "slack", kind: "commission", conversationId: event.item.channel, messageId: event.item.ts },
    });
    if (!ref) return;
    const actor = { platform: "slack" as const, userId: event.user };
    try {
      if (added) await castVote(ctx, { actor, applicationId: ref.applicationId, choice, source: "reaction" });
      else await castVote(ctx, { actor, applicationId: ref.applicationId, choice: null, onlyIf: choice, source: "reaction" });
    } catch (e) {
      if (!added) return; // removing a reaction that never counted needs no answer
      await client.chat
        .postEphemeral({ channel: event.item.channel, user: event.user, text: messageFor(e, logger) })
        .catch((err: unknown) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, "could not answer a reaction"));
    }
  };
  app.event("reaction_added", onReaction(true));
  app.event("reaction_removed", onReaction(false));

  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    const actor = { platform: "slack" as const, userId: event.user };
    try {
      const lists = await listApplications(ctx, { actor, scope: "queue" });
      const blocks: Block[] = [
        { type: "header", text: `Sister Cities — ${ctx.policy.city.name}` },
        { type: "text", text: "Propose a Sister City, follow your applications, and act on what waits for you.", small: true },
        ...lists.flatMap((v) => [{ type: "divider" } as Block, ...v.blocks]),
      ];
      const view = renderHome(blocks);
      view.blocks.splice(2, 0, {
        type: "actions",
        block_id: "home_apply",
        elements: [{ type: "button", action_id: "home.apply", style: "primary", text: { type: "plain_text", text: "Start an application" }, value: "new" }],
      });
      await client.views.publish({ user_id: event.user, view: { ...view, blocks: view.blocks.slice(0, 100) } });
    } catch (e) {
      logger.error({ err: e instanceof Error ? e.message : String(e) }, "could not publish App Home");
    }
  });
}
