import type { AppContext } from "./context.js";
import type { Address } from "./ports.js";
import type { Target } from "./outbox.js";

/**
 * Where a target can be reached on the connected platforms. A person is reached once, on the first connected
 * platform (in the order they were connected) where they have an id, so nobody gets the same message twice; the
 * commission channel on every connected platform that has one configured, because commissioners may use either.
 */
export function addressesFor(ctx: Pick<AppContext, "directory" | "platforms" | "policy">, target: Target): Address[] {
  if ("channel" in target) {
    return [...ctx.platforms.keys()].flatMap((platform) => {
      const id = ctx.policy.channels[platform];
      return id ? [{ platform, kind: "channel" as const, id }] : [];
    });
  }
  const person = ctx.directory.person(target.person);
  if (person) {
    for (const platform of ctx.platforms.keys()) {
      const id = person.ids[platform];
      if (id) return [{ platform, kind: "user", id }];
    }
    return [];
  }
  // Someone not on the roster (most applicants) is known by "platform:userId".
  const colon = target.person.indexOf(":");
  const platform = target.person.slice(0, colon);
  const id = target.person.slice(colon + 1);
  return colon > 0 && id && ctx.platforms.has(platform) ? [{ platform, kind: "user", id }] : [];
}

/** How `person` types commands on the platform where messages reach them ("" when they cannot be reached). */
export function commandPrefixFor(ctx: Pick<AppContext, "directory" | "platforms" | "policy" | "commandPrefix">, person: string): string {
  const at = addressesFor(ctx, { person })[0];
  return at ? ctx.commandPrefix(at.platform) : "";
}

/** A stable key for an address, used to remember which copies were already sent. */
export function addressKey(a: Address): string {
  return `${a.platform}:${a.kind}:${a.id}`;
}
