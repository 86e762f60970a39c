// Runs the real bot with the Teams adapter (real Teams SDK endpoint, real database) against the loopback fake Bot
// Connector, and speaks to it the way Teams does: Bot Framework activities POSTed to /api/messages.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unescapeMarkdown } from "../../adapters/teams/markdown.js";
import { createTeamsAdapterFactory, type TeamsAdapterOptions } from "../../adapters/teams/index.js";
import { startBot, type Bot } from "../../src/bot.js";
import { loadConfig } from "../../src/config/index.js";
import type { Policy } from "../../src/domain/policy.js";
import { createSilentLogger, type Logger } from "../../src/logger.js";
import { adaptiveCardProblems, adaptiveCardsIn, botFrameworkActivityProblems } from "../support/adaptive-card-oracle.js";
import { testDatabase, type Provider, type TestDatabase } from "../support/databases.js";
import { testPolicy } from "../support/fixtures.js";
import { FakeConnector } from "./fake-connector.js";

type J = Record<string, unknown>;

/** A Teams user as activities name them. */
export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
}

const user = (key: string, name: string, n: number): TeamsUser => ({ id: `29:${key}`, name, aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}` });

/** The cast of the test policy (test/support/fixtures.ts), plus people who hold no role. */
export const U = {
  director: user("director", "Dana Director", 1),
  chair: user("chair", "Chris Chair", 2),
  comm1: user("comm1", "Alma Reyes", 3),
  comm2: user("comm2", "Ben Okafor", 4),
  comm3: user("comm3", "Chen Wei", 5),
  comm4: user("comm4", "Dolores Ibarra", 6),
  comm5: user("comm5", "Eitan Levi", 7),
  comm6: user("comm6", "Fatima Noor", 8),
  clerk: user("clerk", "Casey Clerk", 9),
  applicant: user("applicant", "Pat Applicant", 10),
  stranger: user("stranger", "Sam Stranger", 11),
};

/** The city's Microsoft 365 tenant. */
export const TENANT = "tenant-pinole";
/** The bot as activities name it (recipient). */
export const BOT = { id: "28:sister-cities-bot", name: "Sister Cities", role: "bot" };
/** The team the app is installed in (its General channel has the same id). */
export const TEAM_ID = "19:team-general@thread.tacv2";
/** The commission channel from the test policy. */
export const CHANNEL = "19:commission@thread.tacv2";

/** Where an activity happens: a user's personal chat with the bot, or the commission channel. */
export type Where = "personal" | "channel";

/** A reply from the bot's endpoint. */
export interface Reply {
  status: number;
  body: J | null;
  /** How long the endpoint took to answer (Teams gives invokes 5 s). */
  ms: number;
}

/** A running bot with the Teams adapter, the fake Bot Connector, and helpers that act as Teams. */
export interface TeamsRig {
  bot: Bot;
  fake: FakeConnector;
  db: TestDatabase;
  now: { value: Date };
  url: string;
  /** POSTs any activity; waits until the bot's background work (deliveries, card refreshes) is done. */
  post(activity: J, headers?: Record<string, string>): Promise<Reply>;
  say(who: TeamsUser, text: string, where?: Where): Promise<Reply>;
  install(who: TeamsUser | "team"): Promise<Reply>;
  click(who: TeamsUser, verb: string, data: J, on?: { conversationId: string; messageId: string }, id?: string): Promise<Reply>;
  openDialog(who: TeamsUser, data: J, where?: Where): Promise<Reply>;
  submitDialog(who: TeamsUser, data: J, where?: Where, id?: string): Promise<Reply>;
  react(who: TeamsUser, type: string, messageId: string, added?: boolean): Promise<Reply>;
  /** Everything the bot sent or answered so far must be valid Adaptive Card 1.5, and every activity the rig
   * posted a valid Bot Framework activity (so the tests speak the real protocol). */
  cardProblems(): string[];
  /** Stops the bot and starts a new one on the same database, as after a deployment (`env` replaces the rig's). */
  restart(env?: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

let seq = 0;
const conversationOf = (who: TeamsUser, where: Where): J =>
  where === "personal"
    ? { id: `a:personal-${who.id.slice(3)}`, conversationType: "personal", tenantId: TENANT }
    : { id: CHANNEL, conversationType: "channel", isGroup: true, tenantId: TENANT };

/**
 * Starts a rig on a fresh database of `provider`; `env` adds variables (e.g. Teams credentials). Without
 * TEAMS_CLIENT_ID the bot runs in the local mode the Agents Playground uses (TEAMS_ALLOW_UNAUTHENTICATED_LOCAL).
 */
export async function startTeamsRig(provider: Provider = "sqlite", opts: { policy?: Policy; env?: Record<string, string>; teams?: TeamsAdapterOptions; logger?: Logger; refreshGapMs?: number } = {}): Promise<TeamsRig> {
  const fake = new FakeConnector();
  await fake.start();
  const db = await testDatabase(provider);
  const dir = mkdtempSync(join(tmpdir(), "sc-teams-"));
  const policyFile = join(dir, "policy.json");
  writeFileSync(policyFile, JSON.stringify(opts.policy ?? testPolicy()));
  const configFor = (env: Record<string, string> = {}) =>
    loadConfig({ DATABASE_URL: db.url, PORT: "0", HOST: "127.0.0.1", POLICY_FILE: policyFile, ...(env.TEAMS_CLIENT_ID ? {} : { TEAMS_ALLOW_UNAUTHENTICATED_LOCAL: "true" }), ...env });
  const now = { value: new Date() };
  const factory = createTeamsAdapterFactory(opts.teams);
  const start = (env = opts.env) => startBot(configFor(env), [factory], { logger: opts.logger ?? createSilentLogger(), scheduler: false, clock: () => now.value, refreshGapMs: opts.refreshGapMs ?? 0 });
  const bot = await start();
  const answers: unknown[] = [];
  const sent: J[] = [];

  const base = (who: TeamsUser | typeof BOT, where: Where, extra: J): J => ({
    id: `f:in-${++seq}`,
    channelId: "msteams",
    serviceUrl: fake.url,
    timestamp: new Date().toISOString(),
    from: { ...who, role: who === BOT ? "bot" : "user" },
    recipient: BOT,
    conversation: conversationOf(who as TeamsUser, where),
    channelData: { tenant: { id: TENANT }, ...(where === "channel" ? { team: { id: TEAM_ID }, channel: { id: CHANNEL } } : {}) },
    locale: "en-US",
    ...extra,
  });
  const invoke = (who: TeamsUser, where: Where, name: string, value: J, extra: J = {}) => rig.post(base(who, where, { type: "invoke", name, value, ...extra }));

  const rig: TeamsRig = {
    bot,
    fake,
    db,
    now,
    url: `http://127.0.0.1:${bot.port}/api/messages`,
    async post(activity, headers = {}) {
      sent.push(activity);
      const started = Date.now();
      const res = await fetch(rig.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(activity) });
      const text = await res.text();
      const ms = Date.now() - started;
      const body = text ? (JSON.parse(text) as J) : null;
      if (body) answers.push(body);
      await rig.bot.idle();
      return { status: res.status, body, ms };
    },
    say(who, text, where = "personal") {
      const mention = where === "channel" ? { text: `<at>${BOT.name}</at> ${text}`, entities: [{ type: "mention", text: `<at>${BOT.name}</at>`, mentioned: BOT }] } : { text };
      return rig.post(base(who, where, { type: "message", textFormat: "plain", ...mention }));
    },
    install(who) {
      if (who === "team")
        return rig.post(base(U.director, "channel", { type: "conversationUpdate", membersAdded: [BOT], channelData: { tenant: { id: TENANT }, team: { id: TEAM_ID, name: "City of Pinole" }, eventType: "teamMemberAdded" }, conversation: { id: TEAM_ID, conversationType: "channel", isGroup: true, tenantId: TENANT } }));
      return rig.post(base(who, "personal", { type: "conversationUpdate", membersAdded: [BOT, who] }));
    },
    click(who, verb, data, on, id) {
      const where: Where = on?.conversationId === CHANNEL ? "channel" : "personal";
      return invoke(who, where, "adaptiveCard/action", { action: { type: "Action.Execute", verb, data }, trigger: "manual" }, { ...(on ? { replyToId: on.messageId } : {}), ...(id ? { id } : {}) });
    },
    openDialog: (who, data, where = "personal") => invoke(who, where, "task/fetch", { data, context: { theme: "default" } }),
    submitDialog: (who, data, where = "personal", id) => invoke(who, where, "task/submit", { data, context: { theme: "default" } }, id ? { id } : {}),
    react(who, type, messageId, added = true) {
      const key = added ? "reactionsAdded" : "reactionsRemoved";
      return rig.post(base(who, "channel", { type: "messageReaction", [key]: [{ type }], replyToId: messageId, conversation: { id: `${CHANNEL};messageid=${messageId}`, conversationType: "channel", isGroup: true, tenantId: TENANT } }));
    },
    cardProblems() {
      const cards = [...fake.calls.map((c) => c.body), ...answers].flatMap(adaptiveCardsIn);
      return [
        ...cards.flatMap((c, i) => adaptiveCardProblems(c).map((p) => `card ${i}: ${p}`)),
        ...sent.flatMap((a) => botFrameworkActivityProblems(a).map((p) => `activity ${String(a.type)}/${String(a.name ?? "")}: ${p}`)),
      ];
    },
    async restart(env) {
      await rig.bot.stop();
      rig.bot = await start(env ?? opts.env);
      rig.url = `http://127.0.0.1:${rig.bot.port}/api/messages`;
    },
    async close() {
      await rig.bot.stop();
      await fake.stop();
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return rig;
}

