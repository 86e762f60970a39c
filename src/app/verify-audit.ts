import type { Db } from "../store/db.js";
import { auditChainOf, auditHash } from "./audit.js";

/** The first entry at which a chain stops being trustworthy, in words for a records clerk. */
export interface BrokenEntry {
  /** AuditEntry id (null when what is missing is at the end of the chain). */
  id: number | null;
  seq: number | null;
  reason: string;
}

/** What audit:verify found for one chain. */
export interface ChainReport {
  chain: string;
  applicationId: number | null;
  /** Entries checked against their hashes. */
  chained: number;
  /** Entries written before hash chaining existed (kept, but nothing proves they are unchanged). */
  legacy: number;
  /** The last entry that verified, with every entry before it. */
  verifiedThrough: { id: number; seq: number } | null;
  broken: BrokenEntry | null;
}

type Row = Awaited<ReturnType<Db["auditEntry"]["findMany"]>>[number];

function check(chain: string, applicationId: number | null, rows: Row[], headSeq: number | null): ChainReport {
  const report: ChainReport = { chain, applicationId, chained: 0, legacy: 0, verifiedThrough: null, broken: null };
  let prev: Row | null = null;
  for (const row of rows) {
    const fail = (reason: string): ChainReport => ({ ...report, broken: { id: row.id, seq: row.seq, reason } });
    if (row.hash === null) {
      // Entries from before the upgrade come first; an unhashed entry after the chain began was slipped in.
      if (prev === null) {
        report.legacy++;
        continue;
      }
      return fail("has no hash, yet the chain had already begun (inserted outside the bot?)");
    }
    if (row.chain !== chain) return fail(`is stored as part of chain "${row.chain ?? ""}" but belongs to ${chain} (moved between applications?)`);
    const expectedSeq = (prev?.seq ?? 0) + 1;
    if (row.seq !== expectedSeq) return fail(`is at position ${row.seq ?? "none"} where position ${expectedSeq} was expected (an entry is missing or was reordered)`);
    if (row.prevHash !== (prev?.hash ?? "")) return fail("does not point to the hash of the entry before it (an earlier entry was changed or removed)");
    const hash = auditHash({
      chain,
      seq: row.seq,
      prevHash: row.prevHash ?? "",
      applicationId: row.applicationId,
      actorId: row.actorId,
      actorRole: row.actorRole,
      action: row.action,
      summary: row.summary,
      before: row.before,
      after: row.after,
      at: row.at,
    });
    if (hash !== row.hash) return fail("does not match its own hash (its content was edited after it was written)");
    report.chained++;
    report.verifiedThrough = { id: row.id, seq: row.seq };
    prev = row;
  }
  const last = prev?.seq ?? 0;
  if (headSeq !== null && headSeq !== last)
    return { ...report, broken: { id: null, seq: last + 1, reason: `the chain reached position ${headSeq}, but only ${last} entr${last === 1 ? "y is" : "ies are"} left (entries were removed from its end)` } };
  if (headSeq === null && last > 0) return { ...report, broken: { id: null, seq: null, reason: "the chain's head record is missing (removed outside the bot)" } };
  return report;
}

function appOf(chain: string): number | null | undefined {
  if (chain === "system") return null;
  const m = /^application:(\d+)$/.exec(chain);
  return m ? Number(m[1]) : undefined;
}

/** Verifies one application's chain (null: the system chain). */
export async function verifyAuditChain(db: Db, applicationId: number | null): Promise<ChainReport> {
  const chain = auditChainOf(applicationId);
  const [rows, head] = await Promise.all([
    db.auditEntry.findMany({ where: { applicationId }, orderBy: { id: "asc" } }),
    db.auditChain.findUnique({ where: { chain } }),
  ]);
  return check(chain, applicationId, rows, head?.seq ?? null);
}

/** Verifies every chain: each application's, the system chain, and any head or stored chain name without entries. */
export async function verifyAllAuditChains(db: Db): Promise<ChainReport[]> {
  const [apps, heads, named] = await Promise.all([
    db.auditEntry.findMany({ distinct: ["applicationId"], select: { applicationId: true } }),
    db.auditChain.findMany({ select: { chain: true } }),
    db.auditEntry.findMany({ distinct: ["chain"], select: { chain: true } }),
  ]);
  const ids = new Set<number | null>(apps.map((a) => a.applicationId));
  for (const c of [...heads.map((h) => h.chain), ...named.map((n) => n.chain)]) {
    if (c === null) continue;
    const id = appOf(c);
    if (id !== undefined) ids.add(id);
  }
  const reports: ChainReport[] = [];
  // One chain at a time keeps memory to the longest chain, not the whole table.
  for (const id of [...ids].sort((a, b) => (a ?? 0) - (b ?? 0))) reports.push(await verifyAuditChain(db, id));
  for (const c of named) {
    if (c.chain !== null && appOf(c.chain) === undefined) {
      const row = await db.auditEntry.findFirst({ where: { chain: c.chain }, orderBy: { id: "asc" } });
      reports.push({ chain: c.chain, applicationId: null, chained: 0, legacy: 0, verifiedThrough: null, broken: { id: row?.id ?? null, seq: row?.seq ?? null, reason: "names a chain the bot never writes" } });
    }
  }
  return reports;
}

/** One line describing a chain's result, for the CLI and the export packet. */
export function describeChain(r: ChainReport): string {
  const legacy = r.legacy > 0 ? `; ${r.legacy} earlier entr${r.legacy === 1 ? "y" : "ies"} from before hash chaining (not verifiable)` : "";
  if (r.broken) {
    const where = r.broken.id !== null ? `entry #${r.broken.id}${r.broken.seq !== null ? ` (position ${r.broken.seq})` : ""}` : `position ${r.broken.seq ?? "?"}`;
    const ok = r.verifiedThrough ? `verified through entry #${r.verifiedThrough.id} (position ${r.verifiedThrough.seq}); ` : "";
    return `BROKEN: ${ok}first broken: ${where} ${r.broken.reason}${legacy}`;
  }
  if (!r.verifiedThrough) return `no chained entries yet${legacy}`;
  return `verified: ${r.chained} entr${r.chained === 1 ? "y" : "ies"} through entry #${r.verifiedThrough.id} (position ${r.verifiedThrough.seq})${legacy}`;
}
