/**
 * The stage settings table: one row per setting a stage keeps in its `settings` JSON (AWS's Stage
 * fields other than deploymentId, description and variables, which are the stage's own columns),
 * and one row per field of a method setting. Everything that touches stage settings is derived
 * from these rows:
 *
 * - the settings input (zod, field-level messages) and the stored shape: lib/stage/settings.ts
 * - the console form: components/stages/settings/ (a row's `form`)
 * - UpdateStage and CreateStage: lib/aws/stage-sync.ts (a row's `aws`)
 * - drift: lib/aws/stage-drift.ts (rows with `aws` are compared; method fields with their `awsDefault`)
 * - the local gateway: lib/gateway/settings.ts (a row's `gateway`)
 *
 * docs/how-to-add.md shows adding a setting: one row here, plus its form field when it needs a
 * control of its own.
 */
import { z } from "zod";

export const CACHE_CLUSTER_SIZES = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"] as const;
export const LOGGING_LEVELS = ["OFF", "ERROR", "INFO"] as const;
export const DEFAULT_CACHE_TTL = 300;

/** How the console edits a setting. `number` fields are typed as text and sent as numbers. */
export type FormControl =
  | { kind: "checkbox"; label: string }
  | { kind: "select"; label: string; options: readonly string[] }
  | { kind: "text"; label: string; hint?: string; placeholder?: string }
  | { kind: "number"; label: string; inputMode: "decimal" | "numeric" }
  /** An object edited as one text field per part (`{name}.{part}`), cleared when every part is empty. */
  | { kind: "parts"; parts: readonly { name: string; label: string; placeholder?: string }[] }
  /** Its own editor (the method settings list). */
  | { kind: "custom" };

/**
 * How a setting goes to AWS (lib/aws/stage-sync.ts has one patcher per kind):
 * `value` replace on change, remove when cleared; `clearedWhole` an object whose fields are set one
 * path each but which AWS clears only as a whole; `methodSettings` and `canary` their own families.
 */
export type AwsPatchKind = "value" | "clearedWhole" | "methodSettings" | "canary";

export interface AwsSide {
  /** UpdateStage patch path; null when UpdateStage can't set it (`via` says what does). */
  path: string | null;
  patch?: AwsPatchKind;
  /** CreateStage takes it; otherwise an UpdateStage right after CreateStage sets it. */
  create?: boolean;
  via?: string;
}

/** The AWS side of a row: where it goes, and how GetStage's value reads (as AWS holds it, not validated: an adopt validates it). */
export interface AwsRowSide<T> extends AwsSide {
  /** Default: the value as is; missing or empty reads as the row's default. */
  live?: (raw: unknown) => T | undefined;
}

export interface SettingRow<T> {
  /** Validates what a person (or an adopt from AWS) gives. */
  schema: z.ZodType<T>;
  /** The value when none is set (the input's default too). No default: absent until set. */
  default?: T;
  /** A boolean setting this one exists only with: while that is off it is dropped, never sent. */
  requires?: string;
  /** Reads a stored value leniently (undefined: unset or unreadable, so the default). Default: the schema. */
  read?: (raw: unknown) => T | undefined;
  /** Who changes it: the settings form, the canary actions, or nothing in the console (kept as stored). */
  editedBy: "settings" | "canary" | "none";
  /** Where it lives on AWS. Absent: Gatehouse's own (never sent, never compared for drift). */
  aws?: AwsRowSide<T>;
  form?: FormControl;
  /** What the local gateway does with it (lib/gateway/settings.ts reads these rows). */
  gateway?: string;
}

/** A row whose value is always there (it has a default and no `requires`). */
export function setting<T>(row: SettingRow<T> & { default: T; requires?: never }): Omit<SettingRow<T>, "requires"> & { default: T };
/** A row whose value may be absent. */
export function setting<T>(row: SettingRow<T>): SettingRow<T>;
export function setting<T>(row: SettingRow<T>): SettingRow<T> {
  return row;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** A finite, non-negative number, also from a numeric string (how older settings and hand-edited JSON hold them). */
export const lenientNumber = (v: unknown): number | undefined => {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) && n >= 0 ? n : undefined;
};

