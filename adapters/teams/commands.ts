// Text commands to the bot (personal chat, or an @mention in a channel or group chat): apply, status, list, help.
import { exportApplication } from "../../src/app/export-application.js";
import { LINK_TTL_MS } from "../../src/app/export-links.js";
import { exportLinksCard } from "../../src/views/export-packet.js";
import type { IMessageActivity, MessageActivityInput } from "@microsoft/teams.api";
import { getStatus } from "../../src/app/get-status.js";
import { listApplications, parseListArgs } from "../../src/app/list-applications.js";
import { setReminderSchedule } from "../../src/app/set-reminder-schedule.js";
import { isDomainError } from "../../src/domain/errors.js";
import { DEFAULT_REACTIONS, type Policy } from "../../src/domain/policy.js";
import { applicationNumber, parseApplicationNumber } from "../../src/domain/status.js";
import { formatDateTime } from "../../src/views/application-summary.js";
import { textCard, type CardView } from "../../src/views/model.js";
import { actorOf, commandText, mentionsBot, readInbound } from "./activity.js";
import { formRequestOf, openForm, type FormOutcome } from "./forms.js";
import { cardMessage, viewMessage } from "./platform.js";
import { renderCard, renderForm } from "./render.js";
import type { TeamsDeps } from "./replies.js";

// How Teams' reaction ids look to people.
const REACTION_EMOJI: Record<string, string> = { like: "👍", heart: "❤️", laugh: "😆", surprised: "😮", sad: "😢", angry: "😠" };
const shown = (ids: readonly string[]) => ids.map((id) => REACTION_EMOJI[id] ?? id).join(" / ");

/** The commands, as the help card lists them (Teams wording; the Slack adapter has its own). */
export function helpView(policy: Policy): CardView {
  const map = policy.commission.reactions.teams ?? DEFAULT_REACTIONS.teams;
  const react = [map.approve.length > 0 ? `${shown(map.approve)} approves` : "", map.deny.length > 0 ? `${shown(map.deny)} denies` : ""].filter(Boolean);
  return textCard(
    "Sister City bot: commands",
    [
      "apply — start a Sister City application (step by step here, or as one form in a dialog)",
      "status SC-0001 — one application in full, with the buttons you may use",
      "status — your own applications",
      "list — what waits for you (director, commission, clerk) and your applications",
      "schedule SC-0001 0 9 * * 1 — director: this application's council reminder schedule (cron, city time; \"default\" resets it)",
      "export SC-0001 — director, clerk or the applicant: download the public-record packet (Markdown and CSV)",
      "help — this list",
      `Commissioners vote with the buttons on the commission card${react.length > 0 ? `, or with a reaction on it (${react.join(", ")})` : ""}.`,
    ].join("\n"),
  );
}

type Send = (activity: MessageActivityInput) => Promise<unknown>;

function formMessage(outcome: FormOutcome): MessageActivityInput {
  if (outcome.kind !== "form") return viewMessage(textCard(outcome.message, outcome.message, outcome.kind === "done" ? "good" : "attention"));
  const form = outcome.form;
  return cardMessage(form.title, [renderForm(form, { mode: "chat", offerDialog: form.formId === "application" })]);
}

async function views(deps: TeamsDeps, word: string, arg: string, actor: ReturnType<typeof actorOf>): Promise<CardView[] | FormOutcome> {
  const { ctx } = deps;
  switch (word) {
    case "apply":
      return openForm(ctx, actor, { formId: "application", step: 0 });
    case "status": {
      if (!arg) return listApplications(ctx, { actor, scope: "mine" });
      const id = parseApplicationNumber(arg);
      if (!id) return [textCard(`"${arg}" is not an application number`, `"${arg}" is not an application number. Try "status SC-0001".`, "attention")];
      return [await getStatus(ctx, { actor, applicationId: id })];
    }
    case "list":
      return listApplications(ctx, { actor, ...parseListArgs(arg.split(/\s+/).filter(Boolean)) });
    case "export": {
      const id = parseApplicationNumber(arg);
      if (!id) return [textCard("How to export", 'Say "export SC-0001".', "attention")];
      // Teams cannot take a file from a bot without its file-consent flow: answer with signed download links.
      const packet = await exportApplication(ctx, { actor, applicationId: id }); // refuses those not allowed
      const now = ctx.clock();
      const links = { md: ctx.exportLinks.create(actor, id, "md", now), csv: ctx.exportLinks.create(actor, id, "csv", now) };
      return [exportLinksCard(packet.number, links, LINK_TTL_MS / 60_000)];
    }
    case "schedule": {
      const [number = "", ...cron] = arg.split(/\s+/);
      const id = parseApplicationNumber(number);
      if (!id || cron.length === 0) return [textCard("How to set a schedule", 'Say "schedule SC-0001 0 9 * * 1" (a cron expression in the city\'s time), or "schedule SC-0001 default".', "attention")];
      const expr = cron.join(" ");
      const { next } = await setReminderSchedule(ctx, { actor, applicationId: id, cron: expr === "default" ? null : expr });
      const when = next ? ` Next reminder: ${formatDateTime(next, ctx.policy.city.timeZone)}.` : "";
      const saved = `Reminder schedule for ${applicationNumber(id)} saved.`;
      return [textCard(saved, `${saved}${when}`, "good")];
    }
    default:
      return [helpView(deps.ctx.policy)];
  }
}

/**
 * Answers a message. In a channel or group chat the bot only listens when @mentioned. A card button meant to open
 * a dialog arrives here as a message in clients without dialogs; the form is then shown in the chat instead.
 */
export async function handleMessage(deps: TeamsDeps, activity: IMessageActivity, send: Send): Promise<void> {
  const inbound = readInbound(activity);
  const actor = actorOf(inbound, deps.ctx.directory);
  try {
    const value: unknown = activity.value;
    if (value && typeof value === "object") {
      const req = formRequestOf(value as Record<string, unknown>);
      if (req) await send(formMessage(await openForm(deps.ctx, actor, req.formId === "application" ? { ...req, step: 0 } : req)));
      return;
    }
    if (!inbound.personal && !mentionsBot(activity)) return;
    const [first = "", ...rest] = commandText(activity.text).split(/\s+/);
    const result = await views(deps, first.toLowerCase(), rest.join(" ").trim(), actor);
    if (Array.isArray(result)) await send(cardMessage(result.map((v) => v.summary).join(" · "), result.map(renderCard)));
    else await send(formMessage(result));
  } catch (e) {
    if (!isDomainError(e)) throw e;
    await send(viewMessage(textCard(e.userMessage, e.userMessage, "attention")));
  }
}
