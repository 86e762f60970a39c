import { z } from "zod";
import type { Actor } from "../domain/actors.js";
import { DomainError } from "../domain/errors.js";
import { noticeWarning } from "../domain/meeting.js";
import { zonedTime } from "../domain/schedule.js";
import { applicationNumber, assertAllowed, type Status } from "../domain/status.js";
import { formatDateTime } from "../views/application-summary.js";
import { meetingInPast } from "../views/meeting-text.js";
import { writeAudit } from "./audit.js";
import type { AppContext } from "./context.js";
import { parseForm } from "./inputs.js";
import { loadApplication } from "./read-model.js";

const date = (label: string) => z.string({ error: `${label}: the date is required.` }).regex(/^\d{4}-\d{2}-\d{2}$/, `${label}: the date must be YYYY-MM-DD.`);
const time = (label: string) =>
  z.string({ error: `${label}: the time is required.` }).transform((s) => s.trim()).pipe(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label}: the time must be HH:MM (24-hour), e.g. 19:00.`));

const schema = z.object({
  meetingDate: date("Meeting"),
  meetingTime: time("Meeting"),
  agendaItem: z
    .string({ error: "The agenda item number is required." })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, "The agenda item number is required.").max(20, "The agenda item number must be at most 20 characters.").regex(/^[\w.\- ]+$/, "Use letters, digits, dots or dashes for the agenda item.")),
  agendaPostedDate: date("Agenda posted"),
  agendaPostedTime: time("Agenda posted"),
});

/** A wall-clock date and time in the city's zone → an instant. */
function toInstant(d: { date: string; time: string }, timeZone: string, field: string): Date {
  const [year, month, day] = d.date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = d.time.split(":").map(Number) as [number, number];
  const t = zonedTime({ year, month, day, hour, minute }, timeZone);
  if (!t) throw new DomainError("invalid_input", `${d.date} ${d.time} does not exist in ${timeZone} (clocks change that night).`, { [field]: "That time does not exist on this date." });
  return t;
}

/**
 * In meeting mode, the director or chair puts an accepted application on a commission meeting's agenda. Votes can
 * then only be cast during that meeting. Returns a warning when the agenda was not posted 72 hours ahead.
 */
export async function scheduleMeeting(
  ctx: AppContext,
  input: { actor: Actor; applicationId: number; form: { meetingDate?: unknown; meetingTime?: unknown; agendaItem?: unknown; agendaPostedDate?: unknown; agendaPostedTime?: unknown } },
): Promise<{ meetingAt: Date; warning: string | null }> {
  const member = ctx.directory.resolve(input.actor);
  const now = ctx.clock();
  const tz = ctx.policy.city.timeZone;
  const f = parseForm(schema, input.form);
  const meetingAt = toInstant({ date: f.meetingDate, time: f.meetingTime }, tz, "meetingTime");
  const agendaPostedAt = toInstant({ date: f.agendaPostedDate, time: f.agendaPostedTime }, tz, "agendaPostedTime");
  if (meetingAt <= now) {
    const message = meetingInPast(meetingAt, now, tz);
    throw new DomainError("invalid_input", message, { meetingDate: message });
  }
  if (agendaPostedAt > meetingAt) throw new DomainError("invalid_input", "The agenda must be posted before the meeting.", { agendaPostedDate: "The agenda must be posted before the meeting." });
  const warning = noticeWarning(meetingAt, agendaPostedAt);

  await ctx.store.transaction(async (tx) => {
    const app = await loadApplication(tx, input.applicationId);
    assertAllowed("open_vote", { status: app.status as Status, applicantId: app.applicantId }, member);
    if (ctx.policy.commission.votingMode !== "meeting") throw new DomainError("invalid_transition", "The policy's voting mode is \"open\": commissioners vote on the card, no meeting needs to be scheduled.");
    const open = await tx.voteRound.findFirst({ where: { applicationId: app.id, closedAt: null } });
    if (open) throw new DomainError("invalid_transition", `A vote on ${applicationNumber(app.id)} is open; close it before moving the meeting.`);
    const data = { meetingAt, agendaItem: f.agendaItem, agendaPostedAt, scheduledById: member.personId, scheduledAt: now };
    const prior = await tx.meetingItem.findUnique({ where: { applicationId: app.id } });
    await tx.meetingItem.upsert({ where: { applicationId: app.id }, create: { applicationId: app.id, ...data }, update: data });
    await writeAudit(tx, {
      applicationId: app.id,
      member,
      roles: ["director", "chair"],
      action: "meeting_scheduled",
      summary: `${applicationNumber(app.id)} on the commission agenda, item ${f.agendaItem}, meeting ${formatDateTime(meetingAt, tz)}, agenda posted ${formatDateTime(agendaPostedAt, tz)}${warning ? ". WARNING: posted less than 72 hours ahead" : ""}`,
      ...(prior ? { before: { meetingAt: prior.meetingAt.toISOString(), agendaItem: prior.agendaItem } } : {}),
      after: { meetingAt: meetingAt.toISOString(), agendaItem: f.agendaItem, agendaPostedAt: agendaPostedAt.toISOString(), warning },
      at: now,
    });
  });
  ctx.after.refreshCards(input.applicationId);
  return { meetingAt, warning };
}