/** The string-valued entries of a map (other values are dropped, not the whole map). */
export function stringMap(v: unknown): Record<string, string> {
  if (!isObject(v)) return {};
  return Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === "string")) as Record<string, string>;
}

const nonNegative = (what: string) => z.number({ error: `${what} must be a number` }).min(0, `${what} can't be negative`);
const flag = () => z.boolean();
const fromSchema =
  <T>(schema: z.ZodType<T>) =>
  (raw: unknown): T | undefined => {
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  };

// ---------------------------------------------------------------------------------------------
// Method settings: AWS's MethodSetting, per `*\/*` or `{resourcePath}/{VERB}`.

export interface MethodFieldRow<T> extends Omit<SettingRow<T>, "requires" | "editedBy" | "aws"> {
  /** The patch path below `/{key}` (`/~1pets/GET/throttling/rateLimit`). */
  awsPath: string;
  /** What AWS reports for the field when nobody set it, so an unset field is not drift. */
  awsDefault?: T;
  /** Older stored spelling, read when the flat field is absent (`throttling.rateLimit`). */
  legacyPath?: readonly [string, string];
  /** The throttle limit the local gateway applies from it. */
  gateway?: "rateLimit" | "burstLimit";
}

const methodField = <T>(row: MethodFieldRow<T>) => row;

/** Order matters: UpdateStage operations for one method setting are sent in this order. */
export const METHOD_SETTING_FIELDS = {
  metricsEnabled: methodField({ schema: flag(), default: false, awsPath: "metrics/enabled", form: { kind: "checkbox", label: "Metrics" } }),
  loggingLevel: methodField({
    schema: z.enum(LOGGING_LEVELS, { error: "Logging level is OFF, ERROR or INFO" }),
    default: "OFF",
    awsPath: "logging/loglevel",
    form: { kind: "select", label: "Log level", options: LOGGING_LEVELS },
  }),
  dataTraceEnabled: methodField({ schema: flag(), default: false, awsPath: "logging/dataTrace", form: { kind: "checkbox", label: "Data trace" } }),
  throttlingRateLimit: methodField({
    schema: nonNegative("Rate limit"),
    read: lenientNumber,
    legacyPath: ["throttling", "rateLimit"],
    awsPath: "throttling/rateLimit",
    // AWS CLI reference, update-stage examples: an override's unset throttling reads as the account defaults.
    awsDefault: 10000,
    gateway: "rateLimit",
    form: { kind: "number", label: "Rate limit (req/s)", inputMode: "decimal" },
  }),
  throttlingBurstLimit: methodField({
    schema: nonNegative("Burst limit").int("Burst limit is a whole number of requests"),
    read: lenientNumber,
    legacyPath: ["throttling", "burstLimit"],
    awsPath: "throttling/burstLimit",
    awsDefault: 5000,
    gateway: "burstLimit",
    form: { kind: "number", label: "Burst limit", inputMode: "numeric" },
  }),
  cachingEnabled: methodField({ schema: flag(), default: false, awsPath: "caching/enabled", form: { kind: "checkbox", label: "Caching" } }),
  cacheTtlInSeconds: methodField({
    schema: z
      .number({ error: "TTL must be a number" })
      .int("TTL is a whole number of seconds")
      .min(0, "TTL must be between 0 and 3600 seconds")
      .max(3600, "TTL must be between 0 and 3600 seconds"),
    default: DEFAULT_CACHE_TTL,
    awsPath: "caching/ttlInSeconds",
    form: { kind: "number", label: "Cache TTL (seconds)", inputMode: "numeric" },
  }),
  cacheDataEncrypted: methodField({ schema: flag(), default: false, awsPath: "caching/dataEncrypted", form: { kind: "checkbox", label: "Encrypt cache" } }),
};

