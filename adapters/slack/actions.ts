// Button clicks. Each acks first, carries only an application id, reloads state through a use case, and leaves
// the role and status checks to the core. Refusals go privately to the person who clicked.
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { castVote } from "../../src/app/cast-vote.js";
import { closeVote } from "../../src/app/close-vote.js";
import type { AppContext } from "../../src/app/context.js";
import { getStatus } from "../../src/app/get-status.js";
import { openVote } from "../../src/app/open-vote.js";
import { reviewIntake } from "../../src/app/review-intake.js";
import { saveDraft } from "../../src/app/save-draft.js";
import { startApplication } from "../../src/app/start-application.js";
import { withdrawApplication } from "../../src/app/withdraw-application.js";
import { snoozeReminders } from "../../src/app/snooze-reminders.js";
import { formatDateTime } from "../../src/views/application-summary.js";
import type { FieldName } from "../../src/domain/application.js";
import { applicationNumber } from "../../src/domain/status.js";
import type { Logger } from "../../src/logger.js";
import { answersFromForm, applicationForm, FORM_STEPS } from "../../src/views/application-form.js";
import type { ActionId } from "../../src/views/model.js";
import { agreementForm, councilDateForm, councilDecisionForm, meetingForm, reasonForm } from "../../src/views/small-forms.js";
import { actorOf, applicationIdOf, messageFor, metadataOf, readState, tell, type SlackBody } from "./context.js";
import { openForm } from "./modals.js";
import { renderCardModal, renderModal } from "./render.js";

const ALL_FIELDS: FieldName[] = FORM_STEPS.flatMap((s) => s.fields);
const VOTES = new Set(["vote.approve", "vote.deny", "vote.abstain"]);
/** How long a vote may take before Slack is answered anyway (Slack allows 3 s). */
export const VOTE_ACK_BUDGET_MS = 2000;

async function ackAfterVote(ack: () => Promise<void>, work: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<void>((r) => (timer = setTimeout(r, VOTE_ACK_BUDGET_MS)));
  const done = work();
  await Promise.race([done.catch(() => undefined), budget]);
  clearTimeout(timer);
  await ack();
  await done;
}

