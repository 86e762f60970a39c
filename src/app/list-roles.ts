// Who holds which role, and whether each can be reached: read from the policy (the source of truth) with the ids
// found by e-mail and, where the composition root gave one, what the setup check found on each platform.
import { hasRole, type Actor } from "../domain/actors.js";
import { DomainError } from "../domain/errors.js";
import { rolesList, type RolesList } from "../doctor/roles.js";
import type { AppContext } from "./context.js";

/** The roles list for the director, with the policy file that holds them; refuses anyone else (reachability names people's platform problems). */
export async function listRoles(ctx: AppContext, input: { actor: Actor }): Promise<{ list: RolesList; policyFile: string }> {
  if (!hasRole(ctx.directory.resolve(input.actor), "director")) throw new DomainError("forbidden", "Only the Community Services Director can list who holds which role.");
  const checked = ctx.doctor ? await ctx.doctor() : null;
  if (checked?.roles && checked.config) return { list: checked.roles, policyFile: checked.config.policyFile };
  const people = ctx.policy.people.map((p) => ctx.directory.person(p.id) ?? p);
  return { list: rolesList({ people }), policyFile: "POLICY_FILE" };
}