export type MethodFieldName = keyof typeof METHOD_SETTING_FIELDS;
type MethodFieldValue<K extends MethodFieldName> = (typeof METHOD_SETTING_FIELDS)[K] extends MethodFieldRow<infer T> ? T : never;
/** One method setting as stored: fields with a default are always there, throttling only when set. */
export type MethodSetting = {
  [K in MethodFieldName as (typeof METHOD_SETTING_FIELDS)[K] extends { default: unknown } ? K : never]: MethodFieldValue<K>;
} & { [K in MethodFieldName as (typeof METHOD_SETTING_FIELDS)[K] extends { default: unknown } ? never : K]?: MethodFieldValue<K> };

export const methodFieldEntries = () => Object.entries(METHOD_SETTING_FIELDS) as [MethodFieldName, MethodFieldRow<unknown>][];

/** One method setting, AWS's MethodSetting, validated (unset fields take their defaults). */
export const methodSettingSchema: z.ZodType<MethodSetting, Record<string, unknown>> = z.object(
  Object.fromEntries(methodFieldEntries().map(([name, f]) => [name, f.default === undefined ? f.schema.optional() : f.schema.default(f.default)])),
) as never;

/** A stored method setting read field by field: an unreadable field takes its default, the others stay. */
export function readMethodSetting(raw: Record<string, unknown>): MethodSetting {
  const out: Record<string, unknown> = {};
  for (const [name, f] of methodFieldEntries()) {
    const read = f.read ?? fromSchema(f.schema);
    const legacy = f.legacyPath && isObject(raw[f.legacyPath[0]]) ? (raw[f.legacyPath[0]] as Record<string, unknown>)[f.legacyPath[1]] : undefined;
    const value = read(raw[name]) ?? (legacy === undefined ? undefined : read(legacy)) ?? f.default;
    if (value !== undefined) out[name] = value;
  }
  return out as MethodSetting;
}

// ---------------------------------------------------------------------------------------------
// Stage settings.

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

/** A stored canary read as leniently as the gateway always has: percent capped at 100, non-string overrides dropped. */
function readCanary(raw: unknown): CanaryValue | undefined {
  if (!isObject(raw) || typeof raw.deploymentId !== "string" || !raw.deploymentId) return undefined;
  return {
    deploymentId: raw.deploymentId,
    percentTraffic: Math.min(100, lenientNumber(raw.percentTraffic) ?? 0),
    stageVariableOverrides: stringMap(raw.stageVariableOverrides),
    useStageCache: raw.useStageCache === true,
  };
}

function readMethodSettings(raw: unknown): Record<string, MethodSetting> | undefined {
  if (!isObject(raw)) return undefined;
  const out: Record<string, MethodSetting> = {};
  for (const [key, v] of Object.entries(raw)) if (isObject(v)) out[key] = readMethodSetting(v);
  return out;
}

const nonEmptyString = (raw: unknown) => (typeof raw === "string" && raw ? raw : undefined);