/** The Adaptive Card in a message activity body (the first attachment). */
export function cardOf(activity: J | undefined | null): J {
  const cards = adaptiveCardsIn(activity);
  if (cards.length === 0) throw new Error(`no card in ${JSON.stringify(activity).slice(0, 300)}`);
  return cards[0] as J;
}

/** All text of a card as people read it (markdown escapes and invisible bidi isolates removed), with buttons as "(Title)". */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== "object") return;
    const o = v as J;
    if (o.type === "TextBlock") out.push(unescapeMarkdown(String(o.text)));
    else if (o.type === "FactSet") for (const f of o.facts as J[]) out.push(`${unescapeMarkdown(String(f.title))}: ${unescapeMarkdown(String(f.value))}`);
    else if (typeof o.type === "string" && o.type.startsWith("Action.")) out.push(`(${String(o.title)})`);
    else if (typeof o.type === "string" && o.type.startsWith("Input.")) out.push(`[${String(o.label)}${o.value !== undefined ? `=${String(o.value)}` : ""}]`);
    for (const k of ["body", "items", "actions", "columns"]) if (k in o) walk(o[k]);
  };
  walk(card);
  return out.join("\n").replace(/[\u2068\u2069]/g, "");
}

/** The actions of a card (body ActionSets and card actions), for finding a button's data. */
export function actionsOf(card: unknown): J[] {
  const out: J[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== "object") return;
    const o = v as J;
    if (typeof o.type === "string" && o.type.startsWith("Action.")) out.push(o);
    for (const k of ["body", "items", "actions"]) if (k in o) walk(o[k]);
  };
  walk(card);
  return out;
}

