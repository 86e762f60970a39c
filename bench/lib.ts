// Shared pieces of the benchmark: statistics, throw-away databases, and the printed table.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createSilentLogger } from "../src/logger.js";
import { migrateIfNeeded } from "../src/store/migrate.js";

/** The p-th percentile (0–100) of a sample, nearest-rank. */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** The median of a sample. */
export const median = (xs: number[]) => percentile(xs, 50);

/** A migrated database that is deleted afterwards. */
export interface BenchDb {
  provider: "sqlite" | "postgresql";
  url: string;
  drop(): Promise<void>;
}

/** The PostgreSQL server to use, when one answers (BENCH_DATABASE_URL, TEST_DATABASE_URL or the local default). */
export async function postgresAdminUrl(): Promise<string | null> {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return url;
  } catch {
    return null;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Creates and migrates a fresh database of the given provider. */
export async function benchDatabase(provider: "sqlite" | "postgresql", adminUrl?: string | null): Promise<BenchDb> {
  const logger = createSilentLogger();
  if (provider === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "sc-bench-"));
    const url = `file:${join(dir, "bench.db")}`;
    await migrateIfNeeded({ url, logger });
    return { provider, url, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (!adminUrl) throw new Error("no PostgreSQL");
  const name = `sc_bench_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  await migrateIfNeeded({ url: u.toString(), logger });
  return {
    provider,
    url: u.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** Prints rows as an aligned text table. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

/** "12.3" — milliseconds with one decimal. */
export const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "n/a");

/** Latency figures for one concurrency level of a vote-ack benchmark. */
export interface AckResult {
  concurrency: number;
  requests: number;
  p50: number;
  p99: number;
  bareP50: number;
  bareP99: number;
  ratio: number;
  tallyExact: boolean;
}

/** chat.update / activity updates per card copy during a burst of votes, and whether the last one was exact. */
export interface BurstUpdates {
  votes: number;
  /** Updates of each copy, by card kind ("commission": the channel's card, "intake": the director's message). */
  updatesPerCopy: Record<string, number>;
  finalExact: boolean;
}

/**
 * The measurement both platforms share: for each level, bursts of that many members voting at once until at least
 * `minRequests` acknowledgements were timed (the choice flips each round, so every click changes a vote), the same
 * bursts against the bare app, and a check that the database holds exactly the votes just cast.
 */
export async function measureAck<M extends { id: string }>(opts: {
  members: M[];
  levels: number[];
  minRequests: number;
  ours(member: M, choice: "approve" | "deny"): Promise<number>;
  bare(member: M): Promise<number>;
  settle(): Promise<void>;
  counted(memberIds: string[], choice: "approve" | "deny"): Promise<number>;
}): Promise<AckResult[]> {
  const out: AckResult[] = [];
  for (const c of opts.levels) {
    const ours: number[] = [];
    const baseline: number[] = [];
    let exact = true;
    const rounds = Math.ceil(opts.minRequests / c);
    for (let r = 0; r < rounds; r++) {
      const choice = r % 2 === 0 ? "approve" : "deny";
      const voters = opts.members.slice(0, c);
      ours.push(...(await Promise.all(voters.map((m) => opts.ours(m, choice)))));
      baseline.push(...(await Promise.all(voters.map((m) => opts.bare(m)))));
      await opts.settle();
      if ((await opts.counted(voters.map((v) => v.id), choice)) !== c) exact = false;
    }
    const p99 = percentile(ours, 99);
    const bareP99 = percentile(baseline, 99);
    out.push({ concurrency: c, requests: ours.length, p50: percentile(ours, 50), p99, bareP50: percentile(baseline, 50), bareP99, ratio: p99 / bareP99, tallyExact: exact });
  }
  return out;
}
