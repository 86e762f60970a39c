// Checks Block Kit payloads against Slack's documented limits and shapes (there is no official JSON Schema for
// Block Kit; these rules come from docs.slack.dev, summarised in docs/platform-facts.md). Returns a list of problems.

type J = Record<string, unknown>;
const isObj = (x: unknown): x is J => typeof x === "object" && x !== null && !Array.isArray(x);

function textObj(t: unknown, where: string, max: number, out: string[], plainOnly = false): void {
  if (!isObj(t)) return void out.push(`${where}: text object missing`);
  if (t.type !== "plain_text" && (plainOnly || t.type !== "mrkdwn")) out.push(`${where}: text type ${String(t.type)} not allowed`);
  const s = typeof t.text === "string" ? t.text : "";
  if (s.length < 1) out.push(`${where}: empty text`);
  if (s.length > max) out.push(`${where}: text ${s.length} > ${max}`);
}

const INPUT_ELEMENTS = new Set(["plain_text_input", "number_input", "radio_buttons", "checkboxes", "static_select", "datepicker", "email_text_input", "url_text_input"]);

function element(e: unknown, where: string, out: string[]): void {
  if (!isObj(e)) return void out.push(`${where}: element missing`);
  const aid = e.action_id;
  if (typeof aid === "string" && aid.length > 255) out.push(`${where}: action_id > 255`);
  switch (e.type) {
    case "button":
      textObj(e.text, `${where}.text`, 75, out, true);
      if (typeof e.value === "string" && e.value.length > 2000) out.push(`${where}: value > 2000`);
      if (e.style !== undefined && e.style !== "primary" && e.style !== "danger") out.push(`${where}: bad style`);
      break;
    case "plain_text_input": {
      const m = e.max_length;
      if (m !== undefined && (typeof m !== "number" || m < 1 || m > 3000)) out.push(`${where}: max_length ${String(m)} outside 1–3000`);
      if (typeof e.initial_value === "string" && typeof m === "number" && e.initial_value.length > m) out.push(`${where}: initial_value longer than max_length`);
      break;
    }
    case "email_text_input":
    case "url_text_input":
      // These take no length or multiline settings; Slack refuses a view that gives them any.
      for (const k of ["max_length", "min_length", "multiline"]) if (k in e) out.push(`${where}: ${String(e.type)} has no ${k}`);
      if (e.initial_value !== undefined && typeof e.initial_value !== "string") out.push(`${where}: initial_value must be a string`);
      if (e.placeholder !== undefined) textObj(e.placeholder, `${where}.placeholder`, 150, out, true);
      break;
    case "number_input":
      if (typeof e.is_decimal_allowed !== "boolean") out.push(`${where}: number_input needs is_decimal_allowed`);
      break;
    case "radio_buttons":
    case "checkboxes":
    case "static_select": {
      const opts = Array.isArray(e.options) ? e.options : [];
      const max = e.type === "static_select" ? 100 : 10;
      if (opts.length < 1 || opts.length > max) out.push(`${where}: ${opts.length} options (1–${max})`);
      opts.forEach((o, i) => {
        if (!isObj(o)) return;
        textObj(o.text, `${where}.options[${i}]`, 75, out);
        if (typeof o.value !== "string" || o.value.length > 150) out.push(`${where}.options[${i}]: bad value`);
      });
      break;
    }
    case "datepicker":
      if (e.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(e.initial_date))) out.push(`${where}: bad initial_date`);
      break;
    default:
      out.push(`${where}: unknown element type ${String(e.type)}`);
  }
}

/** Problems in a list of blocks (`surface` decides the block limit). */
export function checkBlocks(blocks: unknown, surface: "message" | "modal" | "home"): string[] {
  const out: string[] = [];
  if (!Array.isArray(blocks)) return ["blocks is not an array"];
  const limit = surface === "message" ? 50 : 100;
  if (blocks.length > limit) out.push(`${blocks.length} blocks > ${limit}`);
  const ids = new Set<string>();
  blocks.forEach((b, i) => {
    const w = `blocks[${i}]`;
    if (!isObj(b)) return void out.push(`${w}: not an object`);
    if (typeof b.block_id === "string") {
      if (b.block_id.length > 255) out.push(`${w}: block_id > 255`);
      if (ids.has(b.block_id)) out.push(`${w}: duplicate block_id ${b.block_id}`);
      ids.add(b.block_id);
    }
    switch (b.type) {
      case "header":
        textObj(b.text, `${w}.text`, 150, out, true);
        break;
      case "section":
        if (b.text === undefined && b.fields === undefined) out.push(`${w}: section needs text or fields`);
        if (b.text !== undefined) textObj(b.text, `${w}.text`, 3000, out);
        if (b.fields !== undefined) {
          const f = Array.isArray(b.fields) ? b.fields : [];
          if (f.length > 10) out.push(`${w}: ${f.length} fields > 10`);
          f.forEach((x, k) => textObj(x, `${w}.fields[${k}]`, 2000, out));
        }
        break;
      case "context": {
        const els = Array.isArray(b.elements) ? b.elements : [];
        if (els.length < 1 || els.length > 10) out.push(`${w}: context needs 1–10 elements`);
        els.forEach((x, k) => textObj(x, `${w}.elements[${k}]`, 3000, out));
        break;
      }
      case "divider":
        break;
      case "actions": {
        const els = Array.isArray(b.elements) ? b.elements : [];
        if (els.length < 1 || els.length > 25) out.push(`${w}: actions needs 1–25 elements`);
        const aids = new Set<string>();
        els.forEach((x, k) => {
          element(x, `${w}.elements[${k}]`, out);
          const aid = isObj(x) ? String(x.action_id) : "";
          if (aids.has(aid)) out.push(`${w}: duplicate action_id ${aid}`);
          aids.add(aid);
        });
        break;
      }
      case "input":
        if (surface === "message") out.push(`${w}: input blocks belong in modals`);
        textObj(b.label, `${w}.label`, 2000, out, true);
        if (b.hint !== undefined) textObj(b.hint, `${w}.hint`, 2000, out, true);
        if (!isObj(b.element) || !INPUT_ELEMENTS.has(String(b.element.type))) out.push(`${w}: bad input element`);
        else element(b.element, `${w}.element`, out);
        break;
      default:
        out.push(`${w}: unknown block type ${String(b.type)}`);
    }
  });
  return out;
}

/** Problems in a modal or home view. */
export function checkView(view: unknown): string[] {
  if (!isObj(view)) return ["view is not an object"];
  const out: string[] = [];
  if (view.type === "modal") {
    textObj(view.title, "title", 24, out, true);
    if (view.submit !== undefined) textObj(view.submit, "submit", 24, out, true);
    if (view.close !== undefined) textObj(view.close, "close", 24, out, true);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === "input");
    if (hasInput && view.submit === undefined) out.push("a modal with inputs needs submit");
  } else if (view.type !== "home") out.push(`unknown view type ${String(view.type)}`);
  if (typeof view.private_metadata === "string" && view.private_metadata.length > 3000) out.push("private_metadata > 3000");
  if (typeof view.callback_id === "string" && view.callback_id.length > 255) out.push("callback_id > 255");
  return [...out, ...checkBlocks(view.blocks, view.type === "home" ? "home" : "modal")];
}
