// Every short answer the bot gives a person after a click, a form, a command or a reaction. Defined once, so every
// platform says the same thing; adapters render these and write no sentence of their own.
import { applicationNumber } from "../domain/status.js";
import { CHOICE_LABELS, type Choice } from "../domain/votes.js";
import { formatDate, formatDateTime } from "./application-summary.js";
import { textCard, type Block, type CardView } from "./model.js";

/** The answers, by situation. */
export const replies = {
  sorry: "Sorry, that did not go through because of a problem on our side. Nothing was changed; please try again in a minute.",
  alreadyReceived: "Already received.",
  cancelled: "Cancelled.",
  done: "Done.",
  // `prefix` is how commands are typed where the person reads this ("/sistercity ", or "" for plain words).
  buttonWithoutApplication: (prefix: string) => `That button does not name an application any more. Use ${commandText(prefix, "status <number>")} to find it.`,
  unknownButton: (prefix: string) => `That button is no longer in use. Say ${commandText(prefix, "help")} to see what the bot can do.`,
  formGone: (prefix: string) => `That form is no longer available. Say ${commandText(prefix, "apply")} to start again.`,
  formNeedsApplication: "That form needs an application number.",
  withdrawn: (id: number) => `${applicationNumber(id)} is withdrawn.`,
  remindersPaused: (id: number, until: Date, timeZone: string) => `Reminders for ${applicationNumber(id)} are paused until ${formatDateTime(until, timeZone)}.`,
  openedBelow: (id: number) => `Opened ${applicationNumber(id)} below.`,
  draftSaved: (number: string, prefix: string) => `Draft ${number} saved. Reopen it any time: ${commandText(prefix, `status ${number}`)}, then Edit (or from the app's Home tab where there is one).`,
  notSaved: (problems: string[]) => `Not saved: ${problems.join(" ")}`,
  submittedTitle: "Application submitted",
  /** The one confirmation an applicant gets: shown where they submitted, not sent again as a message. */
  submitted: (number: string, resubmitted: boolean, warnings: string[], prefix: string) =>
    `Application ${number} submitted${resubmitted ? " again" : ""}. Thank you: it is with the Community Services Director. Use ${commandText(prefix, `status ${number}`)} to follow it. ${warnings.join(" ")}`.trim(),
  /** Told privately once a vote is recorded (and shown on the clicker's own copy of the card where it can be). */
  youVoted: (id: number, choice: Choice | null) =>
    choice === null ? `Your vote on ${applicationNumber(id)} is withdrawn.` : `You voted ${CHOICE_LABELS[choice]} on ${applicationNumber(id)}.`,
  recused: (id: number) => `Your recusal from the vote on ${applicationNumber(id)} is recorded, with your reason.`,
  intakeDecided: (id: number, decision: "return" | "reject") =>
    decision === "reject" ? `${applicationNumber(id)} rejected; the applicant is told why.` : `${applicationNumber(id)} returned to the applicant with your note.`,
  councilScheduled: (id: number, meetingDate: Date) => `${applicationNumber(id)} is on the City Council agenda for ${formatDate(meetingDate, "UTC")}.`,
  councilRecorded: (id: number) => `City Council's decision on ${applicationNumber(id)} is recorded.`,
  agreementRecorded: (id: number) => `The signed agreement for ${applicationNumber(id)} is recorded.`,
  meetingScheduled: (id: number, meetingAt: Date, timeZone: string, warning: string | null) =>
    `${applicationNumber(id)} is on the agenda of the commission meeting on ${formatDateTime(meetingAt, timeZone)}.${warning ? ` ⚠ ${warning}` : ""}`,
  scheduleSaved: (id: number, next: Date | null, timeZone: string) => `Reminder schedule for ${applicationNumber(id)} saved.${next ? ` Next reminder: ${formatDateTime(next, timeZone)}.` : ""}`,
  /** "list all" from someone who may only see their own applications. */
  listAllIsNotYours: "Only the Community Services Director and the council clerk see every application; here are yours.",
  packetInDirectMessages: (number: string) => `${number}'s packet is in your direct messages with the app.`,
  sentPrivately: (what: string) => `The ${what} is in your personal chat with the app.`,
  packetComment: (number: string) => `Public-record packet for ${number} (Markdown for agenda packets and minutes, CSV for spreadsheets).`,
} as const;

