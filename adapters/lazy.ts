// The adapters as the entry point uses them: describing one is free, and its SDK is only loaded when it is
// enabled, so a bot without Slack never pays for loading Bolt at start-up.
import type { AdapterFactory } from "../src/bot.js";
import { describeSlack } from "./slack/describe.js";
import { slackEntry } from "./slack/entry.js";
import { describeTeams } from "./teams/describe.js";
import { teamsEntry } from "./teams/entry.js";

/** Slack, loaded on demand. */
export const lazySlack: AdapterFactory = {
  entry: slackEntry,
  describe: describeSlack,
  create: async (deps) => (await import("./slack/index.js")).slackAdapterFactory.create(deps),
  doctor: async (input) => (await import("./slack/doctor.js")).slackDoctor(input),
};

/** Teams, loaded on demand. */
export const lazyTeams: AdapterFactory = {
  entry: teamsEntry,
  describe: describeTeams,
  create: async (deps) => (await import("./teams/index.js")).teamsAdapterFactory.create(deps),
  doctor: async (input) => (await import("./teams/doctor.js")).teamsDoctor(input),
};
