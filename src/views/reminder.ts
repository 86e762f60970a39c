import { applicationNumber } from "../domain/status.js";
import type { Block, Button, CardView } from "./model.js";
import { clip } from "./model.js";
import { cityTitle, formatDateTime, waitingSince } from "./application-summary.js";
import type { Draft } from "../domain/application.js";

/** A reminder to the director (or clerk, or escalation contact) about a step that is still open. */
export function reminderView(opts: {
  applicationId: number;
  answers: Draft;
  topic: "intake" | "council" | "agreement";
  /** When the step began to wait, and now: the card says "waiting since Mar 2, 2027 (today)". */
  since: Date;
  now: Date;
  missing: string[];
  count: number;
  escalated: boolean;
  next?: Date | null;
  timeZone: string;
  snoozeDays: number;
}): CardView {
  const number = applicationNumber(opts.applicationId);
  const what = { intake: "waits for your intake decision", council: "waits for City Council", agreement: "waits for the signed agreement" }[opts.topic];
  const blocks: Block[] = [
    { type: "header", text: clip(`Reminder: ${number} · ${cityTitle(opts.answers)}`, 150) },
    { type: "text", text: `${number} ${what} — waiting ${waitingSince(opts.since, opts.now, opts.timeZone)}.`, tone: "attention" },
  ];
  if (opts.missing.length > 0) blocks.push({ type: "text", text: `Still missing: ${opts.missing.join("; ")}.` });
  if (opts.escalated) blocks.push({ type: "text", text: `Sent to the escalation contacts too: ${opts.count} reminders have gone unanswered.`, small: true });
  if (opts.next) blocks.push({ type: "text", text: `Next reminder: ${formatDateTime(opts.next, opts.timeZone)} unless the step is done.`, small: true });
  const id = opts.applicationId;
  const buttons: Button[] =
    opts.topic === "intake"
      ? [{ action: "app.status", label: "Open application", applicationId: id, style: "primary" }]
      : opts.topic === "council"
        ? [
            { action: "council.record", label: "Record council decision", applicationId: id, style: "primary", asksForInput: true },
            { action: "council.schedule", label: "Set council date", applicationId: id, asksForInput: true },
          ]
        : [{ action: "agreement.record", label: "Record signed agreement", applicationId: id, style: "primary", asksForInput: true }];
  buttons.push({ action: "reminder.snooze", label: `Snooze ${opts.snoozeDays} days`, applicationId: id });
  blocks.push({ type: "actions", buttons });
  return { kind: "card", summary: `Reminder: ${number} ${what}`, blocks };
}

/** A nudge to a commissioner who has not voted yet. */
export function nudgeView(opts: { applicationId: number; answers: Draft; deadline: Date; timeZone: string }): CardView {
  const number = applicationNumber(opts.applicationId);
  return {
    kind: "card",
    summary: `Your vote on ${number} is still missing`,
    blocks: [
      { type: "header", text: clip(`Vote needed: ${number} · ${cityTitle(opts.answers)}`, 150) },
      { type: "text", text: `The commission vote on ${number} closes ${formatDateTime(opts.deadline, opts.timeZone)}, and your vote is not in yet. Vote on the card in the commission channel.`, tone: "attention" },
      { type: "actions", buttons: [{ action: "app.status", label: "Open application", applicationId: opts.applicationId }] },
    ],
  };
}
