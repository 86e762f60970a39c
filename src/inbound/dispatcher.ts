// The inbound port: one dispatcher for every platform. Adapters parse a payload into an InboundEvent and render the
// outcome; which use case runs, the dedup of redeliveries, and the words of every refusal are decided here.
import type { AppContext } from "../app/context.js";
import { isDomainError } from "../domain/errors.js";
import { listApplications } from "../app/list-applications.js";
import { homeView, replies } from "../views/replies.js";
import { forViewer, textCard, type CardView, type FormView } from "../views/model.js";
import { ACTION_HANDLERS, formForAction, isActionId } from "./actions.js";
import { directorNotices, runCommand } from "./commands.js";
import type { ActionEvent, CardViewEvent, CommandEvent, FormEvent, HomeEvent, InboundEvent, OpenFormEvent, ReactionEvent } from "./events.js";
import { isFormId, MissingApplication, openFormView, submitFormValues, withFeedback } from "./forms.js";
import type { ActionOutcome, CardViewOutcome, CommandOutcome, FormOutcome, HomeOutcome, OpenFormOutcome, ReactionOutcome } from "./outcome.js";
import { applyReactions } from "./reactions.js";
import { voteAction } from "./votes.js";
import { currentView, trackedView } from "./tracked.js";

/** The outcome type for each event kind. */
export type OutcomeOf<E extends InboundEvent> = E extends ActionEvent
  ? ActionOutcome
  : E extends FormEvent
    ? FormOutcome
    : E extends OpenFormEvent
      ? OpenFormOutcome
      : E extends CommandEvent
        ? CommandOutcome | { kind: "refused"; message: string }
        : E extends ReactionEvent
          ? ReactionOutcome
          : E extends HomeEvent
            ? HomeOutcome
            : E extends CardViewEvent
              ? CardViewOutcome
              : never;

/** What an adapter may hand along with an event. */
export interface DispatchHooks {
  /**
   * Called once the event is durably stored, before it is applied: the adapter acknowledges the platform here
   * (votes and reactions). Not called for events that are not stored first; the adapter then acks as usual.
   */
  stored?: () => Promise<void>;
}

/** The core's inbound port. */
export interface Dispatcher {
  dispatch<E extends InboundEvent>(event: E, hooks?: DispatchHooks): Promise<OutcomeOf<E>>;
}

