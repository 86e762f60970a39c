import { afterEach, describe, expect, it } from "vitest";
import { createAppContext } from "../../src/app/create-context.js";
import { createSilentLogger } from "../../src/logger.js";
import { listApplications, parseListArgs } from "../../src/app/list-applications.js";
import { saveDraft } from "../../src/app/save-draft.js";
import { sendDueDeliveries } from "../../src/app/send-due-deliveries.js";
import { submitApplication } from "../../src/app/submit-application.js";
import { isDomainError } from "../../src/domain/errors.js";
import { answersFromForm } from "../../src/views/application-form.js";
import type { CardView } from "../../src/views/model.js";
import { pgSkipNotice, providers } from "../support/databases.js";
import { director, slackUser, sopot, testPolicy } from "../support/fixtures.js";
import { createHarness, type Harness } from "../support/harness.js";

const skip = pgSkipNotice();
if (skip) describe.skip(skip, () => it("needs PostgreSQL"));

const text = (v: CardView | undefined) => (v ? v.blocks.map((b) => ("text" in b ? b.text : b.type === "actions" ? b.buttons.map((x) => `[${x.label}]`).join(" ") : "")).join("\n") : "");
const answers = () => answersFromForm({ ...sopot });
const person = (i: number) => slackUser(`UPERSON${String(i).padStart(3, "0")}`, `Person ${i}`);

async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(isDomainError(e), String(e)).toBe(true);
  expect((e as { code: string }).code).toBe("limit_reached");
  return (e as { userMessage: string }).userMessage;
}

describe.each(providers())("abuse limits on %s", (provider) => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it("one person: at most 3 applications in progress, told why, and nothing is stored for the refused one", async () => {
    h = await createHarness(provider);
    const flooder = person(1);
    for (let i = 0; i < 3; i++) await submitApplication(h.ctx, { actor: flooder, answers: answers() });
    const before = await h.db.store.db.application.count();
    const message = await refusal(submitApplication(h.ctx, { actor: flooder, answers: answers() }));
    expect(message).toMatch(/already have 3 applications in progress, the most one person may have at once \(3\)/);
    expect(await h.db.store.db.application.count()).toBe(before);
    // Someone else is not affected.
    await submitApplication(h.ctx, { actor: person(2), answers: answers() });
  });

  it("a burst of 20 submissions at once from one person stores exactly the limit", async () => {
    h = await createHarness(provider);
    const flooder = person(1);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => submitApplication(h.ctx, { actor: flooder, answers: answers() })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    for (const r of results) if (r.status === "rejected") expect((r.reason as { code: string }).code).toBe("limit_reached");
    expect(await h.db.store.db.application.count({ where: { applicantId: "slack:UPERSON001" } })).toBe(3);
  });

  it("drafts: at most 3 at once; submissions: at most 5 an hour", async () => {
    h = await createHarness(provider, { policy: testPolicy({ limits: { openDrafts: 3, openApplications: 50, submissionsPerHour: 5 } }) });
    const p = person(3);
    for (let i = 0; i < 3; i++) await saveDraft(h.ctx, { actor: p, answers: { proposedCity: `Town ${i}` } });
    expect(await refusal(saveDraft(h.ctx, { actor: p, answers: { proposedCity: "Town 4" } }))).toMatch(/3 unfinished drafts, the most one person may keep \(3\)/);
    for (let i = 0; i < 5; i++) await submitApplication(h.ctx, { actor: p, answers: answers() });
    expect(await refusal(submitApplication(h.ctx, { actor: p, answers: answers() }))).toMatch(/submitted 5 times in the last hour, the most allowed \(5 an hour\)/);
    h.now.value = new Date(h.now.value.getTime() + 61 * 60_000);
    await submitApplication(h.ctx, { actor: p, answers: answers() });
  });

  it("list shows the true count, pages through every item oldest first, and 'list all' puts what needs action first", async () => {
    h = await createHarness(provider, { platforms: [] });
    const db = h.db.store.db;
    const base = h.now.value.getTime();
    await db.application.createMany({
      data: Array.from({ length: 55 }, (_, i) => ({ applicantId: `p${i}`, applicantName: `Person ${i}`, status: "submitted" as const, data: {}, proposedCity: `Town ${i}`, statusChangedAt: new Date(base + i * 1000) })),
    });
    await db.application.create({ data: { applicantId: "old", applicantName: "Old", status: "established", data: {}, proposedCity: "Done town", statusChangedAt: new Date(base - 1000) } });
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const [queue] = await listApplications(h.ctx, { actor: director, scope: "queue", page });
      expect(queue!.summary).toBe("Waiting for your intake decision: 55");
      expect(text(queue)).toContain("Waiting for your intake decision (55)");
      seen.push(...[...text(queue).matchAll(/\[Open (SC-\d+)\]/g)].map((m) => m[1]!));
      if (page < 3) expect(text(queue)).toContain(`Say /sistercity list ${page + 1} for the next`);
    }
    expect(seen).toHaveLength(55);
    expect(new Set(seen).size).toBe(55);
    expect(seen[0]).toBe("SC-0001"); // waited longest
    expect(parseListArgs(["2"])).toEqual({ scope: "queue", page: 2 });
    expect(parseListArgs(["all", "3"])).toEqual({ scope: "all", page: 3 });
    const [all] = await listApplications(h.ctx, { actor: director, scope: "all", page: 3 });
    expect(all!.summary).toBe("All applications: 56");
    // The decided one comes after every one still waiting, although it is the oldest.
    expect(text(all).trim().split("\n").filter((l) => l.startsWith("[Open")).at(-1)).toBe("[Open SC-0056]");
  });

  it("intake notices arriving close together reach the director as one message, and survive a failed send", async () => {
    h = await createHarness(provider);
    for (let i = 0; i < 10; i++) {
      h.now.value = new Date(h.now.value.getTime() + 1600);
      await submitApplication(h.ctx, { actor: person(i), answers: answers() });
      if (i === 0) await h.settle();
    }
    await h.settle();
    // The first went out at once as the full intake card; the other nine wait for the grouping window.
    expect(h.slack.to("UDIRECTOR")).toHaveLength(1);
    expect(text(h.slack.to("UDIRECTOR")[0]!.view)).toContain("[Accept for commission]");
    h.now.value = new Date(h.now.value.getTime() + (h.ctx.policy.intakeNotices.groupWithinSeconds + 1) * 1000);
    h.slack.failNext(1); // the grouped send fails once: nothing may be lost
    await sendDueDeliveries(h.ctx);
    expect(h.slack.to("UDIRECTOR")).toHaveLength(1);
    expect(await h.db.store.db.delivery.count({ where: { key: { startsWith: "intake:" }, status: "pending" } })).toBe(9);
    h.now.value = new Date(h.now.value.getTime() + 10 * 60_000);
    // A restarted process (a new context on the same database) finds the held notices and sends them.
    const restarted = createAppContext({ store: h.db.store, policy: h.ctx.policy, logger: createSilentLogger(), clock: () => h.now.value });
    restarted.platforms.set("slack", h.slack);
    await sendDueDeliveries(restarted);
    const sent = h.slack.to("UDIRECTOR");
    expect(sent).toHaveLength(2);
    const digest = text(sent[1]!.view);
    expect(sent[1]!.view.summary).toBe("9 new Sister City applications");
    for (let id = 2; id <= 10; id++) expect(digest).toContain(`[Open SC-${String(id).padStart(4, "0")}]`);
    expect(await h.db.store.db.delivery.count({ where: { key: { startsWith: "intake:" }, status: { not: "sent" } } })).toBe(0);
  });
});
