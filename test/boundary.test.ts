import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === "generated") return [];
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

const IMPORT = /(?:^|\s)(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm;
const importsOf = (file: string) => [...readFileSync(file, "utf8").matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");

describe("architecture boundary", () => {
  const src = files("src");
  const adapters = files("adapters");

  it("finds the core's and the adapters' files", () => {
    expect(src.length).toBeGreaterThan(20);
    expect(adapters.length).toBeGreaterThan(20);
  });

  it.each(src.map((f) => [relative(".", f)]))("%s imports no platform SDK and no adapter", (file) => {
    for (const s of importsOf(file)) {
      expect(s, `${file} imports ${s}`).not.toMatch(/^@slack\/|^@microsoft\/|botbuilder|(^|\/)adapters\//);
    }
  });

  // Adapters translate: they hand events to the inbound port and render outcomes. Use cases and the database are
  // the core's; the ports (ChatPlatform, ConversationRefStore) are all they may take from src/app.
  it.each(adapters.map((f) => [relative(".", f)]))("%s imports no use case and no Prisma client", (file) => {
    for (const s of importsOf(file)) {
      expect(s, `${file} imports ${s}`).not.toMatch(/^@prisma\/|\/src\/(store|generated)\/|\/src\/scheduler\//);
      if (/\/src\/app\//.test(s)) expect(s, `${file} imports the use case ${s}`).toMatch(/\/src\/app\/ports\.js$/);
      if (/\/src\/inbound\//.test(s)) expect(s, `${file} goes around the inbound port`).toMatch(/\/src\/inbound\/port\.js$/);
    }
    expect(readFileSync(file, "utf8"), `${file} reaches into the store`).not.toMatch(/\.store\.|\bprisma\b/i);
  });

  // Platform names and variables belong to the adapters and their registry entries; the core asks the registry.
  it.each(src.map((f) => [relative(".", f)]))("%s holds no platform name as a literal", (file) => {
    const text = readFileSync(file, "utf8");
    expect(text, `${file} names a platform`).not.toMatch(/["'`](slack|teams)(["'`:]|\s*\|)/i);
    expect(text, `${file} reads a platform's variables (adapters/<name>/settings.ts does)`).not.toMatch(/\b(SLACK|TEAMS)_[A-Z]/);
  });
});
