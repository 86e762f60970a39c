// Where the repository's shipped files are (migrations, manifests), whether the code runs from src/ or dist/.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository root (package.json + prisma/), for files shipped beside the code (migrations, manifests). Found by
 * walking up rather than a fixed "../..", because this file runs from src/ (tsx) and from dist/src/ alike.
 */
export function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) || !existsSync(join(dir, "prisma"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the repository root (package.json + prisma/) above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}
