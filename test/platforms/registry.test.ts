import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { slackEntry } from "../../adapters/slack/entry.js";
import { teamsEntry } from "../../adapters/teams/entry.js";
import { checkPolicyPlatforms, createPlatformRegistry, reactionMapFor } from "../../src/platforms/registry.js";
import { testPolicy } from "../support/fixtures.js";

describe("the platform registry", () => {
  const registry = createPlatformRegistry([slackEntry, teamsEntry]);

  it("refuses a platform registered twice or under a reserved or malformed id", () => {
    expect(() => registry.register(slackEntry)).toThrow(/registered twice/);
    expect(() => createPlatformRegistry([{ ...slackEntry, id: "system" }])).toThrow(/reserved/);
    expect(() => createPlatformRegistry([{ ...slackEntry, id: "roles" }])).toThrow(/reserved/);
    expect(() => createPlatformRegistry([{ ...slackEntry, id: "Slack Two" }])).toThrow(/lowercase/);
  });

  it("every registered platform's environment variables are documented in .env.example", () => {
    const documented = readFileSync(".env.example", "utf8");
    for (const e of registry.list()) for (const v of e.env) expect(documented, `${e.id}: ${v}`).toMatch(new RegExp(`^${v}=`, "m"));
  });

  it("checks people ids against each platform's format, and reports keys of platforms it does not know", () => {
    expect(checkPolicyPlatforms(registry, testPolicy())).toEqual({ errors: [], warnings: [] });
    const bad = testPolicy({ people: [{ id: "dana", name: "Dana", roles: ["director"], slack: "dana@example.org", teamz: "29:dana" }], channels: { slak: "C1" } });
    const r = checkPolicyPlatforms(registry, bad);
    expect(r.errors).toEqual(['people.0.slack: "dana@example.org" is not a Slack user id such as U012ABCDEF']);
    expect(r.warnings).toEqual([expect.stringMatching(/^people\.0: "teamz" is not a platform/), expect.stringMatching(/^channels: "slak" is not a platform/)]);
  });

  it("the policy's reaction map wins over the platform's defaults, per platform", () => {
    const policy = testPolicy({ commission: { reactions: { teams: { approve: ["heart"], deny: [] } } } });
    expect(reactionMapFor(registry, policy.commission.reactions, "teams").approve).toEqual(["heart"]);
    expect(reactionMapFor(registry, policy.commission.reactions, "slack")).toEqual(slackEntry.defaultReactions);
    expect(reactionMapFor(registry, policy.commission.reactions, "unknown")).toEqual({ approve: [], deny: [] });
  });

  it("a parsed policy written out reads back the same (people's platform ids survive the round trip)", async () => {
    const { policySchema } = await import("../../src/domain/policy.js");
    const p = testPolicy();
    expect(policySchema.parse(JSON.parse(JSON.stringify(p)))).toEqual(p);
    expect(p.people[0]?.ids).toEqual({ slack: "UDIRECTOR", teams: "29:director" });
  });
});
