import { describe, expect, it } from "vitest";
import { escapeMarkdown, unescapeMarkdown } from "../../adapters/teams/markdown.js";
import { renderButton, renderCard, renderForm } from "../../adapters/teams/render.js";
import { ACTIVITIES, LIMITS, ORIGINS, type Draft } from "../../src/domain/application.js";
import { evaluateCriteria } from "../../src/domain/criteria.js";
import { RULES, type Action } from "../../src/domain/status.js";
import { tally, type Choice } from "../../src/domain/votes.js";
import type { ApplicationInfo, RoundInfo } from "../../src/views/application-summary.js";
import { applicationForm, FORM_STEPS } from "../../src/views/application-form.js";
import { commissionCard } from "../../src/views/commission-card.js";
import { intakeCard, intakeDigestCard } from "../../src/views/intake-card.js";
import { textCard, type CardView, type FormView } from "../../src/views/model.js";
import { reminderView, nudgeView } from "../../src/views/reminder.js";
import { agreementForm, councilDateForm, councilDecisionForm, meetingForm, reasonForm } from "../../src/views/small-forms.js";
import { listView, statusView } from "../../src/views/status-view.js";
import { adaptiveCardProblems, adaptiveCardsIn, botFrameworkActivityProblems } from "../support/adaptive-card-oracle.js";
import { testPolicy } from "../support/fixtures.js";
import { actionsOf, cardText } from "./teams-rig.js";

const policy = testPolicy();
const tz = policy.city.timeZone;
// Text made of nothing but markdown syntax: escaping doubles it, the worst case for the size limits.
const worst = (n: number) => "*_[](#)>`~|".repeat(Math.ceil(n / 11)).slice(0, n);
const line = (n: number, seed: string) => `${seed} ${worst(n)}`.slice(0, n);
const url = `https://example.org/${"a".repeat(LIMITS.url - 20)}`.slice(0, LIMITS.url);
const email = `${"m".repeat(64)}@${"d".repeat(LIMITS.email - 69)}.test`;

/** An application with every answer at its limit (src/domain/application.ts LIMITS). */
const maxed: Draft = {
  proposedCity: line(LIMITS.name, "City"),
  country: line(LIMITS.name, "Country"),
  region: line(LIMITS.name, "Region"),
  population: LIMITS.maxPopulation,
  nearWater: true,
  waterBody: line(LIMITS.name, "Water"),
  metropolis: line(LIMITS.name, "Metro"),
  metropolisDistanceKm: LIMITS.maxDistanceKm,
  origins: Object.keys(ORIGINS) as Draft["origins"],
  originNote: worst(LIMITS.note),
  activities: Object.keys(ACTIVITIES) as Draft["activities"],
  activityNote: worst(LIMITS.note),
  letterOfInterest: true,
  letterUrl: url,
  sponsorRole: "staff",
  contactName: line(LIMITS.name, "Name"),
  contactTitle: line(LIMITS.name, "Title"),
  contactEmail: email,
  communitySupport: worst(LIMITS.longText),
  firstYearPlan: worst(LIMITS.longText),
  budgetUsd: LIMITS.maxBudgetUsd,
  notes: worst(LIMITS.longText),
};
const app = (status: ApplicationInfo["status"], answers: Draft = maxed): ApplicationInfo => ({
  id: 9999,
  status,
  applicantName: line(100, "Applicant"),
  answers,
  statusReason: status === "returned" ? worst(500) : null,
  submittedAt: new Date("2027-03-01T17:00:00Z"),
  currentVersion: 3,
});
const roster = ["dana", "chris", "cam1", "cam2", "cam3", "cam4", "cam5"];
function round(closed: boolean, outcome: RoundInfo["outcome"] = null): RoundInfo {
  const choices: Choice[] = ["approve", "deny", "abstain", "recuse", "approve", "approve", "deny"];
  const votes = roster.map((personId, i) => ({ personId, choice: choices[i]!, reason: worst(500), castAt: new Date("2027-03-02T17:00:00Z") }));
  return {
    number: 2,
    deadline: new Date("2027-03-15T17:00:00Z"),
    closedAt: closed ? new Date("2027-03-10T17:00:00Z") : null,
    outcome,
    tally: tally(roster, votes, 4, "votes_cast"),
    votes: votes.map((v) => ({ name: line(100, v.personId), choice: v.choice, reason: v.reason, castAt: v.castAt })),
    notVotedNames: [],
  };
}

