// People given by e-mail, through Teams as it talks to the bot: found on the commission team's roster once the app
// is in that team (Bot Connector GET /v3/conversations/{teamId}/members, by e-mail or UPN), looked up again when a
// 1:1 chat cannot be opened for the id (404), and the director's `doctor` and `roles` commands answered privately.
import { afterEach, describe, expect, it } from "vitest";
import { notify } from "../../src/app/outbox.js";
import { sendDueDeliveries } from "../../src/app/send-due-deliveries.js";
import { sweep } from "../../src/scheduler/index.js";
import { textCard } from "../../src/views/model.js";
import { testPolicy } from "../support/fixtures.js";
import { CHANNEL, cardOf, cardText, startTeamsRig, TEAM_ID, U, type TeamsRig } from "./teams-rig.js";

const DANA = "dana.director@ci.pinole.ca.us";
const GALE = "gale@ci.pinole.ca.us";
const personal = (id: string) => `a:personal-${id.slice(3)}`;

const policy = () =>
  testPolicy({
    people: [
      { id: "dana", name: "Dana Director", roles: ["director"], email: DANA },
      { id: "chris", name: "Chris Chair", roles: ["chair"], teams: U.chair.id },
      { id: "cam1", name: "Alma Reyes", roles: ["commissioner"], teams: U.comm1.id },
      { id: "cam2", name: "Ben Okafor", roles: ["commissioner"], teams: U.comm2.id },
      { id: "clerk", name: "Casey Clerk", roles: ["clerk"], teams: U.clerk.id },
      { id: "gale", name: "Gale Ghost", roles: ["escalation"], email: GALE },
    ],
  });

/** Everything the bot posted into a conversation since `from`, as text. */
const postedText = (rig: TeamsRig, conversationId: string, from = 0) =>
  rig.fake
    .posts(conversationId)
    .slice(from)
    .map((p) => cardText(cardOf(p.body)))
    .join("\n");

describe("Teams: people given by e-mail", () => {
  let rig: TeamsRig;
  afterEach(async () => {
    expect(rig.cardProblems()).toEqual([]);
    await rig.close();
  });

  it("finds the director on the commission team's roster once the app is in the team, and reaches them", async () => {
    rig = await startTeamsRig("sqlite", { policy: policy() });
    const { ctx } = rig.bot;
    // Not in the team yet: nothing to read, nothing stored, so the next sweep asks again.
    expect(await ctx.store.db.personAddress.count()).toBe(0);
    expect(ctx.directory.resolve({ platform: "teams", userId: U.director.id }).personId).toBe(`teams:${U.director.id}`);

    rig.fake.teamChannels = [{ id: CHANNEL }];
    rig.fake.members = [
      { id: U.director.id, name: U.director.name, aadObjectId: U.director.aadObjectId, userPrincipalName: "Dana.Director@CI.Pinole.CA.US" },
      { id: U.comm1.id, name: U.comm1.name, email: "alma@ci.pinole.ca.us" },
    ];
    await rig.install("team");
    await sweep(ctx);
    expect(rig.fake.calls.some((c) => c.method === "GET" && c.path === `/v3/conversations/${TEAM_ID}/members`)).toBe(true);
    expect(ctx.directory.resolve({ platform: "teams", userId: U.director.id })).toMatchObject({ personId: "dana", roles: new Set(["director"]) });
    expect((await ctx.store.db.personAddress.findMany({ orderBy: { personId: "asc" } })).map((r) => [r.personId, r.userId])).toEqual([
      ["dana", U.director.id],
      ["gale", null],
    ]);

    // A message to the director opens a 1:1 chat with the id found on the roster.
    await ctx.store.transaction((tx) => notify(tx, null, "dana", textCard("Hello Dana"), rig.now.value));
    expect(await sendDueDeliveries(ctx)).toMatchObject({ sent: 1 });
    expect(rig.fake.created().at(-1)?.body.members).toEqual([{ id: U.director.id, role: "user" }]);
    expect(postedText(rig, personal(U.director.id))).toContain("Hello Dana");

    // The director, known by e-mail only, is the director in chat and sees who cannot be reached.
    const from = rig.fake.posts(personal(U.director.id)).length;
    await rig.say(U.director, "list all");
    const list = postedText(rig, personal(U.director.id), from);
    expect(list).toContain("1 person with a role cannot be reached");
    expect(list).toContain(GALE);
    expect(list).toContain("a member of the commission channel's team");
  });

  it("looks the person up again when Teams no longer knows the id found before (404 opening the chat)", async () => {
    rig = await startTeamsRig("sqlite", { policy: policy() });
    const { ctx } = rig.bot;
    rig.fake.teamChannels = [{ id: CHANNEL }];
    rig.fake.members = [{ id: "29:dana-old", name: "Dana Director", email: DANA }];
    await rig.install("team");
    await sweep(ctx);
    expect(ctx.directory.person("dana")?.ids.teams).toBe("29:dana-old");

    rig.fake.unknownUsers.add("29:dana-old");
    rig.fake.members = [{ id: U.director.id, name: U.director.name, aadObjectId: U.director.aadObjectId, email: DANA }];
    await ctx.store.transaction((tx) => notify(tx, null, "dana", textCard("Hello again"), rig.now.value));
    expect(await sendDueDeliveries(ctx)).toMatchObject({ sent: 1, failed: 0 });
    expect(rig.fake.failed().map((c) => [c.path, c.failedWith])).toEqual([["/v3/conversations", 404]]);
    expect(postedText(rig, personal(U.director.id))).toContain("Hello again");
    expect(ctx.directory.resolve({ platform: "teams", userId: U.director.id }).personId).toBe("dana");
    expect(ctx.directory.resolve({ platform: "teams", userId: "29:dana-old" }).personId).not.toBe("dana");
  });
});

describe("Teams: doctor and roles", () => {
  let rig: TeamsRig;
  afterEach(async () => {
    expect(rig.cardProblems()).toEqual([]);
    await rig.close();
  });

  it("answers the director in the personal chat, also when asked in the channel; refuses anyone else", async () => {
    rig = await startTeamsRig();
    await rig.install(U.director);
    const chat = personal(U.director.id);

    await rig.say(U.director, "doctor");
    expect(postedText(rig, chat)).toContain("Setup check");

    // Asked in the commission channel: the checklist goes to the personal chat, the channel only hears where.
    const inChannel = rig.fake.posts().filter((p) => p.conversationId?.startsWith(CHANNEL)).length;
    const inChat = rig.fake.posts(chat).length;
    await rig.say(U.director, "roles", "channel");
    expect(postedText(rig, chat, inChat)).toContain("Who holds which role");
    const channelText = rig.fake
      .posts()
      .filter((p) => p.conversationId?.startsWith(CHANNEL))
      .slice(inChannel)
      .map((p) => JSON.stringify(p.body))
      .join("\n");
    expect(channelText).toContain("The roles list is in your personal chat with the app.");
    expect(channelText).not.toContain("Who holds which role");

    for (const words of ["doctor", "roles"]) {
      await rig.say(U.comm1, words);
      expect(postedText(rig, personal(U.comm1.id))).toContain("Only the Community Services Director can");
    }
  });
});
