import { describe, expect, it } from "vitest";
import { evaluateCriteria } from "../../src/domain/criteria.js";
import { testPolicy } from "../support/fixtures.js";

const policy = testPolicy();
const states = (a: Parameters<typeof evaluateCriteria>[0]) => Object.fromEntries(evaluateCriteria(a, policy).map((c) => [c.key, c.state]));

describe("policy criteria on realistic cities", () => {
  it("Sopot, Poland: a close match (35k, Baltic coast, 12 km from Gdańsk, letter received)", () => {
    expect(
      states({ population: 35_000, nearWater: true, waterBody: "Baltic Sea", metropolis: "Gdańsk", metropolisDistanceKm: 12, letterOfInterest: true, firstYearPlan: "Jazz exchange", budgetUsd: 4500 }),
    ).toEqual({ size: "met", water: "met", metropolis: "met", desire: "met", plan: "met" });
  });

  it("Kamakura, Japan: on the water near Tokyo, but nine times our size", () => {
    const r = evaluateCriteria({ population: 172_000, nearWater: true, waterBody: "Sagami Bay", metropolis: "Tokyo", metropolisDistanceKm: 50, letterOfInterest: false }, policy);
    const size = r.find((c) => c.key === "size")!;
    expect(size.state).toBe("not_met");
    expect(size.why).toContain("9.0× our size");
    expect(r.find((c) => c.key === "desire")!.state).toBe("not_met");
  });

  it("Ávila, Spain: inland and 110 km from Madrid", () => {
    expect(states({ population: 57_000, nearWater: false, metropolis: "Madrid", metropolisDistanceKm: 110 })).toMatchObject({ size: "not_met", water: "not_met", metropolis: "not_met" });
  });

  it("a tiny village is 'smaller than us', and an empty draft is all unknown", () => {
    expect(evaluateCriteria({ population: 2_000 }, policy).find((c) => c.key === "size")!.why).toContain("smaller than us");
    expect(Object.values(states({}))).toEqual(["unknown", "unknown", "unknown", "unknown", "unknown"]);
  });

  it("thresholds come from the policy", () => {
    const lenient = testPolicy({ criteria: { populationRatio: { min: 0.1, max: 10 }, requireNearWater: false, maxMetropolisDistanceKm: 200 } });
    const r = Object.fromEntries(evaluateCriteria({ population: 172_000, nearWater: false, metropolis: "Madrid", metropolisDistanceKm: 110 }, lenient).map((c) => [c.key, c.state]));
    expect(r).toMatchObject({ size: "met", water: "met", metropolis: "met" });
  });
});