const criteria = evaluateCriteria(maxed, policy);
const every: Action[] = Object.keys(RULES) as Action[];
const cards: [string, CardView][] = [
  ["commission card, no vote open", commissionCard({ app: app("commission_review"), criteria, round: null, timeZone: tz })],
  ["commission card, vote open", commissionCard({ app: app("commission_review"), criteria, round: round(false), timeZone: tz, votingNote: "Vote with the buttons" })],
  ["commission card, approved", commissionCard({ app: app("commission_approved"), criteria, round: round(true, "approved"), timeZone: tz })],
  ["commission card, no quorum", commissionCard({ app: app("commission_review"), criteria, round: round(true, "no_quorum"), timeZone: tz })],
  ["commission card, meeting mode", commissionCard({ app: app("commission_review"), criteria, round: null, timeZone: tz, meetingMode: true, votingNote: worst(300) })],
  ["intake card", intakeCard({ app: app("submitted"), criteria })],
  ["status view, every button", statusView({ app: app("returned"), criteria, round: round(false), council: { meetingDate: new Date(), adopted: true, resolution: "2027-31" }, agreement: { signedOn: new Date(), ourMayor: line(100, "A"), theirMayor: line(100, "B"), documentUrl: url }, allowed: every, timeZone: tz, nextReminder: new Date() })],
  ["list view, cut at 20", listView({ title: "All applications", items: Array.from({ length: 25 }, (_, i) => ({ id: i + 1, status: "submitted" as const, answers: maxed, applicantName: line(100, "P"), updatedAt: new Date() })), timeZone: tz, empty: "None" })],
  ["empty list", listView({ title: "My applications", items: [], timeZone: tz, empty: "You have no applications." })],
  ["list view, a middle page with a next-page hint", listView({ title: line(100, "T"), items: Array.from({ length: 20 }, (_, i) => ({ id: i + 21, status: "submitted" as const, answers: maxed, applicantName: line(100, "P"), updatedAt: new Date() })), timeZone: tz, empty: "None", page: { total: 9999, offset: 20, nextCommand: "list all 3" } })],
  ["grouped intake notice, 200 applications", intakeDigestCard({ items: Array.from({ length: 200 }, (_, i) => ({ app: { ...app("submitted"), id: i + 1 }, submittedAt: new Date() })), formatTime: (d) => d.toISOString() })],
  ["text card", textCard("Hello", worst(2000), "attention")],
  ...(["intake", "council", "agreement"] as const).map((topic): [string, CardView] => [
    `${topic} reminder`,
    reminderView({ applicationId: 9999, answers: maxed, topic, since: new Date(Date.now() - 12 * 86_400_000), now: new Date(), missing: [worst(200)], count: 4, escalated: true, next: new Date(), timeZone: tz, snoozeDays: 7 }),
  ]),
  ["vote nudge", nudgeView({ applicationId: 9999, answers: maxed, deadline: new Date(), timeZone: tz })],
];
const allErrors = Object.fromEntries(FORM_STEPS.flatMap((s) => s.fields).map((f) => [f, `${f}: ${worst(80)}`]));
const forms: [string, FormView][] = [
  ["application form, empty", applicationForm({ draft: {}, cityName: "Pinole" })],
  ["application form, every answer at its limit, every field with an error", applicationForm({ draft: maxed, errors: { ...allErrors, _form: worst(300) }, applicationId: 9999, cityName: "Pinole" })],
  ...FORM_STEPS.map((_, step): [string, FormView] => [`application form, step ${step + 1}`, applicationForm({ draft: maxed, applicationId: 9999, step, cityName: "Pinole", errors: allErrors })]),
  ["return reason", reasonForm("intake.return", 9999, "Give a reason; the applicant will see it.")],
  ["recusal reason", reasonForm("vote.recuse", 9999)],
  ["council date", councilDateForm(9999, { meetingDate: "The meeting date must be a date (YYYY-MM-DD)." })],
  ["council decision", councilDecisionForm(9999, { decision: "Choose adopted or rejected.", meetingDate: "x", resolution: "y", notes: "z" })],
  ["agreement", agreementForm(9999, { signedOn: "x", ourMayor: "y", theirMayor: "z", documentUrl: "w" })],
  ["commission meeting", meetingForm(9999, { meetingDate: "x", meetingTime: "y", agendaItem: "z", agendaPostedDate: "w", agendaPostedTime: "v" })],
];

