// The roles list as a neutral card: who holds which role and whether each person can be reached.
import type { Role } from "../domain/policy.js";
import type { RolesList } from "../doctor/roles.js";
import type { Block, CardView, CheckState } from "./model.js";

const ROLE_TITLES: Record<Role, string> = {
  director: "Community Services Director",
  chair: "Commission chair",
  commissioner: "Commissioners",
  clerk: "Council clerk",
  escalation: "Escalation contacts",
};

/** Roles the workflow stops without; an empty one is shown as a problem, the others as merely empty. */
const NEEDED: ReadonlySet<Role> = new Set<Role>(["director", "commissioner", "clerk"]);

/** Renders the roles list; `policyFile` names where roles are changed. */
export function rolesView(list: RolesList, policyFile: string): CardView {
  const blocks: Block[] = [{ type: "header", text: "Who holds which role" }];
  for (const { role, holders } of list.roles) {
    blocks.push({ type: "text", text: ROLE_TITLES[role] });
    if (holders.length === 0) {
      blocks.push(NEEDED.has(role) ? { type: "text", text: `Nobody. Add someone with this role to the policy file (${policyFile}).`, tone: "attention" } : { type: "text", text: "Nobody.", small: true });
      continue;
    }
    blocks.push({
      type: "checklist",
      items: holders.map((h) => {
        const state: CheckState = h.reach.some((r) => r.reachable === true) ? "met" : h.reach.some((r) => r.reachable === null) ? "unknown" : "not_met";
        const detail = h.reach.length === 0 ? "no platform id in the policy" : h.reach.map((r) => `${r.platform}: ${r.reachable === true ? "reachable" : r.detail}`).join("; ");
        return { state, label: h.name, detail };
      }),
    });
  }
  blocks.push({ type: "text", text: `The policy file (${policyFile}) is the source of truth; change roles there.`, small: true });
  return { kind: "card", summary: "Who holds which role", blocks };
}
