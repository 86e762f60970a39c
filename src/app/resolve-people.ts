// People the policy names by e-mail: each connected platform that can look people up is asked for their user id,
// the answer is kept with when it was given (in the database, so every replica shares one lookup), and the directory
// learns the ids, so roles, votes and messages work for them as for people given by id. Ids in the policy win.
import type { Person } from "../domain/policy.js";
import { isPrismaError } from "../store/store.js";
import type { CardView } from "../views/model.js";
import type { AppContext } from "./context.js";
import { UnknownRecipient, type Address, type ChatPlatform, type MessageHandle } from "./ports.js";

/** A person nobody found is asked again after this long (e.g. once they joined the workspace or the team). */
export const RECHECK_MISSING_MS = 15 * 60_000;

type Ctx = Pick<AppContext, "store" | "policy" | "directory" | "platforms" | "clock" | "logger">;

interface Row {
  platform: string;
  personId: string;
  email: string;
  userId: string | null;
  checkedAt: Date;
}

/** Reads what the platforms found (this replica's or another's) and tells the directory; rows for an old e-mail are ignored. */
export async function loadFoundIds(ctx: Ctx): Promise<void> {
  const rows: Row[] = await ctx.store.db.personAddress.findMany();
  const emails = new Map(ctx.policy.people.map((p) => [p.id, p.email]));
  const found = new Map<string, Record<string, string>>();
  for (const r of rows) {
    if (!r.userId || emails.get(r.personId) !== r.email) continue;
    found.set(r.personId, { ...found.get(r.personId), [r.platform]: r.userId });
  }
  ctx.directory.learn(found);
}

// One replica asks; the others see its answer. A claim is a compare-and-set on the row's checkedAt (or its creation).
async function claim(ctx: Ctx, platform: string, person: Person & { email: string }, row: Row | undefined, now: Date): Promise<boolean> {
  const db = ctx.store.db;
  if (!row) {
    try {
      await db.personAddress.create({ data: { platform, personId: person.id, email: person.email, userId: null, checkedAt: now } });
      return true;
    } catch (e) {
      if (isPrismaError(e, "P2002")) return false;
      throw e;
    }
  }
  const { count } = await db.personAddress.updateMany({ where: { platform, personId: person.id, checkedAt: row.checkedAt }, data: { checkedAt: now } });
  return count === 1;
}

async function ask(ctx: Ctx, platform: string, person: Person & { email: string }, row: Row | undefined, quiet = false): Promise<void> {
  const chat = ctx.platforms.get(platform);
  if (!chat?.findPersonByEmail) return;
  const now = ctx.clock();
  if (!(await claim(ctx, platform, person, row, now))) return;
  let userId: string | null;
  try {
    userId = await chat.findPersonByEmail(person.email);
  } catch (e) {
    // The platform could not answer (not reachable, or not set up to look people up yet): the claim is given back,
    // so the next sweep asks again; what was found before stays.
    ctx.logger[quiet ? "debug" : "warn"]({ platform, person: person.id, err: e instanceof Error ? e.message : String(e) }, "could not look a person up by e-mail");
    const where = { platform, personId: person.id, checkedAt: now };
    if (row) await ctx.store.db.personAddress.updateMany({ where, data: { checkedAt: row.checkedAt } });
    else await ctx.store.db.personAddress.deleteMany({ where });
    return;
  }
  await ctx.store.db.personAddress.update({ where: { platform_personId: { platform, personId: person.id } }, data: { email: person.email, userId, checkedAt: now } });
  if (row?.userId && userId !== row.userId) ctx.logger.info({ platform, person: person.id }, "a person's id changed on the platform; using the new one");
}

const byEmail = (p: Person): p is Person & { email: string } => Boolean(p.email);

/**
 * Looks up, on every connected platform that can, each person given by e-mail who has no id for it in the policy:
 * those never asked, asked for another e-mail, or not found more than RECHECK_MISSING_MS ago. Then loads the answers.
 * `quiet`: a platform that cannot answer is logged at debug (the sweep asks every minute until it can).
 */
export async function resolvePeople(ctx: Ctx, opts: { quiet?: boolean } = {}): Promise<void> {
  const rows: Row[] = await ctx.store.db.personAddress.findMany();
  const at = new Map(rows.map((r) => [`${r.platform}:${r.personId}`, r]));
  const now = ctx.clock().getTime();
  for (const [platform, chat] of ctx.platforms) {
    if (!chat.findPersonByEmail) continue;
    for (const person of ctx.policy.people.filter(byEmail)) {
      if (person.ids[platform]) continue; // explicit ids win
      const row = at.get(`${platform}:${person.id}`);
      const fresh = row && row.email === person.email && (row.userId !== null || now - row.checkedAt.getTime() < RECHECK_MISSING_MS);
      if (!fresh) await ask(ctx, platform, person, row, opts.quiet);
    }
  }
  await loadFoundIds(ctx);
}

/**
 * After a send to `userId` failed because the platform knows no such user: asks again by e-mail, when the id was
 * found by e-mail (an id written in the policy is never replaced). Resolves to the new id, or null when there is none.
 */
export async function reresolvePerson(ctx: Ctx, platform: string, personId: string, userId: string): Promise<string | null> {
  const person = ctx.policy.people.find((p) => p.id === personId);
  if (!person || !byEmail(person) || person.ids[platform]) return null;
  const row = (await ctx.store.db.personAddress.findUnique({ where: { platform_personId: { platform, personId } } })) ?? undefined;
  // Another replica may have asked already since this one loaded the id.
  if (!row || row.userId === userId) await ask(ctx, platform, person, row);
  await loadFoundIds(ctx);
  const now = ctx.directory.person(personId)?.ids[platform];
  return now && now !== userId ? now : null;
}

/** People with a role whom no connected platform can reach: no id for any of them, given or found by e-mail. */
export function unreachablePeople(ctx: Pick<AppContext, "policy" | "directory" | "platforms">): Person[] {
  if (ctx.platforms.size === 0) return [];
  return ctx.policy.people.filter((p) => {
    const ids = ctx.directory.person(p.id)?.ids ?? p.ids;
    return ![...ctx.platforms.keys()].some((platform) => ids[platform]);
  });
}

/**
 * Sends; when the platform knows no user by a person's id and that id was found by e-mail (account re-created, id
 * changed), looks them up again and sends to the new id at once. `sentTo` is where it went. Anything else throws.
 */
export async function sendOrReresolve(ctx: Ctx, platform: ChatPlatform, address: Address, view: CardView, personId: string | null): Promise<{ handle: MessageHandle; sentTo: Address }> {
  try {
    return { handle: await platform.send(address, view), sentTo: address };
  } catch (e) {
    const again = e instanceof UnknownRecipient && personId && address.kind === "user" ? await reresolvePerson(ctx, address.platform, personId, address.id) : null;
    if (!again) throw e;
    const sentTo = { ...address, id: again };
    return { handle: await platform.send(sentTo, view), sentTo };
  }
}
