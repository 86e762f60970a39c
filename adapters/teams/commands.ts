// Text commands to the bot (personal chat, or an @mention in a channel or group chat): the text goes to the core's
// inbound port, and the answer comes back as cards in the chat.
import type { IMessageActivity, MessageActivityInput } from "@microsoft/teams.api";
import { helpFor, type OpenFormOutcome } from "../../src/inbound/port.js";
import { createPlatformRegistry, type PlatformRegistry } from "../../src/platforms/registry.js";
import type { Policy } from "../../src/domain/policy.js";
import { textCard, type CardView, type FormView } from "../../src/views/model.js";
import { actorOf, commandText, mentionsBot, readInbound } from "./activity.js";
import { teamsEntry } from "./entry.js";
import { contextOf, formRequestOf } from "./forms.js";
import { cardMessage, viewMessage } from "./platform.js";
import { renderCard, renderForm } from "./render.js";
import type { TeamsDeps } from "./replies.js";

/** The commands, as the help card lists them for someone in Teams. */
export function helpView(policy: Policy, registry: PlatformRegistry = createPlatformRegistry([teamsEntry])): CardView {
  return helpFor({ policy, registry }, teamsEntry.id, "");
}

type Send = (activity: MessageActivityInput) => Promise<unknown>;

function formMessage(form: FormView): MessageActivityInput {
  return cardMessage(form.title, [renderForm(form, { mode: "chat", offerDialog: form.formId === "application" })]);
}

const note = (message: string) => viewMessage(textCard(message, message, "attention"));

/**
 * Answers a message. In a channel or group chat the bot only listens when @mentioned. A card button meant to open
 * a dialog arrives here as a message in clients without dialogs; the form is then shown in the chat instead.
 */
export async function handleMessage(deps: TeamsDeps, activity: IMessageActivity, send: Send): Promise<void> {
  const inbound = readInbound(activity);
  const actor = actorOf(inbound, deps.ctx.directory);
  const value: unknown = activity.value;
  if (value && typeof value === "object") {
    const req = formRequestOf(value as Record<string, unknown>);
    if (!req) return;
    const outcome: OpenFormOutcome = await deps.inbound.dispatch({ kind: "open_form", form: req.formId, context: req.formId === "application" ? { ...contextOf(req), step: 0 } : contextOf(req), actor });
    await send(outcome.kind === "form" ? formMessage(outcome.form) : note(outcome.message));
    return;
  }
  if (!inbound.personal && !mentionsBot(activity)) return;
  const outcome = await deps.inbound.dispatch({ kind: "command", text: commandText(activity.text), actor, prefix: "", formStyle: "steps" });
  switch (outcome.kind) {
    case "form":
      return void (await send(formMessage(outcome.form)));
    case "cards":
      return void (await send(cardMessage(outcome.views.map((v) => v.summary).join(" · "), outcome.views.map(renderCard))));
    case "private": {
      // Only a personal chat is private: from a channel, the answer goes to the person's chat with the app.
      if (inbound.personal) return void (await send(cardMessage(outcome.views.map((v) => v.summary).join(" · "), outcome.views.map(renderCard))));
      for (const view of outcome.views) await deps.platform.send({ platform: teamsEntry.id, kind: "user", id: actor.userId }, view);
      return void (await send(viewMessage(textCard(outcome.note, outcome.note))));
    }
    case "export":
      // Teams cannot take a file from a bot without its file-consent flow: answer with signed download links.
      return void (await send(viewMessage(outcome.links)));
    case "refused":
      return void (await send(note(outcome.message)));
  }
}
