import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgSkipNotice, providers } from "../support/databases.js";
import { sopot } from "../support/fixtures.js";
import { startSlackRig, type SlackRig } from "../slack/slack-harness.js";
import { TcpProxy } from "./tcp-proxy.js";

const skip = pgSkipNotice();
if (skip) describe.skip(skip, () => it("needs PostgreSQL"));

describe.skipIf(!providers().includes("postgresql"))("drill: PostgreSQL goes away during a vote", () => {
  let rig: SlackRig;
  let proxy: TcpProxy;
  let direct: pg.Client;
  let at: { channel: string; ts: string };

  beforeAll(async () => {
    proxy = new TcpProxy("127.0.0.1", 5432);
    await proxy.start();
    rig = await startSlackRig("postgresql", undefined, {
      databaseUrl: (url) => {
        const u = new URL(url);
        u.host = `127.0.0.1:${proxy.port}`;
        return u.toString();
      },
    });
    direct = new pg.Client({ connectionString: rig.db.url });
    await direct.connect();
    await rig.command("UAPPLICANT", "apply");
    await rig.submit("UAPPLICANT", rig.lastView(), { ...sopot });
    await rig.click("UDIRECTOR", "intake.accept", 1, { channel: "DDIRECTOR", ts: "1.0" });
    const ref = await direct.query<{ conversationId: string; messageId: string }>(`SELECT "conversationId", "messageId" FROM "MessageRef" WHERE kind = 'commission'`);
    at = { channel: ref.rows[0]!.conversationId, ts: ref.rows[0]!.messageId };
  });
  afterAll(async () => {
    await direct?.end();
    await rig?.close();
    await proxy?.stop();
  });

  const counts = async () => {
    const r = await direct.query<{ votes: string; audit: string }>(`SELECT (SELECT count(*) FROM "Vote") AS votes, (SELECT count(*) FROM "AuditEntry") AS audit`);
    return r.rows[0];
  };

  it("tells the voter, writes nothing, reports unhealthy — and the same vote succeeds once the database is back", async () => {
    const before = await counts();
    await proxy.cut();
    const res = await rig.click("UCOMM1", "vote.approve", 1, at);
    expect(res.status).toBe(200); // Slack is still answered in time
    expect(JSON.stringify(rig.fake.of("chat.postEphemeral").at(-1)?.args)).toContain("did not go through");
    expect((await fetch(`http://127.0.0.1:${rig.bot.port}/healthz`)).status).toBe(503);
    expect(await counts()).toEqual(before);

    await proxy.restore();
    await rig.click("UCOMM1", "vote.approve", 1, at);
    expect((await fetch(`http://127.0.0.1:${rig.bot.port}/healthz`)).status).toBe(200);
    const after = await counts();
    expect(Number(after!.votes)).toBe(Number(before!.votes) + 1);
    expect(Number(after!.audit)).toBe(Number(before!.audit) + 1);
  });
});
