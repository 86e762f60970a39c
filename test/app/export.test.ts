import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { castVote } from "../../src/app/cast-vote.js";
import { closeVote } from "../../src/app/close-vote.js";
import { getStatus } from "../../src/app/get-status.js";
import { exportApplication } from "../../src/app/export-application.js";
import { recordAgreement } from "../../src/app/record-agreement.js";
import { recordCouncilDecision } from "../../src/app/record-council-decision.js";
import { reviewIntake } from "../../src/app/review-intake.js";
import { submitApplication } from "../../src/app/submit-application.js";
import { answersFromForm } from "../../src/views/application-form.js";
import { applicant, chair, clerk, commissioners, director, slackUser, sopot } from "../support/fixtures.js";
import { createHarness, type Harness } from "../support/harness.js";

// Awkward on purpose: commas, quotes, newlines, non-Latin and right-to-left names, Markdown and formula look-alikes.
const awkward = {
  ...sopot,
  proposedCity: "Zhuhai 珠海",
  country: "China",
  region: "Guangdong, \"Pearl River\" Delta",
  contactName: "José \"Pepe\" Núñez, Jr.",
  contactTitle: "مدير العلاقات الدولية",
  originNote: "Line one, with a comma.\nLine two: *not bold* [not a link](http://x) | pipe",
  notes: "=HYPERLINK(\"http://evil\")\r\n@SUM(A1)",
};

const t = (iso: string) => new Date(iso);

async function lifecycle(h: Harness): Promise<number> {
  h.now.value = t("2027-03-01T17:00:00Z");
  const { id } = await submitApplication(h.ctx, { actor: applicant, answers: answersFromForm({ ...awkward, population: "244000" }) });
  h.now.value = t("2027-03-02T18:30:00Z");
  await reviewIntake(h.ctx, { actor: director, applicationId: id, decision: "return", reason: "Population looks wrong, please check." });
  h.now.value = t("2027-03-03T16:00:00Z");
  await submitApplication(h.ctx, { actor: applicant, applicationId: id, answers: { population: "35000" }, shownFields: ["population"] });
  h.now.value = t("2027-03-04T17:15:00Z");
  await reviewIntake(h.ctx, { actor: director, applicationId: id, decision: "accept" });
  const votes: [number, string, string?][] = [[0, "approve"], [1, "deny"], [2, "recuse", "Lives in Zhuhai part of the year, \"conflict\""], [3, "approve"], [4, "abstain"]];
  for (const [i, choice, reason] of votes) {
    h.now.value = t(`2027-03-05T1${i}:00:00Z`);
    await castVote(h.ctx, { actor: commissioners[i]!, applicationId: id, choice, reason: reason ?? null, source: "button" });
  }
  h.now.value = t("2027-03-05T20:00:00Z");
  await castVote(h.ctx, { actor: chair, applicationId: id, choice: "approve", source: "reaction" });
  await closeVote(h.ctx, { actor: chair, applicationId: id });
  h.now.value = t("2027-03-20T02:00:00Z");
  await recordCouncilDecision(h.ctx, { actor: clerk, applicationId: id, form: { meetingDate: "2027-03-19", decision: "adopted", resolution: "2027-31", notes: "Unanimous, 5-0." } });
  h.now.value = t("2027-05-01T19:00:00Z");
  await recordAgreement(h.ctx, { actor: clerk, applicationId: id, form: { signedOn: "2027-05-01", ourMayor: "Maria Alegria", theirMayor: "黄志豪", documentUrl: "https://example.org/agreement.pdf" } });
  h.now.value = t("2027-05-02T16:00:00Z");
  await h.settle();
  return id;
}

