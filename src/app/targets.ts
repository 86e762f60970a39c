import type { Platform } from "../domain/actors.js";
import type { AppContext } from "./context.js";
import type { Address } from "./ports.js";
import type { Target } from "./outbox.js";

const ORDER: Platform[] = ["slack", "teams"];

/**
 * Where a target can be reached on the connected platforms. A person is reached once, on the first connected
 * platform where they have an id (so nobody gets the same message twice); the commission channel on every
 * connected platform that has one configured, because commissioners may use either.
 */
export function addressesFor(ctx: Pick<AppContext, "directory" | "platforms" | "policy">, target: Target): Address[] {
  if ("channel" in target) {
    return ORDER.flatMap((platform) => {
      const id = ctx.policy.channels[platform];
      return ctx.platforms.has(platform) && id ? [{ platform, kind: "channel" as const, id }] : [];
    });
  }
  const person = ctx.directory.person(target.person);
  if (person) {
    for (const platform of ORDER) {
      const id = person[platform];
      if (id && ctx.platforms.has(platform)) return [{ platform, kind: "user", id }];
    }
    return [];
  }
  // Someone not on the roster (most applicants) is known by "platform:userId".
  const m = /^(slack|teams):(.+)$/.exec(target.person);
  if (m && ctx.platforms.has(m[1] as Platform)) return [{ platform: m[1] as Platform, kind: "user", id: m[2]! }];
  return [];
}

/** A stable key for an address, used to remember which copies were already sent. */
export function addressKey(a: Address): string {
  return `${a.platform}:${a.kind}:${a.id}`;
}
