import { describe, expect, it } from "vitest";
import { createDirectory } from "../../src/domain/actors.js";
import { check, STATUSES, applicationNumber, parseApplicationNumber, type Action, type Status } from "../../src/domain/status.js";
import { testPolicy, slackUser } from "../support/fixtures.js";

// The workflow as the city's policy describes it, written out independently of the implementation's table.
const SPEC: Record<Action, { from: Status[]; who: string[] }> = {
  edit: { from: ["draft", "returned"], who: ["owner"] },
  submit: { from: ["draft", "returned"], who: ["owner"] },
  accept: { from: ["submitted"], who: ["director"] },
  return: { from: ["submitted"], who: ["director"] },
  reject: { from: ["submitted"], who: ["director"] },
  open_vote: { from: ["commission_review"], who: ["director", "chair"] },
  vote: { from: ["commission_review"], who: ["commissioner", "chair"] },
  close_vote: { from: ["commission_review"], who: ["director", "chair"] },
  schedule_council: { from: ["commission_approved", "council_scheduled"], who: ["director", "clerk"] },
  record_council: { from: ["commission_approved", "council_scheduled"], who: ["director", "clerk"] },
  record_agreement: { from: ["council_adopted"], who: ["director", "clerk"] },
  withdraw: { from: ["draft", "submitted", "returned", "commission_review", "commission_approved", "council_scheduled"], who: ["owner"] },
};

const directory = createDirectory(testPolicy());
const ACTORS = {
  owner: directory.resolve(slackUser("UAPPLICANT")),
  director: directory.resolve(slackUser("UDIRECTOR")),
  chair: directory.resolve(slackUser("UCHAIR")),
  commissioner: directory.resolve(slackUser("UCOMM1")),
  clerk: directory.resolve(slackUser("UCLERK")),
  stranger: directory.resolve(slackUser("USTRANGER")),
};

describe("status machine", () => {
  const cases = (Object.keys(SPEC) as Action[]).flatMap((action) =>
    STATUSES.flatMap((status) => Object.keys(ACTORS).map((who) => ({ action, status, who: who as keyof typeof ACTORS }))),
  );

  it.each(cases)("$who $action from $status", ({ action, status, who }) => {
    const spec = SPEC[action];
    const r = check(action, { status, applicantId: ACTORS.owner.personId }, ACTORS[who]);
    const roleOk = spec.who.includes(who);
    if (roleOk && spec.from.includes(status)) {
      expect(r.ok).toBe(true);
      return;
    }
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // The role is checked first: a person without the role is told who can do it, not the status.
    expect(r.error.code).toBe(roleOk ? "invalid_transition" : "forbidden");
    expect(r.error.userMessage.length).toBeGreaterThan(10);
  });

  it("the applicant of one application is a stranger to another", () => {
    const r = check("withdraw", { status: "submitted", applicantId: "slack:USOMEONEELSE" }, ACTORS.owner);
    expect(r.ok).toBe(false);
  });

  it("explains a refused transition with the current status in words", () => {
    const r = check("accept", { status: "established", applicantId: "x" }, ACTORS.director);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.userMessage).toContain("Sister City relationship established");
  });

  it("numbers applications as SC-0001 and reads them back in the forms people type", () => {
    expect(applicationNumber(7)).toBe("SC-0007");
    for (const s of ["SC-0007", "sc-7", "#7", "7", " SC7 "]) expect(parseApplicationNumber(s)).toBe(7);
    for (const s of ["", "SC-", "abc", "0", "SC-0", "7a", "1e3"]) expect(parseApplicationNumber(s)).toBeUndefined();
  });
});
