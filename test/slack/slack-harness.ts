// Runs the real bot (real Bolt HTTP receiver, real database) against the loopback fake Slack, and speaks to it
// the way Slack does: signed slash commands, block_actions, view_submissions and events.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { slackAdapterFactory } from "../../adapters/slack/index.js";
import { startBot, type AdapterFactory, type Bot } from "../../src/bot.js";
import { loadConfig } from "../../src/config/index.js";
import type { Policy } from "../../src/domain/policy.js";
import { createSilentLogger, type Logger } from "../../src/logger.js";
import { testDatabase, type Provider, type TestDatabase } from "../support/databases.js";
import { testPolicy } from "../support/fixtures.js";
import { checkSlackCall } from "../support/slack-oracle.js";
import { FakeSlack, type Call } from "./fake-slack.js";
import { commandBody, eventBody, interactionBody, post, SIGNING_SECRET } from "./signed.js";

type J = Record<string, unknown>;

export interface SlackRig {
  bot: Bot;
  /** The bot's clock; tests move it forward to make retries fall due. */
  now: { value: Date };
  fake: FakeSlack;
  url: string;
  db: TestDatabase;
  command(user: string, text: string): Promise<{ status: number; text: string }>;
  click(user: string, action: string, applicationId: number | string, where?: { channel: string; ts: string } | { view: J }): Promise<{ status: number; text: string }>;
  /**
   * Submits a modal with `answers`, as a person fills it in. An application form shown step by step is walked
   * through as Slack would: each step's view_submission answers with the next step (response_action "update"),
   * which is submitted in turn; the last answer is returned.
   */
  submit(user: string, view: J, answers: Record<string, unknown>): Promise<{ status: number; text: string; json: J | null }>;
  /** Submits one view only (one view_submission), whatever comes next. */
  submitOnce(user: string, view: J, answers: Record<string, unknown>): Promise<{ status: number; text: string; json: J | null }>;
  react(user: string, reaction: string, item: { channel: string; ts: string }, added?: boolean, eventId?: string): Promise<{ status: number; text: string }>;
  settle(): Promise<void>;
  /** Every Web API call so far must match the official API description and Block Kit's limits. */
  problems(): string[];
  lastView(method?: string): J;
  close(): Promise<void>;
}