function golden(name: string, actual: string): void {
  const file = join("test/golden", name);
  // UPDATE_GOLDEN=1 rewrites the file after a deliberate change; review the diff before committing it.
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, actual);
  expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 once`).toBe(true);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

describe("public-record export", () => {
  let h: Harness;
  let id: number;
  beforeEach(async () => {
    h = await createHarness("sqlite");
    id = await lifecycle(h);
  });
  afterEach(async () => {
    await h.close();
  });

  it("the Markdown packet of a full lifecycle matches the golden file", async () => {
    const p = await exportApplication(h.ctx, { actor: director, applicationId: id });
    expect(p.markdown.filename).toBe("SC-0001-packet.md");
    golden("SC-0001-packet.md", p.markdown.content);
    // Typed Markdown is escaped, times are in the city's zone.
    expect(p.markdown.content).toContain("\\*not bold\\* \\[not a link\\](http://x) \\| pipe");
    expect(p.markdown.content).toContain("Mar 5, 2027, 2:00 AM PST");
    expect(p.markdown.content).toContain("- Version 2, submitted Mar 3, 2027, 8:00 AM PST by Pat Applicant: changed Population");
    expect(p.markdown.content).toContain("  | Population | 244,000 | 35,000 |");
  });

  it("status shows each resubmission's changed answers, before and after", async () => {
    const view = await getStatus(h.ctx, { actor: director, applicationId: id });
    const text = JSON.stringify(view.blocks);
    expect(text).toContain("Version 2, resubmitted Mar 3, 2027, 8:00 AM PST by Pat Applicant: changed Population");
    expect(view.blocks).toContainEqual({ type: "fields", fields: [{ label: "Population — version 1", value: "244,000" }, { label: "Population — version 2", value: "35,000" }] });
  });

  it("the CSV packet matches the golden file and a standard CSV parser reads every awkward value back", async () => {
    const p = await exportApplication(h.ctx, { actor: clerk, applicationId: id });
    golden("SC-0001-packet.csv", p.csv.content);
    const rows = parse(p.csv.content, { columns: true }) as Record<string, string>[];
    const answer = (item: string) => rows.find((r) => r.section === "answer" && r.item === item)?.value;
    expect(answer("Proposed sister city")).toBe("Zhuhai 珠海");
    expect(answer("Region")).toBe('Guangdong, "Pearl River" Delta');
    expect(answer("Contact name")).toBe('José "Pepe" Núñez, Jr.');
    expect(answer("Contact title")).toBe("مدير العلاقات الدولية");
    expect(answer("The story")).toBe(awkward.originNote);
    expect(answer("Notes")).toBe("'=HYPERLINK(\"http://evil\")\n@SUM(A1)"); // defused for spreadsheets
    const roll = rows.filter((r) => r.section === "vote 1");
    expect(roll.find((r) => r.item === "Chen Wei")).toMatchObject({ value: "recuse", detail: 'Lives in Zhuhai part of the year, "conflict"' });
    expect(roll.find((r) => r.item === "Fatima Noor")?.value).toBe("absent");
    expect(rows.filter((r) => r.section === "version").map((r) => r.item)).toEqual(["1", "2"]);
    // What the applicant first wrote stays in the record: each changed answer, before and after.
    expect(rows.filter((r) => r.section === "version 2 change")).toEqual([{ section: "version 2 change", item: "Population", value: "244,000", detail: "35,000", time: "Mar 3, 2027, 8:00 AM PST" }]);
    expect(rows.filter((r) => r.section === "audit").length).toBeGreaterThan(10);
  });

  it("only the director, the clerk and the applicant may export", async () => {
    await expect(exportApplication(h.ctx, { actor: commissioners[0]!, applicationId: id })).rejects.toThrow(/Only the Community Services Director, the council clerk or its applicant/);
    await expect(exportApplication(h.ctx, { actor: slackUser("USTRANGER"), applicationId: id })).rejects.toThrow(/Only/);
    expect((await exportApplication(h.ctx, { actor: applicant, applicationId: id })).number).toBe("SC-0001");
  });

  it("npm run export writes the files from the command line", async () => {
    const out = mkdtempSync(join(tmpdir(), "sc-export-"));
    const policy = join(out, "policy.json");
    writeFileSync(policy, JSON.stringify(h.ctx.policy));
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ["--import", "tsx", "src/cli/export.ts", ...args], { env: { PATH: process.env.PATH ?? "", DATABASE_URL: h.db.url, POLICY_FILE: policy } });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("close", (code) => resolve({ code, stdout, stderr }));
      });
    const ok = await run(["SC-0001", "--format", "csv", "--out", out]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(join(out, "SC-0001-packet.csv"), "utf8")).toContain("Zhuhai 珠海");
    const bad = await run(["banana"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Usage: npm run export");
    const missing = await run(["SC-0099"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("There is no application SC-0099");
  });
});
