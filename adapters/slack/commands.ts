// The slash command: /sistercity [apply | status [number] | list [all] | help]. Acks at once, opens the modal
// before any other work (the trigger id expires in about 3 s), and answers everything else ephemerally.
import type { App } from "@slack/bolt";
import { getStatus } from "../../src/app/get-status.js";
import { listApplications, parseListArgs } from "../../src/app/list-applications.js";
import { startApplication } from "../../src/app/start-application.js";
import type { AppContext } from "../../src/app/context.js";
import { applicationNumber, parseApplicationNumber } from "../../src/domain/status.js";
import { setReminderSchedule } from "../../src/app/set-reminder-schedule.js";
import { exportApplication } from "../../src/app/export-application.js";
import { formatDateTime } from "../../src/views/application-summary.js";
import type { Logger } from "../../src/logger.js";
import { clip, type CardView } from "../../src/views/model.js";
import { actorOf, messageFor } from "./context.js";
import { escapeMrkdwn, renderMessage, renderModal } from "./render.js";

/** The help text, also shown for an unknown subcommand. */
export function helpText(command: string): string {
  return [
    `${command} apply — start a Sister City application (opens a form; you can save a draft)`,
    `${command} status [number] — one application in full, e.g. ${command} status SC-0001 (without a number: yours)`,
    `${command} list — your applications; directors and clerks: ${command} list all`,
    `${command} schedule <number> <cron | default> — director: this application's reminder schedule, e.g. ${command} schedule SC-0001 0 9 * * 1`,
    `${command} export <number> — director, clerk or the applicant: the public-record packet (Markdown and CSV)`,
    `${command} help — this text`,
  ].join("\n");
}

/** Registers the slash command handler. */
export function registerCommand(app: App, ctx: AppContext, command: string, logger: Logger): void {
  app.command(command, async ({ ack, body, client, respond }) => {
    await ack();
    const [sub = "", ...rest] = body.text.trim().split(/\s+/);
    const actor = actorOf(body);
    const reply = async (views: CardView | CardView[]) => {
      const list = Array.isArray(views) ? views : [views];
      for (const v of list) await respond({ response_type: "ephemeral", ...renderMessage(v) });
    };
    const say = async (text: string): Promise<void> => {
      await respond({ response_type: "ephemeral", text: escapeMrkdwn(clip(text, 3000)), blocks: [{ type: "section", text: { type: "plain_text", text: clip(text, 3000) } }] });
    };
    try {
      switch (sub.toLowerCase()) {
        case "":
        case "apply": {
          const form = await startApplication(ctx, { actor });
          await client.views.open({ trigger_id: body.trigger_id, view: renderModal(form, { channel: body.channel_id }) });
          return;
        }
        case "status": {
          if (rest.length === 0) return await reply(await listApplications(ctx, { actor, scope: "mine" }));
          const id = parseApplicationNumber(rest[0] ?? "");
          if (id === undefined) return await say(`"${clip(rest[0] ?? "", 40)}" is not an application number. Try ${command} status SC-0001.`);
          return await reply(await getStatus(ctx, { actor, applicationId: id }));
        }
        case "list":
          return await reply(await listApplications(ctx, { actor, ...parseListArgs(rest) }));
        case "schedule": {
          const id = parseApplicationNumber(rest[0] ?? "");
          if (id === undefined) return await say(`Usage: ${command} schedule SC-0001 0 9 * * 1-5   (or "default")`);
          const cron = rest.slice(1).join(" ");
          const { next } = await setReminderSchedule(ctx, { actor, applicationId: id, cron: cron === "default" ? null : cron });
          return await say(`Reminder schedule for ${applicationNumber(id)} saved.${next ? ` Next reminder: ${formatDateTime(next, ctx.policy.city.timeZone)}.` : ""}`);
        }
        case "export": {
          const id = parseApplicationNumber(rest[0] ?? "");
          if (id === undefined) return await say(`Usage: ${command} export SC-0001`);
          const packet = await exportApplication(ctx, { actor, applicationId: id });
          // The files go to a direct message with the person who asked, not into the channel the command came from.
          const dm = await client.conversations.open({ users: actor.userId });
          const channel = dm.channel?.id;
          if (!channel) throw new Error("conversations.open returned no channel");
          await client.files.uploadV2({
            channel_id: channel,
            initial_comment: `Public-record packet for ${packet.number} (Markdown for agenda packets and minutes, CSV for spreadsheets).`,
            file_uploads: [packet.markdown, packet.csv].map((f) => ({ file: Buffer.from(f.content, "utf8"), filename: f.filename, title: f.filename })),
          });
          return await say(`${packet.number}'s packet is in your direct messages with the app.`);
        }
        case "help":
          return await say(helpText(command));
        default:
          return await say(`Unknown subcommand "${clip(sub, 40)}".\n${helpText(command)}`);
      }
    } catch (e) {
      await say(messageFor(e, logger)).catch(() => undefined);
    }
  });
}
