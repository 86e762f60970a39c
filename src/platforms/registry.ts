// The platform registry: what the core knows about a chat platform, declared by its adapter and registered by the
// composition root. The core holds no platform name of its own; it asks the registry (display name, how a person's
// id looks in the policy, which reactions count as votes, which environment variables turn it on).
import { z } from "zod";

/** A reaction map: reaction names that approve, and names that deny. */
export interface ReactionMap {
  approve: readonly string[];
  deny: readonly string[];
}

/** One platform as its adapter declares it. */
export interface PlatformEntry {
  /** The id used in the policy (`people[].<id>`, `channels.<id>`, `commission.reactions.<id>`) and in stored rows. */
  id: string;
  /** How people name the platform, as replies and cards show it. */
  displayName: string;
  /** How a person's id on this platform looks in the policy; refusals name the `example`. */
  personId: { pattern: RegExp; example: string };
  /** Reactions that count as votes when the policy names none. */
  defaultReactions: ReactionMap;
  /** A reaction as people see it (an emoji where one is known). */
  showReaction(name: string): string;
  /** Where the platform looks people up by e-mail, for the words on someone it did not find (e.g. "in the workspace"). */
  findsPeopleByEmail?: string;
  /**
   * How a person types a command here, with its trailing space ("/sistercity ", or "" where plain words are
   * commands), read from the platform's own variables; texts that tell someone what to type start with it.
   */
  commandPrefix(env: PlatformEnv): string;
  /** The environment variables that configure it, for the start-up log and the docs. */
  env: readonly string[];
  /** Every problem with those variables (each line naming its variable); start-up stops on any. */
  envProblems(env: PlatformEnv): string[];
}

/** The environment as the process got it; platforms read their own variables from it. */
export type PlatformEnv = Readonly<Record<string, string | undefined>>;

/** The platforms this process knows about, in the order people are reached (first match wins). */
export interface PlatformRegistry {
  register(entry: PlatformEntry): void;
  get(id: string): PlatformEntry | undefined;
  list(): PlatformEntry[];
}

/** Creates a registry holding `entries`; ids must be lowercase words and unique. */
export function createPlatformRegistry(entries: readonly PlatformEntry[] = []): PlatformRegistry {
  const byId = new Map<string, PlatformEntry>();
  const registry: PlatformRegistry = {
    register(entry) {
      if (!/^[a-z][a-z0-9_]{1,31}$/.test(entry.id)) throw new Error(`platform id "${entry.id}": lowercase letters, digits and _ only`);
      // "id" and the person fields are the policy's own keys, and "system" is the bot itself.
      if (["id", "name", "roles", "email", "ids", "system"].includes(entry.id)) throw new Error(`platform id "${entry.id}" is reserved`);
      if (byId.has(entry.id)) throw new Error(`platform "${entry.id}" is registered twice`);
      byId.set(entry.id, entry);
    },
    get: (id) => byId.get(id),
    list: () => [...byId.values()],
  };
  for (const e of entries) registry.register(e);
  return registry;
}

/** The reactions that count as votes on `platform`: the policy's map, else the platform's defaults. */
export function reactionMapFor(registry: PlatformRegistry, configured: Readonly<Record<string, ReactionMap | undefined>>, platform: string): ReactionMap {
  return configured[platform] ?? registry.get(platform)?.defaultReactions ?? { approve: [], deny: [] };
}

/**
 * Checks the policy's platform keys against the registry: every `people[].<platform>` id has the platform's format
 * (`errors`), and keys naming a platform this build does not register are reported (`warnings`: a typo would leave
 * someone without a role, but one policy file may serve builds with different platforms).
 */
export function checkPolicyPlatforms(
  registry: PlatformRegistry,
  policy: { people: readonly { ids: Readonly<Record<string, string>> }[]; channels: Readonly<Record<string, string>>; commission: { reactions: Readonly<Record<string, unknown>> } },
): { errors: string[]; warnings: string[] } {
  const known = registry.list().map((e) => e.id);
  const warnings = new Set<string>();
  const unknown = (path: string, id: string) => warnings.add(`${path}: "${id}" is not a platform this bot knows (${known.join(", ") || "none registered"}), so it is ignored`);
  const errors: string[] = [];
  for (const [i, p] of policy.people.entries())
    for (const [platform, id] of Object.entries(p.ids)) {
      const entry = registry.get(platform);
      if (!entry) unknown(`people.${i}`, platform);
      else if (!entry.personId.pattern.test(id)) errors.push(`people.${i}.${platform}: "${id}" is not ${entry.personId.example}`);
    }
  for (const k of Object.keys(policy.channels)) if (!registry.get(k)) unknown("channels", k);
  for (const k of Object.keys(policy.commission.reactions)) if (!registry.get(k)) unknown("commission.reactions", k);
  return { errors, warnings: [...warnings] };
}

/** A platform id as stored in policy keys and rows; the registry decides which ones exist. */
export const platformIdSchema = z.string().regex(/^[a-z][a-z0-9_]{1,31}$/);
