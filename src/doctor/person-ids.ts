// The doctor's one contact with how the policy names a person's platform ids: when the policy's person shape changes
// (e.g. to `ids: Record<platformId, string>`), only this file changes.
import type { Person, Policy } from "../domain/policy.js";
import type { Db } from "../store/db.js";

/** A person's user id on each platform where the policy gives one, keyed by platform id. */
export function platformIdsOf(person: Person): Record<string, string> {
  return { ...person.ids };
}

/** The policy with the ids the bot found by e-mail (PersonAddress rows for the person's current e-mail); given ids win. */
export async function withFoundIds(db: Db, policy: Policy): Promise<Policy> {
  const rows = await db.personAddress.findMany({ where: { userId: { not: null } } });
  const people = policy.people.map((p) => {
    const found = Object.fromEntries(rows.filter((r) => r.personId === p.id && r.email === p.email && r.userId).map((r) => [r.platform, r.userId!]));
    return Object.keys(found).length > 0 ? { ...p, ids: { ...found, ...p.ids } } : p;
  });
  return { ...policy, people };
}
