/**
 * A stage's settings, validated as API Gateway validates UpdateStage and stored in AWS's Stage
 * shape (`settings` JSON: methodSettings keyed `*\/*` or `{resourcePath}/{VERB}` with AWS's flat
 * field names, cache cluster, tracing, access logs, client certificate, WAF, canarySettings), so the
 * local gateway (lib/gateway/settings.ts) and the AWS sync (lib/aws/stage-sync.ts) read one shape.
 */
import { z } from "zod";
import type { ApiDesign } from "../model/design";
import type { FieldIssue } from "../model/errors";
import { ValidationError } from "../model/errors";
import { resourcePath } from "../model/tree";
import { checkStageVariables } from "./rules";

export const CACHE_CLUSTER_SIZES = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"] as const;
export const LOGGING_LEVELS = ["OFF", "ERROR", "INFO"] as const;
export const DEFAULT_CACHE_TTL = 300;
export const ALL_METHODS_KEY = "*/*";

const nonNegative = (what: string) => z.number({ error: `${what} must be a number` }).min(0, `${what} can't be negative`);

/** One method setting, AWS's MethodSetting. */
export const methodSettingSchema = z.object({
  metricsEnabled: z.boolean().default(false),
  loggingLevel: z.enum(LOGGING_LEVELS, { error: "Logging level is OFF, ERROR or INFO" }).default("OFF"),
  dataTraceEnabled: z.boolean().default(false),
  throttlingRateLimit: nonNegative("Rate limit").optional(),
  throttlingBurstLimit: nonNegative("Burst limit").int("Burst limit is a whole number of requests").optional(),
  cachingEnabled: z.boolean().default(false),
  cacheTtlInSeconds: z
    .number({ error: "TTL must be a number" })
    .int("TTL is a whole number of seconds")
    .min(0, "TTL must be between 0 and 3600 seconds")
    .max(3600, "TTL must be between 0 and 3600 seconds")
    .default(DEFAULT_CACHE_TTL),
  cacheDataEncrypted: z.boolean().default(false),
});
export type MethodSetting = z.infer<typeof methodSettingSchema>;

