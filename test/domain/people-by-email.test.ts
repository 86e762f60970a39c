// The policy's `email` on a person, and the directory with ids found by e-mail: given ids always win.
import { describe, expect, it } from "vitest";
import { createDirectory } from "../../src/domain/actors.js";
import { policySchema } from "../../src/domain/policy.js";
import { slackEntry } from "../../adapters/slack/entry.js";
import { createPlatformRegistry } from "../../src/platforms/registry.js";
import { testPolicy } from "../support/fixtures.js";

const base = testPolicy();
const withPeople = (people: unknown[]) => policySchema.safeParse({ ...base, people });

describe("people given by e-mail", () => {
  it("keeps the e-mail in lower case, beside the platform ids, and refuses a malformed or repeated one", () => {
    const ok = withPeople([{ id: "dana", name: "Dana", roles: ["director"], email: " Dana@CI.Pinole.CA.US ", slack: "UDANA" }]);
    expect(ok.success && ok.data.people[0]).toEqual({ id: "dana", name: "Dana", roles: ["director"], email: "dana@ci.pinole.ca.us", ids: { slack: "UDANA" } });
    const bad = withPeople([{ id: "dana", name: "Dana", roles: ["director"], email: "dana at pinole" }]);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ["people", 0, "email"], message: expect.stringContaining("an e-mail address") });
    const twice = withPeople([
      { id: "a", name: "A", roles: ["director"], email: "same@pinole.gov" },
      { id: "b", name: "B", roles: ["clerk"], email: "SAME@pinole.gov" },
    ]);
    expect(twice.error?.issues[0]?.message).toBe("duplicate email:same@pinole.gov");
  });

  it("no platform may be registered as `email`", () => {
    expect(() => createPlatformRegistry([{ ...slackEntry, id: "email" }])).toThrow(/reserved/);
  });

  it("the directory learns found ids; an id in the policy wins, also against another person's found id", () => {
    const policy = policySchema.parse({
      ...base,
      people: [
        { id: "dana", name: "Dana", roles: ["director"], email: "dana@pinole.gov" },
        { id: "alma", name: "Alma", roles: ["commissioner"], email: "alma@pinole.gov", slack: "UALMA" },
      ],
    });
    const directory = createDirectory(policy);
    expect(directory.resolve({ platform: "slack", userId: "UDANA" }).roles.size).toBe(0);
    directory.learn(
      new Map<string, Record<string, string>>([
        ["dana", { slack: "UALMA", teams: "29:dana" }],
        ["alma", { slack: "UOTHER" }],
      ]),
    );
    expect(directory.resolve({ platform: "slack", userId: "UALMA" }).personId).toBe("alma");
    expect(directory.person("alma")?.ids.slack).toBe("UALMA");
    expect(directory.resolve({ platform: "teams", userId: "29:dana" })).toMatchObject({ personId: "dana", roles: new Set(["director"]) });
    expect(directory.withRole("director")[0]?.ids).toEqual({ slack: "UALMA", teams: "29:dana" });
    directory.learn(new Map());
    expect(directory.resolve({ platform: "teams", userId: "29:dana" }).personId).toBe("teams:29:dana");
  });
});
