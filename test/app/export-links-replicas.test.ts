import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../../src/bot.js";
import { submitApplication } from "../../src/app/submit-application.js";
import { ConfigError, loadConfig } from "../../src/config/index.js";
import { createSilentLogger } from "../../src/logger.js";
import { answersFromForm } from "../../src/views/application-form.js";
import { pgSkipNotice, providers, testDatabase, type TestDatabase } from "../support/databases.js";
import { applicant, commissioners, director, sopot, testPolicy } from "../support/fixtures.js";

const skip = pgSkipNotice();
if (skip) describe.skip(skip, () => it("needs PostgreSQL"));

describe.each(providers())("export links across replicas on %s", (provider) => {
  let db: TestDatabase;
  const bots: Bot[] = [];
  let policyFile: string;
  beforeEach(async () => {
    db = await testDatabase(provider);
    policyFile = join(mkdtempSync(join(tmpdir(), "sc-policy-")), "policy.json");
    writeFileSync(policyFile, JSON.stringify(testPolicy()));
  });
  afterEach(async () => {
    for (const b of bots.splice(0)) await b.stop();
    await db.drop();
  });

  const start = async (env: Record<string, string> = {}) => {
    const config = loadConfig({ DATABASE_URL: db.url, PORT: "0", HOST: "127.0.0.1", POLICY_FILE: policyFile, ...env });
    const bot = await startBot(config, [], { logger: createSilentLogger(), scheduler: false });
    bots.push(bot);
    return bot;
  };

  it("a link made by one replica downloads from another, and after a restart; it still expires and re-checks the right", async () => {
    const [one, two] = await Promise.all([start(), start()]);
    const { id } = await submitApplication(one.ctx, { actor: applicant, answers: answersFromForm({ ...sopot }) });
    const link = one.ctx.exportLinks.create(director, id, "csv", new Date());
    const onTwo = link.replace(`:${one.port}/`, `:${two.port}/`);
    expect(onTwo).not.toBe(link);
    const res = await fetch(onTwo);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("application,number,SC-0001");
    // Both replicas use the one key kept in the database.
    expect(await db.store.db.setting.count()).toBe(1);

    await one.stop();
    bots.splice(bots.indexOf(one), 1);
    const three = await start();
    expect((await fetch(link.replace(`:${one.port}/`, `:${three.port}/`))).status).toBe(200);

    const stale = one.ctx.exportLinks.create(director, id, "md", new Date(Date.now() - 16 * 60_000));
    expect((await fetch(stale.replace(`:${one.port}/`, `:${three.port}/`))).status).toBe(410);
    // A link in the name of someone without the right (a commissioner) is refused at download.
    const notAllowed = two.ctx.exportLinks.create(commissioners[0]!, id, "md", new Date());
    expect((await fetch(notAllowed)).status).toBe(403);
  });

  it("EXPORT_LINK_SECRET, when set, is the key: replicas with different values refuse each other's links", async () => {
    const a = await start({ EXPORT_LINK_SECRET: "a".repeat(40) });
    const b = await start({ EXPORT_LINK_SECRET: "a".repeat(40) });
    const c = await start({ EXPORT_LINK_SECRET: "c".repeat(40) });
    const { id } = await submitApplication(a.ctx, { actor: applicant, answers: answersFromForm({ ...sopot }) });
    const link = a.ctx.exportLinks.create(director, id, "md", new Date());
    expect((await fetch(link.replace(`:${a.port}/`, `:${b.port}/`))).status).toBe(200);
    expect((await fetch(link.replace(`:${a.port}/`, `:${c.port}/`))).status).toBe(403);
  });
});

describe("PUBLIC_URL and EXPORT_LINK_SECRET configuration", () => {
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return [];
    } catch (e) {
      if (e instanceof ConfigError) return e.problems;
      throw e;
    }
  };
  it("requires https except on a loopback address", () => {
    expect(problems({ PUBLIC_URL: "http://sistercities.example.org" })).toEqual([expect.stringMatching(/^PUBLIC_URL: must start with https:\/\//)]);
    expect(problems({ PUBLIC_URL: "http://127.0.0.1.evil.example" })[0]).toMatch(/^PUBLIC_URL: must start with https/);
    for (const ok of ["https://sistercities.example.org", "http://localhost:3978", "http://127.0.0.1:3978", "http://[::1]:3978"]) expect(problems({ PUBLIC_URL: ok }), ok).toEqual([]);
  });
  it("refuses a short signing secret", () => {
    expect(problems({ EXPORT_LINK_SECRET: "short" })).toEqual([expect.stringMatching(/^EXPORT_LINK_SECRET: must be at least 32 characters/)]);
  });
});
