// People given by e-mail, through Slack as it talks to the bot: users.lookupByEmail at start (and again when a
// direct message finds the id gone), ids in the policy winning, people nobody knows named to the operator and the
// director; and the director's `doctor` and `roles` commands, answered privately.
import { afterEach, describe, expect, it } from "vitest";
import { notify } from "../../src/app/outbox.js";
import { sendDueDeliveries } from "../../src/app/send-due-deliveries.js";
import { textCard } from "../../src/views/model.js";
import { createCaptureLogger } from "../support/capture-logger.js";
import { testPolicy } from "../support/fixtures.js";
import { startSlackRig, type SlackRig } from "./slack-harness.js";
import { eventBody, post } from "./signed.js";

const DANA = "dana.director@ci.pinole.ca.us";
const ALMA = "alma@ci.pinole.ca.us";
const GALE = "gale@ci.pinole.ca.us";

/** The test cast, with the director given only by e-mail (in mixed case), one commissioner by id and e-mail, and one person nobody knows. */
const policy = () =>
  testPolicy({
    people: [
      { id: "dana", name: "Dana Director", roles: ["director"], email: "Dana.Director@ci.pinole.ca.us" },
      { id: "chris", name: "Chris Chair", roles: ["chair"], slack: "UCHAIR" },
      { id: "cam1", name: "Alma Reyes", roles: ["commissioner"], slack: "UCOMM1", email: ALMA },
      { id: "cam2", name: "Ben Okafor", roles: ["commissioner"], slack: "UCOMM2" },
      { id: "cam3", name: "Chen Wei", roles: ["commissioner"], slack: "UCOMM3" },
      { id: "clerk", name: "Casey Clerk", roles: ["clerk"], slack: "UCLERK" },
      { id: "gale", name: "Gale Ghost", roles: ["escalation"], email: GALE },
    ],
  });

/** Runs a slash command and returns everything the bot answered to it (each card is its own ephemeral message). */
async function ask(rig: SlackRig, user: string, text: string): Promise<string> {
  const before = rig.fake.of("response_url").length;
  await rig.command(user, text);
  const answers = rig.fake.of("response_url").slice(before);
  for (const a of answers) expect(a.args.response_type).toBe("ephemeral");
  return JSON.stringify(answers.map((a) => a.args));
}

