import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../adapters/teams/http-bridge.js";
import type { Logger } from "../../src/logger.js";
import { actionsOf, cardOf, startTeamsRig, U, type TeamsRig, type TeamsUser } from "./teams-rig.js";

type J = Record<string, unknown>;

/** A logger that keeps every line (at every level) as text, to check what would reach log storage. */
function recordingLogger(lines: string[], bindings: Record<string, unknown> = {}): Logger {
  const write = (level: string) => (o: object | string, m?: string) => void lines.push(`${level} ${JSON.stringify(bindings)} ${typeof o === "string" ? o : `${JSON.stringify(o)} ${m ?? ""}`}`);
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error"), child: (b) => recordingLogger(lines, { ...bindings, ...b }) };
}

// RLO flips what follows; BEL and ESC are terminal controls; the name is far longer than any real one (one of
// 600,000 characters no longer gets that far: the body is refused whole as too large).
const HOSTILE_NAME = `\u202eEvil\u0007 Name\u001b[31m ${"x".repeat(100_000)}`;
const hostile: TeamsUser = { id: "29:hostile", name: HOSTILE_NAME, aadObjectId: "00000000-0000-4000-8000-000000000099" };
const ARABIC_CITY = "الإسكندرية";
const ARABIC_COUNTRY = "مصر";

describe("Teams endpoint: input hygiene", () => {
  const lines: string[] = [];
  let rig: TeamsRig;
  beforeAll(async () => {
    rig = await startTeamsRig("sqlite", { logger: recordingLogger(lines) });
  });
  afterAll(async () => {
    await rig.close();
  });
  const raw = async (body: string) => {
    const res = await fetch(rig.url, { method: "POST", headers: { "content-type": "application/json" }, body });
    return { status: res.status, body: await res.text() };
  };

  it("answers 400 to a body that is not a JSON object, and stores nothing", async () => {
    for (const body of ["null", "[]", "42", '"message"', "true", "{not json"]) expect((await raw(body)).status, body).toBe(400);
    expect(await rig.bot.store.db.conversationRef.count()).toBe(0);
  });

  it(`answers 413 to a body over ${MAX_BODY_BYTES} bytes (even 10 MB), and stores nothing`, async () => {
    const big = (size: number) => JSON.stringify({ type: "message", text: "x".repeat(size), serviceUrl: rig.fake.url, from: { id: "29:x" }, conversation: { id: "a:x" } });
    const huge = await raw(big(10 * 1024 * 1024));
    expect(huge.status).toBe(413);
    expect(huge.body).toContain("larger than");
    expect((await raw(big(MAX_BODY_BYTES))).status).toBe(413);
    expect(await rig.bot.store.db.conversationRef.count()).toBe(0);
    expect((await rig.say(U.director, "help")).status).toBe(200); // and the endpoint still works
  });

  it("stores display names clipped and without control or bidi-override characters", async () => {
    await rig.say(hostile, "apply");
    const at = { conversationId: `a:personal-${hostile.id.slice(3)}`, messageId: rig.fake.idOf(rig.fake.posts().at(-1)!) };
    const saved = await rig.click(hostile, "form.save_draft", { formId: "application", step: 0, proposedCity: "Sopot" }, at);
    expect(saved.status).toBe(200);
    const app = await rig.bot.store.db.application.findFirstOrThrow({ where: { applicantId: `teams:${hostile.id}` } });
    expect(app.applicantName.length).toBeLessThanOrEqual(200);
    expect(app.applicantName.startsWith("Evil Name [31m xxx")).toBe(true);
    expect(app.applicantName).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const ref = await rig.bot.store.db.conversationRef.findUniqueOrThrow({ where: { platform_key: { platform: "teams", key: `user:${hostile.id}` } } });
    expect(String((ref.data as J).name)).toBe(app.applicantName);
  });

  it("isolates a right-to-left city name inside the bot's sentences", async () => {
    await rig.say(U.comm1, "apply");
    const at = { conversationId: `a:personal-${U.comm1.id.slice(3)}`, messageId: rig.fake.idOf(rig.fake.posts().at(-1)!) };
    await rig.click(U.comm1, "form.save_draft", { formId: "application", step: 0, proposedCity: ARABIC_CITY, country: ARABIC_COUNTRY }, at);
    await rig.say(U.comm1, "status");
    const list = cardOf(rig.fake.posts().at(-1)!.body);
    const text = JSON.stringify(list);
    expect(text).toContain(`\u2068${ARABIC_CITY}\u2069, \u2068${ARABIC_COUNTRY}\u2069`);
    expect(actionsOf(list).length).toBeGreaterThan(0);
  });

  it("does not log whole activities (names, answers), even at debug", async () => {
    lines.length = 0;
    const secretName = "Zebulon Quixotic-Marchetti";
    const secretAnswer = "Vladivostok-Sekret-Answer";
    const who: TeamsUser = { id: "29:zebulon", name: secretName, aadObjectId: "00000000-0000-4000-8000-000000000098" };
    await rig.say(who, "apply");
    const at = { conversationId: "a:personal-zebulon", messageId: rig.fake.idOf(rig.fake.posts().at(-1)!) };
    await rig.click(who, "form.save_draft", { formId: "application", step: 0, proposedCity: secretAnswer }, at);
    expect(lines.some((l) => l.startsWith("debug"))).toBe(true); // the SDK did log at debug
    const leaked = lines.filter((l) => l.includes(secretName) || l.includes(secretAnswer));
    expect(leaked).toEqual([]);
  });
});