/** Starts a rig on a fresh database of `provider`. */
export async function startSlackRig(provider: Provider = "sqlite", policy: Policy = testPolicy(), opts: { databaseUrl?: (url: string) => string; factories?: AdapterFactory[]; logger?: Logger; before?: (fake: FakeSlack) => void; refreshGapMs?: number } = {}): Promise<SlackRig> {
  const fake = new FakeSlack();
  await fake.start();
  opts.before?.(fake); // what the workspace holds before the bot starts (e.g. people by e-mail)
  const db = await testDatabase(provider);
  const dir = mkdtempSync(join(tmpdir(), "sc-slack-"));
  const policyFile = join(dir, "policy.json");
  writeFileSync(policyFile, JSON.stringify(policy));
  const config = loadConfig({
    DATABASE_URL: opts.databaseUrl ? opts.databaseUrl(db.url) : db.url,
    PORT: "0",
    HOST: "127.0.0.1",
    POLICY_FILE: policyFile,
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
  });
  const now = { value: new Date() };
  const bot = await startBot(config, opts.factories ?? [slackAdapterFactory], { logger: opts.logger ?? createSilentLogger(), scheduler: false, clock: () => now.value, refreshGapMs: opts.refreshGapMs ?? 0 });
  const url = `http://127.0.0.1:${bot.port}/slack/events`;
  // Slack gets its HTTP answer at ack(); the handler goes on after it. Each helper returns once all work is done.
  const settled = async <T,>(p: Promise<T>): Promise<T> => {
    const r = await p;
    await bot.idle();
    return r;
  };
  let responses = 0;
  let triggers = 0;
  const answeredViews: J[] = [];
  const picked = new Set<string>();
  const form = "application/x-www-form-urlencoded";

  const rig: SlackRig = {
    bot,
    now,
    fake,
    url,
    db,
    command: (user, text) => settled(post(url, commandBody({ user, text, responseUrl: `${fake.base}/response/${++responses}` }), form)),
    click(user, action, applicationId, where) {
      const inView = where && "view" in where;
      // No `where` is the Home tab: Slack sends the published home view (type "home") with the click.
      const view: J = inView ? where.view : { id: "VHOME", type: "home", callback_id: "", private_metadata: "", state: { values: {} } };
      const surface = !where || inView ? (view.type === "modal" ? "modal" : "home") : "message";
      const payload = {
        type: "block_actions",
        team: { id: "TCITY", domain: "pinole" },
        user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: "TCITY" },
        api_app_id: "A0SISTER",
        token: "deprecated",
        trigger_id: fake.issueTrigger(`trig.${++triggers}`, surface),
        response_url: `${fake.base}/response/${++responses}`,
        container: where && !inView ? { type: "message", message_ts: where.ts, channel_id: where.channel, is_ephemeral: false } : { type: "view", view_id: view.id },
        ...(where && !inView ? { channel: { id: where.channel, name: "commission" }, message: { ts: where.ts, type: "message" } } : { view }),
        actions: [{ action_id: action, block_id: "b1", value: String(applicationId), type: "button", action_ts: String(Date.now() / 1000) }],
      };
      return settled(post(url, interactionBody(payload), form));
    },
    async submit(user, view, answers) {
      const stepOf = (v: J): number | undefined => {
        try {
          return (JSON.parse(String(v.private_metadata ?? "{}")) as { step?: number }).step;
        } catch {
          return undefined; // forged metadata: submitted once, as it is
        }
      };
      let current = view;
      for (;;) {
        const r = await rig.submitOnce(user, current, answers);
        const next = r.json?.response_action === "update" ? (r.json.view as J) : null;
        const was = stepOf(current);
        if (!next || next.callback_id !== "form:application" || was === undefined || (stepOf(next) ?? -1) <= was) return r;
        current = { ...next, id: current.id };
      }
    },
    async submitOnce(user, given, answers) {
      // As a person would: pick each yes/no that shows or hides a field first (block_actions → views.update), then
      // fill in what is on the form.
      let view = given;
      for (let round = 0; round < 5; round++) {
        const pick = ((view.blocks as J[]) ?? []).find((b) => {
          if (b.type !== "input" || b.dispatch_action !== true) return false;
          const want = answers[String(b.block_id)];
          const has = ((b.element as J).initial_option as J | undefined)?.value;
          return typeof want === "string" && want !== "" && want !== has && !picked.has(`${String(view.id)}:${String(b.block_id)}:${want}`);
        });
        if (!pick) break;
        const name = String(pick.block_id);
        picked.add(`${String(view.id)}:${name}:${String(answers[name])}`);
        const updates = fake.of("views.update").length;
        const payload = {
          type: "block_actions",
          team: { id: "TCITY", domain: "pinole" },
          user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: "TCITY" },
          api_app_id: "A0SISTER",
          token: "deprecated",
          trigger_id: `trig.${++triggers}`,
          container: { type: "view", view_id: view.id },
          view: { id: view.id, type: "modal", callback_id: view.callback_id, private_metadata: view.private_metadata, hash: "h", state: { values: stateFor(view, answers) } },
          actions: [{ type: "radio_buttons", action_id: name, block_id: name, selected_option: { value: String(answers[name]) }, action_ts: String(Date.now() / 1000) }],
        };
        await settled(post(url, interactionBody(payload), form));
        const updated = fake.of("views.update").slice(updates).at(-1);
        if (!updated) break;
        view = { ...(updated.args.view as J), id: view.id };
      }
      const payload = {
        type: "view_submission",
        team: { id: "TCITY" },
        user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: "TCITY" },
        api_app_id: "A0SISTER",
        token: "deprecated",
        trigger_id: fake.issueTrigger(`trig.${++triggers}`, "modal"),
        view: { id: view.id ?? `V${Math.random().toString(36).slice(2)}`, type: "modal", callback_id: view.callback_id, private_metadata: view.private_metadata, hash: "h", state: { values: stateFor(view, answers) } },
      };
      const r = await settled(post(url, interactionBody(payload), form));
      const json = r.text ? (JSON.parse(r.text) as J) : null;
      if (json?.view) answeredViews.push(json.view as J);
      return { ...r, json };
    },
    react: (user, reaction, item, added = true, eventId) =>
      settled(post(url, eventBody({ type: added ? "reaction_added" : "reaction_removed", user, reaction, item_user: "UBOT", item: { type: "message", channel: item.channel, ts: item.ts }, event_ts: String(Date.now() / 1000) }, eventId), "application/json")),
    settle: () => bot.idle(),
    // Views sent back in a view_submission answer (response_action "update") are held to the same checks.
    problems: () => [...fake.calls.flatMap((c: Call) => checkSlackCall(c.method, c.args)), ...answeredViews.flatMap((view) => checkSlackCall("views.update", { view_id: "V", view }))],
    lastView(method = "views.open") {
      const c = fake.of(method).at(-1);
      if (!c) throw new Error(`no ${method} call`);
      return { ...(c.args.view as J), id: `V-${method}-${fake.of(method).length}` };
    },
    async close() {
      await bot.stop();
      await fake.stop();
      await db.drop();
    },
  };
  return rig;
}

/** Builds Slack's view.state.values for a modal from answers keyed by input block id. */
export function stateFor(view: J, answers: Record<string, unknown>): Record<string, Record<string, J>> {
  const out: Record<string, Record<string, J>> = {};
  for (const b of (view.blocks as J[]) ?? []) {
    if (b.type !== "input") continue;
    const el = b.element as J;
    const name = String(b.block_id);
    const v = answers[name];
    const type = String(el.type);
    let value: J;
    if (type === "checkboxes") value = { type, selected_options: ((v as string[] | undefined) ?? []).map((x) => ({ value: x })) };
    else if (type === "radio_buttons" || type === "static_select") value = { type, selected_option: v === undefined || v === "" ? null : { value: String(v) } };
    else if (type === "datepicker") value = { type, selected_date: v === undefined ? null : String(v) };
    else value = { type, value: v === undefined ? null : String(v) };
    out[name] = { [String(el.action_id)]: value };
  }
  return out;
}

/** All text of Block Kit blocks (or a view) as people read it: mrkdwn escapes and bidi isolates removed, buttons as "(Label)". */
export function slackText(x: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== "object") return;
    const o = v as J;
    if (o.type === "button" && o.text && typeof o.text === "object") return void out.push(`(${String((o.text as J).text)})`);
    if ((o.type === "mrkdwn" || o.type === "plain_text") && typeof o.text === "string") out.push(o.text);
    for (const [k, child] of Object.entries(o)) if (k !== "confirm" && typeof child === "object") walk(child);
  };
  walk(x);
  return out.join("\n").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").replace(/[\u2068\u2069]/g, "");
}
