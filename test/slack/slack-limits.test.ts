import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendDueDeliveries } from "../../src/app/send-due-deliveries.js";
import { pgSkipNotice, providers } from "../support/databases.js";
import { sopot } from "../support/fixtures.js";
import { startSlackRig, type SlackRig } from "./slack-harness.js";

const text = (x: unknown) => JSON.stringify(x);
const skip = pgSkipNotice();
if (skip) describe.skip(skip, () => it("needs PostgreSQL"));

describe.each(providers())("Slack on %s: one person cannot drown the director", (provider) => {
  let rig: SlackRig;
  beforeEach(async () => {
    rig = await startSlackRig(provider);
  });
  afterEach(async () => {
    // Every call, the grouped notice and the paged list included, matches Slack's API and Block Kit's limits.
    expect(rig.problems()).toEqual([]);
    await rig.close();
  });

  it("the fourth application from one person is refused in the modal with the reason; the director gets one grouped notice", async () => {
    for (let i = 0; i < 3; i++) {
      await rig.command("UFLOOD", "apply");
      expect((await rig.submit("UFLOOD", rig.lastView(), { ...sopot })).json?.response_action).toBe("update");
      if (i === 0) await rig.settle();
    }
    await rig.command("UFLOOD", "apply");
    const refused = await rig.submit("UFLOOD", rig.lastView(), { ...sopot });
    expect(refused.json).toMatchObject({ response_action: "errors" });
    expect(text(refused.json)).toContain("already have 3 applications in progress");
    // Nothing typed is lost: the refused application stays a draft (its first steps were saved on the way).
    expect(await rig.bot.store.db.application.count({ where: { status: { not: "draft" } } })).toBe(3);
    await rig.settle();

    const toDirector = () => rig.fake.of("chat.postMessage").filter((c) => c.args.channel === "UDIRECTOR");
    expect(toDirector()).toHaveLength(1);
    rig.now.value = new Date(rig.now.value.getTime() + (rig.bot.ctx.policy.intakeNotices.groupWithinSeconds + 1) * 1000);
    await sendDueDeliveries(rig.bot.ctx);
    expect(toDirector()).toHaveLength(2);
    const digest = text(toDirector()[1]!.args.blocks);
    expect(digest).toContain("2 new Sister City applications");
    expect(digest).toContain("Open SC-0002");
    expect(digest).toContain("Open SC-0003");
  });

  it("list shows the true count and pages to every item", async () => {
    await rig.bot.store.db.application.createMany({
      data: Array.from({ length: 45 }, (_, i) => ({ applicantId: `p${i}`, applicantName: `Person ${i}`, status: "submitted" as const, data: {}, proposedCity: `Town ${i}`, statusChangedAt: new Date(Date.UTC(2027, 0, 1, 0, i)) })),
    });
    await rig.command("UDIRECTOR", "list");
    await rig.settle();
    const first = text(rig.fake.of("response_url").find((c) => text(c.args).includes("Waiting for your intake decision"))?.args);
    expect(first).toContain("Waiting for your intake decision (45)");
    expect(first).toContain("Say /sistercity list 2 for the next 20");
    await rig.command("UDIRECTOR", "list 3");
    await rig.settle();
    const last = text(rig.fake.of("response_url").filter((c) => text(c.args).includes("Waiting for your intake decision")).at(-1)?.args);
    expect(last).toContain("Showing 41–45 of 45");
    expect(last).toContain("Open SC-0045");
  });
});
