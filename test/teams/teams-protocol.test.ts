import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PlatformError } from "../../src/app/ports.js";
import { sopot, testPolicy } from "../support/fixtures.js";
import { actionsOf, CHANNEL, cardOf, cardText, startTeamsRig, TEAM_ID, TENANT, U, type Reply, type TeamsRig, type TeamsUser } from "./teams-rig.js";

type J = Record<string, unknown>;

const answers: Record<string, string> = Object.fromEntries(Object.entries(sopot).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : String(v)]));
const dialogCard = (r: Reply): J => ((((r.body?.task as J).value as J).card as J).content as J);
const dialogText = (r: Reply): string => String((r.body?.task as J).value);
const invokeCard = (r: Reply): J => {
  if (r.body?.type !== "application/vnd.microsoft.card.adaptive") throw new Error(`expected a card, got ${JSON.stringify(r.body)}`);
  return r.body.value as J;
};
const personal = (u: TeamsUser) => `a:personal-${u.id.slice(3)}`;

describe("Teams endpoint: commands, dialogs, message extension, references and the Bot Connector", () => {
  let rig: TeamsRig;
  beforeEach(async () => {
    rig = await startTeamsRig();
  });
  afterEach(async () => {
    expect(rig.cardProblems()).toEqual([]);
    await rig.close();
  });
  const db = () => rig.bot.store.db;
  const teams = () => rig.bot.ctx.platforms.get("teams")!;
  const lastPost = (conversationId: string) => rig.fake.posts(conversationId).at(-1);
  /** Installs the app, submits and accepts an application; returns the commission card's message id. */
  const toCommission = async () => {
    rig.fake.teamChannels = [{ id: CHANNEL }];
    await rig.install("team");
    await rig.install(U.director);
    await submitApplication(U.applicant);
    const intake = rig.fake.posts(personal(U.director))[0]!;
    await rig.click(U.director, "intake.accept", { applicationId: 1 }, { conversationId: personal(U.director), messageId: rig.fake.idOf(intake) });
    return (await db().messageRef.findFirstOrThrow({ where: { kind: "commission", platform: "teams" } })).messageId;
  };
  const submitApplication = async (who: TeamsUser) => {
    const opened = dialogCard(await rig.openDialog(who, { msteams: { type: "task/fetch" }, formId: "application" }));
    const submit = actionsOf(opened).find((a) => a.title === "Submit")!;
    return rig.submitDialog(who, { ...(submit.data as J), ...answers });
  };

  it("answers text commands in a personal chat, and in a channel only when @mentioned (the mention is stripped)", async () => {
    const apply = await rig.say(U.applicant, "apply");
    expect(apply.status).toBe(200);
    const form = cardOf(lastPost(personal(U.applicant))?.body);
    expect(cardText(form)).toContain("Sister City application\n1. The city");
    expect(actionsOf(form).map((a) => [a.type, a.title])).toEqual([
      ["Action.Execute", "Next"],
      ["Action.Execute", "Save draft"],
      ["Action.Submit", "Open as one form"],
    ]);

    await rig.say(U.comm1, "list", "channel");
    expect(cardText(cardOf(lastPost(CHANNEL)?.body))).toContain("With the commission");
    const posts = rig.fake.posts(CHANNEL).length;
    // A channel message without an @mention is not for the bot.
    await rig.post({ ...channelMessage(rig, U.comm1, "list") });
    expect(rig.fake.posts(CHANNEL).length).toBe(posts);

    await rig.say(U.applicant, "what?");
    expect(cardText(cardOf(lastPost(personal(U.applicant))?.body))).toContain("status SC-0001 — one application in full");
    await rig.say(U.applicant, "status SC-0042");
    expect(cardText(cardOf(lastPost(personal(U.applicant))?.body))).toContain("There is no application SC-0042.");
    await rig.say(U.applicant, "status nope");
    expect(cardText(cardOf(lastPost(personal(U.applicant))?.body))).toContain('"nope" is not an application number');
  });

  it("the in-chat form keeps typed values and shows errors in place, and saves a draft", async () => {
    await rig.say(U.applicant, "apply");
    const step0 = cardOf(lastPost(personal(U.applicant))?.body);
    const at = { conversationId: personal(U.applicant), messageId: rig.fake.idOf(lastPost(personal(U.applicant))!) };
    const bad = await rig.click(U.applicant, "form.submit", { formId: "application", step: 0, proposedCity: "Sopot", population: "lots" }, at);
    expect(bad.ms).toBeLessThan(4000); // Teams gives an invoke 5 s
    const again = cardText(invokeCard(bad));
    expect(again).toContain("1. The city");
    expect(again).toContain("Population must be a number.");
    expect(again).toContain("[Proposed sister city=Sopot]");
    expect(await db().application.count()).toBe(0);
    expect(actionsOf(step0).length).toBe(3);

    const saved = await rig.click(U.applicant, "form.save_draft", { formId: "application", step: 0, proposedCity: "Sopot", population: "35000" }, at);
    expect(cardText(invokeCard(saved))).toContain("Draft SC-0001 saved");
    expect(await db().application.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ status: "draft", proposedCity: "Sopot" });

    // "status" lists the applicant's applications; "Open" posts one below the list, which stays as it is.
    await rig.say(U.applicant, "status");
    const list = lastPost(personal(U.applicant))!;
    expect(cardText(cardOf(list.body))).toContain("SC-0001 · Sopot — Draft");
    const open = actionsOf(cardOf(list.body)).find((a) => a.title === "Open SC-0001")!;
    expect(open).toMatchObject({ type: "Action.Execute", verb: "app.status", data: { applicationId: 1 } });
    const opened = await rig.click(U.applicant, "app.status", open.data as J, { conversationId: personal(U.applicant), messageId: rig.fake.idOf(list) });
    expect(opened.body).toEqual({ statusCode: 200, type: "application/vnd.microsoft.activity.message", value: "Opened SC-0001 below." });
    expect(cardText(cardOf(lastPost(personal(U.applicant))?.body))).toContain("Next: Finish the form and submit it.");
  });

  it("opens the application form as a dialog; a bad submission keeps it open with errors and stores nothing; a repeated submit counts once", async () => {
    const opened = await rig.openDialog(U.applicant, { msteams: { type: "task/fetch" }, formId: "application" });
    expect(opened.ms).toBeLessThan(4000);
    expect((opened.body?.task as J).type).toBe("continue");
    const card = dialogCard(opened);
    expect(cardText(card)).toContain("Propose a Sister City for Pinole.");
    const submit = actionsOf(card).find((a) => a.title === "Submit")!;
    expect(submit).toMatchObject({ type: "Action.Submit", data: { formId: "application", intent: "submit" } });

    const bad = await rig.submitDialog(U.applicant, { ...(submit.data as J), proposedCity: "Sopot" });
    const text = cardText(dialogCard(bad));
    expect(text).toContain("Country is required.");
    expect(text).toContain("The application is not complete yet");
    expect(text).toContain("[Proposed sister city=Sopot]");
    expect(await db().application.count()).toBe(0);
    expect(await db().auditEntry.count()).toBe(0);

    const first = await rig.submitDialog(U.applicant, { ...(submit.data as J), ...answers }, "personal", "f:submit-1");
    expect(dialogText(first)).toBe('Application SC-0001 submitted. Thank you: it is with the Community Services Director. Use "status SC-0001" to follow it.');
    // One confirmation: the dialog says it, and no second "submitted" message follows in the chat.
    expect(rig.fake.posts(personal(U.applicant)).map((p) => cardText(cardOf(p.body))).join("\n")).not.toContain("submitted");
    const repeat = await rig.submitDialog(U.applicant, { ...(submit.data as J), ...answers }, "personal", "f:submit-1");
    expect(dialogText(repeat)).toBe("Already received.");
    expect(await db().application.count()).toBe(1);
  });

  it("the message extension's action command opens the form (fetchTask) and submits it (submitAction)", async () => {
    const value = { commandId: "apply", commandContext: "compose", context: { theme: "default" } };
    const opened = await rig.post(activity(rig, U.applicant, { type: "invoke", name: "composeExtension/fetchTask", value }));
    expect(opened.ms).toBeLessThan(4000);
    const card = dialogCard(opened);
    expect(cardText(card)).toContain("3. People and plan");
    const submit = actionsOf(card).find((a) => a.title === "Submit")!;
    const bad = await rig.post(activity(rig, U.applicant, { type: "invoke", name: "composeExtension/submitAction", value: { ...value, botMessagePreviewAction: undefined, data: { ...(submit.data as J), country: "" } } }));
    expect(cardText(dialogCard(bad))).toContain("City is required.");
    const ok = await rig.post(activity(rig, U.applicant, { type: "invoke", name: "composeExtension/submitAction", value: { ...value, data: { ...(submit.data as J), ...answers } } }));
    expect(dialogText(ok)).toMatch(/^Application SC-0001 submitted\. Thank you/);
    expect(await db().application.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ status: "submitted", applicantId: "teams:29:applicant" });
  });

  it("conversationUpdate stores the references, which survive a restart; a 1:1 chat is opened when needed", async () => {
    await rig.install(U.clerk);
    const ref = await db().conversationRef.findUniqueOrThrow({ where: { platform_key: { platform: "teams", key: "user:29:clerk" } } });
    expect(ref).toMatchObject({ conversationId: personal(U.clerk), serviceUrl: rig.fake.url.replace(/\/$/, ""), tenantId: TENANT });
    expect(await db().conversationRef.findUnique({ where: { platform_key: { platform: "teams", key: `user:${U.clerk.aadObjectId}` } } })).toMatchObject({ conversationId: personal(U.clerk) });

    rig.fake.teamChannels = [{ id: TEAM_ID }, { id: CHANNEL }];
    await rig.install("team");
    expect(await db().conversationRef.count({ where: { key: { startsWith: "channel:" } } })).toBe(2);
    await rig.say(U.chair, "help", "channel"); // the chair is known from the channel only

    await rig.restart();
    const toClerk = await teams().send({ platform: "teams", kind: "user", id: "29:clerk" }, { kind: "card", summary: "Hello", blocks: [{ type: "text", text: "Hello **clerk**" }] });
    expect(toClerk).toMatchObject({ platform: "teams", conversationId: personal(U.clerk) });
    expect(cardOf(lastPost(personal(U.clerk))?.body)).toMatchObject({ body: [{ type: "TextBlock", text: "Hello \\*\\*clerk\\*\\*" }] });
    await teams().send({ platform: "teams", kind: "channel", id: CHANNEL }, { kind: "card", summary: "To the commission", blocks: [{ type: "text", text: "Hi" }] });
    expect(lastPost(CHANNEL)?.body).toMatchObject({ type: "message", summary: "To the commission", from: { id: "28:sister-cities-bot" } });

    await teams().send({ platform: "teams", kind: "user", id: "29:chair" }, { kind: "card", summary: "Hi chair", blocks: [{ type: "text", text: "Hi" }] });
    expect(rig.fake.created().at(-1)?.body).toMatchObject({ isGroup: false, bot: { id: "28:sister-cities-bot" }, members: [{ id: "29:chair" }], tenantId: TENANT });
    expect(lastPost(personal(U.chair))).toBeDefined();
  });

  it("without a reference the send fails for good with a clear message, and the failure is in the audit log", async () => {
    const err = await teams()
      .send({ platform: "teams", kind: "user", id: "29:nobody" }, { kind: "card", summary: "x", blocks: [] })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(PlatformError);
    expect(err).toMatchObject({ retryable: false, message: expect.stringContaining("the app is not installed for Teams user 29:nobody yet") });

    // The director never used the bot: the intake card cannot be delivered, and that is recorded.
    await submitApplication(U.applicant);
    const failed = await db().delivery.findFirstOrThrow({ where: { kind: "card" } });
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed.lastError).toContain("not installed for Teams user 29:director");
    expect(await db().auditEntry.count({ where: { action: "delivery_failed" } })).toBe(1);
  });

  it("retries a 429 after its Retry-After, leaves a 5xx to the sweep, and gives up on a 403", async () => {
    await rig.install(U.director);
    await rig.install(U.applicant);

    // 429 with Retry-After: 1 — waited out in place, then sent once.
    rig.fake.failNext(429, { headers: { "retry-after": "1" }, match: /^POST .*personal-director\/activities$/ });
    const started = Date.now();
    await submitApplication(U.applicant);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(rig.fake.failed().map((c) => c.failedWith)).toEqual([429]);
    expect(rig.fake.posts(personal(U.director))).toHaveLength(1);
    expect(await db().delivery.count({ where: { status: "sent" } })).toBe(1);

    // 503: the delivery stays pending with the error and goes out on a later sweep. A 429 on the card update
    // (PUT) is retried in place too.
    rig.fake.failNext(503, { match: /^POST .*personal-applicant\/activities$/ });
    rig.fake.failNext(429, { headers: { "retry-after": "0" }, match: /^PUT / });
    const intake = rig.fake.posts(personal(U.director))[0]!;
    await rig.click(U.director, "intake.accept", { applicationId: 1 }, { conversationId: personal(U.director), messageId: rig.fake.idOf(intake) });
    expect(rig.fake.failed().map((c) => c.failedWith).sort()).toEqual([429, 429, 503]);
    expect(cardText(cardOf(rig.fake.latest(personal(U.director), rig.fake.idOf(intake))))).not.toContain("(Accept for commission)");
    const pending = await db().delivery.findFirstOrThrow({ where: { status: "pending", kind: "message" } });
    expect(pending.lastError).toContain("Teams Bot Connector answered 503");
    rig.now.value = new Date(rig.now.value.getTime() + 60 * 60_000);
    rig.bot.ctx.after.kickDeliveries();
    await rig.bot.idle();
    expect(await db().delivery.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ status: "sent" });
    expect(cardText(cardOf(lastPost(personal(U.applicant))?.body))).toContain("accepted for the Community Services Commission");

    // 403 (the bot was removed from the chat) and 404 (the conversation is gone) are final.
    for (const status of [403, 404]) {
      rig.fake.failNext(status, { match: /^POST .*personal-applicant\/activities$/ });
      const e = await teams()
        .send({ platform: "teams", kind: "user", id: "29:applicant" }, { kind: "card", summary: "x", blocks: [] })
        .then(
          () => null,
          (x: unknown) => x,
        );
      expect(e).toBeInstanceOf(PlatformError);
      expect(e).toMatchObject({ retryable: false, message: expect.stringContaining(`answered ${status}`) });
    }
  });

  it("a button a client without dialogs posts as a message opens the small form in the chat; Universal Action forms go back to the tracked card", async () => {
    await rig.install(U.director);
    await submitApplication(U.applicant);
    const intakePost = rig.fake.posts(personal(U.director))[0]!;
    const intake = { conversationId: personal(U.director), messageId: rig.fake.idOf(intakePost) };

    // Action.Submit with the task/fetch marker arriving as a message (no dialog support).
    await rig.post(activity(rig, U.director, { type: "message", text: "", value: { msteams: { type: "task/fetch" }, action: "intake.reject", applicationId: 1 } }));
    const chatForm = cardOf(lastPost(personal(U.director))?.body);
    expect(cardText(chatForm)).toContain("Reject application");
    expect(actionsOf(chatForm).map((a) => a.title)).toEqual(["Reject", "Cancel"]);

    // The same as a Universal Action on the intake card: the form replaces the card, and cancelling brings it back.
    const inPlace = invokeCard(await rig.click(U.director, "intake.reject", { applicationId: 1 }, intake));
    expect(cardText(inPlace)).toContain("Why is it rejected?");
    const cancelled = invokeCard(await rig.click(U.director, "form.cancel", { formId: "reason", action: "intake.reject", applicationId: 1 }, intake));
    expect(cardText(cancelled)).toContain("(Accept for commission)");
    const empty = invokeCard(await rig.click(U.director, "form.submit", { formId: "reason", action: "intake.reject", applicationId: 1, reason: "" }, intake));
    expect(cardText(empty)).toContain("Give a reason; the applicant will see it.");
    const rejected = invokeCard(await rig.click(U.director, "form.submit", { formId: "reason", action: "intake.reject", applicationId: 1, reason: "No letter of interest." }, intake));
    expect(cardText(rejected)).toContain("Rejected by the Community Services Director — No letter of interest.");
    expect(cardText(rejected)).not.toContain("(Accept for commission)");

    const unknown = await rig.click(U.director, "nope.nope", { applicationId: 1 }, intake);
    expect(unknown.body).toMatchObject({ type: "application/vnd.microsoft.activity.message", value: expect.stringContaining("no longer in use") });
  });

  it("reactions on the commission card vote; removing one withdraws only that vote; other reactions and messages are ignored", async () => {
    const card = await toCommission();
    const votes = () => db().vote.findMany({ orderBy: { id: "asc" }, select: { personId: true, choice: true, source: true } });
    await rig.react(U.comm1, "like", card);
    expect(await votes()).toEqual([{ personId: "cam1", choice: "approve", source: "reaction" }]);
    await rig.react(U.comm1, "heart", card); // not a vote under the default policy
    await rig.react(U.comm1, "heart", card, false);
    expect(await votes()).toHaveLength(1);
    await rig.react(U.comm1, "like", card, false);
    expect(await votes()).toEqual([]);
    expect(await db().auditEntry.count({ where: { action: "vote_withdrawn" } })).toBe(1);

    // Removing a 👍 must not withdraw a denial made with the button.
    await rig.click(U.comm2, "vote.deny", { applicationId: 1 }, { conversationId: CHANNEL, messageId: card });
    await rig.react(U.comm2, "like", card, false);
    expect(await votes()).toEqual([{ personId: "cam2", choice: "deny", source: "button" }]);
    expect(cardText(cardOf(rig.fake.latest(CHANNEL, card)))).toContain("Approve 0 · Deny 1");

    // A reaction on another message of the bot is not a vote.
    const intake = rig.fake.posts(personal(U.director))[0]!;
    await rig.react(U.comm3, "like", rig.fake.idOf(intake));
    expect(await votes()).toHaveLength(1);
  });

  it("follows the policy's own reaction map (commission.reactions.teams)", async () => {
    await rig.close();
    rig = await startTeamsRig("sqlite", { policy: testPolicy({ commission: { reactions: { teams: { approve: ["heart"], deny: ["angry"] } } } }) });
    const card = await toCommission();
    await rig.react(U.comm1, "like", card);
    await rig.react(U.comm2, "heart", card);
    await rig.react(U.comm3, "angry", card);
    expect(await db().vote.findMany({ orderBy: { id: "asc" }, select: { personId: true, choice: true } })).toEqual([
      { personId: "cam2", choice: "approve" },
      { personId: "cam3", choice: "deny" },
    ]);
  });

  it("rejects what is not a Bot Framework activity", async () => {
    expect((await fetch(rig.url)).status).toBe(405);
    expect((await fetch(rig.url, { method: "POST", body: "{nope", headers: { "content-type": "application/json" } })).status).toBe(400);
  });
});

let n = 0;
function activity(rig: TeamsRig, who: TeamsUser, extra: J): J {
  return {
    id: `f:extra-${++n}`,
    channelId: "msteams",
    serviceUrl: rig.fake.url,
    from: { ...who, role: "user" },
    recipient: { id: "28:sister-cities-bot", name: "Sister Cities", role: "bot" },
    conversation: { id: personal(who), conversationType: "personal", tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...extra,
  };
}

function channelMessage(rig: TeamsRig, who: TeamsUser, text: string): J {
  return activity(rig, who, {
    type: "message",
    text,
    conversation: { id: CHANNEL, conversationType: "channel", isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, team: { id: TEAM_ID }, channel: { id: CHANNEL } },
  });
}
