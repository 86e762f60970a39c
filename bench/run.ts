// npm run bench [-- ack sweep cold] — prints a table of every figure with its target and writes bench/results.json
// (when every part ran, or `-- ack` alone: that replaces the ack figures and keeps the rest). Without arguments all parts run.
// Each figure is a median (latency: p50/p99 over all requests of several rounds). Runs in a few minutes.
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { coldStart } from "./cold-start.js";
import { benchDatabase, ms, postgresAdminUrl, table, type BurstUpdates } from "./lib.js";
import { sweepScaling, type SweepResult } from "./sweep.js";
import { teamsVoteAck } from "./teams-ack.js";
import { slackVoteAck, type AckResult } from "./vote-ack.js";

const version = (pkg: string) => (JSON.parse(readFileSync(join("node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
const log = (s: string) => process.stdout.write(`${s}\n`);

async function main(): Promise<void> {
  const started = performance.now();
  const only = new Set(process.argv.slice(2));
  const want = (part: string) => only.size === 0 || only.has(part);
  const admin = await postgresAdminUrl();
  const providers = admin ? (["sqlite", "postgresql"] as const) : (["sqlite"] as const);
  if (!admin) log("PostgreSQL not reachable: PostgreSQL figures are skipped.");
  const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? "unknown", memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, bolt: version("@slack/bolt"), prisma: version("@prisma/client"), teams: version("@microsoft/teams.apps") };
  log(`Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB · Node ${machine.node} · Bolt ${machine.bolt} · Prisma ${machine.prisma}`);

  const ack: Record<string, Record<string, AckResult[]>> = { slack: {}, teams: {} };
  const cardUpdates: Record<string, Record<string, BurstUpdates>> = { slack: {}, teams: {} };
  for (const [platform, run] of want("ack") ? ([["slack", slackVoteAck], ["teams", teamsVoteAck]] as const) : [])
    for (const p of providers) {
      log(`vote ack latency (${platform}) on ${p}…`);
      const db = await benchDatabase(p, admin);
      try {
        const r = await run(db);
        ack[platform]![p] = r.ack;
        cardUpdates[platform]![p] = r.burst;
      } finally {
        await db.drop();
      }
    }

  const sweep: Record<string, SweepResult[]> = {};
  for (const p of want("sweep") ? providers : []) {
    sweep[p] = [];
    for (const open of [1_000, 100_000]) {
      log(`reminder sweep on ${p}: ${open.toLocaleString("en-US")} open, 1,000 due…`);
      const db = await benchDatabase(p, admin);
      try {
        sweep[p].push(await sweepScaling(db, open));
      } finally {
        await db.drop();
      }
    }
  }

  let cold: Awaited<ReturnType<typeof coldStart>> | null = null;
  if (want("cold")) {
    log("cold start and idle memory…");
    const db = await benchDatabase("sqlite");
    cold = await coldStart(db).finally(() => db.drop());
  }

  const rows: (string | number)[][] = [];
  for (const [platform, byDb] of Object.entries(ack))
    for (const [p, results] of Object.entries(byDb))
      for (const r of results)
        rows.push([
          `${platform === "slack" ? "Slack" : "Teams"} vote ack, ${r.concurrency} at once (${p})`,
          `p50 ${ms(r.p50)} / p99 ${ms(r.p99)} ms; bare ${platform === "slack" ? "Bolt" : "SDK"} p99 ${ms(r.bareP99)} ms; ratio ${r.ratio.toFixed(2)}; tally ${r.tallyExact ? "exact" : "WRONG"}`,
          "≤ 2× bare",
          r.ratio <= 2 && r.tallyExact ? "met" : "MISSED",
        ]);
  for (const [platform, byDb] of Object.entries(cardUpdates))
    for (const [p, b] of Object.entries(byDb)) {
      const worst = Math.max(0, ...Object.values(b.updatesPerCopy));
      rows.push([
        `${platform === "slack" ? "Slack chat.update" : "Teams activity updates"} per card copy, burst of ${b.votes} votes (${p})`,
        `${Object.entries(b.updatesPerCopy).map(([k, n]) => `${k} ${n}`).join(", ")}; final ${b.finalExact ? "exact" : "WRONG"}`,
        "≤ 10 per copy, final exact",
        worst <= 10 && b.finalExact ? "met" : "MISSED",
      ]);
    }
  for (const [p, [small, large]] of Object.entries(sweep)) {
    if (!small || !large) continue;
    const ratio = large.medianMs / small.medianMs;
    rows.push([`Sweep 1,000 due of 1,000 open (${p})`, `${ms(small.medianMs)} ms (sent ${small.sent})`, "baseline", ""]);
    rows.push([`Sweep 1,000 due of 100,000 open (${p})`, `${ms(large.medianMs)} ms (sent ${large.sent}); ${ratio.toFixed(2)}× the first`, "≤ 10× the first", ratio <= 10 ? "met" : "MISSED"]);
  }
  if (cold) {
    rows.push(["Cold start → /healthz 200 (SQLite, npm start)", `${ms(cold.startMs)} ms`, "≤ 2000 ms", cold.startMs <= 2000 ? "met" : "MISSED"]);
    rows.push(["Idle RSS", `${cold.rssMb.toFixed(0)} MB`, "≤ 150 MB", cold.rssMb <= 150 ? "met" : "MISSED"]);
  }

  log("");
  log(table(["Figure", "Measured", "Target", "Result"], rows));
  const seconds = (performance.now() - started) / 1000;
  log(`\nTotal ${seconds.toFixed(0)} s. Results in bench/results.json.`);
  if (only.size === 1 && only.has("ack")) {
    // The other parts keep their figures from the last full run; the file says when the ack part was measured.
    const previous = JSON.parse(readFileSync("bench/results.json", "utf8")) as Record<string, unknown>;
    writeFileSync("bench/results.json", `${JSON.stringify({ ...previous, ackDate: new Date().toISOString(), machine, voteAck: ack, cardUpdates }, null, 2)}\n`);
  }
  if (only.size === 0) writeFileSync("bench/results.json", `${JSON.stringify({ date: new Date().toISOString(), machine, voteAck: ack, cardUpdates, sweep, coldStart: cold, seconds }, null, 2)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`benchmark failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