describe("Slack: people given by e-mail", () => {
  let rig: SlackRig;
  afterEach(async () => {
    expect(rig.problems()).toEqual([]);
    await rig.close();
  });

  it("finds them with users.lookupByEmail at start; an id in the policy wins; whom nobody knows is named in the log and to the director", async () => {
    const logger = createCaptureLogger();
    rig = await startSlackRig("sqlite", policy(), {
      logger,
      before: (fake) => {
        fake.emails.set(DANA, "UDANA");
        fake.emails.set(ALMA, "UALMA2"); // never asked: the policy gives Alma's Slack id
      },
    });
    expect(rig.fake.of("users.lookupByEmail").map((c) => c.args.email).sort()).toEqual([DANA, GALE]);
    const { directory } = rig.bot.ctx;
    expect(directory.resolve({ platform: "slack", userId: "UDANA" })).toMatchObject({ personId: "dana", roles: new Set(["director"]) });
    expect(directory.resolve({ platform: "slack", userId: "UCOMM1" }).personId).toBe("cam1");
    expect(directory.resolve({ platform: "slack", userId: "UALMA2" }).personId).toBe("slack:UALMA2");
    const rows = await rig.bot.store.db.personAddress.findMany({ orderBy: { personId: "asc" } });
    expect(rows.map((r) => [r.personId, r.email, r.userId])).toEqual([
      ["dana", DANA, "UDANA"],
      ["gale", GALE, null],
    ]);
    const warning = logger.lines.find((l) => l.level === "warn" && l.msg.includes("Gale Ghost"));
    expect(warning?.msg).toContain(`no connected platform knows ${GALE}`);
    expect(warning?.msg).toContain("a member of the workspace");

    // The director, known only by e-mail, acts as the director and sees who cannot be reached.
    const list = await ask(rig, "UDANA", "list all");
    expect(list).toContain("1 person with a role cannot be reached");
    expect(list).toContain(GALE);
    expect(list).toContain("All applications");
    expect(await ask(rig, "UCOMM1", "list")).not.toContain("cannot be reached");
    await post(rig.url, eventBody({ type: "app_home_opened", user: "UDANA", channel: "DDANA", tab: "home" }), "application/json");
    await rig.settle();
    const home = rig.fake.of("views.publish").at(-1)!;
    expect(home.args.user_id).toBe("UDANA");
    expect(JSON.stringify(home.args.view)).toContain(`no connected platform knows ${GALE}`);

    // Found later (they joined the workspace): the sweep asks again once the wait is over, and the notice goes.
    rig.fake.emails.set(GALE, "UGALE");
    rig.now.value = new Date(rig.now.value.getTime() + 16 * 60_000);
    const { sweep } = await import("../../src/scheduler/index.js");
    await sweep(rig.bot.ctx);
    expect(directory.resolve({ platform: "slack", userId: "UGALE" }).personId).toBe("gale");
    expect(await ask(rig, "UDANA", "list all")).not.toContain("cannot be reached");
  });

  it("looks a person up again when Slack no longer knows their id, and sends to the new one; an id from the policy is never replaced", async () => {
    rig = await startSlackRig("sqlite", policy(), { before: (fake) => fake.emails.set(DANA, "UOLD") });
    expect(rig.bot.ctx.directory.person("dana")?.ids.slack).toBe("UOLD");
    // Dana's account was re-created: the old id is gone, the e-mail now belongs to a new one.
    rig.fake.missingUsers.add("UOLD");
    rig.fake.emails.set(DANA, "UNEW");
    const ctx = rig.bot.ctx;
    await ctx.store.transaction((tx) => notify(tx, null, "dana", textCard("Hello Dana"), rig.now.value));
    expect(await sendDueDeliveries(ctx)).toMatchObject({ sent: 1, failed: 0 });
    expect(rig.fake.of("chat.postMessage").map((c) => c.args.channel)).toEqual(["UOLD", "UNEW"]);
    expect(ctx.directory.resolve({ platform: "slack", userId: "UNEW" }).personId).toBe("dana");
    expect((await ctx.store.db.personAddress.findFirst({ where: { personId: "dana" } }))?.userId).toBe("UNEW");

    // Alma's Slack id is written in the policy: a failed send is a failure, not a reason to take another id.
    rig.fake.missingUsers.add("UCOMM1");
    rig.fake.emails.set(ALMA, "UALMA2");
    const before = rig.fake.of("users.lookupByEmail").length;
    await ctx.store.transaction((tx) => notify(tx, null, "cam1", textCard("Hello Alma"), rig.now.value));
    expect(await sendDueDeliveries(ctx)).toMatchObject({ sent: 0, failed: 1 });
    expect(rig.fake.of("users.lookupByEmail").length).toBe(before);
    expect(rig.fake.of("chat.postMessage").map((c) => c.args.channel).slice(2)).toEqual(["UCOMM1"]);
  });
});

describe("Slack: /sistercity doctor and /sistercity roles", () => {
  let rig: SlackRig;
  afterEach(async () => {
    expect(rig.problems()).toEqual([]);
    await rig.close();
  });

  it("the director gets the setup check and the roles list privately; anyone else is refused", async () => {
    rig = await startSlackRig("sqlite", policy(), { before: (fake) => fake.emails.set(DANA, "UDANA") });
    const doctor = await ask(rig, "UDANA", "doctor");
    expect(doctor).toContain("Setup check");
    expect(doctor).toContain("Person: Gale Ghost (escalation)");
    expect(doctor).toContain(`no connected platform knows ${GALE} yet`);
    expect(doctor).toMatch(/Person: Dana Director \(director\)[^"]*reachable on Slack/); // found by e-mail, so checked on Slack
    expect(rig.fake.of("auth.test").length).toBeGreaterThan(0); // the Slack checks ran against the live API

    const roles = await ask(rig, "UDANA", "roles");
    expect(roles).toContain("Who holds which role");
    expect(roles).toMatch(/Dana Director[^}]*Slack: reachable/);

    for (const words of ["doctor", "roles"]) {
      expect(await ask(rig, "UCOMM1", words)).toContain("Only the Community Services Director can");
    }
  });
});
