// End to end in a real browser: the bot (Teams adapter, SQLite) and the Microsoft 365 Agents Playground, driven in
// headless Debian Chromium through the Playground's own UI — apply step by step, accept as director, vote in the
// commission channel. Skipped, with the reason in its title, when Chromium or the Playground is missing.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { teamsAdapterFactory } from "../../adapters/teams/index.js";
import { startBot, type Bot } from "../../src/bot.js";
import { loadConfig } from "../../src/config/index.js";
import { createSilentLogger } from "../../src/logger.js";
import { testDatabase, type TestDatabase } from "../support/databases.js";
import { testPolicy } from "../support/fixtures.js";

/** Debian's Chromium, found on PATH (CHROMIUM_PATH overrides it). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? findOnPath("chromium");
function findOnPath(name: string): string {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) if (dir && existsSync(join(dir, name))) return join(dir, name);
  return name;
}
const CHROMIUM_ARGS = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const WAIT_MS = 15_000;

/** The commission channel of the test policy; the Playground's one extra channel gets this id. */
const COMMISSION_CHANNEL = testPolicy().channels.teams ?? "";

const user = (id: string, name: string, n: number) => {
  const [givenName = name, surname = ""] = name.split(" ");
  const email = `${givenName.toLowerCase()}@pinole.example`;
  return { id, name, userPrincipleName: email, aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`, givenName, surname, email };
};

/**
 * The Playground's mock data (its config file schema 0.1.1), with the ids of the test policy: the person at the
 * keyboard sends from.id "29:director", the five other users are commissioners, and the team's one extra channel
 * is the commission channel (a channel message's conversation.id is the channel id; General's is the team id).
 */
const PLAYGROUND_CONFIG = {
  version: "0.1.1",
  tenantId: "tenant-pinole",
  bot: { id: "28:sister-cities-bot", name: "Sister Cities" },
  currentUser: user("29:director", "Dana Director", 1),
  users: [user("29:comm1", "Alma Reyes", 3), user("29:comm2", "Ben Okafor", 4), user("29:comm3", "Chen Wei", 5), user("29:comm4", "Dolores Ibarra", 6), user("29:comm5", "Eitan Levi", 7)],
  personalChat: { id: "a:personal-director" },
  groupChat: { id: "19:group-chat@thread.v2", name: "Sister City staff" },
  team: { id: "19:team-general@thread.tacv2", name: "City of Pinole", aadGroupId: "00000000-0000-4000-8000-000000000100", channels: [{ id: COMMISSION_CHANNEL, name: "Commission" }] },
};

/** The test policy's full cast, with the director also on the commission so one person can do every step. */
function playgroundPolicy() {
  const base = testPolicy();
  return testPolicy({ people: base.people.map((p) => (p.id === "dana" ? { ...p, roles: [...p.roles, "commissioner"] } : p)) });
}

function playgroundCli(): string | null {
  try {
    return createRequire(import.meta.url).resolve("@microsoft/m365agentsplayground/cli.js");
  } catch {
    return null;
  }
}

/** Why the suite cannot run here, or null. Checked before collecting, so a skip is visible by its title. */
function skipReason(): string | null {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  const cli = playgroundCli();
  if (!cli) return "@microsoft/m365agentsplayground is not installed (npm ci)";
  const dir = mkdtempSync(join(tmpdir(), "sc-pg-probe-"));
  try {
    const probe = spawnSync(process.execPath, [cli, "--version"], { cwd: dir, encoding: "utf8", timeout: 15_000, env: { ...process.env, M365_AGENTS_PLAYGROUND_LOGFILE: join(dir, "log") } });
    if (probe.status !== 0) return `the Agents Playground does not run (${(probe.stderr || probe.error?.message || `exit ${String(probe.status)}`).trim().split("\n")[0]})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return null;
}

/** Starts the Playground on a free port and resolves with that port once it listens. */
function startPlayground(cli: string, dir: string, botUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const configFile = join(dir, "playground.yml");
  writeFileSync(configFile, JSON.stringify(PLAYGROUND_CONFIG, null, 2)); // JSON is YAML, and the Playground reads YAML
  const child = spawn(process.execPath, [cli, "--app-endpoint", botUrl, "--channel-id", "msteams", "--port", "0", "--disable-telemetry"], {
    cwd: dir,
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: "none", M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFile, M365_AGENTS_PLAYGROUND_LOGFILE: join(dir, "playground.log") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the Playground did not start within ${WAIT_MS} ms:\n${output}`)), WAIT_MS);
    const read = (chunk: Buffer) => {
      output += String(chunk);
      const port = /Listening on (\d+)/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ child, port: Number(port) });
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the Playground exited (${String(code)}) before listening:\n${output}`));
    });
  });
}

