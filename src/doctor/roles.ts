// Who holds which role and whether each can be reached: the data behind the roles list (the policy file stays the
// source of truth; this only reads it, with what the platform checks found).
import { ROLES, type Policy, type Role } from "../domain/policy.js";
import type { PlatformReport } from "./check.js";
import { platformIdsOf } from "./person-ids.js";

/** One platform where a role holder has an id; `reachable` is null when it was not (or could not be) checked. */
export interface HolderReach {
  platform: string;
  reachable: boolean | null;
  detail: string;
}

/** A person holding a role. */
export interface RoleHolder {
  personId: string;
  name: string;
  reach: HolderReach[];
}

/** Every role with its holders, in the order the policy's roles are listed. */
export interface RolesList {
  roles: { role: Role; holders: RoleHolder[] }[];
}

/** Builds the roles list from the policy and, when given, the platforms' reports (without them, reachability is unknown). */
export function rolesList(policy: Pick<Policy, "people">, reports: ReadonlyMap<string, PlatformReport> = new Map()): RolesList {
  const holder = (person: Policy["people"][number]): RoleHolder => ({
    personId: person.id,
    name: person.name,
    reach: Object.entries(platformIdsOf(person)).map(([platform, userId]) => {
      const report = reports.get(platform);
      const name = report?.displayName ?? platform;
      if (!report) return { platform: name, reachable: null, detail: "not checked" };
      if (!report.connected) return { platform: name, reachable: false, detail: `${name} is not connected` };
      const r = report.reach[person.id];
      return r ? { platform: name, reachable: r.reachable, detail: r.detail } : { platform: name, reachable: null, detail: `could not be checked (id ${userId})` };
    }),
  });
  return { roles: ROLES.map((role) => ({ role, holders: policy.people.filter((p) => p.roles.includes(role)).map(holder) })) };
}