// Teams refuses messages over about 28 KB; leave room for the activity around the card.
const MAX_CARD_BYTES = 25_000;

describe("the oracles the Teams tests rely on", () => {
  it("reject what is not valid, so a passing check means something", () => {
    const ok = renderCard(textCard("x"));
    expect(adaptiveCardProblems(ok)).toEqual([]);
    expect(adaptiveCardProblems({ ...ok, version: "1.5", body: [{ type: "TextBlock" }] }).length).toBeGreaterThan(0);
    expect(adaptiveCardProblems({ ...ok, msteams: { width: "Full" } }).length).toBeGreaterThan(0);
    expect(adaptiveCardProblems({ ...ok, actions: [{ type: "Action.Execute", title: "x", verb: "v", confirm: true }] }).length).toBeGreaterThan(0);
    expect(adaptiveCardsIn({ attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: ok }], value: { type: "application/vnd.microsoft.card.adaptive", value: ok } })).toHaveLength(2);
    expect(botFrameworkActivityProblems({ type: "message", channelId: "msteams", conversation: { id: "a" } })).toEqual([]);
    expect(botFrameworkActivityProblems({ type: "message", channelId: "msteams" }).length).toBeGreaterThan(0);
  });
});

describe("Adaptive Card renderer", () => {
  it.each(cards)("%s is valid Adaptive Card 1.5 within Teams' size limit", (_name, view) => {
    const card = renderCard(view);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card.version).toBe("1.5");
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
  });

  it.each(forms)("%s is valid Adaptive Card 1.5, as a dialog and in the chat", (_name, form) => {
    for (const mode of ["dialog", "chat"] as const) {
      const card = renderForm(form, { mode, offerDialog: form.formId === "application" });
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
    }
  });

  it("keeps every answer of a maximum-length application in the form, and every error next to its field", () => {
    const form = forms[1]![1];
    const card = renderForm(form, { mode: "dialog" });
    const json = JSON.stringify(card);
    for (const [k, v] of Object.entries(maxed)) {
      const shown = Array.isArray(v) ? v.join(",") : typeof v === "boolean" ? (v ? "yes" : "no") : v;
      expect(json, k).toContain(JSON.stringify(shown).slice(1, -1).slice(0, 60));
    }
    const body = card.body as { type: string; id?: string; errorMessage?: string; text?: string }[];
    const inputs = body.filter((e) => e.type.startsWith("Input."));
    expect(inputs).toHaveLength(22);
    // Each error once, as the red line right under its input (not again as the input's errorMessage).
    for (const i of inputs) {
      expect(i.errorMessage).toBeUndefined();
      expect(body[body.indexOf(i) + 1]).toMatchObject({ type: "TextBlock", color: "attention", text: escapeMarkdown(allErrors[i.id!]!) });
      expect(json.split(JSON.stringify(escapeMarkdown(allErrors[i.id!]!)).slice(1, -1)).length - 1, i.id).toBe(1);
    }
    expect(cardText(card)).toContain(`population: ${worst(80)}`);
  });

  it("renders each kind of input as Teams needs it", () => {
    const card = renderForm(applicationForm({ draft: { origins: ["trade", "faith"], nearWater: false, population: 35000, sponsorRole: "staff" }, cityName: "Pinole" }), { mode: "dialog" });
    const byId = Object.fromEntries((card.body as { id?: string }[]).filter((e) => e.id).map((e) => [e.id, e]));
    expect(byId.origins).toMatchObject({ type: "Input.ChoiceSet", isMultiSelect: true, value: "trade,faith" });
    expect(byId.nearWater).toMatchObject({ type: "Input.ChoiceSet", style: "expanded", value: "no", choices: [{ value: "yes" }, { value: "no" }] });
    expect(byId.letterOfInterest).not.toHaveProperty("value"); // unanswered stays unanswered
    expect(byId.population).toMatchObject({ type: "Input.Number", value: 35000, min: 1, max: LIMITS.maxPopulation });
    expect(byId.sponsorRole).toMatchObject({ type: "Input.ChoiceSet", style: "compact", value: "staff" });
    expect(byId.firstYearPlan).toMatchObject({ type: "Input.Text", isMultiline: true, maxLength: LIMITS.longText });
    expect(byId.region).toMatchObject({ label: "Region, state or province (optional)" });
    expect(byId.proposedCity).not.toHaveProperty("isRequired"); // a draft may be saved half-filled

    const date = renderForm(councilDecisionForm(7), { mode: "dialog" });
    expect(date.body).toEqual(expect.arrayContaining([expect.objectContaining({ type: "Input.Date", id: "meetingDate", isRequired: true })]));
    expect(date.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: "resolution", label: "Resolution number (optional)" })]));
    expect(date.actions).toEqual([{ type: "Action.Submit", title: "Record", style: "positive", data: { formId: "council", applicationId: 7, action: "council.record", intent: "submit" } }]);
  });

  it("buttons carry ids only: Universal Actions with the ActionId as verb; forms that ask first open a dialog", () => {
    expect(renderButton({ action: "vote.approve", label: "Approve", style: "primary", applicationId: 3 })).toEqual({ type: "Action.Execute", title: "Approve", style: "positive", verb: "vote.approve", data: { applicationId: 3 } });
    expect(renderButton({ action: "app.withdraw", label: "Withdraw", style: "danger", applicationId: 3 })).toMatchObject({ style: "destructive" });
    expect(renderButton({ action: "vote.recuse", label: "Recuse", applicationId: 3, asksForInput: true })).toEqual({ type: "Action.Submit", title: "Recuse", data: { msteams: { type: "task/fetch" }, action: "vote.recuse", applicationId: 3 } });
    expect(renderButton({ action: "app.edit", label: "Edit", applicationId: 3, asksForInput: true })).toMatchObject({ type: "Action.Execute", verb: "app.edit" });
    const open = renderCard(cards[1]![1]);
    for (const a of actionsOf(open))
      expect(Object.keys(a.data as object).sort()).toEqual(a.type === "Action.Submit" ? ["action", "applicationId", "msteams"] : a.verb === "card.confirm" ? ["action", "applicationId"] : ["applicationId"]);
  });

  it("escapes what users type so it never formats, links or mentions", () => {
    const typed = "**Free** _money_ [click](https://evil.example) `code` ~gone~ # Big\n> quote\n- bullet\n1. first\n<at>Mayor</at> | table";
    const text = escapeMarkdown(typed);
    expect(text).toBe("\\*\\*Free\\*\\* \\_money\\_ \\[click\\]\\(https://evil.example\\) \\`code\\` \\~gone\\~ \\# Big\n\\> quote\n\\- bullet\n1\\. first\n<at>Mayor</at> \\| table");
    expect(unescapeMarkdown(text)).toBe(typed);
    const card = renderCard({ kind: "card", summary: "s", blocks: [{ type: "text", text: typed }, { type: "fields", fields: [{ label: "*Label*", value: "[v](x)" }] }] });
    expect(card.body[0]).toMatchObject({ type: "TextBlock", text });
    expect(card.body[1]).toEqual({ type: "FactSet", facts: [{ title: "\\*Label\\*", value: "\\[v\\]\\(x\\)" }] });
    expect(JSON.stringify(card)).not.toContain("msteams"); // no mention entities, so "<at>" can never become a mention
  });

  it("shortens the longest texts of a card that would exceed Teams' message size, marking the cut", () => {
    const huge = renderCard(textCard("Huge", worst(40_000)));
    expect(Buffer.byteLength(JSON.stringify(huge))).toBeLessThan(MAX_CARD_BYTES);
    expect(String((huge.body[0] as { text: string }).text).endsWith("…")).toBe(true);
    const small = renderCard(textCard("Small", "short"));
    expect(small.body[0]).toMatchObject({ text: "short" });
  });

  it("shows tone, small print and dividers", () => {
    const card = renderCard({ kind: "card", summary: "s", blocks: [{ type: "text", text: "ok", tone: "good" }, { type: "divider" }, { type: "text", text: "fine print", small: true }, { type: "checklist", items: [{ state: "met", label: "Size", detail: "ok" }, { state: "not_met", label: "Water", detail: "no" }, { state: "unknown", label: "Plan", detail: "?" }] }] });
    expect(card.body[0]).toMatchObject({ color: "good" });
    expect(card.body[1]).toMatchObject({ separator: true, size: "small", isSubtle: true });
    expect(cardText(card)).toContain("✅ Size: ok\n❌ Water: no\n❔ Plan: ?");
  });
});
