// A realistic policy with a full cast, and a complete application, shared by the tests.
import { policySchema, type Policy } from "../../src/domain/policy.js";
import type { Actor } from "../../src/domain/actors.js";

/** Pinole's policy with a director, a chair, six commissioners, a clerk and an escalation contact. */
export function testPolicy(overrides: Partial<Record<keyof Policy, unknown>> = {}): Policy {
  return policySchema.parse({
    city: { name: "Pinole", state: "California", country: "United States", population: 19022, timeZone: "America/Los_Angeles", waterBody: "San Pablo Bay", metropolis: "San Francisco" },
    channels: { slack: "CCOMMISSION", teams: "19:commission@thread.tacv2" },
    people: [
      { id: "dana", name: "Dana Director", roles: ["director"], slack: "UDIRECTOR", teams: "29:director" },
      { id: "chris", name: "Chris Chair", roles: ["chair"], slack: "UCHAIR", teams: "29:chair" },
      { id: "cam1", name: "Alma Reyes", roles: ["commissioner"], slack: "UCOMM1", teams: "29:comm1" },
      { id: "cam2", name: "Ben Okafor", roles: ["commissioner"], slack: "UCOMM2", teams: "29:comm2" },
      { id: "cam3", name: "Chen Wei", roles: ["commissioner"], slack: "UCOMM3", teams: "29:comm3" },
      { id: "cam4", name: "Dolores Ibarra", roles: ["commissioner"], slack: "UCOMM4", teams: "29:comm4" },
      { id: "cam5", name: "Eitan Levi", roles: ["commissioner"], slack: "UCOMM5", teams: "29:comm5" },
      { id: "cam6", name: "Fatima Noor", roles: ["commissioner"], slack: "UCOMM6", teams: "29:comm6" },
      { id: "clerk", name: "Casey Clerk", roles: ["clerk"], slack: "UCLERK", teams: "29:clerk" },
      { id: "manager", name: "Morgan Manager", roles: ["escalation"], slack: "UMANAGER" },
    ],
    ...overrides,
  });
}

/** A Slack user by id. */
export const slackUser = (userId: string, name?: string): Actor => ({ platform: "slack", userId, ...(name ? { name } : {}) });

export const applicant = slackUser("UAPPLICANT", "Pat Applicant");
export const director = slackUser("UDIRECTOR");
export const chair = slackUser("UCHAIR");
export const clerk = slackUser("UCLERK");
export const commissioners = ["UCOMM1", "UCOMM2", "UCOMM3", "UCOMM4", "UCOMM5", "UCOMM6"].map((u) => slackUser(u));

/** A complete application for Sopot, Poland: a close match for Pinole. */
export const sopot = {
  proposedCity: "Sopot",
  country: "Poland",
  region: "Pomeranian Voivodeship",
  population: "35000",
  nearWater: "yes",
  waterBody: "Baltic Sea (Gulf of Gdańsk)",
  metropolis: "Gdańsk",
  metropolisDistanceKm: "12",
  origins: ["expatriate", "personal"],
  originNote: "A Polish-American family in Pinole has run a summer exchange with Sopot for ten years.",
  activities: ["cultural", "youth_education"],
  activityNote: "Student pen-pals, a jazz festival exchange.",
  letterOfInterest: "yes",
  letterUrl: "https://example.org/sopot-letter.pdf",
  sponsorRole: "councilmember",
  contactName: "Magdalena Nowak",
  contactTitle: "Deputy Mayor",
  contactEmail: "m.nowak@example.pl",
  communitySupport: "Pinole Polish Heritage Club; Pinole Valley High School music department.",
  firstYearPlan: "Exchange letters between mayors; host a Sopot jazz trio at the Pinole summer concert series.",
  budgetUsd: "4500",
  notes: "",
};
