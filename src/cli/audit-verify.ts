// npm run audit:verify [-- --quiet]
// Checks every audit hash chain in the database in DATABASE_URL. Prints one line per chain (with --quiet only the
// broken ones and a total), names the first broken entry of each, and exits 1 when any chain is broken.
// Read-only: it never migrates or writes, so it can run as the runtime role, the owner or a read-only auditor role.
import { parseArgs } from "node:util";
import { describeChain, verifyAllAuditChains } from "../app/verify-audit.js";
import { createDb, DEFAULT_DATABASE_URL } from "../store/db.js";

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { quiet: { type: "boolean", default: false } } });
  const db = await createDb(process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL);
  try {
    const reports = await verifyAllAuditChains(db);
    const broken = reports.filter((r) => r.broken);
    for (const r of reports) if (!values.quiet || r.broken) process.stdout.write(`${r.broken ? "BROKEN" : "ok    "} ${r.chain}: ${describeChain(r)}\n`);
    const entries = reports.reduce((n, r) => n + r.chained, 0);
    process.stdout.write(
      broken.length === 0
        ? `audit:verify: all ${reports.length} chain(s) verified (${entries} chained entries)\n`
        : `audit:verify: ${broken.length} of ${reports.length} chain(s) BROKEN; first: ${broken[0]!.chain}\n`,
    );
    return broken.length === 0 ? 0 : 1;
  } finally {
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`audit:verify could not run: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
