// People the bot cannot reach on any connected platform, in words for the director (Home, list) and the start-up log.
import type { Person } from "../domain/policy.js";
import { clip, type CardView } from "./model.js";

/** A connected platform as these words name it: its name, and where it finds people by e-mail (when it can). */
export interface PlatformWords {
  displayName: string;
  findsPeopleByEmail?: string;
}

/** What is wrong with one person and what to do, in one line. */
export function unreachableLine(person: Pick<Person, "name" | "email" | "roles">, platforms: readonly PlatformWords[]): string {
  const who = `${person.name} (${person.roles.join(", ")})`;
  const names = platforms.map((p) => p.displayName).join(" or ");
  const where = platforms.filter((p) => p.findsPeopleByEmail).map((p) => `${p.displayName}: ${p.findsPeopleByEmail}`);
  return person.email
    ? `${who}: no connected platform knows ${person.email}. Check the address in the policy file, make sure they can be found there${where.length > 0 ? ` (${where.join("; ")})` : ""}, or give their ${names} id under people. The bot asks again every few minutes.`
    : `${who}: has no e-mail or ${names} id in the policy file. Add their e-mail (or their id) under people.`;
}

/** The director's notice listing people nobody can reach yet (so cards and reminders do not silently miss them). */
export function unreachablePeopleView(people: readonly Pick<Person, "name" | "email" | "roles">[], platforms: readonly PlatformWords[]): CardView {
  const title = `${people.length} ${people.length === 1 ? "person" : "people"} with a role cannot be reached`;
  return {
    kind: "card",
    summary: title,
    blocks: [
      { type: "text", text: title, tone: "attention" },
      // Cut to what every platform's text block holds; the start-up log and `roles` name everyone.
      { type: "text", text: clip(people.map((p) => `• ${unreachableLine(p, platforms)}`).join("\n"), 2900) },
    ],
  };
}
