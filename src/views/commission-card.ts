import type { Criterion } from "../domain/criteria.js";
import { applicationNumber } from "../domain/status.js";
import type { Block, Button, CardView, Viewer } from "./model.js";
import { clip } from "./model.js";
import {
  applicationTitle,
  checklistBlock,
  formatDateTime,
  longTextBlocks,
  outcomeLine,
  rollCallLine,
  statusLine,
  summaryFields,
  tallyLine,
  type ApplicationInfo,
  type RoundInfo,
} from "./application-summary.js";

/**
 * The card in the commission channel: summary, checklist, live tally, who has not voted, and vote buttons while
 * the vote is open; the outcome and the full roll call once it closes. Votes are shown by name: they are public record.
 */
export function commissionCard(opts: {
  app: ApplicationInfo;
  criteria: Criterion[];
  round: RoundInfo | null;
  timeZone: string;
  votingNote?: string;
  meetingMode?: boolean;
  /** Who presides (the chair, and the director): the only people shown Close vote where a platform can do that. */
  presiding?: Viewer[];
}): CardView {
  const { app, round, timeZone } = opts;
  const blocks: Block[] = [
    { type: "header", text: clip(applicationTitle(app), 150) },
    { type: "text", text: statusLine(app), small: true },
    { type: "fields", fields: summaryFields(app.answers, app.applicantName) },
    ...longTextBlocks(app.answers),
    // The card clips long answers; every answer in full is one press away, before and after the vote.
    { type: "actions", buttons: [{ action: "app.full", label: "View full application", applicationId: app.id, panel: true }] },
    checklistBlock(opts.criteria),
    { type: "divider" },
  ];

  const waiting = app.status === "commission_review";
  const openers: Button[] = [
    ...(opts.meetingMode ? [{ action: "meeting.schedule" as const, label: "Schedule meeting", applicationId: app.id, asksForInput: true }] : []),
    { action: "vote.open", label: "Open vote", applicationId: app.id, style: "primary" },
  ];
  if (!round) {
    blocks.push({ type: "text", text: opts.votingNote ?? "No vote is open. The director or chair opens the vote.", tone: "attention" });
    if (waiting) blocks.push({ type: "actions", buttons: openers });
  } else if (round.closedAt) {
    if (round.outcome) blocks.push({ type: "text", text: outcomeLine(round.outcome, round.tally), tone: round.outcome === "approved" ? "good" : "attention" });
    blocks.push({ type: "text", text: `Roll call (vote ${round.number}, closed ${formatDateTime(round.closedAt, timeZone)}):` });
    blocks.push({ type: "text", text: rollCall(round, timeZone, true), small: true });
    if (waiting) {
      if (opts.votingNote) blocks.push({ type: "text", text: opts.votingNote, small: true });
      blocks.push({ type: "actions", buttons: openers });
    }
  } else {
    blocks.push({ type: "text", text: `Vote ${round.number}: ${tallyLine(round.tally)}` });
    if (round.deadline) blocks.push({ type: "text", text: `Closes ${formatDateTime(round.deadline, timeZone)}.`, small: true });
    if (round.votes.length > 0) blocks.push({ type: "text", text: `Votes so far (public record):\n${rollCall(round, timeZone)}`, small: true });
    blocks.push({
      type: "text",
      text: round.notVotedNames.length > 0 ? `Not voted yet: ${clip(round.notVotedNames.join(", "), 1500)}` : "Every commissioner has voted.",
      small: true,
    });
    if (opts.votingNote) blocks.push({ type: "text", text: opts.votingNote, small: true });
    blocks.push({ type: "actions", buttons: voteButtons(app.id) });
    // Closing ends a public vote for everyone, so it is set apart from the vote buttons and asks first.
    blocks.push({ type: "divider" });
    blocks.push({
      type: "actions",
      intro: "For the chair or the director: closing ends the vote for everyone.",
      buttons: [closeButton(app.id)],
      ...(opts.presiding ? { onlyFor: opts.presiding } : {}),
    });
  }
  return { kind: "card", summary: `Commission vote: ${applicationTitle(app)}`, blocks };
}

/** The roll call by name; once the vote has closed it names every member of the roster, those absent too. */
function rollCall(round: RoundInfo, timeZone: string, closed = false): string {
  const lines = round.votes.map((v) => rollCallLine(v, timeZone));
  if (closed) lines.push(...round.notVotedNames.map((name) => `${name} — Absent (did not vote)`));
  if (lines.length === 0) return "No votes were cast.";
  // Each line is short; the whole list is clipped to stay inside one text block on both platforms.
  return clip(lines.join("\n"), 2900);
}

function voteButtons(applicationId: number): Button[] {
  return [
    { action: "vote.approve", label: "Approve", style: "primary", applicationId },
    { action: "vote.deny", label: "Deny", style: "danger", applicationId },
    { action: "vote.abstain", label: "Abstain", applicationId },
    { action: "vote.recuse", label: "Recuse", applicationId, asksForInput: true },
  ];
}

function closeButton(applicationId: number): Button {
  const number = applicationNumber(applicationId);
  return {
    action: "vote.close",
    label: "Close vote",
    applicationId,
    style: "danger",
    confirm: { title: "Close the vote?", text: `This ends the public vote on ${number} now and records the roll call. It cannot be undone.`, yes: "Close vote", no: "Cancel" },
  };
}
