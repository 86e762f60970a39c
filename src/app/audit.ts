import type { Member } from "../domain/actors.js";
import { auditRole } from "../domain/actors.js";
import type { Role } from "../domain/policy.js";
import type { Tx } from "../store/store.js";
import type { Prisma } from "../store/db.js";

/** Appends one audit entry inside the caller's transaction; the table is append-only (no update/delete path exists). */
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
  await tx.auditEntry.create({
    data: {
      applicationId: entry.applicationId,
      actorId: entry.member.personId,
      actorRole: auditRole(entry.member, entry.roles),
      action: entry.action,
      summary: entry.summary,
      at: entry.at,
      ...(entry.before !== undefined ? { before: entry.before } : {}),
      ...(entry.after !== undefined ? { after: entry.after } : {}),
    },
  });
}
