import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startBot } from "../src/bot.js";
import { loadConfig } from "../src/config/index.js";
import { createSilentLogger } from "../src/logger.js";

const dir = mkdtempSync(join(tmpdir(), "sc-start-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("start-up", () => {
  it("with no configuration: creates and migrates the SQLite file and serves /healthz", async () => {
    const file = join(dir, "fresh", "bot.db");
    const config = loadConfig({ DATABASE_URL: `file:${file}`, PORT: "0" });
    const bot = await startBot(config, [], { logger: createSilentLogger(), scheduler: false });
    try {
      expect(existsSync(file)).toBe(true);
      const res = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ok", database: "ok" });
      expect((await fetch(`http://127.0.0.1:${bot.port}/nope`)).status).toBe(404);
    } finally {
      await bot.stop();
    }
    // A second start finds nothing pending and starts again on the same file.
    const again = await startBot(config, [], { logger: createSilentLogger(), scheduler: false });
    await again.stop();
  });

  it("reports 503 when the database does not answer", async () => {
    const { createHttpServer } = await import("../src/server.js");
    const server = createHttpServer({ logger: createSilentLogger(), healthCheck: () => Promise.reject(new Error("connection refused")) });
    const port = await server.listen(0, "127.0.0.1");
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: "unavailable", database: "not answering" });
    } finally {
      await server.close();
    }
  });

  it("bad configuration stops the process with a message naming the variable", async () => {
    const r = await run({ DATABASE_URL: "mysql://localhost/x", SLACK_BOT_TOKEN: "xoxb-1" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("DATABASE_URL: must be file:");
    expect(r.stderr).toContain("SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN");
    expect(r.stderr).toContain("The bot did not start");
  });
});
