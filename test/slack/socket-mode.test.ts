import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackAdapterFactory } from "../../adapters/slack/index.js";
import { startBot, type Bot } from "../../src/bot.js";
import { loadConfig } from "../../src/config/index.js";
import { slackSettings } from "../../adapters/slack/settings.js";
import { createSilentLogger } from "../../src/logger.js";
import { sqliteDatabase, type TestDatabase } from "../support/databases.js";
import { testPolicy } from "../support/fixtures.js";
import { checkSlackCall } from "../support/slack-oracle.js";
import { FakeSlack } from "./fake-slack.js";
import { FakeSocket } from "./fake-socket.js";

describe("Slack Socket Mode (SLACK_APP_TOKEN set): no public URL, same handlers", () => {
  const fake = new FakeSlack();
  const socket = new FakeSocket();
  let bot: Bot;
  let db: TestDatabase;

  beforeAll(async () => {
    await fake.start();
    await socket.start();
    fake.socketUrl = socket.url;
    db = await sqliteDatabase();
    const dir = mkdtempSync(join(tmpdir(), "sc-socket-"));
    writeFileSync(join(dir, "policy.json"), JSON.stringify(testPolicy()));
    const config = loadConfig({ DATABASE_URL: db.url, PORT: "0", HOST: "127.0.0.1", POLICY_FILE: join(dir, "policy.json"), SLACK_BOT_TOKEN: "xoxb-test", SLACK_APP_TOKEN: "xapp-test", SLACK_API_URL: fake.url });
    expect(slackSettings(config.platformEnv)?.mode).toBe("socket");
    bot = await startBot(config, [slackAdapterFactory], { logger: createSilentLogger(), scheduler: false });
    await socket.ready;
  });
  afterAll(async () => {
    await bot.stop();
    await socket.stop();
    await fake.stop();
    await db.drop();
  });

  it("connects through apps.connections.open and mounts no HTTP endpoint", async () => {
    expect(fake.of("apps.connections.open")).toHaveLength(1);
    expect((await fetch(`http://127.0.0.1:${bot.port}/slack/events`, { method: "POST" })).status).toBe(404);
  });

  it("acknowledges a slash command envelope and opens the form", async () => {
    const ack = await socket.send("slash_commands", {
      command: "/sistercity",
      text: "apply",
      user_id: "UAPPLICANT",
      user_name: "pat",
      channel_id: "CGENERAL",
      team_id: "TCITY",
      api_app_id: "A0SISTER",
      trigger_id: "trig.socket",
      response_url: `${fake.base}/response/1`,
    });
    expect(ack.envelope_id).toBeTruthy();
    await bot.idle();
    const open = fake.of("views.open").at(-1);
    expect((open?.args.view as { callback_id: string }).callback_id).toBe("form:application");
    expect(fake.calls.flatMap((c) => checkSlackCall(c.method, c.args))).toEqual([]);
  });
});
