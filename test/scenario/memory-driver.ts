// The scenario's driver for the in-memory platform (test/memory): registered through the registry like Slack and
// Teams, it hands the dispatcher neutral events and keeps what the core answers.
import { sweep } from "../../src/scheduler/index.js";
import { testDatabase } from "../support/databases.js";
import { cardText } from "../support/recording-platform.js";
import { buttonsOf, memoryEntry, MemoryWorld, startMemoryBot, type MemoryMessage } from "../memory/memory-adapter.js";
import { theApplication, type DriverKind, type FormAnswer, type Person, type PlatformDriver } from "./driver.js";

const id = (p: Person) => `m-${p}`;

/** The in-memory platform, on SQLite and PostgreSQL. */
export const memoryDriver: DriverKind = {
  name: "memory",
  providers: ["sqlite", "postgresql"],
  async start(provider, at) {
    const db = await testDatabase(provider);
    const world = new MemoryWorld();
    const now = { value: at };
    const bot = await startMemoryBot(db, world, now);
    // The card the core tracks as the commission card, found the way the core knows it.
    const commission = async (): Promise<MemoryMessage> => {
      const ref = await bot.store.db.messageRef.findFirstOrThrow({ where: { kind: "commission", platform: memoryEntry.id } });
      const m = world.to(ref.conversationId).find((x) => x.handle.messageId === ref.messageId);
      if (!m) throw new Error("no commission card was posted");
      return m;
    };
    const press = async (person: Person, action: string, on: MemoryMessage | undefined, view = on?.view) => {
      const b = buttonsOf(view).find((x) => x.action === action);
      if (!b) throw new Error(`no ${action} button for ${person}:\n${cardText(view)}`);
      await world.press(id(person), b, on);
      await bot.idle();
    };
    const answer = async (person: Person, values: Record<string, unknown>): Promise<FormAnswer> => {
      const errors = await world.submit(id(person), values);
      await bot.idle();
      const accepted = Object.keys(errors).length === 0;
      return { accepted, said: accepted ? (world.client(id(person)).notes.at(-1) ?? "") : Object.values(errors).join("\n") };
    };
    const fromStatus = async (person: Person, action: string, values: Record<string, unknown>) => {
      await world.command(id(person), `status ${(await theApplication(bot.store.db)).number}`);
      await press(person, action, undefined, world.client(id(person)).cards.at(-1));
      return answer(person, values);
    };
    const driver: PlatformDriver = {
      platform: memoryEntry.id,
      db: bot.store.db,
      async apply(person, answers) {
        if (!world.client(id(person)).form) await world.command(id(person), "apply");
        return answer(person, answers);
      },
      async decide(person) {
        const intake = world.to(id(person)).findLast((m) => buttonsOf(m.view).some((b) => b.action === "intake.accept"));
        await press(person, "intake.accept", intake);
      },
      vote: async (person, choice) => press(person, `vote.${choice}`, await commission()),
      async react(person, choice, added = true) {
        await world.react(id(person), await commission(), memoryEntry.defaultReactions[choice][0]!, added);
        await bot.idle();
      },
      // The memory platform has no "are you sure?": the press is the confirmed click.
      closeVote: async (person) => press(person, "vote.close", await commission()),
      recordCouncil: (person, form) => fromStatus(person, "council.record", { ...form }),
      recordAgreement: (person, form) => fromStatus(person, "agreement.record", { ...form }),
      async sweepReminders(when) {
        now.value = when;
        await sweep(bot.ctx);
        await bot.idle();
      },
      commissionCard: async () => cardText((await commission()).view),
      messagesTo: async (person) => world.to(id(person)).map((m) => cardText(m.view)),
      problems: () => [],
      settle: () => bot.idle(),
      async close() {
        await bot.stop();
        await db.drop();
      },
    };
    return driver;
  },
};
