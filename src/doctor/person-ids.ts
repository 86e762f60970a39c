// The doctor's one contact with how the policy names a person's platform ids: when the policy's person shape changes
// (e.g. to `ids: Record<platformId, string>`), only this file changes.
import type { Person } from "../domain/policy.js";

/** A person's user id on each platform where the policy gives one, keyed by platform id. */
export function platformIdsOf(person: Person): Record<string, string> {
  return { ...person.ids };
}
