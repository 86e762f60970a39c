import { describe, expect, it } from "vitest";
import { commandText } from "../../adapters/teams/activity.js";
import { helpView } from "../../adapters/teams/commands.js";
import { toPlatformError } from "../../adapters/teams/platform.js";
import { PlatformError } from "../../src/app/ports.js";
import { testPolicy } from "../support/fixtures.js";
import { cardText } from "./teams-rig.js";
import { renderCard } from "../../adapters/teams/render.js";
import { DIRECT_ACTIONS } from "../../adapters/teams/card-actions.js";
import { FORM_FOR_ACTION } from "../../adapters/teams/forms.js";
import type { ActionId } from "../../src/views/model.js";

// Every ActionId, spelled out: adding one to src/views/model.ts fails type-checking here until Teams handles it.
const EVERY_ACTION: Record<ActionId, true> = {
  "vote.approve": true,
  "vote.deny": true,
  "vote.abstain": true,
  "vote.recuse": true,
  "vote.open": true,
  "vote.close": true,
  "intake.accept": true,
  "intake.return": true,
  "intake.reject": true,
  "council.schedule": true,
  "council.record": true,
  "agreement.record": true,
  "app.edit": true,
  "app.withdraw": true,
  "app.status": true,
  "app.full": true,
  "reminder.snooze": true,
  "meeting.schedule": true,
};

// What the SDK's HTTP client (axios) throws.
const answered = (status: number, headers: Record<string, string> = {}, data: unknown = { error: { code: "X", message: "why" } }) =>
  Object.assign(new Error(`Request failed with status code ${status}`), { response: { status, headers, data } });
const network = (code: string) => Object.assign(new Error(code), { code });

describe("Bot Connector failures as PlatformError", () => {
  it("429 is retryable after its Retry-After (seconds or an HTTP date)", () => {
    expect(toPlatformError(answered(429, { "retry-after": "7" }), "post")).toMatchObject({ retryable: true, retryAfterMs: 7000 });
    const at = new Date(Date.now() + 120_000).toUTCString();
    const e = toPlatformError(answered(429, { "retry-after": at }), "post");
    expect(e.retryable).toBe(true);
    expect(e.retryAfterMs).toBeGreaterThan(100_000);
    expect(toPlatformError(answered(429), "post")).toMatchObject({ retryable: true, retryAfterMs: undefined });
  });

  it("5xx, 408 and network failures are retryable; 400, 401, 403 and 404 are not", () => {
    for (const s of [500, 502, 503, 408]) expect(toPlatformError(answered(s), "post").retryable, String(s)).toBe(true);
    for (const s of [400, 401, 403, 404]) expect(toPlatformError(answered(s), "post").retryable, String(s)).toBe(false);
    for (const c of ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ECONNABORTED", "ENOTFOUND", "ERR_NETWORK"]) expect(toPlatformError(network(c), "post").retryable, c).toBe(true);
    expect(toPlatformError(network("ERR_INVALID_URL"), "post").retryable).toBe(false);
    expect(toPlatformError(new Error("token service unreachable"), "post").retryable).toBe(true);
  });

  it("says what failed in words an operator can act on, and passes PlatformErrors through", () => {
    expect(toPlatformError(answered(403, {}, { error: { code: "BotNotInConversationRoster", message: "The bot is not part of the conversation roster." } }), "post to user 29:x").message).toBe(
      "Teams Bot Connector answered 403 to post to user 29:x (BotNotInConversationRoster: The bot is not part of the conversation roster.)",
    );
    const own = new PlatformError("mine", false);
    expect(toPlatformError(own, "x")).toBe(own);
  });
});

describe("buttons", () => {
  it("every ActionId is handled: straight away, or through its form", () => {
    for (const id of Object.keys(EVERY_ACTION) as ActionId[]) expect(DIRECT_ACTIONS.includes(id) !== (FORM_FOR_ACTION[id] !== undefined), id).toBe(true);
  });
});

describe("commands", () => {
  it("strips @mentions of the bot and Teams' non-breaking spaces", () => {
    expect(commandText("<at>Sister Cities</at>&nbsp;status  SC-0001 ")).toBe("status  SC-0001");
    expect(commandText(undefined)).toBe("");
  });

  it("help names the reactions the policy counts", () => {
    expect(cardText(renderCard(helpView(testPolicy())))).toContain("or with a reaction on it (👍 approves)");
    const custom = testPolicy({ commission: { reactions: { teams: { approve: ["heart"], deny: ["angry", "custom"] } } } });
    expect(cardText(renderCard(helpView(custom)))).toContain("(❤️ approves, 😠 / custom denies)");
  });
});
