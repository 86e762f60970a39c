import type { Draft } from "./application.js";
import type { Policy } from "./policy.js";

export type CriterionState = "met" | "not_met" | "unknown";

/** One line of the reviewers' checklist. */
export interface Criterion {
  key: "size" | "water" | "metropolis" | "desire" | "plan";
  label: string;
  state: CriterionState;
  why: string;
}

const fmt = (n: number) => n.toLocaleString("en-US");

function ratioText(r: number): string {
  return r >= 1 ? `${r.toFixed(1)}× our size` : `${(1 / r).toFixed(1)}× smaller than us`;
}

/**
 * Compares an application with the city's policy. The result advises reviewers; it never blocks a step,
 * because the commission may weigh a strong history or community tie above a size mismatch.
 */
export function evaluateCriteria(a: Draft, policy: Pick<Policy, "city" | "criteria">): Criterion[] {
  const { city, criteria } = policy;
  const out: Criterion[] = [];

  const band = `policy: ${criteria.populationRatio.min}× to ${criteria.populationRatio.max}× of ${city.name}'s ${fmt(city.population)}`;
  if (a.population === undefined) {
    out.push({ key: "size", label: "Similar size", state: "unknown", why: `Population not given (${band}).` });
  } else {
    const r = a.population / city.population;
    const met = r >= criteria.populationRatio.min && r <= criteria.populationRatio.max;
    out.push({ key: "size", label: "Similar size", state: met ? "met" : "not_met", why: `Population ${fmt(a.population)}, ${ratioText(r)} (${band}).` });
  }

  const ours = city.waterBody ? ` like ${city.name} on ${city.waterBody}` : "";
  if (a.nearWater === undefined) out.push({ key: "water", label: "Near water", state: "unknown", why: "Not answered." });
  else if (a.nearWater)
    out.push({ key: "water", label: "Near water", state: "met", why: a.waterBody ? `On ${a.waterBody}${ours}.` : `Near water${ours}.` });
  else
    out.push({
      key: "water",
      label: "Near water",
      state: criteria.requireNearWater ? "not_met" : "met",
      why: criteria.requireNearWater ? "Not near water; the policy asks for a waterfront city." : "Not near water (the policy does not require it).",
    });

  const limit = `policy: within ${fmt(criteria.maxMetropolisDistanceKm)} km`;
  if (!a.metropolis) out.push({ key: "metropolis", label: "Near a large metropolis", state: "unknown", why: `No metropolis named (${limit}).` });
  else if (a.metropolisDistanceKm === undefined)
    out.push({ key: "metropolis", label: "Near a large metropolis", state: "unknown", why: `${a.metropolis}, distance not given (${limit}).` });
  else
    out.push({
      key: "metropolis",
      label: "Near a large metropolis",
      state: a.metropolisDistanceKm <= criteria.maxMetropolisDistanceKm ? "met" : "not_met",
      why: `${fmt(a.metropolisDistanceKm)} km from ${a.metropolis} (${limit}).`,
    });

  if (a.letterOfInterest === undefined) out.push({ key: "desire", label: "The other city wants it", state: "unknown", why: "Letter of interest not answered." });
  else if (a.letterOfInterest) out.push({ key: "desire", label: "The other city wants it", state: "met", why: "A letter of interest was received." });
  else
    out.push({
      key: "desire",
      label: "The other city wants it",
      state: criteria.requireLetterOfInterest ? "not_met" : "unknown",
      why: "No letter of interest from the other city yet.",
    });

  const hasPlan = Boolean(a.firstYearPlan);
  const hasBudget = a.budgetUsd !== undefined;
  out.push({
    key: "plan",
    label: "First-year plan and budget",
    state: hasPlan && hasBudget ? "met" : hasPlan || hasBudget ? "not_met" : "unknown",
    why: hasPlan && hasBudget ? `Plan given; budget $${fmt(a.budgetUsd ?? 0)}.` : hasPlan ? "Plan given, no budget estimate." : hasBudget ? "Budget given, no plan." : "Neither plan nor budget given.",
  });
  return out;
}
