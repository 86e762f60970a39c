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

/** Platform user ids found for people by their e-mail: person id → platform id → user id. */
export type FoundIds = ReadonlyMap<string, Readonly<Record<Platform, string>>>;

/** Looks people up by platform user id; built once per policy, then told what the platforms found by e-mail. */
export interface Directory {
  resolve(actor: Actor): Member;
  /** The person with every id known for them: the policy's own, and those found by e-mail where the policy has none. */
  person(personId: string): Person | undefined;
  withRole(role: Role): Person[];
  commissioners(): Person[];
  /** Replaces the ids found by e-mail (so votes and roles work for people the policy names only by e-mail). */
  learn(found: FoundIds): void;
}

/** Builds the directory from the policy's people list (and, optionally, ids already found by e-mail). */
export function createDirectory(policy: Pick<Policy, "people">, found: FoundIds = new Map()): Directory {
  let people: Person[] = [];
  let byPlatform = new Map<string, Person>();
  let byId = new Map<string, Person>();
  const build = (learnt: FoundIds) => {
    // Ids given in the policy win over ids found by e-mail.
    people = policy.people.map((p) => ({ ...p, ids: { ...learnt.get(p.id), ...p.ids } }));
    byPlatform = new Map();
    byId = new Map();
    for (const p of people) byId.set(p.id, p);
    // Explicit ids first: a found id that another person claims in the policy never takes their roles.
    for (const source of [policy.people, people])
      for (const p of source) for (const [platform, id] of Object.entries(p.ids)) if (!byPlatform.has(`${platform}:${id}`)) byPlatform.set(`${platform}:${id}`, byId.get(p.id)!);
  };
  build(found);
  return {
    resolve(actor) {
      const p = byPlatform.get(`${actor.platform}:${actor.userId}`);
      if (p) return { personId: p.id, name: p.name, roles: new Set(p.roles), actor };
      return { personId: `${actor.platform}:${actor.userId}`, name: actor.name ?? actor.userId, roles: new Set(), actor };
    },
    person: (id) => byId.get(id),
    withRole: (role) => people.filter((p) => p.roles.includes(role)),
    // The chair presides and votes, so the roster is every commissioner plus the chair.
    commissioners: () => people.filter((p) => p.roles.includes("commissioner") || p.roles.includes("chair")),
    learn: build,
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
