// The scenario's driver for Slack: signed slash commands, block_actions, view_submissions and reaction events into
// the real Bolt receiver (test/slack/slack-harness.ts); what people see is read from the fake Web API's calls.
import { slackEntry } from "../../adapters/slack/entry.js";
import { sweep } from "../../src/scheduler/index.js";
import { testPolicy } from "../support/fixtures.js";
import { slackText, startSlackRig } from "../slack/slack-harness.js";
import { theApplication, type DriverKind, type FormAnswer, type Person, type PlatformDriver } from "./driver.js";

type J = Record<string, unknown>;

const cast = new Map(testPolicy().people.map((p) => [p.id, p.ids[slackEntry.id]]));
const userOf = (p: Person): string => cast.get(p) ?? `U${p.toUpperCase()}`;

/** Block Kit buttons (action_id, value) in blocks. */
const buttonsIn = (blocks: unknown): { action_id: string; value: string; confirm?: unknown }[] =>
  ((blocks as J[] | undefined) ?? []).flatMap((b) => (b.type === "actions" ? (b.elements as { type: string; action_id: string; value: string; confirm?: unknown }[]).filter((e) => e.type === "button") : []));

/** Slack over signed HTTP, on SQLite and PostgreSQL. */
export const slackDriver: DriverKind = {
  name: "slack",
  providers: ["sqlite", "postgresql"],
  async start(provider, at) {
    const rig = await startSlackRig(provider);
    rig.now.value = at;
    const db = rig.bot.store.db;
    // The modal a person left open after a refused submission: the next try corrects it in place.
    const open = new Map<Person, J>();
    const commission = async () => {
      const ref = await db.messageRef.findFirstOrThrow({ where: { kind: "commission", platform: slackEntry.id } });
      const updated = rig.fake.of("chat.update").filter((c) => c.args.channel === ref.conversationId && c.args.ts === ref.messageId).at(-1);
      const posted = rig.fake.of("chat.postMessage").find((c) => c.args.channel === ref.conversationId && buttonsIn(c.args.blocks).some((b) => b.action_id === "vote.approve"));
      return { at: { channel: ref.conversationId, ts: ref.messageId }, blocks: (updated ?? posted)?.args.blocks };
    };
    const press = async (person: Person, action: string) => {
      const card = await commission();
      const b = buttonsIn(card.blocks).find((x) => x.action_id === action);
      if (!b) throw new Error(`no ${action} button on the commission card:\n${slackText(card.blocks)}`);
      await rig.click(userOf(person), action, b.value, card.at);
    };
    // A form answered with "" closes the modal; with response_action "errors", it stays open with messages at the fields.
    const answer = (r: { text: string; json: J | null }): FormAnswer => ({ accepted: r.text === "", said: r.json ? Object.values((r.json.errors as J | undefined) ?? {}).join("\n") : "" });
    const driver: PlatformDriver = {
      platform: slackEntry.id,
      db,
      async apply(person, answers) {
        let modal = open.get(person);
        if (!modal) {
          await rig.command(userOf(person), "apply");
          modal = rig.lastView();
        }
        const r = await rig.submit(userOf(person), modal, answers);
        const view = r.json?.view as J | undefined;
        const accepted = r.json?.response_action === "update" && (view?.title as J | undefined)?.text === "Application submitted";
        if (accepted) open.delete(person);
        else if (view) open.set(person, { ...view, id: modal.id });
        return { accepted, said: slackText(view) };
      },
      async decide(person, decision) {
        const user = userOf(person);
        const intake = rig.fake.of("chat.postMessage").findLast((c) => c.args.channel === user && buttonsIn(c.args.blocks).some((b) => b.action_id === `intake.${decision}`));
        const b = buttonsIn(intake?.args.blocks).find((x) => x.action_id === `intake.${decision}`);
        if (!b) throw new Error(`no intake card with ${decision} for ${person}`);
        await rig.click(user, b.action_id, b.value, { channel: `D${user.slice(1)}`, ts: "1.0" });
      },
      vote: (person, choice) => press(person, `vote.${choice}`),
      async react(person, choice, added = true) {
        await rig.react(userOf(person), slackEntry.defaultReactions[choice][0]!, (await commission()).at, added);
      },
      // Slack asks "Close the vote?" in the client (the button's confirm object); the click arrives once confirmed.
      async closeVote(person) {
        const b = buttonsIn((await commission()).blocks).find((x) => x.action_id === "vote.close");
        if (!b?.confirm) throw new Error("the Close vote button does not ask first");
        await press(person, "vote.close");
      },
      // The clerk's status view (a modal) carries the button; the form is pushed onto it.
      async recordCouncil(person, form) {
        const app = await theApplication(db);
        await rig.click(userOf(person), "council.record", app.id, { view: { id: "VSTATUS", type: "modal" } });
        return answer(await rig.submit(userOf(person), rig.lastView("views.push"), { ...form }));
      },
      async recordAgreement(person, form) {
        const app = await theApplication(db);
        await rig.click(userOf(person), "agreement.record", app.id, { view: { id: "VSTATUS", type: "modal" } });
        return answer(await rig.submit(userOf(person), rig.lastView("views.push"), { ...form }));
      },
      async sweepReminders(when) {
        rig.now.value = when;
        await sweep(rig.bot.ctx);
        await rig.settle();
      },
      commissionCard: async () => slackText((await commission()).blocks),
      messagesTo: async (person) => rig.fake.of("chat.postMessage").filter((c) => c.args.channel === userOf(person)).map((c) => slackText(c.args.blocks) || String(c.args.text ?? "")),
      problems: () => rig.problems(),
      settle: () => rig.settle(),
      close: () => rig.close(),
    };
    return driver;
  },
};
