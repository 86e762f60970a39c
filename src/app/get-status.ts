import type { Actor } from "../domain/actors.js";
import { hasRole } from "../domain/actors.js";
import { draftSchema } from "../domain/application.js";
import { DomainError } from "../domain/errors.js";
import { allowedActions, applicationNumber, type Status } from "../domain/status.js";
import { nextSteps } from "../domain/workflow.js";
import type { CardView } from "../views/model.js";
import { statusView } from "../views/status-view.js";
import type { AppContext } from "./context.js";
import { criteriaOf, infoOf, latestRound, loadApplication, roundInfo } from "./read-model.js";

/**
 * One application in full, for someone entitled to see it: its applicant, or anyone with a program role.
 * Drafts stay private to their applicant.
 */
export async function getStatus(ctx: AppContext, input: { actor: Actor; applicationId: number }): Promise<CardView> {
  const member = ctx.directory.resolve(input.actor);
  const db = ctx.store.db;
  const row = await loadApplication(db, input.applicationId);
  const isOwner = row.applicantId === member.personId;
  const isStaff = hasRole(member, "director", "chair", "commissioner", "clerk", "escalation");
  if (!isOwner && (!isStaff || row.status === "draft"))
    throw new DomainError("forbidden", `You can see ${applicationNumber(row.id)} only if you applied for it or hold a role in the Sister City program.`);
  const [round, council, agreement, next, versions] = await Promise.all([
    latestRound(db, row.id),
    db.councilDecision.findUnique({ where: { applicationId: row.id } }),
    db.agreement.findUnique({ where: { applicationId: row.id } }),
    db.delivery.findFirst({ where: { applicationId: row.id, kind: "reminder", status: "pending" }, orderBy: { dueAt: "asc" }, select: { dueAt: true } }),
    row.currentVersion > 1 ? db.applicationVersion.findMany({ where: { applicationId: row.id }, orderBy: { version: "asc" } }) : [],
  ]);
  return statusView({
    app: infoOf(row),
    criteria: criteriaOf(row, ctx.policy),
    round: round ? roundInfo(round, ctx.policy, ctx.directory) : null,
    council,
    agreement,
    allowed: nextSteps(row.status as Status, allowedActions({ status: row.status as Status, applicantId: row.applicantId }, member)),
    timeZone: ctx.policy.city.timeZone,
    nextReminder: next?.dueAt ?? null,
    versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt, createdBy: ctx.directory.person(v.createdById)?.name ?? (v.createdById === row.applicantId ? row.applicantName : v.createdById), answers: draftSchema.safeParse(v.data).data ?? {} })),
  });
}
