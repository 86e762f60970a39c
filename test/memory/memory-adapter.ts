// A third platform that lives only in memory, registered through the platform registry like Slack and Teams. It
// proves the inbound port: everything it does is parse "user actions" into events, hand them to the dispatcher
// and keep what the core answers, so the whole workflow runs here without a line of routing of its own. The shared
// workflow scenario (test/scenario/workflow.test.ts) drives it through test/scenario/memory-driver.ts, as it drives
// Slack and Teams: a new platform adds a driver there and runs the same scenario.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Address, ChatPlatform, MessageHandle } from "../../src/app/ports.js";
import { startBot, type AdapterFactory, type Bot } from "../../src/bot.js";
import { loadConfig } from "../../src/config/index.js";
import { createSilentLogger } from "../../src/logger.js";
import type { TestDatabase } from "../support/databases.js";
import { testPolicy } from "../support/fixtures.js";
import type { Actor } from "../../src/domain/actors.js";
import type { Dispatcher } from "../../src/inbound/port.js";
import type { PlatformEntry } from "../../src/platforms/registry.js";
import type { Button, CardView, FormView } from "../../src/views/model.js";

/** The in-memory platform's registry entry: people are "m-<name>", reactions are plain words. */
export const memoryEntry: PlatformEntry = {
  id: "memory",
  displayName: "Memory",
  personId: { pattern: /^m-[a-z0-9-]+$/, example: "a memory user id such as m-dana" },
  defaultReactions: { approve: ["yes"], deny: ["no"] },
  showReaction: (name) => `(${name})`,
  commandPrefix: () => "",
  env: [],
  envProblems: () => [],
};

/** A message as the memory platform holds it: where it is, and its content as last posted or updated. */
export interface MemoryMessage {
  handle: MessageHandle;
  to: Address;
  view: CardView;
}

/** One person's client: what they have been told privately, and the form open in front of them. */
export interface MemoryClient {
  notes: string[];
  cards: CardView[];
  form?: FormView;
}

/** The platform and the people using it. */
export class MemoryWorld {
  messages: MemoryMessage[] = [];
  clients = new Map<string, MemoryClient>();
  inbound?: Dispatcher;
  private seq = 0;

  readonly platform: ChatPlatform = {
    platform: memoryEntry.id,
    send: async (to, view) => {
      const handle = { platform: memoryEntry.id, conversationId: to.id, messageId: `msg-${++this.seq}` };
      this.messages.push({ handle, to, view });
      return handle;
    },
    update: async (ref, view) => {
      const m = this.messages.find((x) => x.handle.messageId === ref.messageId);
      if (!m) throw new Error(`no message ${ref.messageId}`);
      m.view = view;
    },
  };

  /** The factory to hand startBot, like lazySlack and lazyTeams. */
  factory(): AdapterFactory {
    return {
      entry: memoryEntry,
      describe: () => ({ enabled: true, how: "in memory (tests only)" }),
      create: async ({ inbound }) => {
        this.inbound = inbound;
        return { platform: this.platform, idle: async () => undefined, stop: async () => undefined };
      },
    };
  }

  client(user: string): MemoryClient {
    let c = this.clients.get(user);
    if (!c) this.clients.set(user, (c = { notes: [], cards: [] }));
    return c;
  }

  /** Messages posted to a user or channel id. */
  to(id: string): MemoryMessage[] {
    return this.messages.filter((m) => m.to.id === id);
  }

  private actor(user: string): Actor {
    return { platform: memoryEntry.id, userId: user };
  }

  private port(): Dispatcher {
    if (!this.inbound) throw new Error("the memory adapter has not started");
    return this.inbound;
  }

  /** The user presses a button on a message (or on a card shown to them, without a message). */
  async press(user: string, button: Pick<Button, "action" | "applicationId">, on?: MemoryMessage): Promise<void> {
    const c = this.client(user);
    const outcome = await this.port().dispatch({ kind: "action", action: button.action, applicationId: button.applicationId, actor: this.actor(user), ...(on ? { card: { conversationId: on.handle.conversationId, messageId: on.handle.messageId } } : {}) });
    switch (outcome.kind) {
      case "done":
        if (outcome.tell) c.notes.push(outcome.tell);
        return;
      case "form":
        c.form = outcome.form;
        return;
      case "show":
        c.cards.push(outcome.view);
        return;
      case "refused":
      case "duplicate":
        c.notes.push(outcome.message);
    }
  }

  /** The user submits the form open in front of them; returns the field errors, if any. */
  async submit(user: string, values: Record<string, unknown>): Promise<Record<string, string>> {
    const c = this.client(user);
    const form = c.form;
    if (!form) throw new Error(`${user} has no form open`);
    const outcome = await this.port().dispatch({ kind: "form", form: form.formId, intent: "submit", context: form.context, values, actor: this.actor(user) });
    switch (outcome.kind) {
      case "done":
        c.form = undefined;
        c.notes.push(outcome.message);
        return {};
      case "invalid":
        c.form = outcome.form;
        return outcome.errors;
      case "next":
        c.form = outcome.form;
        return {};
      case "refused":
        c.notes.push(outcome.message);
        return { _form: outcome.message };
      case "duplicate":
      case "cancelled":
        return {};
    }
  }

  /** The user types a command. */
  async command(user: string, text: string): Promise<void> {
    const c = this.client(user);
    const outcome = await this.port().dispatch({ kind: "command", text, actor: this.actor(user), prefix: "" });
    switch (outcome.kind) {
      case "form":
        c.form = outcome.form;
        return;
      case "cards":
      case "private":
        c.cards.push(...outcome.views);
        return;
      case "export":
        c.cards.push(outcome.links);
        return;
      case "refused":
        c.notes.push(outcome.message);
    }
  }

  /** The user adds or removes a reaction on a message. */
  async react(user: string, on: MemoryMessage, reaction: string, added = true): Promise<void> {
    const outcome = await this.port().dispatch({ kind: "reaction", changes: [{ added, reaction }], card: { conversationId: on.handle.conversationId, messageId: on.handle.messageId }, actor: this.actor(user) });
    if (outcome.tell) this.client(user).notes.push(outcome.tell.summary);
  }
}

/** Every button on a card. */
export function buttonsOf(view: CardView | FormView | undefined): Button[] {
  return (view?.blocks ?? []).flatMap((b) => (b.type === "actions" ? b.buttons : []));
}

/** The test cast, known on the memory platform only ("m-<id>"), with the commission in "commission-room". */
export function memoryPolicy(extra: Record<string, unknown> = {}): object {
  const base = testPolicy();
  return {
    ...base,
    channels: { memory: "commission-room" },
    commission: { ...base.commission, reactions: {} },
    people: base.people.map((p) => ({ id: p.id, name: p.name, roles: p.roles, memory: `m-${p.id}` })),
    ...extra,
  };
}

/** Starts the real bot with only the memory platform, registered like any other, on `db` with the clock `now`. */
export async function startMemoryBot(db: TestDatabase, world: MemoryWorld, now: { value: Date }, policy: object = memoryPolicy()): Promise<Bot> {
  const policyFile = join(mkdtempSync(join(tmpdir(), "sc-memory-")), "policy.json");
  writeFileSync(policyFile, JSON.stringify(policy));
  const config = loadConfig({ DATABASE_URL: db.url, PORT: "0", HOST: "127.0.0.1", POLICY_FILE: policyFile });
  return startBot(config, [world.factory()], { logger: createSilentLogger(), scheduler: false, clock: () => now.value, refreshGapMs: 0 });
}
