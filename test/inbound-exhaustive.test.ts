// The inbound port's tables are exhaustive by the compiler: a button or form id that no handler covers fails
// `npm run typecheck`. The @ts-expect-error lines below are the proof — if the tables stopped being checked
// against ActionId / FormId, those lines would stop erroring and typecheck would fail on the unused directives.
import { describe, expect, it } from "vitest";
import { ACTION_HANDLERS, type ActionHandler } from "../src/inbound/actions.js";
import { FORM_HANDLERS, type FormHandler } from "../src/inbound/forms.js";
import type { ActionId, FormId } from "../src/views/model.js";

// A new vote choice added to ActionId but not to the table:
// @ts-expect-error "vote.maybe" has no handler
const withNewButton: { readonly [K in ActionId | "vote.maybe"]: ActionHandler } = ACTION_HANDLERS;
// A new form added to FormId but not to the table:
// @ts-expect-error "survey" has no handler
const withNewForm: { readonly [K in Exclude<FormId, "application"> | "survey"]: FormHandler } = FORM_HANDLERS;

describe("inbound handler tables", () => {
  it("cover every id at run time too (no key is a placeholder)", () => {
    for (const h of Object.values(ACTION_HANDLERS)) expect("run" in h || "opens" in h || "vote" in h).toBe(true);
    for (const h of Object.values(FORM_HANDLERS)) expect(typeof h.open === "function" && typeof h.submit === "function").toBe(true);
    expect(withNewButton).toBe(ACTION_HANDLERS);
    expect(withNewForm).toBe(FORM_HANDLERS);
  });
});
