// The scenario's driver for Teams: Bot Framework activities (messages, Action.Execute invokes, task/fetch and
// task/submit dialogs, messageReaction) into the real Teams endpoint (test/teams/teams-rig.ts); what people see is
// read from the fake Bot Connector.
import { teamsEntry } from "../../adapters/teams/entry.js";
import { sweep } from "../../src/scheduler/index.js";
import { adaptiveCardsIn } from "../support/adaptive-card-oracle.js";
import { actionsOf, button, CHANNEL, cardOf, cardText, dialogCard, dialogMessage, invokeCard, pressData, startTeamsRig, TEAM_ID, teamsAnswers, U, type Reply, type TeamsUser } from "../teams/teams-rig.js";
import { theApplication, type DriverKind, type FormAnswer, type Person, type PlatformDriver } from "./driver.js";

type J = Record<string, unknown>;

const cast: Record<Person, TeamsUser> = {
  applicant: U.applicant,
  stranger: U.stranger,
  dana: U.director,
  chris: U.chair,
  cam1: U.comm1,
  cam2: U.comm2,
  cam3: U.comm3,
  cam4: U.comm4,
  cam5: U.comm5,
  cam6: U.comm6,
  clerk: U.clerk,
};
const personal = (u: TeamsUser) => `a:personal-${u.id.slice(3)}`;

/** A dialog's answer: closed with a message (went through), or the form again with its messages. */
const dialogAnswer = (r: Reply): FormAnswer => {
  const task = r.body?.task as J | undefined;
  return task?.type === "message" ? { accepted: true, said: dialogMessage(r.body) } : { accepted: false, said: cardText(dialogCard(r.body)) };
};

/** Teams over /api/messages, on SQLite and PostgreSQL. */
export const teamsDriver: DriverKind = {
  name: "teams",
  providers: ["sqlite", "postgresql"],
  async start(provider, at) {
    const rig = await startTeamsRig(provider);
    rig.now.value = at;
    // The app is installed in the team (so the commission channel can be posted to), by the director and the clerk.
    rig.fake.teamChannels = [{ id: TEAM_ID, name: "General" }, { id: CHANNEL, name: "Commission" }];
    await rig.install("team");
    await rig.install(U.director);
    await rig.install(U.clerk);
    const db = rig.bot.store.db;
    // The dialog a person left open after a refused submission: the next try corrects it in place.
    const open = new Map<Person, J>();
    const commission = async () => {
      const ref = await db.messageRef.findFirstOrThrow({ where: { kind: "commission", platform: teamsEntry.id } });
      const on = { conversationId: ref.conversationId, messageId: ref.messageId };
      return { on, card: cardOf(rig.fake.latest(on.conversationId, on.messageId)) };
    };
    const press = async (person: Person, title: string) => {
      const { on, card } = await commission();
      const b = button(card, title);
      await rig.click(cast[person], String(b.verb), b.data as J, on);
    };
    // The person's status card, whose buttons open the clerk's dialogs.
    const fromStatus = async (person: Person, title: string, submit: string, values: Record<string, unknown>) => {
      const who = cast[person];
      await rig.say(who, `status ${(await theApplication(db)).number}`);
      const status = cardOf(rig.fake.posts(personal(who)).at(-1)?.body);
      const form = dialogCard((await rig.openDialog(who, button(status, title).data as J)).body);
      return dialogAnswer(await rig.submitDialog(who, pressData(form, submit, teamsAnswers(values))));
    };
    const driver: PlatformDriver = {
      platform: teamsEntry.id,
      db,
      async apply(person, answers) {
        const who = cast[person];
        const form = open.get(person) ?? dialogCard((await rig.openDialog(who, { msteams: { type: "task/fetch" }, formId: "application" })).body);
        const reply = await rig.submitDialog(who, pressData(form, "Submit", teamsAnswers(answers)));
        const r = dialogAnswer(reply);
        if (r.accepted) open.delete(person);
        else open.set(person, dialogCard(reply.body)); // the dialog stays open, showing what was typed
        return r;
      },
      async decide(person) {
        const who = cast[person];
        const intake = rig.fake.posts(personal(who)).findLast((p) => actionsOf(cardOf(p.body)).some((a) => a.verb === "intake.accept"));
        if (!intake) throw new Error(`no intake card for ${person}`);
        const b = actionsOf(cardOf(intake.body)).find((a) => a.verb === "intake.accept")!;
        await rig.click(who, "intake.accept", b.data as J, { conversationId: intake.conversationId!, messageId: rig.fake.idOf(intake) });
      },
      vote: (person, choice) => press(person, choice[0]!.toUpperCase() + choice.slice(1)),
      async react(person, choice, added = true) {
        const type = teamsEntry.defaultReactions[choice][0];
        if (!type) throw new Error(`Teams has no default reaction for ${choice}`);
        await rig.react(cast[person], type, (await commission()).on.messageId, added);
      },
      // Close vote is on the chair's own copy (a refresh), and asks first: "Close vote" on the question closes.
      async closeVote(person) {
        const who = cast[person];
        const { on } = await commission();
        const mine = invokeCard((await rig.click(who, "card.refresh", {}, on)).body);
        const ask = button(mine, "Close vote");
        const question = invokeCard((await rig.click(who, String(ask.verb), ask.data as J, on)).body);
        const yes = button(question, "Close vote");
        await rig.click(who, String(yes.verb), yes.data as J, on);
      },
      recordCouncil: (person, form) => fromStatus(person, "Record council decision", "Record", { ...form }),
      recordAgreement: (person, form) => fromStatus(person, "Record signed agreement", "Record", { ...form }),
      async sweepReminders(when) {
        rig.now.value = when;
        await sweep(rig.bot.ctx);
        await rig.bot.idle();
      },
      commissionCard: async () => cardText((await commission()).card),
      messagesTo: async (person) => rig.fake.posts(personal(cast[person])).map((p) => (adaptiveCardsIn(p.body).length ? cardText(cardOf(p.body)) : String(p.body.text ?? ""))),
      problems: () => rig.cardProblems(),
      settle: () => rig.bot.idle(),
      close: () => rig.close(),
    };
    return driver;
  },
};
