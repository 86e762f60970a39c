// One workflow scenario, many platforms: a driver acts as the people of the test cast on one platform, in that
// platform's own protocol, and reads back what they would see. test/scenario/workflow.test.ts runs the same
// scenario through every driver; a new platform adds a driver here and is held to the same assertions.
import type { Bot } from "../../src/bot.js";
import { applicationNumber } from "../../src/domain/status.js";
import type { Provider } from "../support/databases.js";

/** The cast by role id as in test/support/fixtures.ts, plus an applicant and a stranger who hold no role. */
export type Person = "applicant" | "stranger" | "dana" | "chris" | "cam1" | "cam2" | "cam3" | "cam4" | "cam5" | "cam6" | "clerk";

/** A vote cast by button. */
export type Choice = "approve" | "deny" | "abstain";

/** What the person sees after sending a form: whether it went through, and the text of the answer (a
 * confirmation, or the form again with its messages at the fields). */
export interface FormAnswer {
  accepted: boolean;
  said: string;
}

/** The values of the City Council decision form. */
export interface CouncilForm {
  meetingDate: string;
  decision: "adopted" | "rejected";
  resolution?: string;
}

/** The values of the signed agreement form. */
export interface AgreementForm {
  signedOn: string;
  ourMayor: string;
  theirMayor: string;
  documentUrl?: string;
}

/** The people of the scenario using one platform. */
export interface PlatformDriver {
  /** The platform's registry id. */
  readonly platform: string;
  /** The bot's database. */
  readonly db: Bot["store"]["db"];
  /** Opens the application form and submits `answers` (a form left open by a refused try is corrected in place). */
  apply(person: Person, answers: Record<string, unknown>): Promise<FormAnswer>;
  /** The director's decision on the intake card of the application. */
  decide(person: Person, decision: "accept"): Promise<void>;
  /** A vote by button on the commission card. */
  vote(person: Person, choice: Choice): Promise<void>;
  /** A vote reaction (the platform's first default for `choice`) added to or removed from the commission card. */
  react(person: Person, choice: "approve" | "deny", added?: boolean): Promise<void>;
  /** Closes the vote from the commission card, through the platform's "are you sure?" where it has one. */
  closeVote(person: Person): Promise<void>;
  /** Records the City Council decision from the person's status view. */
  recordCouncil(person: Person, form: CouncilForm): Promise<FormAnswer>;
  /** Records the signed agreement from the person's status view. */
  recordAgreement(person: Person, form: AgreementForm): Promise<FormAnswer>;
  /** Moves the bot's clock to `at` and runs the periodic sweep once. */
  sweepReminders(at: Date): Promise<void>;
  /** The text of the commission card as the channel shows it now. */
  commissionCard(): Promise<string>;
  /** The text of every message the bot sent the person, oldest first. */
  messagesTo(person: Person): Promise<string[]>;
  /** What the platform's own protocol checks found wrong in everything sent and received (empty when all is well). */
  problems(): string[];
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a driver on a fresh database of `provider` with the bot's clock at `now`. */
export interface DriverKind {
  name: string;
  /** The providers this platform's rig runs on. */
  providers: Provider[];
  start(provider: Provider, now: Date): Promise<PlatformDriver>;
}

/** The application the scenario is about: the one submitted (a draft saved on the way does not count). */
export async function theApplication(db: Bot["store"]["db"]): Promise<{ id: number; number: string }> {
  const app = await db.application.findFirstOrThrow({ where: { status: { not: "draft" } }, orderBy: { id: "asc" }, select: { id: true } });
  return { id: app.id, number: applicationNumber(app.id) };
}