const LOG_DESTINATION =
  /^arn:aws[a-z-]*:(logs:[a-z0-9-]+:\d{12}:log-group:[A-Za-z0-9_\-/.#]+(:\*)?|firehose:[a-z0-9-]+:\d{12}:deliverystream\/amazon-apigateway-[A-Za-z0-9_.-]+)$/;
const WEB_ACL = /^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[A-Za-z0-9_-]+\/[A-Za-z0-9-]+$/;
const CLIENT_CERT = /^[A-Za-z0-9]{1,64}$/;

export const accessLogSettingsSchema = z.object({
  destinationArn: z
    .string()
    .trim()
    .regex(LOG_DESTINATION, "Give a CloudWatch Logs log group ARN or a Firehose stream ARN whose name starts with amazon-apigateway-"),
  // AWS: "Access Log format must contain $context.requestId or $context.extendedRequestId".
  format: z
    .string()
    .trim()
    .min(1, "Give a log format")
    .max(4096, "At most 4096 characters")
    .refine((f) => /\$context\.(requestId|extendedRequestId)\b/.test(f), "The log format must contain $context.requestId or $context.extendedRequestId"),
});

/** What a person edits on a stage (everything but its deployment and canary). */
export const stageSettingsInputSchema = z.object({
  description: z.string().max(1024, "At most 1024 characters").default(""),
  variables: z.record(z.string(), z.string()).default({}),
  protected: z.boolean().default(false),
  cacheClusterEnabled: z.boolean().default(false),
  cacheClusterSize: z.enum(CACHE_CLUSTER_SIZES, { error: `Cache size is one of ${CACHE_CLUSTER_SIZES.join(", ")} GB` }).optional(),
  tracingEnabled: z.boolean().default(false),
  accessLogSettings: accessLogSettingsSchema.nullish(),
  clientCertificateId: z.string().trim().regex(CLIENT_CERT, "A client certificate id is letters and digits").nullish(),
  webAclArn: z.string().trim().regex(WEB_ACL, "Give a regional AWS WAF web ACL ARN (arn:aws:wafv2:REGION:ACCOUNT:regional/webacl/NAME/ID)").nullish(),
  methodSettings: z.record(z.string(), methodSettingSchema).default({}),
});
export type StageSettingsInput = z.input<typeof stageSettingsInputSchema>;
export type StageSettingsValue = z.output<typeof stageSettingsInputSchema>;

export const canaryInputSchema = z.object({
  deploymentId: z.string().min(1, "Choose the canary's deployment"),
  percentTraffic: z
    .number({ error: "Percent must be a number" })
    .min(0, "Percent of traffic must be between 0 and 100")
    .max(100, "Percent of traffic must be between 0 and 100"),
  stageVariableOverrides: z.record(z.string(), z.string()).default({}),
  useStageCache: z.boolean().default(false),
});
export type CanaryInput = z.input<typeof canaryInputSchema>;
export type CanaryValue = z.output<typeof canaryInputSchema>;

/** The stored `settings` JSON (AWS's Stage fields other than deploymentId, description, variables). */
export interface StoredStageSettings {
  methodSettings: Record<string, MethodSetting>;
  cacheClusterEnabled: boolean;
  cacheClusterSize?: (typeof CACHE_CLUSTER_SIZES)[number];
  tracingEnabled: boolean;
  accessLogSettings?: { destinationArn: string; format: string };
  clientCertificateId?: string;
  webAclArn?: string;
  canarySettings?: CanaryValue;
  /** Anything else already there (the gateway's `apiKeys`) is kept as is. */
  [other: string]: unknown;
}

function issuesOf(error: z.ZodError, prefix = ""): FieldIssue[] {
  return error.issues.map((i) => ({ field: [prefix, ...i.path.map(String)].filter(Boolean).join("."), message: i.message }));
}

/** Parses settings input; throws a ValidationError naming every bad field (variables as `variables.NAME`). */
/** A string map from raw input, for checking variables even when other fields are invalid. */
function stringMap(v: unknown): Record<string, string> {
  if (!v || typeof v !== "object" || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === "string")) as Record<string, string>;
}

/** Parses settings input; throws a ValidationError naming every bad field at once (variables as `variables.NAME`). */
export function parseStageSettingsInput(input: unknown): StageSettingsValue {
  const parsed = stageSettingsInputSchema.safeParse(input);
  const raw = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  const issues = [...(parsed.success ? [] : issuesOf(parsed.error)), ...checkStageVariables(parsed.success ? parsed.data.variables : stringMap(raw.variables))];
  if (!parsed.success || issues.length) throw new ValidationError(issues);
  if (parsed.data.cacheClusterEnabled && !parsed.data.cacheClusterSize) parsed.data.cacheClusterSize = "0.5";
  return parsed.data;
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

/** Reads a stored `settings` JSON into its typed shape (lenient: unknown or malformed parts fall back to defaults). */
export function readStoredSettings(raw: unknown): StoredStageSettings {
  const s = isObject(raw) ? raw : {};
  const methodSettings: Record<string, MethodSetting> = {};
  if (isObject(s.methodSettings)) {
    for (const [k, v] of Object.entries(s.methodSettings)) {
      const parsed = methodSettingSchema.safeParse(v);
      if (parsed.success) methodSettings[k] = parsed.data;
    }
  }
  const canary = canaryInputSchema.safeParse(s.canarySettings);
  const access = accessLogSettingsSchema.safeParse(s.accessLogSettings);
  const out: StoredStageSettings = {
    ...s,
    methodSettings,
    cacheClusterEnabled: s.cacheClusterEnabled === true,
    tracingEnabled: s.tracingEnabled === true,
  };
  const size = CACHE_CLUSTER_SIZES.find((x) => x === s.cacheClusterSize);
  if (size) out.cacheClusterSize = size;
  else delete out.cacheClusterSize;
  if (access.success) out.accessLogSettings = access.data;
  else delete out.accessLogSettings;
  for (const k of ["clientCertificateId", "webAclArn"] as const) if (typeof s[k] !== "string" || !s[k]) delete out[k];
  if (canary.success) out.canarySettings = canary.data;
  else delete out.canarySettings;
  return out;
}

/** The stored settings after an edit: the edited fields replace, the canary and unknown keys stay. */
export function applySettingsInput(current: StoredStageSettings, input: StageSettingsValue): StoredStageSettings {
  const next: StoredStageSettings = {
    ...current,
    methodSettings: input.methodSettings,
    cacheClusterEnabled: input.cacheClusterEnabled,
    tracingEnabled: input.tracingEnabled,
  };
  const optional = {
    cacheClusterSize: input.cacheClusterEnabled ? input.cacheClusterSize : undefined,
    accessLogSettings: input.accessLogSettings ?? undefined,
    clientCertificateId: input.clientCertificateId || undefined,
    webAclArn: input.webAclArn || undefined,
  };
  for (const [k, v] of Object.entries(optional)) {
    if (v === undefined) delete next[k];
    else next[k] = v;
  }
  return next;
}

/** JSON for the database column (undefined keys dropped). */
export function settingsJson(s: StoredStageSettings): Record<string, unknown> {
  return JSON.parse(JSON.stringify(s));
}
