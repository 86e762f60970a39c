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

describe("architecture boundary", () => {
  const src = files("src");

  it("finds the core's files", () => {
    expect(src.length).toBeGreaterThan(20);
  });

  it.each(src.map((f) => [relative(".", f)]))("%s imports no platform SDK and no adapter", (file) => {
    const text = readFileSync(file, "utf8");
    const specs = [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
    for (const s of specs) {
      expect(s, `${file} imports ${s}`).not.toMatch(/^@slack\/|^@microsoft\/|botbuilder|(^|\/)adapters\//);
    }
  });
});
