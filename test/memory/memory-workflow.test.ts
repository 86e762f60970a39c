// What is particular to the in-memory platform: the registry's entry at work (its reactions named in the card and
// in help, its id format enforced by the policy), recusal, refusals, snoozing, the status card's buttons. The
// workflow itself, the same on every platform, is the shared scenario in test/scenario/workflow.test.ts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendDueDeliveries } from "../../src/app/send-due-deliveries.js";
import type { Bot } from "../../src/bot.js";
import { ConfigError } from "../../src/config/index.js";
import { pgSkipNotice, providers, testDatabase, type TestDatabase } from "../support/databases.js";
import { sopot } from "../support/fixtures.js";
import { cardText } from "../support/recording-platform.js";
import type { CardView } from "../../src/views/model.js";
import { buttonsOf, memoryPolicy, MemoryWorld, startMemoryBot as start, type MemoryMessage } from "./memory-adapter.js";

const skip = pgSkipNotice();
if (skip) describe.skip(skip, () => it("needs PostgreSQL"));

describe.each(providers())("a third, in-memory platform registered through the registry, on %s", (provider) => {
  let db: TestDatabase;
  let bot: Bot;
  let world: MemoryWorld;
  const now = { value: new Date("2027-03-01T17:00:00Z") }; // a Monday, 09:00 in Pinole
  beforeEach(async () => {
    db = await testDatabase(provider);
    world = new MemoryWorld();
    now.value = new Date("2027-03-01T17:00:00Z");
    bot = await start(db, world, now, memoryPolicy());
  });
  afterEach(async () => {
    await bot.stop();
    await db.drop();
  });

  const settle = () => bot.idle();
  const last = (id: string): MemoryMessage => {
    const m = world.to(id).at(-1);
    if (!m) throw new Error(`nothing was posted to ${id}`);
    return m;
  };
  const button = (on: MemoryMessage | CardView | undefined, action: string) => {
    const view = on && "handle" in on ? on.view : on;
    const b = buttonsOf(view).find((x) => x.action === action);
    if (!b) throw new Error(`no ${action} button on ${view?.summary}`);
    return b;
  };

  it("runs apply → intake → votes (buttons and reactions) → close → council → agreement → reminders", async () => {
    // Apply: a bad submission keeps the form with messages at the fields; nothing is stored.
    await world.command("m-applicant", "apply");
    expect(world.client("m-applicant").form?.formId).toBe("application");
    expect(await world.submit("m-applicant", { proposedCity: "Sopot" })).toMatchObject({ country: "Country is required." });
    expect(await bot.store.db.application.count()).toBe(0);
    expect(await world.submit("m-applicant", { ...sopot })).toEqual({});
    expect(world.client("m-applicant").notes.at(-1)).toMatch(/^Application SC-0001 submitted\. Thank you/);
    await settle();

    // Intake: the director's card, and its Accept button.
    const intake = last("m-dana");
    await world.press("m-dana", button(intake, "intake.accept"), intake);
    await settle();
    expect(cardText(intake.view)).not.toContain("(Accept for commission)");
    const card = last("commission-room");
    expect(cardText(card.view)).toContain("react to this message (Memory: (yes) approve, (no) deny)");

    // Votes: buttons, a reaction that changes a deny to approve, a recusal with its form, an abstention.
    await world.press("m-cam1", button(card, "vote.approve"), card);
    await world.press("m-cam2", button(card, "vote.deny"), card);
    await world.react("m-cam2", card, "yes");
    await world.react("m-chris", card, "yes");
    await world.react("m-cam4", card, "smile"); // any other reaction is just a reaction
    await world.press("m-cam3", button(card, "vote.recuse"), card);
    expect(await world.submit("m-cam3", { reason: "" })).toHaveProperty("reason");
    expect(await world.submit("m-cam3", { reason: "Owns a café in Sopot" })).toEqual({});
    await world.press("m-cam4", button(card, "vote.abstain"), card);
    // Someone who may not vote is told privately, by button and by reaction, and nothing changes.
    await world.press("m-applicant", { action: "vote.approve", applicationId: 1 }, card);
    await world.react("m-applicant", card, "yes");
    expect(world.client("m-applicant").notes.slice(-2)).toEqual([expect.stringContaining("Only a commissioner"), "Your reaction was not counted as a vote"]);
    await settle();
    expect(cardText(card.view)).toContain("Approve 3 · Deny 0 · Abstain 1 · Recused 1");

    await world.press("m-chris", button(card, "vote.close"), card);
    await settle();
    expect(cardText(card.view)).toContain("The Commission APPROVED");
    expect(buttonsOf(card.view).map((b) => b.action)).not.toContain("vote.approve");

    // Reminders: the director is reminded of City Council on the policy's schedule, and may pause them.
    now.value = new Date("2027-03-02T17:01:00Z");
    await sendDueDeliveries(bot.ctx);
    const reminder = last("m-dana");
    expect(reminder.view.summary).toMatch(/^Reminder/);
    await world.press("m-dana", button(reminder, "reminder.snooze"), reminder);
    expect(world.client("m-dana").notes.at(-1)).toMatch(/^Reminders for SC-0001 are paused until /);

    // Council and agreement: the clerk's status card carries the buttons, which open the forms.
    await world.command("m-clerk", "status SC-0001");
    const status = world.client("m-clerk").cards.at(-1);
    await world.press("m-clerk", button(status, "council.record"));
    expect(await world.submit("m-clerk", { meetingDate: "2027-04-15", decision: "adopted", resolution: "2027-31" })).toEqual({});
    await world.press("m-clerk", { action: "agreement.record", applicationId: 1 });
    expect(await world.submit("m-clerk", { signedOn: "2027-06-01", ourMayor: "Maria Alegria", theirMayor: "Jacek Karnowski", documentUrl: "javascript:alert(1)" })).toHaveProperty("documentUrl");
    expect(await world.submit("m-clerk", { signedOn: "2027-06-01", ourMayor: "Maria Alegria", theirMayor: "Jacek Karnowski" })).toEqual({});
    await settle();

    expect((await bot.store.db.application.findUniqueOrThrow({ where: { id: 1 } })).status).toBe("established");
    expect(await bot.store.db.delivery.count({ where: { kind: "reminder", status: "pending" } })).toBe(0);
    await world.command("m-applicant", "status SC-0001");
    expect(cardText(world.client("m-applicant").cards.at(-1))).toContain("Sister City relationship established");
    // Votes came from this platform: the stored actors carry its registered id.
    expect(await bot.store.db.vote.findMany({ orderBy: { id: "asc" }, select: { personId: true, source: true } })).toEqual([
      { personId: "cam1", source: "button" },
      { personId: "cam2", source: "reaction" },
      { personId: "chris", source: "reaction" },
      { personId: "cam3", source: "button" },
      { personId: "cam4", source: "button" },
    ]);
  });

  it("help names this platform's reactions, and an unknown button is refused politely", async () => {
    await world.command("m-cam1", "help");
    expect(cardText(world.client("m-cam1").cards.at(-1))).toContain("or with a reaction on it ((yes) approves, (no) denies)");
    await world.press("m-cam1", { action: "vote.maybe" as "vote.approve", applicationId: 1 });
    expect(world.client("m-cam1").notes.at(-1)).toContain("no longer in use");
  });

  it("refuses a policy whose people ids do not have the registered platform's format", async () => {
    const bad = memoryPolicy({ people: [{ id: "dana", name: "Dana Director", roles: ["director"], memory: "DANA" }] });
    await expect(start(db, new MemoryWorld(), now, bad)).rejects.toThrow(ConfigError);
    await expect(start(db, new MemoryWorld(), now, bad)).rejects.toThrow(/people\.0\.memory: "DANA" is not a memory user id/);
  });
});
