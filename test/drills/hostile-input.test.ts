import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sopot } from "../support/fixtures.js";
import { startSlackRig, type SlackRig } from "../slack/slack-harness.js";
import { commandBody, interactionBody, post } from "../slack/signed.js";

// Each is something a careless or hostile person could type or forge.
const HOSTILE: string[] = [
  "x".repeat(10_000),
  "界".repeat(3_001),
  "\u0000null byte",
  "bell\u0007",
  "\u001b[31mred\u001b[0m",
  "back\bspace",
  "مدينة الأخوة",
  "עיר תאומה",
  "\u202Egnp.exe",
  "👨‍👩‍👧‍👦🇵🇱🇺🇸",
  "*bold* _italic_ ~strike~ `code`",
  "```block```",
  "> quoted\n> more",
  "<!channel> everyone",
  "<!here>",
  "<@UDIRECTOR>",
  "<#CCOMMISSION>",
  "<!subteam^S123|@council>",
  "<https://evil.example|click me>",
  "<script>alert(1)</script>",
  "[link](javascript:alert(1))",
  "**markdown** __bold__ # heading",
  "'; DROP TABLE \"Application\"; --",
  '{"__proto__":{"admin":true}}',
  "__proto__",
  "constructor",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "1e309",
  "-1",
  "0",
  "1.5",
  "99999999999999999999",
  "   ",
  "e\u0301",
  "\ud800",
  "Z̷̢̛͎a̸l̴g̶o̵",
  "=cmd|' /C calc'!A0",
  "a\r\nb\rc",
  "\t\t",
  "&amp;&lt;&gt;",
  "%00%0d%0a",
  "../../etc/passwd",
  "${7*7}",
  "{{7*7}}",
  "@channel",
  "SC-0001",
  "#1",
];

const FIELDS = ["proposedCity", "country", "population", "notes", "contactEmail", "letterUrl", "metropolisDistanceKm", "originNote"];

describe("drill: 200+ hostile inputs over signed HTTP", () => {
  let rig: SlackRig;
  let at: { channel: string; ts: string };
  beforeAll(async () => {
    rig = await startSlackRig();
    await rig.command("UAPPLICANT", "apply");
    await rig.submit("UAPPLICANT", rig.lastView(), { ...sopot });
    await rig.click("UDIRECTOR", "intake.accept", 1, { channel: "DDIRECTOR", ts: "1.0" });
    const ref = await rig.bot.store.db.messageRef.findFirstOrThrow({ where: { kind: "commission" } });
    at = { channel: ref.conversationId, ts: ref.messageId };
  });
  afterAll(async () => {
    await rig.close();
  });

  it("every one is refused clearly or stored and shown escaped, and the server keeps serving", async () => {
    let cases = 0;
    const form = "application/x-www-form-urlencoded";
    await rig.command("UAPPLICANT", "apply");
    const modal = rig.lastView();

    for (const [i, h] of HOSTILE.entries()) {
      // 1. In an application field (rotating through text, number, email and link fields).
      const field = FIELDS[i % FIELDS.length]!;
      const r = await rig.submit("UAPPLICANT", { ...modal, id: `VH${i}` }, { ...sopot, [field]: h });
      expect(r.status).toBe(200);
      // Refused on the step's fields, or walked through the steps to the confirmation or the marked form.
      if (r.json?.response_action === "errors") {
        const msg = Object.values(r.json.errors as Record<string, string>).join(" ");
        expect(msg.length).toBeGreaterThan(5);
      } else if (r.json) expect(r.json.response_action).toBe("update");
      cases++;
      // 2. As a forged button value.
      expect((await rig.click("UCOMM1", "vote.approve", h, at)).status).toBe(200);
      cases++;
      // 3. As slash-command text.
      expect((await rig.command("UAPPLICANT", `status ${h}`)).status).toBe(200);
      cases++;
      // 4. As a forged multi-select value and a forged private_metadata.
      const forged = await rig.submit("UAPPLICANT", { ...modal, id: `VF${i}`, private_metadata: i % 2 ? h : modal.private_metadata }, { ...sopot, origins: [h] });
      expect(forged.status).toBe(200);
      cases++;
    }
    // 5. Unknown actions, wrong payload shapes.
    for (const action of ["vote.__proto__", "vote.constructor", "intake.toString", "app.unknown"]) {
      expect((await rig.click("UCOMM1", action, 1, at)).status).toBe(200);
      cases++;
    }
    const weird = await post(rig.url, interactionBody({ type: "block_actions", user: { id: "UCOMM1" }, actions: "not a list" }), form);
    expect(weird.status).toBeLessThan(500);
    const noUser = await post(rig.url, commandBody({ user: "", text: "list", responseUrl: `${rig.fake.base}/response/x` }), form);
    expect(noUser.status).toBe(200);
    cases += 2;
    await rig.settle();
    expect(cases).toBeGreaterThanOrEqual(200);

    // Nothing forged a vote, and whatever was stored is text only.
    expect(await rig.bot.store.db.vote.count()).toBe(0);
    const stored = await rig.bot.store.db.application.findMany();
    for (const a of stored) expect(JSON.stringify(a.data)).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    // Every call still meets the API description and Block Kit's limits, and no mention or link reached mrkdwn.
    expect(rig.problems()).toEqual([]);
    for (const c of rig.fake.calls) {
      const walk = (x: unknown): void => {
        if (Array.isArray(x)) return x.forEach(walk);
        if (x && typeof x === "object") {
          const o = x as Record<string, unknown>;
          if (o.type === "mrkdwn" && typeof o.text === "string") expect(o.text).not.toMatch(/<[!@#]|<https?:/);
          Object.values(o).forEach(walk);
        }
      };
      walk(c.args.blocks);
      walk(c.args.view);
      if (typeof c.args.text === "string") expect(c.args.text).not.toMatch(/<[!@#]|<https?:/);
    }
    expect((await fetch(`http://127.0.0.1:${rig.bot.port}/healthz`)).status).toBe(200);
  }, 120_000);
});
