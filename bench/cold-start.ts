// Cold start (process start → GET /healthz answers 200) and resident memory when idle, for what `npm start` runs:
// the compiled entry point (built first if stale, outside the measurement).
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { median, type BenchDb } from "./lib.js";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Median cold start and idle RSS over `runs` starts on an already migrated database. */
export async function coldStart(db: BenchDb, runs = 5): Promise<{ startMs: number; rssMb: number; runs: number[] }> {
  if (spawnSync(process.execPath, ["scripts/build-if-stale.mjs"], { stdio: "ignore" }).status !== 0) throw new Error("the build failed");
  const starts: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    const port = await freePort();
    const t0 = performance.now();
    const child = spawn(process.execPath, ["dist/adapters/main.js"], {
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: db.url, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "silent" },
      stdio: "ignore",
    });
    try {
      for (;;) {
        const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
        if (ok) break;
        if (performance.now() - t0 > 20_000) throw new Error("the bot did not answer /healthz within 20 s");
        await new Promise((r) => setTimeout(r, 5));
      }
      starts.push(performance.now() - t0);
      // Idle: let start-up garbage settle before reading memory.
      await new Promise((r) => setTimeout(r, 1500));
      rss.push(rssMb(child.pid!));
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
  }
  return { startMs: median(starts), rssMb: median(rss), runs: starts };
}