/** Registers every button handler. */
export function registerActions(app: App, ctx: AppContext, logger: Logger): void {
  app.action<BlockAction<ButtonAction>>(/^(vote|intake|council|agreement|app|reminder|meeting)\./, async ({ ack, body, action, client }) => {
    const b = body as unknown as SlackBody;
    // A vote is committed before Slack hears "received", so an acknowledged vote survives a crash; the time budget
    // still answers Slack well inside its 3 seconds if the database is slow. Everything else acks first.
    if (VOTES.has(action.action_id)) {
      await ackAfterVote(ack, () => handle(b, action, client));
      return;
    }
    await ack();
    await handle(b, action, client);
  });

  async function handle(b: SlackBody, action: ButtonAction, client: App["client"]): Promise<void> {
    const actor = actorOf(b);
    const id = applicationIdOf(action.value);
    if (id === undefined) return tell(client, b, "That button is not valid any more. Use status <number> to find the application.", logger);
    const verb = action.action_id as ActionId;
    try {
      switch (verb) {
        case "vote.approve":
        case "vote.deny":
        case "vote.abstain":
          await castVote(ctx, { actor, applicationId: id, choice: verb.slice("vote.".length), source: "button" });
          return;
        case "vote.recuse":
          return await openForm(client, b, reasonForm(verb, id));
        case "vote.open":
          await openVote(ctx, { actor, applicationId: id });
          return;
        case "vote.close":
          await closeVote(ctx, { actor, applicationId: id });
          return;
        case "intake.accept":
          await reviewIntake(ctx, { actor, applicationId: id, decision: "accept" });
          return;
        case "intake.return":
        case "intake.reject":
          return await openForm(client, b, reasonForm(verb, id));
        case "meeting.schedule":
          return await openForm(client, b, meetingForm(id));
        case "council.schedule":
          return await openForm(client, b, councilDateForm(id));
        case "council.record":
          return await openForm(client, b, councilDecisionForm(id));
        case "agreement.record":
          return await openForm(client, b, agreementForm(id));
        case "app.edit":
          return await openForm(client, b, await startApplication(ctx, { actor, applicationId: id }));
        case "app.withdraw":
          await withdrawApplication(ctx, { actor, applicationId: id });
          return await tell(client, b, `${applicationNumber(id)} is withdrawn.`, logger);
        case "reminder.snooze": {
          const { until } = await snoozeReminders(ctx, { actor, applicationId: id });
          return await tell(client, b, `Reminders for ${applicationNumber(id)} are snoozed until ${formatDateTime(until, ctx.policy.city.timeZone)}.`, logger);
        }
        case "app.status": {
          const card = await getStatus(ctx, { actor, applicationId: id });
          if (b.container?.type === "message") return await tell(client, b, card, logger);
          if (!b.trigger_id) return;
          const view = renderCardModal(applicationNumber(id), card);
          if (b.container?.type === "view") await client.views.push({ trigger_id: b.trigger_id, view });
          else await client.views.open({ trigger_id: b.trigger_id, view });
          return;
        }
        default:
          return await tell(client, b, "That button is not known to this version of the bot.", logger);
      }
    } catch (e) {
      await tell(client, b, messageFor(e, logger), logger);
    }
  }

  // Link buttons open in the browser; Slack still reports the click, which only needs acknowledging.
  app.action(/^link\./, async ({ ack }) => {
    await ack();
  });

  app.action<BlockAction<ButtonAction>>("home.apply", async ({ ack, body, client }) => {
    await ack();
    const b = body as unknown as SlackBody;
    try {
      await openForm(client, b, await startApplication(ctx, { actor: actorOf(b) }));
    } catch (e) {
      await tell(client, b, messageFor(e, logger), logger);
    }
  });

  // "Save draft" inside the application modal: store what is there, then say so in the modal. Slack keeps typed
  // values across views.update while block ids stay the same, so nothing typed is lost even when saving fails.
  app.action<BlockAction<ButtonAction>>("form.save_draft", async ({ ack, body, client }) => {
    await ack();
    const b = body as unknown as SlackBody;
    const meta = metadataOf(b);
    if (!b.view || !meta || meta.formId !== "application") return;
    const raw = answersFromForm(readState(b.view.state?.values));
    let notice: string;
    let applicationId = meta.applicationId;
    try {
      const saved = await saveDraft(ctx, { actor: actorOf(b), ...(applicationId ? { applicationId } : {}), answers: raw, shownFields: ALL_FIELDS });
      applicationId = saved.id;
      notice = `Draft ${saved.number} saved. Reopen it any time with status ${saved.number} or from the app's Home tab.`;
    } catch (e) {
      const errs = e && typeof e === "object" && "fieldErrors" in e ? Object.values((e as { fieldErrors: Record<string, string> }).fieldErrors) : [];
      notice = `Not saved: ${errs.length > 0 ? errs.join(" ") : messageFor(e, logger)}`;
    }
    const form = applicationId
      ? await startApplication(ctx, { actor: actorOf(b), applicationId }).catch(() => applicationForm({ draft: {}, cityName: ctx.policy.city.name, applicationId }))
      : applicationForm({ draft: {}, cityName: ctx.policy.city.name });
    const { formId: _f, ...rest } = meta;
    await client.views.update({ view_id: b.view.id, ...(b.view.hash ? { hash: b.view.hash } : {}), view: renderModal(form, { ...rest, ...(applicationId ? { applicationId } : {}) }, notice) }).catch((e: unknown) => {
      logger.warn({ err: e instanceof Error ? e.message : String(e) }, "could not update the modal after saving a draft");
    });
  });
}