/** What Teams sends for the inputs of a card: every input that has a value, as text. */
export function inputsOf(card: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== "object") return;
    const o = v as J;
    if (typeof o.type === "string" && o.type.startsWith("Input.") && o.value !== undefined) out[String(o.id)] = String(o.value);
    for (const k of ["body", "items"]) if (k in o) walk(o[k]);
  };
  walk(card);
  return out;
}

/** A button of a card by its title. */
export function button(card: unknown, title: string): J {
  const b = actionsOf(card).find((a) => a.title === title);
  if (!b) throw new Error(`no "${title}" button in:\n${cardText(card)}`);
  return b;
}

/** The data Teams sends when a button is pressed: its data merged with the card's inputs (and what was typed). */
export const pressData = (card: unknown, title: string, typed: Record<string, string> = {}): J => ({ ...(button(card, title).data as J), ...inputsOf(card), ...typed });

/** The card of a dialog (task module) answer. */
export const dialogCard = (body: J | null): J => (((body?.task as J).value as J).card as J).content as J;
/** The message of a dialog answer that closes it with a message. */
export const dialogMessage = (body: J | null): string => String((body?.task as J).value);
/** The card an invoke answered with (the clicker's card, replaced in place). */
export const invokeCard = (body: J | null): J => {
  if (body?.type !== "application/vnd.microsoft.card.adaptive") throw new Error(`expected a card, got ${JSON.stringify(body)}`);
  return body.value as J;
};

/** Answers as Teams inputs send them: every value as text, lists comma-separated. */
export const teamsAnswers = (answers: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : String(v)]));
