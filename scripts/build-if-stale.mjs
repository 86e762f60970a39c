#!/usr/bin/env node
// Runs before `npm start`: compiles the TypeScript to dist/ when dist/ is missing or older than any source file,
// so the bot starts from plain JavaScript (fast cold start) and never from stale output. A no-op takes a few ms.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const marker = join(root, "dist/adapters/main.js");

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (/\.(ts|mts|js|mjs|json|wasm)$/.test(e.name)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(newest(join(root, "src")), newest(join(root, "adapters")), statSync(join(root, "tsconfig.json")).mtimeMs, statSync(join(root, "tsconfig.build.json")).mtimeMs);
if (existsSync(marker) && statSync(marker).mtimeMs >= sources) {
  process.stdout.write("build up to date; compile skipped\n");
  process.exit(0);
}
const started = Date.now();
const r = spawnSync(join(root, "node_modules/.bin/tsc"), ["-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
if (r.status !== 0) {
  process.stderr.write("TypeScript build failed; fix the errors above (npm run typecheck shows them too).\n");
  process.exit(r.status ?? 1);
}
process.stdout.write(`compiled to dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