/** Notices sent to the applicant; `prefix` is how commands are typed where they are reached. */
export const notices = {
  returned: (number: string, title: string, reason: string, prefix: string) =>
    textCard(`${number} returned`, `Your application ${title} was returned by the Community Services Director: ${reason}\nEdit it and submit it again (${commandText(prefix, `status ${number}`)} → Edit).`, "attention"),
};

/** A one-line answer as a card (commands answer with cards on every platform). */
export function replyCard(text: string, tone: "default" | "good" | "attention" = "default"): CardView {
  return textCard(text, text, tone);
}

/** The clicker's own copy of the card: the card as it is, with what they just voted on top. */
export function withYourVote(card: CardView, applicationId: number, choice: Choice | null): CardView {
  return { ...card, blocks: [{ type: "text", text: replies.youVoted(applicationId, choice), tone: "good" }, ...card.blocks] };
}

/** Told privately when a reaction could not count as a vote. */
export function reactionNotCounted(reason: string): CardView {
  return textCard("Your reaction was not counted as a vote", `Your reaction was not counted as a vote: ${reason}`, "attention");
}

/** "<prefix>status SC-0001" usage hints, with the way commands are typed on the platform ("/sistercity " or ""). */
export const usage = {
  notANumber: (arg: string, prefix: string) => replyCard(`"${arg}" is not an application number. Try ${commandText(prefix, "status SC-0001")}.`, "attention"),
  schedule: (prefix: string) =>
    replyCard(`Say ${commandText(prefix, "schedule SC-0001 0 9 * * 1-5")} (a cron expression in the city's time, names such as MON allowed), or ${commandText(prefix, "schedule SC-0001 default")}.`, "attention"),
  export: (prefix: string) => replyCard(`Say ${commandText(prefix, "export SC-0001")}.`, "attention"),
};

/**
 * The whole command a person types for `words`: "/sistercity status SC-0001" where commands have a prefix, and
 * "status SC-0001" in quotes where plain words are commands.
 */
export function commandText(prefix: string, words: string): string {
  return prefix ? `${prefix}${words}` : `"${words}"`;
}

/** The command list; `reactions` says, per connected platform, which reactions count ("👍 approves"). */
export function helpView(opts: { prefix: string; reactions: string[]; unknown?: string }): CardView {
  const c = (words: string) => `${opts.prefix}${words}`;
  const lines = [
    ...(opts.unknown !== undefined ? [`Unknown subcommand "${opts.unknown.slice(0, 40)}".`] : []),
    `${c("apply")} — start a Sister City application (opens a form; you can save a draft)`,
    `${c("status SC-0001")} — one application in full, with the buttons you may use`,
    `${c("status")} — your own applications`,
    `${c("list")} — what waits for you (director, commission, clerk) and your applications; directors and clerks: ${c("list all")}`,
    `${c("schedule SC-0001 0 9 * * 1")} — director: this application's council reminder schedule (cron, city time; names such as MON allowed; "default" resets it)`,
    `${c("export SC-0001")} — director, clerk or the applicant: the public-record packet (Markdown and CSV)`,
    `${c("doctor")} — director: check the bot's setup (platforms, people, roles), answered privately`,
    `${c("roles")} — director: who holds which role and whether each can be reached, answered privately`,
    `${c("help")} — this list`,
    `Commissioners vote with the buttons on the commission card${opts.reactions.length > 0 ? `, or with a reaction on it (${opts.reactions.join("; ")})` : ""}.`,
  ];
  return { kind: "card", summary: "Sister City bot: commands", blocks: [{ type: "header", text: "Sister City bot: commands" }, { type: "text", text: lines.join("\n") }] };
}

/** The App Home: a header, a line saying what the app is for, then each of the person's lists. */
export function homeView(cityName: string, lists: CardView[]): CardView {
  const blocks: Block[] = [
    { type: "header", text: `Sister Cities — ${cityName}` },
    { type: "text", text: "Propose a Sister City, follow your applications, and act on what waits for you.", small: true },
    ...lists.flatMap((v) => [{ type: "divider" } as Block, ...v.blocks]),
  ];
  return { kind: "card", summary: `Sister Cities — ${cityName}`, blocks };
}

/** The label of the App Home's "start an application" button. */
export const HOME_APPLY_LABEL = "Start an application";