function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Types into the Playground's compose box (a rich-text editor, not an <input>) and sends. */
async function say(page: Page, text: string): Promise<void> {
  await page.locator("[data-lexical-editor=true]").click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

const skip = skipReason();
if (skip) {
  // The default reporter shows no titles of skipped suites: say it on stdout too.
  console.log(`SKIPPED: browser test (Agents Playground in Chromium) — ${skip}`);
  describe.skip(`SKIPPED: ${skip}`, () => it("drives the bot through the Agents Playground in Chromium", () => undefined));
} else
  describe("Teams bot in the Microsoft 365 Agents Playground (headless Chromium)", () => {
    let dir = "";
    let db: TestDatabase | undefined;
    let bot: Bot | undefined;
    let playground: ChildProcess | undefined;
    let context: BrowserContext | undefined;
    let page: Page;
    let playgroundUrl = "";
    // Kept after the run (unlike `dir`), so the last screen can be looked at.
    const shots = mkdtempSync(join(tmpdir(), "sc-playground-shots-"));

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "sc-playground-"));
      db = await testDatabase("sqlite");
      const policyFile = join(dir, "policy.json");
      writeFileSync(policyFile, JSON.stringify(playgroundPolicy()));
      // The explicit opt-in to the unauthenticated, loopback-only mode the Playground needs (as the README says).
      const config = loadConfig({ DATABASE_URL: db.url, PORT: "0", HOST: "127.0.0.1", POLICY_FILE: policyFile, TEAMS_ALLOW_UNAUTHENTICATED_LOCAL: "true" });
      bot = await startBot(config, [teamsAdapterFactory], { logger: createSilentLogger(), scheduler: false });
      const started = await startPlayground(playgroundCli() ?? "", dir, `http://127.0.0.1:${bot.port}/api/messages`);
      playground = started.child;
      playgroundUrl = `http://127.0.0.1:${started.port}/`;

      context = await chromium.launchPersistentContext(join(dir, "profile"), {
        executablePath: CHROMIUM,
        headless: true,
        args: ["--no-sandbox", ...CHROMIUM_ARGS],
        viewport: { width: 1400, height: 1000 },
      });
      // The Playground's page asks Microsoft's CDN for fonts; nothing may leave the machine, online or not.
      await context.route(
        (url) => url.hostname !== "127.0.0.1" && url.hostname !== "localhost",
        (route) => route.abort(),
      );
      page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(WAIT_MS);
    }, 60_000);

    afterAll(async () => {
      await context?.close();
      await stopChild(playground);
      await bot?.stop();
      await db?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("applies step by step, accepts as director and votes on the commission card", async () => {
      const card = (text: string | RegExp): Locator => page.locator(".ac-adaptiveCard").filter({ hasText: text }).last();
      try {
        await page.goto(playgroundUrl);

        // Opening a channel installs the app in the team (conversationUpdate); the bot then knows where to post.
        await page.getByText("Commission", { exact: true }).click();
        await expect
          .poll(() => bot?.ctx.store.db.conversationRef.count({ where: { platform: "teams", conversationId: COMMISSION_CHANNEL } }), { timeout: WAIT_MS })
          .toBe(1);

        await page.getByText("Personal Chat", { exact: true }).click();
        await say(page, "apply");
        // The Playground has no dialogs: the form comes as a card in the chat and is replaced step by step.
        const form = page.locator(".ac-adaptiveCard").last();
        await form.getByText("1. The city").waitFor();
        await form.getByLabel("Proposed sister city").fill("Sopot");
        await form.getByLabel("Country").fill("Poland");
        await form.getByLabel("Population of the proposed city").fill("35000");
        await form.getByRole("radio", { name: "Yes" }).check();
        await form.getByLabel("Which body of water?").fill("Baltic Sea");
        await form.getByLabel("Nearest large metropolis").fill("Gdańsk");
        await form.getByLabel("Distance to that metropolis (km)").fill("12");
        await form.getByRole("button", { name: "Next" }).click();

        await form.getByText("2. The relationship").waitFor();
        await form.getByRole("checkbox", { name: "Expatriate community" }).check();
        await form.getByRole("checkbox", { name: "Cultural exchange" }).check();
        await form.getByRole("radio", { name: "Yes" }).check();
        await form.getByLabel("Link to the letter").fill("https://example.org/sopot-letter.pdf");
        await form.getByRole("button", { name: "Next" }).click();

        await form.getByText("3. People and plan").waitFor();
        await form.getByRole("combobox", { name: "You are applying as" }).click();
        await page.getByRole("option", { name: "Councilmember" }).click(); // the list opens outside the card
        await form.getByLabel("Contact in the other city: name").fill("Magdalena Nowak");
        await form.getByLabel("Contact's email").fill("m.nowak@example.pl");
        await form.getByLabel("First-year plan").fill("Exchange letters between mayors; host a Sopot jazz trio.");
        await form.getByLabel("Estimated first-year budget (USD)").fill("4500");
        await form.getByRole("button", { name: "Submit" }).click();

        // The same person is the director, so the intake card arrives in this chat.
        await page.getByText("Application SC-0001 submitted.").waitFor();
        const intake = card("New application SC-0001");
        await intake.getByRole("button", { name: "Accept for commission" }).click();
        await page.getByText(/Your application SC-0001 \(\u2068?Sopot\u2069?, \u2068?Poland\u2069?\) was accepted for the Community Services Commission\./).waitFor();

        await page.getByText("Commission", { exact: true }).click();
        const commission = card(/SC-0001 · \u2068?Sopot\u2069?, \u2068?Poland\u2069?/);
        await commission.getByText(/Approve 0 · Deny 0 · Abstain 0 · Recused 0 — quorum \d+ of \d+: not yet \(0 present\)/).waitFor();
        await commission.getByRole("button", { name: "Approve", exact: true }).click();
        await commission.getByText(/Approve 1 · Deny 0 · Abstain 0 · Recused 0 — quorum \d+ of \d+: not yet \(1 present\)/).waitFor();
        await commission.getByText(/Votes so far \(public record\):\s*\u2068?Dana Director\u2069? — Approve/).waitFor();

        await commission.getByRole("button", { name: "View full application" }).waitFor();

        await commission.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(shots, "tally.png") });
        // The card alone, as docs/commission-card-teams.png shows it.
        await commission.screenshot({ path: join(shots, "commission-card.png") });
        console.log(`Agents Playground screenshots: ${join(shots, "tally.png")}, ${join(shots, "commission-card.png")}`);
        expect(await bot?.ctx.store.db.vote.count()).toBe(1);
      } catch (e) {
        await page.screenshot({ path: join(shots, "failure.png") }).catch(() => undefined);
        throw new Error(`${e instanceof Error ? e.message : String(e)}\nscreen: ${join(shots, "failure.png")}`, { cause: e });
      }
    }, 60_000);
  });
