// The slash command: /sistercity [apply | status [number] | list [all] | schedule | export | help]. Acks at once,
// hands the text to the core, opens the modal before any other work (the trigger id expires in about 3 s), and
// answers everything else ephemerally.
import type { App } from "@slack/bolt";
import type { Dispatcher } from "../../src/inbound/port.js";
import type { Logger } from "../../src/logger.js";
import { replies } from "../../src/views/replies.js";
import { clip, type CardView } from "../../src/views/model.js";
import { actorOf } from "./context.js";
import { escapeMrkdwn, renderMessage, renderModal } from "./render.js";

/** Registers the slash command handler. */
export function registerCommand(app: App, inbound: Dispatcher, command: string, logger: Logger): void {
  app.command(command, async ({ ack, body, client, respond }) => {
    await ack();
    const actor = actorOf(body);
    const reply = async (views: CardView[]) => {
      for (const v of views) await respond({ response_type: "ephemeral", ...renderMessage(v) });
    };
    const say = async (text: string): Promise<void> => {
      await respond({ response_type: "ephemeral", text: escapeMrkdwn(clip(text, 3000)), blocks: [{ type: "section", text: { type: "plain_text", text: clip(text, 3000) } }] });
    };
    try {
      // The application form opens step by step: three short modals instead of one of 22 inputs.
      const outcome = await inbound.dispatch({ kind: "command", text: body.text, actor, prefix: `${command} `, formStyle: "steps" });
      switch (outcome.kind) {
        case "form":
          await client.views.open({ trigger_id: body.trigger_id, view: renderModal(outcome.form, { channel: body.channel_id }) });
          return;
        case "cards":
        case "private": // an ephemeral answer is already seen by the person alone
          return await reply(outcome.views);
        case "refused":
          return await say(outcome.message);
        case "export": {
          // The files go to a direct message with the person who asked, not into the channel the command came from.
          const { packet } = outcome;
          const dm = await client.conversations.open({ users: actor.userId });
          const channel = dm.channel?.id;
          if (!channel) throw new Error("conversations.open returned no channel");
          await client.files.uploadV2({
            channel_id: channel,
            initial_comment: replies.packetComment(packet.number),
            file_uploads: [packet.markdown, packet.csv].map((f) => ({ file: Buffer.from(f.content, "utf8"), filename: f.filename, title: f.filename })),
          });
          return await reply([outcome.sent]);
        }
      }
    } catch (e) {
      logger.error({ err: e instanceof Error ? e.message : String(e) }, "slack: could not answer a command");
      await say(replies.sorry).catch(() => undefined);
    }
  });
}
