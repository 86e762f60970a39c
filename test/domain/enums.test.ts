// The domain's status, choice and outcome lists are what the database stores: both generated Prisma clients must
// name exactly the same values, so a status added on one side and forgotten on the other fails here.
import { describe, expect, it } from "vitest";
import * as pg from "../../src/generated/postgres/enums.js";
import * as sqlite from "../../src/generated/sqlite/enums.js";
import { STATUSES } from "../../src/domain/status.js";
import { CHOICES, OUTCOMES } from "../../src/domain/votes.js";

const sorted = (xs: readonly string[]) => [...xs].sort();

describe.each([
  ["sqlite", sqlite],
  ["postgres", pg],
] as const)("domain enums equal the %s client's enums", (_name, enums) => {
  it("ApplicationStatus", () => {
    expect(sorted(STATUSES)).toEqual(sorted(Object.values(enums.ApplicationStatus)));
  });
  it("VoteChoice", () => {
    expect(sorted(CHOICES)).toEqual(sorted(Object.values(enums.VoteChoice)));
  });
  it("VoteOutcome", () => {
    expect(sorted(OUTCOMES)).toEqual(sorted(Object.values(enums.VoteOutcome)));
  });
});
