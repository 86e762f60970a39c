#!/usr/bin/env node
// Starts the Microsoft 365 Agents Playground (a local stand-in for Teams: no Microsoft account, no tunnel) pointed at
// the bot's /api/messages. Start the bot first in local mode, which the Playground needs (it sends no tokens):
// `TEAMS_ALLOW_UNAUTHENTICATED_LOCAL=true npm start` (without TEAMS_CLIENT_ID/SECRET), then:
//
//   npm run playground                        # bot at http://127.0.0.1:$PORT/api/messages (PORT default 3978)
//   npm run playground -- --port 56200        # further options go to the Playground (npx agentsplayground --help)
//   BOT_ENDPOINT=http://127.0.0.1:4000/api/messages npm run playground
//
// The Playground's people, team and channel ids are mock data from `.m365agentsplayground.yml` in the working
// directory or the file M365_AGENTS_PLAYGROUND_CONFIG_PATH names (its built-in defaults otherwise). This script
// prints the ids to put in the policy file so the Playground's user holds roles and its channel gets the commission card.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "yaml";

const require = createRequire(import.meta.url);
const cli = require.resolve("@microsoft/m365agentsplayground/cli.js");

const endpoint = process.env.BOT_ENDPOINT || `http://127.0.0.1:${process.env.PORT || 3978}/api/messages`;
const userArgs = process.argv.slice(2);
const given = (...names) => userArgs.some((a) => names.includes(a.split("=")[0]));
const args = [
  // yargs turns a repeated option into an array, so a default is added only when the caller did not give it.
  ...(given("-e", "--app-endpoint") ? [] : ["--app-endpoint", endpoint]),
  ...(given("-c", "--channel-id") ? [] : ["--channel-id", "msteams"]),
  // The city's try-out should not report usage to Microsoft (and on an offline machine it could not anyway).
  ...(given("--dt", "--disable-telemetry", "--no-disable-telemetry") ? [] : ["--disable-telemetry"]),
  ...userArgs,
];

// Without this the Playground writes ./devTools/m365agentsplayground.log into the repository.
const logFile = process.env.M365_AGENTS_PLAYGROUND_LOGFILE || join(tmpdir(), "m365agentsplayground.log");
const child = spawn(process.execPath, [cli, ...args], {
  env: { ...process.env, M365_AGENTS_PLAYGROUND_LOGFILE: logFile },
  stdio: ["inherit", "pipe", "inherit"],
});

// The Playground's built-in mock data (version 0.2.28), used when no config file is found.
const BUILT_IN = {
  currentUser: { id: "user-id-0", name: "Alex Wilber" },
  team: { id: "team-id", name: "My Team", channels: [{ id: "channel-announcements-id", name: "Announcements" }] },
};

function playgroundConfig() {
  const file = process.env.M365_AGENTS_PLAYGROUND_CONFIG_PATH || resolve(".m365agentsplayground.yml");
  if (!existsSync(file)) return { source: "built-in defaults", ...BUILT_IN };
  try {
    return { source: file, ...parse(readFileSync(file, "utf8")) };
  } catch {
    return { source: `${file} (unreadable; the Playground will say why)`, ...BUILT_IN };
  }
}

function explain(port) {
  const c = playgroundConfig();
  const user = c.currentUser ?? BUILT_IN.currentUser;
  const team = c.team ?? BUILT_IN.team;
  // A team's General channel has the team's id; the Playground allows one more channel.
  const channels = [{ id: team.id, name: "General" }, ...(team.channels ?? [])];
  const commission = channels[channels.length - 1];
  process.stdout.write(
    [
      "",
      `Agents Playground: http://localhost:${port}   (talking to ${endpoint}; mock data: ${c.source})`,
      "The bot must run with TEAMS_ALLOW_UNAUTHENTICATED_LOCAL=true (and no TEAMS_CLIENT_ID): otherwise its Teams endpoint is off or asks for tokens.",
      `It acts as Teams user "${user.id}" (${user.name}). Team "${team.name}": ${channels.map((ch) => `${ch.name} = "${ch.id}"`).join(", ")}.`,
      "To try every role, put this in the bot's policy file (POLICY_FILE) and restart the bot:",
      `  channels: { teams: "${commission.id}" }`,
      "  people:",
      `    - { id: tryout, name: "${user.name}", roles: [director, chair, commissioner, clerk], teams: "${user.id}" }`,
      `Open "${commission.name}" in the Playground once before accepting an application: that installs the bot in the`,
      "team, so it can post the commission card there. Stop with Ctrl+C.",
      "",
    ].join("\n"),
  );
}

let explained = false;
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  const port = !explained && /Listening on (\d+)/.exec(String(chunk))?.[1];
  if (port) {
    explained = true;
    explain(port);
  }
});

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
