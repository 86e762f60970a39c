// The director's setup check from chat: the same checks as `npm run doctor`, run by the bot with its own
// configuration. The platform checks come in as a capability from the composition root (the core knows no platform).
import { hasRole } from "../domain/actors.js";
import type { Actor } from "../domain/actors.js";
import { DomainError } from "../domain/errors.js";
import type { Check } from "../doctor/check.js";
import type { AppContext } from "./context.js";

/** Runs the setup checks for the director; refuses anyone else (the answer names ids and configuration problems). */
export async function checkSetup(ctx: AppContext, input: { actor: Actor }): Promise<Check[]> {
  if (!hasRole(ctx.directory.resolve(input.actor), "director")) throw new DomainError("forbidden", "Only the Community Services Director can run the setup check.");
  if (!ctx.doctor) throw new DomainError("not_configured", "The setup check is not available in this build; run `npm run doctor` on the bot's machine.");
  return (await ctx.doctor()).checks;
}
