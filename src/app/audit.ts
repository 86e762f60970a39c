import { createHash } from "node:crypto";
import { configure } from "safe-stable-stringify";
import type { Member } from "../domain/actors.js";
import { auditRole } from "../domain/actors.js";
import type { Role } from "../domain/policy.js";
import type { Tx } from "../store/store.js";
import type { Prisma } from "../store/db.js";

// Sorted keys at every depth, so the same entry always gives the same bytes: PostgreSQL's jsonb hands JSON back
// with its keys reordered, and a hash over insertion order would break on every read.
const stable = configure({ deterministic: true, bigint: false, circularValue: Error });

/** The audit chain an entry belongs to: one per application, and one for entries without an application. */
export function auditChainOf(applicationId: number | null): string {
  return applicationId === null ? "system" : `application:${applicationId}`;
}

/** The fields of an audit entry that its hash covers. */
export interface HashedAuditFields {
  chain: string;
  seq: number;
  prevHash: string;
  applicationId: number | null;
  actorId: string;
  actorRole: string;
  action: string;
  summary: string;
  before: unknown;
  after: unknown;
  at: Date;
}

/** The canonical text of an entry (stable-key JSON) that its SHA-256 is taken over. */
export function canonicalAuditText(e: HashedAuditFields): string {
  // JSON values are normalised through a JSON round trip, as the database stores them; absent means null.
  const json = (v: unknown) => (v === undefined || v === null ? null : (JSON.parse(JSON.stringify(v)) as unknown));
  return stable({
    v: 1,
    chain: e.chain,
    seq: e.seq,
    prevHash: e.prevHash,
    applicationId: e.applicationId,
    actorId: e.actorId,
    actorRole: e.actorRole,
    action: e.action,
    summary: e.summary,
    before: json(e.before),
    after: json(e.after),
    at: e.at.toISOString(),
  }) as string;
}

/** SHA-256 (hex) of an entry's canonical text. */
export function auditHash(e: HashedAuditFields): string {
  return createHash("sha256").update(canonicalAuditText(e), "utf8").digest("hex");
}

/**
 * Appends one audit entry inside the caller's transaction; the table is append-only (no update/delete path exists).
 * The entry is chained: it stores the previous entry's hash and its own. Advancing the chain head first takes that
 * row's lock, so concurrent appends to one chain queue up behind each other (and a replica's racing first append
 * to a new chain gets a unique-key conflict, which retries the transaction).
 */
export async function writeAudit(
  tx: Tx,
  entry: {
    applicationId: number | null;
    member: Member;
    roles?: Role[];
    action: string;
    summary: string;
    before?: Prisma.InputJsonValue;
    after?: Prisma.InputJsonValue;
    at: Date;
  },
): Promise<void> {
  const chain = auditChainOf(entry.applicationId);
  const [advanced] = await tx.auditChain.updateManyAndReturn({ where: { chain }, data: { seq: { increment: 1 } } });
  const seq = advanced ? advanced.seq : (await tx.auditChain.create({ data: { chain, seq: 1 } })).seq;
  const prev = seq > 1 ? await tx.auditEntry.findUnique({ where: { chain_seq: { chain, seq: seq - 1 } }, select: { hash: true } }) : null;
  // A missing predecessor can only mean tampering; the append still happens and audit:verify names the gap.
  const prevHash = prev?.hash ?? "";
  const fields: HashedAuditFields = {
    chain,
    seq,
    prevHash,
    applicationId: entry.applicationId,
    actorId: entry.member.personId,
    actorRole: auditRole(entry.member, entry.roles),
    action: entry.action,
    summary: entry.summary,
    before: entry.before,
    after: entry.after,
    at: entry.at,
  };
  await tx.auditEntry.create({
    data: {
      applicationId: fields.applicationId,
      actorId: fields.actorId,
      actorRole: fields.actorRole,
      action: fields.action,
      summary: fields.summary,
      at: fields.at,
      chain,
      seq,
      prevHash,
      hash: auditHash(fields),
      ...(entry.before !== undefined ? { before: entry.before } : {}),
      ...(entry.after !== undefined ? { after: entry.after } : {}),
    },
  });
}
