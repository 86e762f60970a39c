import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const oracles = join(import.meta.dirname, "../oracles/slack/manifest");
const BASE = "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/";
const load = (f: string) => JSON.parse(readFileSync(join(oracles, f), "utf8")) as object;

function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // The root schema refers to the versioned ones by URL; register them under those URLs so nothing is fetched.
  ajv.addSchema(load("manifest.schema.1.0.0.json"), `${BASE}manifest.schema.1.0.0.json`);
  ajv.addSchema(load("manifest.schema.2.0.0.json"), `${BASE}manifest.schema.2.0.0.json`);
  return ajv.compile(load("manifest.schema.json"));
}

describe("Slack app manifest", () => {
  interface Manifest {
    display_information: object;
    features: { slash_commands: { command: string; url: string }[] };
    oauth_config: { scopes: { bot: string[] } };
    settings: { interactivity: { request_url: string }; event_subscriptions: { request_url: string; bot_events: string[] } };
  }
  const manifest = parse(readFileSync("manifests/slack/manifest.yaml", "utf8")) as Manifest;

  it("is valid against Slack's official manifest schema", () => {
    const validate = validator();
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
  });

  it("the schema is not a rubber stamp: a broken manifest is rejected", () => {
    const validate = validator();
    expect(validate({ ...manifest, display_information: { name: "" } })).toBe(false);
  });

  it("subscribes to what the adapter handles, with the scopes it needs and no more", () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(["app_home_opened", "reaction_added", "reaction_removed"]);
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(["channels:read", "chat:write", "commands", "files:write", "groups:read", "im:write", "reactions:read", "users:read", "users:read.email"]);
    const [command] = manifest.features.slash_commands;
    expect(command?.command).toBe("/sistercity");
    for (const url of [manifest.settings.interactivity.request_url, manifest.settings.event_subscriptions.request_url, command?.url ?? ""])
      expect(new URL(url).pathname).toBe("/slack/events");
  });
});
