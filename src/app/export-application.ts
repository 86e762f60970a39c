import type { Actor } from "../domain/actors.js";
import { hasRole } from "../domain/actors.js";
import { DomainError } from "../domain/errors.js";
import { draftSchema } from "../domain/application.js";
import { applicationNumber } from "../domain/status.js";
import { packetCsv, packetMarkdown, type PacketData } from "../views/export-packet.js";
import type { AppContext } from "./context.js";
import { criteriaOf, infoOf, loadApplication } from "./read-model.js";
import { describeChain, verifyAuditChain } from "./verify-audit.js";

/** The packet in both formats, with file names. */
export interface ExportedPacket {
  number: string;
  markdown: { filename: string; content: string };
  csv: { filename: string; content: string };
}

/**
 * Exports one application's public record: every field, the checklist, the version history, the roll call, the
 * council decision, the agreement and the full audit trail. The director and the clerk may export any
 * application; an applicant only their own, and a draft only its applicant. `"records"` is the command line (run by
 * staff with database access). The packet states whether the application's audit hash chain verified.
 */
export async function exportApplication(ctx: AppContext, input: { actor: Actor | "records"; applicationId: number }): Promise<ExportedPacket> {
  const db = ctx.store.db;
  const row = await loadApplication(db, input.applicationId);
  if (input.actor !== "records") {
    const member = ctx.directory.resolve(input.actor);
    const isApplicant = row.applicantId === member.personId;
    // A draft is private to its applicant (as status enforces): its answers and notes are not a record yet.
    if (row.status === "draft" && !isApplicant)
      throw new DomainError("forbidden", `${applicationNumber(row.id)} is a draft; only its applicant can see or export it until it is submitted.`);
    if (!hasRole(member, "director", "clerk") && !isApplicant)
      throw new DomainError("forbidden", `Only the Community Services Director, the council clerk or its applicant can export ${applicationNumber(row.id)}.`);
  }
  const [versions, rounds, meeting, council, agreement, audit, chain] = await Promise.all([
    db.applicationVersion.findMany({ where: { applicationId: row.id }, orderBy: { version: "asc" } }),
    db.voteRound.findMany({ where: { applicationId: row.id }, orderBy: { number: "asc" }, include: { votes: true } }),
    db.meetingItem.findUnique({ where: { applicationId: row.id } }),
    db.councilDecision.findUnique({ where: { applicationId: row.id } }),
    db.agreement.findUnique({ where: { applicationId: row.id } }),
    db.auditEntry.findMany({ where: { applicationId: row.id }, orderBy: { id: "asc" } }),
    verifyAuditChain(db, row.id),
  ]);
  const name = (personId: string) => ctx.directory.person(personId)?.name ?? (personId === row.applicantId ? row.applicantName : personId);
  const info = infoOf(row);
  const data: PacketData = {
    id: row.id,
    status: info.status,
    applicantName: row.applicantName,
    answers: info.answers,
    criteria: criteriaOf(row, ctx.policy),
    createdAt: row.createdAt,
    submittedAt: row.submittedAt,
    versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt, createdBy: name(v.createdById), answers: draftSchema.safeParse(v.data).data ?? {} })),
    meeting: meeting ? { meetingAt: meeting.meetingAt, agendaItem: meeting.agendaItem, agendaPostedAt: meeting.agendaPostedAt } : null,
    rounds: rounds.map((r) => {
      // A closed round has its roll call frozen; an open one is shown as it stands.
      const stored = Array.isArray(r.rollCall) ? (r.rollCall as { name: string; choice: string; reason: string | null; castAt: string | null }[]) : null;
      const rollCall = stored
        ? stored.map((v) => ({ name: v.name, choice: v.choice, reason: v.reason, castAt: v.castAt ? new Date(v.castAt) : null }))
        : r.votes.map((v) => ({ name: name(v.personId), choice: v.choice as string, reason: v.reason, castAt: v.updatedAt }));
      return { number: r.number, openedAt: r.openedAt, closedAt: r.closedAt, outcome: r.outcome, quorum: r.quorum, rollCall };
    }),
    council: council ? { meetingDate: council.meetingDate, adopted: council.adopted, resolution: council.resolution, notes: council.notes, recordedAt: council.recordedAt } : null,
    agreement: agreement ? { signedOn: agreement.signedOn, ourMayor: agreement.ourMayor, theirMayor: agreement.theirMayor, documentUrl: agreement.documentUrl } : null,
    auditChain: { ok: chain.broken === null, text: describeChain(chain) },
    audit: audit.map((a) => ({ at: a.at, actor: a.actorId === "system" ? "Sister Cities bot" : name(a.actorId), role: a.actorRole, action: a.action, summary: a.summary })),
    generatedAt: ctx.clock(),
    cityName: ctx.policy.city.name,
    timeZone: ctx.policy.city.timeZone,
  };
  const number = applicationNumber(row.id);
  return {
    number,
    markdown: { filename: `${number}-packet.md`, content: packetMarkdown(data) },
    csv: { filename: `${number}-packet.csv`, content: packetCsv(data) },
  };
}
