#!/usr/bin/env node
// Generates both Prisma clients (src/generated/postgres and src/generated/sqlite, gitignored).
// Runs as npm `postinstall` (always regenerates) and `prestart` with --if-missing (skips in a few ms when both
// clients exist and are newer than the schemas, so `npm start` stays fast).
// Needs no database and no network: the generator config uses engineType "client" (see prisma/schema.prisma).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deriveSqliteSchema } from "./derive-sqlite-schema.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const prismaBin = join(root, "node_modules/.bin/prisma");
const SCHEMAS = { postgres: "prisma/schema.prisma", sqlite: "prisma/sqlite/schema.prisma" };

/** Modification time in ms, or undefined when the file does not exist. */
function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : undefined;
}

/** True when both generated clients exist and are newer than every schema they come from. */
function clientsAreFresh() {
  const newestSchema = Math.max(...Object.values(SCHEMAS).map((s) => mtime(join(root, s)) ?? Infinity));
  // client.ts is rewritten on every generate (a folder's own mtime is not, when files are replaced in place).
  return Object.keys(SCHEMAS).every((p) => (mtime(join(root, "src/generated", p, "client.ts")) ?? 0) > newestSchema);
}

/** Runs `prisma generate` for one schema, collecting its output for the error message. */
function generate(schema) {
  return new Promise((resolve, reject) => {
    const child = spawn(prismaBin, ["generate", "--schema", schema], {
      cwd: root,
      // Colours only make sense when the collected output ends up on a terminal.
      env: { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1", ...(process.stderr.isTTY ? {} : { NO_COLOR: "1" }) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma generate --schema ${schema} failed (exit ${code}):\n${output.trim()}`)),
    );
  });
}

/** Entry point: derive the SQLite schema, then generate both clients in parallel. */
async function main(argv) {
  const started = Date.now();
  // Derive first even when skipping would be possible: a stale derived schema must never go unnoticed.
  const derived = deriveSqliteSchema(readFileSync(join(root, SCHEMAS.postgres), "utf8"));
  const target = join(root, SCHEMAS.sqlite);
  if (!existsSync(target) || readFileSync(target, "utf8") !== derived) {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, derived);
  }

  if (argv.includes("--if-missing") && clientsAreFresh()) {
    console.log("prisma clients up to date (postgres, sqlite); generate skipped");
    return;
  }
  if (!existsSync(prismaBin)) throw new Error(`${prismaBin} not found; run npm install first`);
  // In parallel (saves ~1.5 s); on failure report the source schema's error first, since the derived
  // schema repeats it with line numbers of a file nobody edits.
  const results = await Promise.allSettled(Object.values(SCHEMAS).map(generate));
  const failure = results.find((result) => result.status === "rejected");
  if (failure) throw failure.reason;
  console.log(`generated prisma clients (postgres, sqlite) in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`generate-clients: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
