// Validates Adaptive Cards against the official 1.5 schema (the newest Teams renders) and Bot Framework activities
// against the protocol schema (copies in test/oracles, see its README), and Teams app manifests against the official
// manifest schema that the npm package @microsoft/app-manifest ships.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import ajvModule, { type ErrorObject, type ValidateFunction } from "ajv";
import ajvDraft04Module from "ajv-draft-04";
import ajvFormatsModule from "ajv-formats";

/** The copies of official schemas kept in this repository. */
export const ORACLES_DIR = join(import.meta.dirname, "../oracles");

const require = createRequire(import.meta.url);
const Ajv = ajvModule.default;
const AjvDraft04 = ajvDraft04Module.default;
const addFormats = ajvFormatsModule.default;

/** The Teams manifest schema for one manifestVersion, as @microsoft/app-manifest ships it. */
function teamsManifestSchema(version: string): Record<string, unknown> {
  const pkg = dirname(require.resolve("@microsoft/app-manifest/package.json"));
  return JSON.parse(readFileSync(join(pkg, "build/json-schemas/teams", `v${version}`, "MicrosoftTeams.schema.json"), "utf8")) as Record<string, unknown>;
}

const load = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(ORACLES_DIR, path), "utf8")) as Record<string, unknown>;

let cardValidator: ValidateFunction | undefined;
let manifestValidator: ValidateFunction | undefined;
let activityValidator: ValidateFunction | undefined;

function explain(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`);
}

/** Problems with an Adaptive Card under schema 1.5 (empty when valid). */
export function adaptiveCardProblems(card: unknown): string[] {
  if (!cardValidator) {
    // The schema is draft-06 with the legacy root "id"; Ajv 8 needs the draft-06 meta-schema and "$id" instead.
    const schema = load("adaptivecards/adaptive-card-1.5.0.json");
    schema.$id = schema.id;
    delete schema.id;
    const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
    addFormats(ajv);
    ajv.addMetaSchema(require("ajv/dist/refs/json-schema-draft-06.json") as Record<string, unknown>);
    cardValidator = ajv.compile(schema);
  }
  return cardValidator(card) ? [] : explain(cardValidator.errors);
}

/** Problems with a Teams app manifest under schema v1.29 (empty when valid). */
export function teamsManifestProblems(manifest: unknown): string[] {
  if (!manifestValidator) {
    // Draft-04 needs ajv-draft-04; some Teams patterns are invalid under the regexp "u" flag.
    const ajv = new AjvDraft04({ allErrors: true, strict: false, logger: false, unicodeRegExp: false });
    addFormats(ajv);
    manifestValidator = ajv.compile(teamsManifestSchema("1.29"));
  }
  return manifestValidator(manifest) ? [] : explain(manifestValidator.errors);
}

/** Problems with a Bot Framework activity (what Teams posts to the bot), from the protocol's JSON Schema. */
export function botFrameworkActivityProblems(activity: unknown): string[] {
  if (!activityValidator) {
    // The file holds definitions only; the Activity definition is compiled through a $ref into it.
    const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
    addFormats(ajv);
    ajv.addSchema(load("botframework/botframework.json"), "botframework.json");
    activityValidator = ajv.compile({ $ref: "botframework.json#/definitions/Activity" });
  }
  return activityValidator(activity) ? [] : explain(activityValidator.errors);
}

/**
 * Every Adaptive Card inside a Bot Framework payload (message attachments, invoke responses, dialog and
 * message-extension task infos), so tests can validate whatever the bot sent.
 */
export function adaptiveCardsIn(payload: unknown): unknown[] {
  const found: unknown[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== "object") return;
    const o = v as Record<string, unknown>;
    if (o.contentType === "application/vnd.microsoft.card.adaptive" && "content" in o) found.push(o.content);
    else if (o.type === "application/vnd.microsoft.card.adaptive" && "value" in o) found.push(o.value);
    else Object.values(o).forEach(walk);
  };
  walk(payload);
  return found;
}
