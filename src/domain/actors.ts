import type { Person, Policy, Role } from "./policy.js";

/** A registered platform's id (see src/platforms/registry.ts); the core never names one itself. */
export type Platform = string;

/** The platform id of the bot itself, for work nobody clicked (scheduler, deadline closes). */
export const SYSTEM_PLATFORM = "system";

/** Who clicked or typed, as the platform told us. */
export interface Actor {
  platform: Platform;
  userId: string;
  name?: string;
}

/** An actor resolved against the roster: a stable person id (the same from Slack and Teams) and roles. */
export interface Member {
  personId: string;
  name: string;
  roles: ReadonlySet<Role>;
  actor: Actor;
}

/** The system itself (scheduler, deadline closes). */
export const SYSTEM: Member = {
  personId: "system",
  name: "Sister Cities bot",
  roles: new Set<Role>(),
  actor: { platform: SYSTEM_PLATFORM, userId: "system" },
};

/** Looks people up by platform user id; built once per policy. */
export interface Directory {
  resolve(actor: Actor): Member;
  person(personId: string): Person | undefined;
  withRole(role: Role): Person[];
  commissioners(): Person[];
}

/** Builds the directory from the policy's people list. */
export function createDirectory(policy: Pick<Policy, "people">): Directory {
  const byPlatform = new Map<string, Person>();
  const byId = new Map<string, Person>();
  for (const p of policy.people) {
    byId.set(p.id, p);
    for (const [platform, id] of Object.entries(p.ids)) byPlatform.set(`${platform}:${id}`, p);
  }
  return {
    resolve(actor) {
      const p = byPlatform.get(`${actor.platform}:${actor.userId}`);
      if (p) return { personId: p.id, name: p.name, roles: new Set(p.roles), actor };
      return { personId: `${actor.platform}:${actor.userId}`, name: actor.name ?? actor.userId, roles: new Set(), actor };
    },
    person: (id) => byId.get(id),
    withRole: (role) => policy.people.filter((p) => p.roles.includes(role)),
    // The chair presides and votes, so the roster is every commissioner plus the chair.
    commissioners: () => policy.people.filter((p) => p.roles.includes("commissioner") || p.roles.includes("chair")),
  };
}

/** True when the member holds any of the roles. */
export function hasRole(m: Member, ...roles: Role[]): boolean {
  return roles.some((r) => m.roles.has(r));
}

/** The role to write in the audit log for this action. */
export function auditRole(m: Member, preferred: Role[] = []): string {
  if (m === SYSTEM) return "system";
  for (const r of preferred) if (m.roles.has(r)) return r;
  const first = [...m.roles][0];
  return first ?? "applicant";
}
