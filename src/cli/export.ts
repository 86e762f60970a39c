// npm run export -- <application> [--format md|csv|both] [--out dir]
// Writes an application's public-record packet from the database in DATABASE_URL (for agenda packets and minutes).
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createAppContext } from "../app/create-context.js";
import { exportApplication } from "../app/export-application.js";
import { ConfigError, loadConfig } from "../config/index.js";
import { isDomainError } from "../domain/errors.js";
import { parseApplicationNumber } from "../domain/status.js";
import { createSilentLogger } from "../logger.js";
import { createDb, databaseProvider } from "../store/db.js";
import { migrateIfNeeded } from "../store/migrate.js";
import { createStore } from "../store/store.js";

const USAGE = "Usage: npm run export -- <application, e.g. SC-0001> [--format md|csv|both] [--out <folder>]";

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: "string", default: "both" }, out: { type: "string", default: "." } } });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const id = parseApplicationNumber(args.positionals[0] ?? "");
  const format = args.values.format;
  if (id === undefined || args.positionals.length !== 1 || !["md", "csv", "both"].includes(format)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const logger = createSilentLogger();
  await migrateIfNeeded({ url: config.env.MIGRATION_DATABASE_URL ?? config.env.DATABASE_URL, logger });
  const store = createStore(await createDb(config.env.DATABASE_URL), databaseProvider(config.env.DATABASE_URL));
  try {
    const ctx = createAppContext({ store, policy: config.policy, logger });
    const packet = await exportApplication(ctx, { actor: "records", applicationId: id });
    const dir = resolve(args.values.out);
    mkdirSync(dir, { recursive: true });
    const files = format === "both" ? [packet.markdown, packet.csv] : [format === "md" ? packet.markdown : packet.csv];
    for (const f of files) {
      writeFileSync(join(dir, f.filename), f.content);
      process.stdout.write(`${join(dir, f.filename)}\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof ConfigError ? e.message : isDomainError(e) ? e.userMessage : e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
