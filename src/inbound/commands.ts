// Text commands, once for every platform: apply, status [number], list [all], schedule, export, help.
import type { AppContext } from "../app/context.js";
import { exportApplication } from "../app/export-application.js";
import { LINK_TTL_MS } from "../app/export-links.js";
import { getStatus } from "../app/get-status.js";
import { listApplications, parseListArgs } from "../app/list-applications.js";
import { setReminderSchedule } from "../app/set-reminder-schedule.js";
import { checkSetup } from "../app/check-setup.js";
import { listRoles } from "../app/list-roles.js";
import { doctorView } from "../views/doctor-view.js";
import { rolesView } from "../views/roles-view.js";
import { parseApplicationNumber } from "../domain/status.js";
import { hasRole, type Actor } from "../domain/actors.js";
import { unreachablePeople } from "../app/resolve-people.js";
import { unreachablePeopleView, type PlatformWords } from "../views/people-view.js";

/** The connected platforms, as the words on unreachable people name them. */
export function connectedPlatformWords(ctx: Pick<AppContext, "platforms" | "registry">): PlatformWords[] {
  return [...ctx.platforms.keys()].map((id) => {
    const e = ctx.registry.get(id);
    return { displayName: e?.displayName ?? id, ...(e?.findsPeopleByEmail ? { findsPeopleByEmail: e.findsPeopleByEmail } : {}) };
  });
}
import { reactionMapFor } from "../platforms/registry.js";
import { exportLinksCard } from "../views/export-packet.js";
import { clip, type CardView } from "../views/model.js";
import { helpView, replies, replyCard, usage } from "../views/replies.js";
import type { CommandEvent } from "./events.js";
import type { CommandOutcome } from "./outcome.js";
import { openFormView } from "./forms.js";

/** "👍 approves, 👎 denies": the reactions that count as votes on `platform`, in words. */
export function reactionWords(ctx: Pick<AppContext, "registry" | "policy">, platform: string): string {
  const entry = ctx.registry.get(platform);
  if (!entry) return "";
  const map = reactionMapFor(ctx.registry, ctx.policy.commission.reactions, platform);
  const shown = (names: readonly string[]) => names.map((n) => entry.showReaction(n)).join(" / ");
  return [map.approve.length > 0 ? `${shown(map.approve)} approves` : "", map.deny.length > 0 ? `${shown(map.deny)} denies` : ""].filter(Boolean).join(", ");
}

/** The help card for someone on `platform`. */
export function helpFor(ctx: Pick<AppContext, "registry" | "policy">, platform: string, prefix: string, unknown?: string): CardView {
  const words = reactionWords(ctx, platform);
  return helpView({ prefix, reactions: words ? [words] : [], ...(unknown !== undefined ? { unknown } : {}) });
}

/** What the director sees above their lists: people with a role whom no connected platform can reach, with what to do. */
export function directorNotices(ctx: AppContext, actor: Actor): CardView[] {
  if (!hasRole(ctx.directory.resolve(actor), "director")) return [];
  const people = unreachablePeople(ctx);
  if (people.length === 0) return [];
  return [unreachablePeopleView(people, connectedPlatformWords(ctx))];
}

/** Runs a text command; throws the use cases' refusals (DomainErrors). */
export async function runCommand(ctx: AppContext, ev: CommandEvent): Promise<CommandOutcome> {
  const { actor, prefix } = ev;
  const [word = "", ...rest] = ev.text.trim().split(/\s+/);
  const arg = rest.join(" ").trim();
  const cards = (...views: CardView[]): CommandOutcome => ({ kind: "cards", views });
  switch (word.toLowerCase()) {
    case "":
    case "apply":
      return { kind: "form", form: await openFormView(ctx, actor, "application", ev.formStyle === "steps" ? { step: 0 } : {}) };
    case "status": {
      if (!arg) return cards(...(await listApplications(ctx, { actor, scope: "mine" })));
      const id = parseApplicationNumber(rest[0] ?? "");
      if (id === undefined) return cards(usage.notANumber(clip(rest[0] ?? "", 40), prefix));
      return cards(await getStatus(ctx, { actor, applicationId: id }));
    }
    case "list":
      return cards(...directorNotices(ctx, actor), ...(await listApplications(ctx, { actor, ...parseListArgs(rest) })));
    case "schedule": {
      const id = parseApplicationNumber(rest[0] ?? "");
      const cron = rest.slice(1).join(" ");
      if (id === undefined || cron === "") return cards(usage.schedule(prefix));
      const { next } = await setReminderSchedule(ctx, { actor, applicationId: id, cron: cron === "default" ? null : cron });
      return cards(replyCard(replies.scheduleSaved(id, next, ctx.policy.city.timeZone), "good"));
    }
    case "export": {
      const id = parseApplicationNumber(rest[0] ?? "");
      if (id === undefined) return cards(usage.export(prefix));
      const packet = await exportApplication(ctx, { actor, applicationId: id }); // refuses those not allowed
      const now = ctx.clock();
      const links = { md: ctx.exportLinks.create(actor, id, "md", now), csv: ctx.exportLinks.create(actor, id, "csv", now) };
      return { kind: "export", packet, links: exportLinksCard(packet.number, links, LINK_TTL_MS / 60_000), sent: replyCard(replies.packetInDirectMessages(packet.number)) };
    }
    case "doctor":
      return { kind: "private", views: [doctorView(await checkSetup(ctx, { actor }))], note: replies.sentPrivately("setup check") };
    case "roles": {
      const { list, policyFile } = await listRoles(ctx, { actor });
      return { kind: "private", views: [rolesView(list, policyFile)], note: replies.sentPrivately("roles list") };
    }
    case "help":
      return cards(helpFor(ctx, actor.platform, prefix));
    default:
      return cards(helpFor(ctx, actor.platform, prefix, word));
  }
}
