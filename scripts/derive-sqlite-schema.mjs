#!/usr/bin/env node
// Derives prisma/sqlite/schema.prisma from prisma/schema.prisma (the only schema anyone edits).
// The two differ only in the datasource provider, its placeholder url and the client output folder, so
// the models can never drift apart. The derived file is committed; `--check` (CI) fails when it is stale.
//   node scripts/derive-sqlite-schema.mjs           write the derived file (only if it changed)
//   node scripts/derive-sqlite-schema.mjs --check   exit 1 if the committed file differs
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = join(root, "prisma/schema.prisma");
const TARGET = join(root, "prisma/sqlite/schema.prisma");

const HEADER =
  "// GENERATED from prisma/schema.prisma by scripts/derive-sqlite-schema.mjs. Do not edit: edit the source and re-run it.\n\n";

// Scalar types SQLite cannot hold as lists; enum lists are refused as well (checked against declared enums).
const SCALARS = ["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"];

/** Returns the code part of a schema line: everything before a `//` comment that is not inside a string. */
function stripComment(line) {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "\\" && inString) i++; // skip the escaped character
    else if (ch === '"') inString = !inString;
    else if (!inString && ch === "/" && line[i + 1] === "/") return line.slice(0, i);
  }
  return line;
}

/** Throws when the source uses something only PostgreSQL supports, naming the line. */
function assertSharedSubset(source) {
  const enums = new Set([...source.matchAll(/^\s*enum\s+(\w+)\s*\{/gm)].map((m) => m[1]));
  const listTypes = new Set([...SCALARS, ...enums]);
  source.split("\n").forEach((line, index) => {
    const code = stripComment(line);
    const where = `prisma/schema.prisma:${index + 1}: ${line.trim()}`;
    // Native types are provider-specific; the derived SQLite schema would not validate.
    if (code.includes("@db.")) throw new Error(`${where}\n  @db.* native types are not allowed in the shared schema.`);
    const field = /^\s*\w+\s+(\w+)(\[\]|\?)?\s*(.*)$/.exec(code);
    if (!field) return;
    const [, type, modifier, attributes] = field;
    // prisma/orm#26571: a Json default renders as `DEFAULT {}` on SQLite, which is invalid DDL.
    if (type === "Json" && attributes.includes("@default(")) {
      throw new Error(`${where}\n  Json @default(...) generates invalid SQLite DDL; set the default in code.`);
    }
    if (modifier === "[]" && listTypes.has(type)) {
      throw new Error(`${where}\n  Scalar and enum lists are PostgreSQL-only; use a Json field or a relation.`);
    }
  });
}

/** Replaces exactly one occurrence, so a reworded datasource/generator fails loudly instead of deriving wrongly. */
function replaceOnce(text, pattern, replacement, what) {
  const count = [...text.matchAll(new RegExp(pattern.source, "g"))].length;
  if (count !== 1) throw new Error(`prisma/schema.prisma: expected exactly one ${what}, found ${count}`);
  return text.replace(pattern, replacement);
}

/** Derives the SQLite schema text from the PostgreSQL source schema text. */
export function deriveSqliteSchema(source) {
  assertSharedSubset(source);
  let out = source;
  out = replaceOnce(out, /provider\s*=\s*"postgresql"/, 'provider = "sqlite"', 'provider = "postgresql"');
  out = replaceOnce(out, /url\s*=\s*"postgresql:\/\/[^"]*"/, 'url      = "file:./unused.db"', 'literal postgresql:// url');
  out = replaceOnce(out, /output\s*=\s*"\.\.\/src\/generated\/postgres"/, 'output       = "../../src/generated/sqlite"', 'output = "../src/generated/postgres"');
  return HEADER + out;
}

/** CLI entry point: write the derived schema, or compare it with --check. */
function main(argv) {
  const derived = deriveSqliteSchema(readFileSync(SOURCE, "utf8"));
  const current = existsSync(TARGET) ? readFileSync(TARGET, "utf8") : null;
  const target = relative(root, TARGET);
  if (argv.includes("--check")) {
    if (current !== derived) {
      console.error(`DRIFT: ${target} is out of date with prisma/schema.prisma; run: node scripts/derive-sqlite-schema.mjs`);
      process.exit(1);
    }
    console.log(`ok: ${target} matches prisma/schema.prisma`);
    return;
  }
  if (current === derived) return; // keep the mtime, so nothing downstream thinks it changed
  mkdirSync(dirname(TARGET), { recursive: true });
  writeFileSync(TARGET, derived);
  console.log(`wrote ${target}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`derive-sqlite-schema: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
