// Opening modals: the application form and the small forms (reason, council, agreement). A click inside a modal
// pushes onto its stack; a click anywhere else (a message, the Home tab) opens a new one.
import type { webApi } from "@slack/bolt";
import type { FormView } from "../../src/views/model.js";
import { insideModal, type SlackBody } from "./context.js";
import { renderModal } from "./render.js";

/** Opens `form` for the click in `body` (views.push inside a modal, views.open elsewhere, the Home tab included). */
export async function openForm(client: webApi.WebClient, body: SlackBody, form: FormView, notice?: string): Promise<void> {
  const channel = body.container?.channel_id ?? body.channel?.id;
  const view = renderModal(form, channel ? { channel } : {}, notice);
  if (!body.trigger_id) throw new Error("no trigger_id to open a form with");
  if (insideModal(body)) await client.views.push({ trigger_id: body.trigger_id, view });
  else await client.views.open({ trigger_id: body.trigger_id, view });
}
