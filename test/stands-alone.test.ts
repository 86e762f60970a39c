// The repository stands alone: a clone with nothing beside it must build and pass its tests, so no file in it may
// read or name something outside it — a sibling folder or an absolute path of the machine it was written on.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const UNTRACKED = new Set(["node_modules", ".git", "dist", "data", "coverage", "generated", "devTools"]);

/** Every file of the repository: git's list when this is a clone, else a walk that skips what .gitignore skips. */
function repoFiles(): string[] {
  try {
    const out = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    return out.split("\0").filter(Boolean);
  } catch {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        if (UNTRACKED.has(name)) return [];
        const p = join(dir, name);
        return statSync(p).isDirectory() ? walk(p) : [relative(ROOT, p)];
      });
    return walk(ROOT);
  }
}

// Built from pieces so that this file does not match itself.
const SIBLING = ".." + "/shared";
const MACHINE_PATH = new RegExp("(?<![\\w.~-])/(?:work|root|home|tmp|opt|mnt|srv|usr/(?!bin/env\\b))/", "g");

/** Where a text names something outside the repository, as "line N: excerpt". */
function outsideReferences(text: string, parent: string): string[] {
  const found: string[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.includes(SIBLING) || (parent.length > 1 && line.includes(parent + "/")) || MACHINE_PATH.test(line)) found.push(`line ${i + 1}: ${line.trim().slice(0, 120)}`);
    MACHINE_PATH.lastIndex = 0;
  });
  return found;
}

describe("the repository stands alone", () => {
  const parent = dirname(ROOT);
  const files = repoFiles().filter((f) => f !== "package-lock.json" && !f.startsWith("test/oracles/"));

  it("lists the repository's files", () => {
    expect(files).toContain("package.json");
    expect(files.length).toBeGreaterThan(50);
  });

  it("names no sibling folder and no absolute path of this machine in any file", () => {
    const offenders: string[] = [];
    for (const f of files) {
      const text = readFileSync(join(ROOT, f), "utf8");
      for (const where of outsideReferences(text, parent)) offenders.push(`${f} ${where}`);
    }
    expect(offenders).toEqual([]);
  });

  it("the check catches what it is meant to catch", () => {
    expect(outsideReferences(`load("${SIBLING}/oracles/x.json")`, "/nowhere")).toHaveLength(1);
    expect(outsideReferences('const dir = "/wo' + 'rk/shared/oracles";', "/nowhere")).toHaveLength(1);
    expect(outsideReferences(`cd ${basename(parent) ? parent : "/x"}/other`, parent)).toHaveLength(1);
    expect(outsideReferences("#!/usr/bin/env bash\nconst p = join(import.meta.dirname, '../oracles');", "/nowhere")).toEqual([]);
  });
});
