import { describe, expect, it } from "vitest";
import { draftSchema, fieldErrorsOf, LIMITS, submissionSchema } from "../../src/domain/application.js";
import { answersFromForm } from "../../src/views/application-form.js";
import { sopot } from "../support/fixtures.js";

const complete = () => answersFromForm({ ...sopot });

describe("application answers", () => {
  it("a complete application passes and is normalised", () => {
    const r = submissionSchema.safeParse(complete());
    expect(r.success).toBe(true);
    if (r.success) {
      expect(r.data.population).toBe(35_000);
      expect(r.data.nearWater).toBe(true);
      expect(r.data.origins).toEqual(["expatriate", "personal"]);
    }
  });

  it("names every missing required field", () => {
    const r = submissionSchema.safeParse({});
    expect(r.success).toBe(false);
    if (r.success) return;
    const errors = fieldErrorsOf(r.error);
    for (const f of ["proposedCity", "country", "population", "nearWater", "metropolis", "origins", "activities", "sponsorRole", "contactName", "contactEmail", "letterOfInterest", "firstYearPlan", "budgetUsd"])
      expect(errors[f], f).toBeTruthy();
  });

  it("asks for the body of water and the letter link when the answer is yes", () => {
    const r = submissionSchema.safeParse({ ...complete(), waterBody: "", letterUrl: "" });
    expect(r.success).toBe(false);
    if (!r.success) expect(Object.keys(fieldErrorsOf(r.error)).sort()).toEqual(["letterUrl", "waterBody"]);
  });

  it("refuses over-long text, control characters, bad numbers, bad links and unknown fields", () => {
    const bad = {
      proposedCity: "x".repeat(LIMITS.name + 1),
      country: "Po\u0000land",
      population: "many",
      metropolisDistanceKm: "-3",
      letterUrl: "javascript:alert(1)",
      contactEmail: "not an email",
      origins: ["conquest"],
      hacker: "1",
    };
    const r = draftSchema.safeParse(answersFromForm(bad));
    expect(r.success).toBe(false);
    if (r.success) return;
    const e = fieldErrorsOf(r.error);
    expect(e.proposedCity).toMatch(/at most 100/);
    expect(e.country).toMatch(/control/);
    expect(e.population).toMatch(/number/);
    expect(e.metropolisDistanceKm).toMatch(/at least 0/);
    expect(e.letterUrl).toMatch(/https/);
    expect(e.contactEmail).toMatch(/email/);
    expect(e.origins).toMatch(/Unknown/);
    expect(e._form).toMatch(/hacker/);
  });

  it("keeps newlines in long answers but not in single-line ones", () => {
    expect(draftSchema.safeParse({ firstYearPlan: "Line 1\r\nLine 2" }).data?.firstYearPlan).toBe("Line 1\nLine 2");
    expect(draftSchema.safeParse({ proposedCity: "So\npot" }).success).toBe(false);
  });

  it("reads numbers the way people type them", () => {
    expect(draftSchema.parse(answersFromForm({ population: "35,000" })).population).toBe(35_000);
    expect(draftSchema.parse(answersFromForm({ budgetUsd: " 12 500 " })).budgetUsd).toBe(12_500);
  });
});