/** Creates the dispatcher over the use-case context. */
export function createDispatcher(ctx: AppContext): Dispatcher {
  /** The refusal a person reads: their own mistake in full, anything else as a short apology (and a log line). */
  const refusal = (e: unknown, what: string): string => {
    if (isDomainError(e)) return e.userMessage;
    if (e instanceof MissingApplication) return e.message;
    ctx.logger.error({ err: e instanceof Error ? e.stack : String(e), what }, "request failed");
    return replies.sorry;
  };
  // A card answered to the person who pressed shows what they may use (the chair's Close vote) and nothing meant for others.
  const mine = (actor: ActionEvent["actor"], view: CardView | null): CardView | null => (view ? forViewer(view, ctx.directory.resolve(actor).personId) : null);
  const firstTime = (platform: string, eventId: string | undefined) => (eventId ? ctx.store.firstTime(`${platform}:${eventId}`) : Promise.resolve(true));

  async function action(ev: ActionEvent, hooks: DispatchHooks): Promise<ActionOutcome> {
    const { actor } = ev;
    try {
      if (isActionId(ev.action)) {
        const h = ACTION_HANDLERS[ev.action];
        if ("vote" in h) return await voteAction(ctx, ev, h.vote, hooks);
      }
      if (!(await firstTime(actor.platform, ev.eventId))) {
        const card = mine(actor, await trackedView(ctx, actor.platform, ev.card));
        return { kind: "duplicate", ...(card ? { card } : {}), message: replies.alreadyReceived };
      }
      const applicationId = ev.applicationId;
      if (!applicationId || !Number.isSafeInteger(applicationId) || applicationId < 1) return { kind: "refused", message: replies.buttonWithoutApplication(ctx.commandPrefix(actor.platform)) };
      if (!isActionId(ev.action)) return { kind: "refused", message: replies.unknownButton(ctx.commandPrefix(actor.platform)) };
      const input = { actor, applicationId, action: ev.action, formStyle: ev.formStyle ?? "one_page" } as const;
      const handler = ACTION_HANDLERS[ev.action];
      if ("opens" in handler) return { kind: "form", form: await formForAction(ctx, input, handler.opens) };
      if ("vote" in handler) return { kind: "refused", message: replies.unknownButton(ctx.commandPrefix(actor.platform)) }; // handled above
      const result = await handler.run(ctx, input);
      if (result.kind === "show") return { kind: "show", view: result.view, title: result.title, note: result.note, ...(result.panel ? { panel: true } : {}) };
      const card = ev.answerWithCard ? mine(actor, await currentView(ctx, actor, ev.card, applicationId)) : null;
      return { kind: "done", ...(card ? { card } : {}), ...(result.tell ? { tell: result.tell } : {}), ...(result.cardSaysIt ? { cardSaysIt: true } : {}) };
    } catch (e) {
      return { kind: "refused", message: refusal(e, `action ${ev.action}`) };
    }
  }

  async function openForm(ev: OpenFormEvent): Promise<OpenFormOutcome> {
    if (!isFormId(ev.form)) return { kind: "refused", message: replies.formGone(ctx.commandPrefix(ev.actor.platform)) };
    try {
      return { kind: "form", form: await openFormView(ctx, ev.actor, ev.form, ev.context) };
    } catch (e) {
      return { kind: "refused", message: refusal(e, `open form ${ev.form}`) };
    }
  }

  async function form(ev: FormEvent): Promise<FormOutcome> {
    const { actor } = ev;
    if (!isFormId(ev.form)) return { kind: "refused", message: replies.formGone(ctx.commandPrefix(ev.actor.platform)) };
    const formId = ev.form;
    // The form as it was shown, to put messages on (rebuilt from ids; a refusal to open it leaves none).
    const shown = async (): Promise<FormView | undefined> =>
      openFormView(ctx, actor, formId, ev.context, { check: false })
        .catch(() => (formId === "application" ? openFormView(ctx, actor, formId, ev.context.step !== undefined ? { step: ev.context.step } : {}) : undefined))
        .catch(() => undefined);
    if (ev.intent === "cancel") {
      const card = mine(actor, await currentView(ctx, actor, ev.card, ev.context.applicationId));
      return { kind: "cancelled", card: card ?? textCard(replies.cancelled) };
    }
    const key = ev.eventId ? `${actor.platform}:${ev.eventId}` : undefined;
    if (key && !(await ctx.store.firstTime(key))) return { kind: "duplicate", message: replies.alreadyReceived };
    try {
      const result = await submitFormValues(ctx, actor, formId, ev.intent, ev.context, ev.values);
      if (result.kind === "next") return { kind: "next", form: result.form };
      const card = mine(actor, await trackedView(ctx, actor.platform, ev.card));
      // After a draft save the form stays open on its application (which the first save created).
      const again = ev.intent === "save_draft" && result.applicationId ? await openFormView(ctx, actor, formId, { ...ev.context, applicationId: result.applicationId }).catch(() => undefined) : undefined;
      return { kind: "done", message: result.message, ...(result.notice ? { notice: result.notice } : {}), ...(card ? { card } : {}), ...(again ? { form: again } : {}) };
    } catch (e) {
      // Nothing was stored: the same form may be sent again, fixed.
      if (key) await ctx.store.forget(key);
      const message = refusal(e, `form ${formId}`);
      const base = await shown();
      if (isDomainError(e) && Object.keys(e.fieldErrors).length > 0 && base) {
        const errors = e.fieldErrors;
        // The summary line on top, unless it only repeats the one field's message (each message is said once).
        const summary: Record<string, string> = errors._form || Object.values(errors).includes(message) ? {} : { _form: message };
        return { kind: "invalid", errors, message, form: withFeedback(base, { ...errors, ...summary }, ev.values) };
      }
      return { kind: "refused", message, ...(base ? { form: base } : {}) };
    }
  }

  async function command(ev: CommandEvent): Promise<CommandOutcome | { kind: "refused"; message: string }> {
    try {
      return await runCommand(ctx, ev);
    } catch (e) {
      return { kind: "refused", message: refusal(e, "command") };
    }
  }

  async function reaction(ev: ReactionEvent, hooks: DispatchHooks): Promise<ReactionOutcome> {
    try {
      return await applyReactions(ctx, ev, hooks);
    } catch (e) {
      return { tell: textCard(refusal(e, "reaction"), undefined, "attention") };
    }
  }

  async function cardView(ev: CardViewEvent): Promise<CardViewOutcome> {
    return { view: mine(ev.actor, await trackedView(ctx, ev.actor.platform, ev.card)) };
  }

  async function home(ev: HomeEvent): Promise<HomeOutcome> {
    const lists = await listApplications(ctx, { actor: ev.actor, scope: "queue" });
    return { view: homeView(ctx.policy.city.name, [...directorNotices(ctx, ev.actor), ...lists]) };
  }

  return {
    async dispatch<E extends InboundEvent>(ev: E, hooks: DispatchHooks = {}): Promise<OutcomeOf<E>> {
      // Actors carry the id of the adapter that parsed them; an id the registry does not know is a wiring bug.
      if (!ctx.registry.get(ev.actor.platform)) throw new Error(`inbound event from unregistered platform "${ev.actor.platform}"`);
      const run = (): Promise<unknown> => {
        switch (ev.kind) {
          case "action":
            return action(ev, hooks);
          case "open_form":
            return openForm(ev);
          case "form":
            return form(ev);
          case "command":
            return command(ev);
          case "reaction":
            return reaction(ev, hooks);
          case "home":
            return home(ev);
          case "card_view":
            return cardView(ev);
        }
      };
      return (await run()) as OutcomeOf<E>;
    },
  };
}
