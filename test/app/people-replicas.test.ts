// Two replicas on one database look a person up by e-mail once between them, and each learns the other's answer.
import { afterEach, describe, expect, it } from "vitest";
import { createAppContext } from "../../src/app/create-context.js";
import { resolvePeople } from "../../src/app/resolve-people.js";
import { createSilentLogger } from "../../src/logger.js";
import { createDb } from "../../src/store/db.js";
import { createStore, type Store } from "../../src/store/store.js";
import { providers, testDatabase, type TestDatabase } from "../support/databases.js";
import { testPolicy } from "../support/fixtures.js";
import { RecordingPlatform } from "../support/recording-platform.js";

const policy = testPolicy({
  people: [
    { id: "dana", name: "Dana Director", roles: ["director"], email: "dana@pinole.gov" },
    { id: "clerk", name: "Casey Clerk", roles: ["clerk"], slack: "UCLERK" },
  ],
});

/** A recording platform that finds people by e-mail through `find`, counting the questions. */
class FindingPlatform extends RecordingPlatform {
  asked: string[] = [];
  constructor(private readonly find: (email: string) => Promise<string | null>) {
    super("slack");
  }
  async findPersonByEmail(email: string): Promise<string | null> {
    this.asked.push(email);
    return this.find(email);
  }
}

describe.each(providers())("people by e-mail on two replicas (%s)", (provider) => {
  let db: TestDatabase;
  let second: Store;
  afterEach(async () => {
    await second.close();
    await db.drop();
  });

  it("one asks while the other waits for its answer; neither asks twice", async () => {
    db = await testDatabase(provider);
    second = createStore(await createDb(db.url), provider === "sqlite" ? "sqlite" : "postgresql");
    const now = new Date("2027-03-01T17:00:00Z");
    const make = (store: Store, platform: FindingPlatform) => {
      const ctx = createAppContext({ store, policy, logger: createSilentLogger(), clock: () => now });
      ctx.platforms.set("slack", platform);
      return ctx;
    };
    // B runs its whole round while A's question is still out: it must see A's claim and not ask itself.
    const b = make(second, new FindingPlatform(async () => "UDANA"));
    let bDuringA: boolean | undefined;
    const a = make(
      db.store,
      new FindingPlatform(async () => {
        await resolvePeople(b);
        bDuringA = b.directory.person("dana")?.ids.slack !== undefined;
        return "UDANA";
      }),
    );
    await resolvePeople(a);
    const [pa, pb] = [a.platforms.get("slack"), b.platforms.get("slack")] as FindingPlatform[];
    expect(pa!.asked).toEqual(["dana@pinole.gov"]);
    expect(pb!.asked).toEqual([]);
    expect(bDuringA).toBe(false);
    expect(a.directory.resolve({ platform: "slack", userId: "UDANA" }).personId).toBe("dana");
    // B's next sweep reads A's answer from the database, still without asking.
    await resolvePeople(b);
    expect(pb!.asked).toEqual([]);
    expect(b.directory.resolve({ platform: "slack", userId: "UDANA" })).toMatchObject({ personId: "dana", roles: new Set(["director"]) });
  });
});