/** Order matters: UpdateStage operations are sent, and the form shows its fields, in this order. */
export const STAGE_SETTINGS = {
  cacheClusterEnabled: setting({
    schema: flag(),
    default: false,
    read: (raw) => raw === true,
    editedBy: "settings",
    aws: { path: "/cacheClusterEnabled", create: true },
    form: { kind: "checkbox", label: "Cache cluster enabled" },
  }),
  cacheClusterSize: setting({
    schema: z.enum(CACHE_CLUSTER_SIZES, { error: `Cache size is one of ${CACHE_CLUSTER_SIZES.join(", ")} GB` }),
    default: "0.5",
    requires: "cacheClusterEnabled",
    editedBy: "settings",
    aws: { path: "/cacheClusterSize", create: true },
    form: { kind: "select", label: "Cache cluster size (GB)", options: CACHE_CLUSTER_SIZES },
  }),
  tracingEnabled: setting({
    schema: flag(),
    default: false,
    read: (raw) => raw === true,
    editedBy: "settings",
    aws: { path: "/tracingEnabled", create: true },
    form: { kind: "checkbox", label: "X-Ray tracing" },
  }),
  accessLogSettings: setting({
    schema: accessLogSettingsSchema,
    editedBy: "settings",
    aws: {
      path: "/accessLogSettings",
      patch: "clearedWhole",
      // Set only with a destination: a format alone sends logs nowhere.
      live: (raw) =>
        isObject(raw) && raw.destinationArn
          ? { destinationArn: String(raw.destinationArn), format: typeof raw.format === "string" ? raw.format : "" }
          : undefined,
    },
    form: {
      kind: "parts",
      parts: [
        { name: "destinationArn", label: "Access log destination ARN", placeholder: "arn:aws:logs:us-east-1:123456789012:log-group:api-logs" },
        { name: "format", label: "Access log format", placeholder: '{"requestId":"$context.requestId"}' },
      ],
    },
  }),
  clientCertificateId: setting({
    schema: z.string().trim().regex(CLIENT_CERT, "A client certificate id is letters and digits"),
    read: nonEmptyString,
    editedBy: "settings",
    aws: { path: "/clientCertificateId" },
    form: { kind: "text", label: "Client certificate id" },
  }),
  webAclArn: setting({
    schema: z.string().trim().regex(WEB_ACL, "Give a regional AWS WAF web ACL ARN (arn:aws:wafv2:REGION:ACCOUNT:regional/webacl/NAME/ID)"),
    read: nonEmptyString,
    editedBy: "settings",
    // UpdateStage has no /webAclArn path: AWS attaches web ACLs through WAFv2 (lib/aws/waf.ts).
    aws: { path: null, via: "wafv2:AssociateWebACL" },
    form: {
      kind: "text",
      label: "WAF web ACL ARN",
      hint: "On AWS this is attached through AWS WAF (wafv2:AssociateWebACL), not UpdateStage; Test connection says whether this connection may.",
    },
  }),
  methodSettings: setting({
    schema: z.record(z.string(), methodSettingSchema),
    default: {},
    read: readMethodSettings,
    editedBy: "settings",
    aws: { path: "", patch: "methodSettings" },
    form: { kind: "custom" },
    gateway: "Throttles each method with its own setting's limits, else `*/*`'s (the method fields marked `gateway`).",
  }),
  canarySettings: setting({
    schema: canaryInputSchema,
    read: readCanary,
    editedBy: "canary",
    aws: {
      path: "/canarySettings",
      patch: "canary",
      create: true,
      live: (raw) =>
        isObject(raw)
          ? {
              deploymentId: typeof raw.deploymentId === "string" ? raw.deploymentId : "",
              percentTraffic: typeof raw.percentTraffic === "number" ? raw.percentTraffic : 0,
              stageVariableOverrides: { ...stringMap(raw.stageVariableOverrides) },
              useStageCache: raw.useStageCache === true,
            }
          : undefined,
    },
    gateway: "Sends percentTraffic of requests to the canary's deployment, with its variable overrides.",
  }),
  /**
   * Gatehouse's stand-in for API keys and usage plans (not modelled yet): a method with
   * `apiKeyRequired` accepts a request whose `x-api-key` header equals one of these values.
   */
  apiKeys: setting({
    schema: z.array(z.string().min(1)),
    read: (raw) => (Array.isArray(raw) ? raw.filter((k): k is string => typeof k === "string" && k.length > 0) : undefined),
    editedBy: "none",
    gateway: "Accepts an `x-api-key` equal to one of these on methods with apiKeyRequired; none listed: 403 to everyone.",
  }),
};

export type StageSettingName = keyof typeof STAGE_SETTINGS;
type Rows = typeof STAGE_SETTINGS;
type ValueOf<R> = R extends SettingRow<infer T> ? T : never;
type AlwaysThere = { [K in StageSettingName as Rows[K] extends { default: unknown; requires?: never } ? K : never]: ValueOf<Rows[K]> };
type MaybeThere = { [K in StageSettingName as Rows[K] extends { default: unknown; requires?: never } ? never : K]?: ValueOf<Rows[K]> };
/** Every setting's value: those with a default always there, the others when set. */
export type StageSettingValues = AlwaysThere & MaybeThere;

export const settingEntries = () => Object.entries(STAGE_SETTINGS) as [StageSettingName, SettingRow<unknown>][];

/** The stored value of a row, read leniently. */
export const readSetting = (row: SettingRow<unknown>, raw: unknown) => (row.read ?? fromSchema(row.schema))(raw);
