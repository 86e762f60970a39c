import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sweep } from "../../src/scheduler/index.js";
import { createHarness, type Harness } from "../support/harness.js";

describe("the scheduled sweep", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness("sqlite");
  });
  afterEach(async () => {
    await h.close();
  });

  it("forgets platform event ids after a week, keeping recent ones (retries come within minutes)", async () => {
    await h.db.store.db.processedEvent.create({ data: { key: "old", createdAt: new Date("2027-02-01T00:00:00Z") } });
    await h.db.store.db.processedEvent.create({ data: { key: "recent", createdAt: new Date("2027-02-28T00:00:00Z") } });
    await sweep(h.ctx);
    expect((await h.db.store.db.processedEvent.findMany()).map((e) => e.key)).toEqual(["recent"]);
  });
});
