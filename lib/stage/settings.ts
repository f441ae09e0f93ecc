/**
 * A stage's settings, validated as API Gateway validates UpdateStage and stored in AWS's Stage
 * shape (`settings` JSON: methodSettings keyed `*\/*` or `{resourcePath}/{VERB}` with AWS's flat
 * field names, cache cluster, tracing, access logs, client certificate, WAF, canarySettings).
 * Every setting is a row of the table in ./settings/fields.ts; the input schema, the stored shape,
 * reading it and applying an edit are derived here from those rows.
 */
import { z } from "zod";
import type { ApiDesign } from "../model/design";
import type { FieldIssue } from "../errors";
import { ValidationError } from "../errors";
import { resourcePath } from "../model/tree";
import { checkStageVariables } from "./rules";
import { canaryInputSchema, type CanaryValue, readSetting, settingEntries, type StageSettingValues, stringMap } from "./settings/fields";

export {
  accessLogSettingsSchema,
  CACHE_CLUSTER_SIZES,
  type CanaryInput,
  type CanaryValue,
  canaryInputSchema,
  DEFAULT_CACHE_TTL,
  LOGGING_LEVELS,
  type MethodSetting,
  methodSettingSchema,
} from "./settings/fields";
export const ALL_METHODS_KEY = "*/*";

/** The settings rows the stage settings form edits (not the canary, which has its own actions). */
const formRows = () => settingEntries().filter(([, row]) => row.editedBy === "settings");

/**
 * What a person edits on a stage: its own description, variables and protection, and every
 * setting the form edits. A setting with a default gets it when left out; the others may be
 * left out or null (not set).
 */
export const stageSettingsInputSchema = z.object({
  description: z.string().max(1024, "At most 1024 characters").default(""),
  variables: z.record(z.string(), z.string()).default({}),
  protected: z.boolean().default(false),
  ...Object.fromEntries(
    formRows().map(([name, row]) => [name, row.default === undefined || row.requires ? row.schema.nullish() : row.schema.default(row.default)]),
  ),
});

interface StageColumns {
  description: string;
  variables: Record<string, string>;
  protected: boolean;
}
export type StageSettingsInput = Partial<StageColumns> & { [K in keyof StageSettingValues]?: StageSettingValues[K] | null };
/** Parsed input: the columns, and the settings that are set (unset ones are absent). */
export type StageSettingsValue = StageColumns & Partial<StageSettingValues>;

/** The stored `settings` JSON: every setting of the table, plus anything else already there, kept as is. */
export type StoredStageSettings = StageSettingValues & { [other: string]: unknown };

function issuesOf(error: z.ZodError, prefix = ""): FieldIssue[] {
  return error.issues.map((i) => ({ field: [prefix, ...i.path.map(String)].filter(Boolean).join("."), message: i.message }));
}

/** Parses settings input; throws a ValidationError naming every bad field at once (variables as `variables.NAME`). */
export function parseStageSettingsInput(input: unknown): StageSettingsValue {
  const parsed = stageSettingsInputSchema.safeParse(input);
  const raw = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  const issues = [...(parsed.success ? [] : issuesOf(parsed.error)), ...checkStageVariables(parsed.success ? parsed.data.variables : stringMap(raw.variables))];
  if (!parsed.success || issues.length) throw new ValidationError(issues);
  const value: Record<string, unknown> = parsed.data;
  for (const [name, row] of formRows()) {
    if (value[name] === null) delete value[name];
    // A setting that exists only with a flag takes its default when the flag is turned on without it.
    if (row.requires && value[row.requires] === true && value[name] === undefined && row.default !== undefined) value[name] = row.default;
  }
  return value as unknown as StageSettingsValue;
}

export function parseCanaryInput(input: unknown): CanaryValue {
  const parsed = canaryInputSchema.safeParse(input);
  const raw = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  const overrides = parsed.success ? parsed.data.stageVariableOverrides : stringMap(raw.stageVariableOverrides);
  const issues = [
    ...(parsed.success ? [] : issuesOf(parsed.error, "canarySettings")),
    ...checkStageVariables(overrides).map((i) => ({ ...i, field: `canarySettings.stageVariableOverrides${i.field.slice("variables".length)}` })),
  ];
  if (!parsed.success || issues.length) throw new ValidationError(issues);
  return parsed.data;
}

/** AWS's method-setting key for one method: `/pets/{id}/GET`. */
export function methodSettingKey(path: string, verb: string): string {
  return `${path}/${verb.toUpperCase()}`;
}

/** `*\/*` plus every `{path}/{VERB}` of a design: the keys a stage on it may set. */
export function methodSettingKeys(design: ApiDesign): string[] {
  const keys = [ALL_METHODS_KEY];
  for (const r of design.resources) {
    const path = resourcePath(design, r);
    for (const verb of Object.keys(r.methods).sort()) keys.push(methodSettingKey(path, verb));
  }
  return keys;
}

/** AWS refuses a method setting for a method the stage's deployment doesn't have. */
export function checkMethodSettingKeys(keys: string[], design: ApiDesign): FieldIssue[] {
  const known = new Set(methodSettingKeys(design));
  return keys
    .filter((k) => !known.has(k))
    .map((k) => ({
      field: `methodSettings.${k}`,
      message: `${k} is not a method of the stage's deployment (use */* or {resourcePath}/{VERB}, e.g. /pets/GET)`,
    }));
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/**
 * Reads a stored `settings` JSON into its typed shape, row by row (lenient: an unknown or
 * malformed part falls back to its default). A setting that exists only with a flag gets no
 * default here: it is absent until set. Keys the table doesn't know are kept as they are.
 */
export function readStoredSettings(raw: unknown): StoredStageSettings {
  const stored = isObject(raw) ? raw : {};
  const out: Record<string, unknown> = { ...stored };
  for (const [name, row] of settingEntries()) {
    const value = readSetting(row, stored[name]) ?? (row.requires ? undefined : row.default);
    if (value === undefined) delete out[name];
    else out[name] = value;
  }
  return out as StoredStageSettings;
}

/**
 * The stored settings after an edit: the settings the form edits are replaced (cleared when not
 * set, or when the flag they need is off); the canary and keys the table doesn't know stay.
 */
export function applySettingsInput(current: StoredStageSettings, input: StageSettingsValue): StoredStageSettings {
  const next: Record<string, unknown> = { ...current };
  const given = input as unknown as Record<string, unknown>;
  for (const [name, row] of formRows()) {
    const value = !row.requires || given[row.requires] === true ? given[name] : undefined;
    if (value === undefined || value === null || value === "") delete next[name];
    else next[name] = value;
  }
  return next as StoredStageSettings;
}

/** JSON for the database column (undefined keys dropped). */
export function settingsJson(s: StoredStageSettings): Record<string, unknown> {
  return JSON.parse(JSON.stringify(s));
}
