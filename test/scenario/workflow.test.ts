// One scenario, every platform: the same people do the same things through each platform's own protocol (Slack's
// signed HTTP, Teams' Bot Framework activities, the in-memory platform's neutral events), and the same things are
// asserted. A new platform adds a driver (./driver.ts) to the list below.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pgSkipNotice, providers } from "../support/databases.js";
import { sopot } from "../support/fixtures.js";
import type { DriverKind, PlatformDriver } from "./driver.js";
import { memoryDriver } from "./memory-driver.js";
import { slackDriver } from "./slack-driver.js";
import { teamsDriver } from "./teams-driver.js";

const DRIVERS: DriverKind[] = [slackDriver, teamsDriver, memoryDriver];
const MONDAY_9AM = new Date("2027-03-01T17:00:00Z"); // 09:00 in Pinole
const TUESDAY_9AM = new Date("2027-03-02T17:01:00Z"); // the council reminder's first weekday 09:00, just past

const cases = DRIVERS.flatMap((d) => providers().filter((p) => d.providers.includes(p)).map((p) => [d.name, p, d] as const));

const skip = pgSkipNotice();
if (skip) describe.skip(skip, () => it("needs PostgreSQL"));

describe.each(cases)("the whole workflow on %s (%s)", (_name, provider, kind) => {
  let d: PlatformDriver;
  beforeEach(async () => {
    d = await kind.start(provider, new Date(MONDAY_9AM));
  });
  afterEach(async () => {
    expect(d.problems()).toEqual([]); // everything sent and received passes the platform's own schema checks
    await d.close();
  });

  const status = async () => (await d.db.application.findFirstOrThrow({ where: { id: 1 } })).status;
  const stored = async () => ({
    applications: await d.db.application.count({ where: { status: { not: "draft" } } }),
    votes: await d.db.vote.findMany({ orderBy: { id: "asc" }, select: { personId: true, choice: true, source: true } }),
    audit: await d.db.auditEntry.count(),
  });

  it("apply → intake → votes by button and reaction → close → reminder → council → agreement", async () => {
    // Apply: an incomplete application is refused with the problem at its field, and nothing is submitted.
    const bad = await d.apply("applicant", { proposedCity: "Sopot" });
    expect(bad.accepted).toBe(false);
    expect(bad.said).toContain("Country is required.");
    expect(await d.db.application.count({ where: { status: { not: "draft" } } })).toBe(0);
    expect(await d.db.auditEntry.count({ where: { action: "submitted" } })).toBe(0);
    const ok = await d.apply("applicant", sopot);
    expect(ok).toMatchObject({ accepted: true, said: expect.stringContaining("Application SC-0001 submitted") });
    expect(await status()).toBe("submitted");

    // Intake: the director's card, and Accept opens the commission's vote.
    expect((await d.messagesTo("dana")).join("\n")).toContain("SC-0001");
    await d.decide("dana", "accept");
    expect(await status()).toBe("commission_review");
    expect(await d.commissionCard()).toContain("Approve 0 · Deny 0 · Abstain 0 · Recused 0");

    // Votes by button; a reaction changes a deny into an approval; a reaction removed withdraws the vote it cast.
    await d.vote("cam1", "approve");
    await d.vote("cam2", "deny");
    expect(await d.commissionCard()).toContain("Approve 1 · Deny 1 · Abstain 0");
    await d.react("cam2", "approve");
    expect(await d.commissionCard()).toContain("Approve 2 · Deny 0 · Abstain 0");
    await d.react("chris", "approve");
    await d.react("cam5", "approve");
    expect(await d.commissionCard()).toContain("Approve 4 · Deny 0 · Abstain 0");
    await d.react("cam5", "approve", false);
    await d.vote("cam4", "abstain");
    const live = await d.commissionCard();
    expect(live).toContain("Approve 3 · Deny 0 · Abstain 1 · Recused 0");
    expect(live).toContain("Not voted yet: Chen Wei, Eitan Levi, Fatima Noor");

    // Someone who may not vote reacts: nothing is counted.
    const before = await stored();
    await d.react("stranger", "approve");
    expect(await stored()).toEqual(before);
    expect(before.votes).toEqual([
      { personId: "cam1", choice: "approve", source: "button" },
      { personId: "cam2", choice: "approve", source: "reaction" },
      { personId: "chris", choice: "approve", source: "reaction" },
      { personId: "cam4", choice: "abstain", source: "button" },
    ]);

    // The chair closes the vote: the card shows the outcome and no vote buttons.
    await d.closeVote("chris");
    const closed = await d.commissionCard();
    expect(closed).toContain("The Commission APPROVED");
    expect(closed).not.toContain("(Approve)");
    expect(await status()).toBe("commission_approved");

    // The sweep, the next weekday at 09:00, reminds the director that City Council has yet to act.
    const told = (await d.messagesTo("dana")).length;
    await d.sweepReminders(new Date(TUESDAY_9AM));
    const reminders = (await d.messagesTo("dana")).slice(told);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatch(/^Reminder: SC-0001/);
    expect((await d.messagesTo("clerk")).filter((m) => m.startsWith("Reminder: SC-0001"))).toHaveLength(1);
    expect(await d.db.delivery.count({ where: { kind: "reminder", status: "sent" } })).toBe(1);

    // City Council adopts it; the signed agreement (a bad link refused first, nothing changed) establishes it.
    expect(await d.recordCouncil("clerk", { meetingDate: "2027-04-15", decision: "adopted", resolution: "2027-31" })).toMatchObject({ accepted: true });
    expect(await status()).toBe("council_adopted");
    const signed = { signedOn: "2027-06-01", ourMayor: "Maria Alegria", theirMayor: "Jacek Karnowski" };
    const badLink = await d.recordAgreement("clerk", { ...signed, documentUrl: "javascript:alert(1)" });
    expect(badLink).toMatchObject({ accepted: false, said: expect.stringContaining("must be a web address starting with https://") });
    expect(await status()).toBe("council_adopted");
    expect(await d.recordAgreement("clerk", signed)).toMatchObject({ accepted: true });
    await d.settle();
    expect(await status()).toBe("established");
    expect(await d.db.delivery.count({ where: { kind: "reminder", status: "pending" } })).toBe(0);
    const audit = (await d.db.auditEntry.findMany({ where: { applicationId: 1 }, orderBy: { id: "asc" } })).map((a) => a.action);
    // Drafts saved on the way are the platform's way of showing a long form (Slack saves at each Next); the rest is the same.
    expect(audit.filter((a) => !a.startsWith("draft_"))).toEqual([
      "submitted", "intake_accept", "vote_opened", "vote_cast", "vote_cast", "vote_changed", "vote_cast", "vote_cast",
      "vote_withdrawn", "vote_cast", "vote_closed", "council_adopted", "agreement_signed",
    ]);
  });
});
