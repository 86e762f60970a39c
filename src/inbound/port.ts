// The inbound port as adapters see it: the dispatcher, its events and outcomes, and the few facts about buttons an
// adapter needs to talk to its platform (which open a form client-side, which must commit before the ack).
export type { Dispatcher, OutcomeOf } from "./dispatcher.js";
export type * from "./events.js";
export type * from "./outcome.js";
export { ACTION_PREFIXES, commitsBeforeAck, formOpenedBy, isActionId } from "./actions.js";
export { helpFor } from "./commands.js";
import { ACTION_HANDLERS } from "./actions.js";
import type { ActionId } from "../views/model.js";

/** Every button id this version handles. */
export const ACTION_IDS: readonly ActionId[] = Object.keys(ACTION_HANDLERS) as ActionId[];
