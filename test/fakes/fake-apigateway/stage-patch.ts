/**
 * FAKE API Gateway: UpdateStage's patch operations, applied as AWS applies them (facts and their
 * sources in test/contract/facts/stage*.ts and canary*.ts). A test double, not product code.
 *
 * What AWS showed (recorded answers, control-plane-canary.json / control-plane-api.json):
 * - Its list of stage paths (kept verbatim in AWS_STAGE_PATHS, quirks included) has no `/webAclArn`,
 *   `/documentationVersion` or `/canarySettings`; an unknown path is refused with that list.
 * - A two-segment `remove` is read as "remove the method setting `a/b`"
 *   (`/accessLogSettings/destinationArn`, `/canarySettings/stageVariableOverrides` are refused so).
 * - Method-setting keys are stored as written in the path: `/~1pets~1{id}/GET/...` → `~1pets~1{id}/GET`,
 *   a new key holding every field (AWS's defaults for those not set, no loggingLevel until set).
 * - `replace` of a canary path on a stage without canary creates one (base deployment, 0 %);
 *   `add` of a canary path is refused; `copy` only promotes a canary (overrides merge into variables).
 */
import { badRequest } from "./handlers";
import type { FakeRestApi, Json, PatchOperation } from "./state";

/** AWS's own list of UpdateStage paths, exactly as its error message prints it. */
export const AWS_STAGE_PATHS =
  "[/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, /{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, /{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds, /{resourcePath}/{httpMethod}/caching/enabled, /{resourcePath}/{httpMethod}/caching/dataEncrypted, /{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, /{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, /*/*/logging/dataTrace, /*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, /*/*/caching/enabled, /*/*/caching/dataEncrypted, /*/*/caching/requireAuthorizationForCacheControl, /*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name}, /tracingEnabled]";

const invalidPath = (path: string) => badRequest(`Invalid method setting path: ${path}. Must be one of: ${AWS_STAGE_PATHS}`);
const noMethodSetting = (key: string) => badRequest(`Cannot remove method setting ${key} because there is no method setting for this method `);
const ACCESS_LOG_PATHS = "Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn, /accessLogSettings/format]";
export const NO_DEPLOYMENT = "Deployment id does not exist";

type Kind = "bool" | "int" | "number" | "string" | readonly string[];
const LOG_LEVELS = ["OFF", "ERROR", "INFO"] as const;
const CACHE_CONTROL = ["FAIL_WITH_403", "SUCCEED_WITH_RESPONSE_HEADER", "SUCCEED_WITHOUT_RESPONSE_HEADER"] as const;
/** Stage.cacheClusterSize's values in AWS's API reference (GB). */
export const CACHE_SIZES = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"] as const;

/** `{area}/{setting}` below a method-setting key → MethodSetting field and value type (AWS API reference, MethodSetting). */
const METHOD_SETTINGS: Record<string, [string, Kind]> = {
  "metrics/enabled": ["metricsEnabled", "bool"],
  "logging/loglevel": ["loggingLevel", LOG_LEVELS],
  "logging/dataTrace": ["dataTraceEnabled", "bool"],
  "throttling/burstLimit": ["throttlingBurstLimit", "int"],
  "throttling/rateLimit": ["throttlingRateLimit", "number"],
  "caching/enabled": ["cachingEnabled", "bool"],
  "caching/ttlInSeconds": ["cacheTtlInSeconds", "int"],
  "caching/dataEncrypted": ["cacheDataEncrypted", "bool"],
  "caching/requireAuthorizationForCacheControl": ["requireAuthorizationForCacheControl", "bool"],
  "caching/unauthorizedCacheControlHeaderStrategy": ["unauthorizedCacheControlHeaderStrategy", CACHE_CONTROL],
};
/**
 * What AWS answers for a new method-setting key besides the field set (AWS CLI reference, update-stage
 * examples 1 and 2): every field at these values; loggingLevel only once set. The throttling values
 * are the account-level defaults (10,000 rps, burst 5,000).
 */
export const METHOD_SETTING_DEFAULTS: Json = {
  metricsEnabled: false,
  dataTraceEnabled: false,
  throttlingBurstLimit: 5000,
  throttlingRateLimit: 10000,
  cachingEnabled: false,
  cacheTtlInSeconds: 300,
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITH_RESPONSE_HEADER",
};
const SCALARS: Record<string, Kind> = {
  deploymentId: "string",
  description: "string",
  cacheClusterEnabled: "bool",
  cacheClusterSize: CACHE_SIZES,
  clientCertificateId: "string",
  tracingEnabled: "bool",
};
const REQUIRED = ["deploymentId", "cacheClusterEnabled", "tracingEnabled"];
const CANARY_SCALARS: Record<string, Kind> = { deploymentId: "string", percentTraffic: "number", useStageCache: "bool" };

/** A patch value as the field's JSON type; refuses what AWS's model can't hold (message ours: not recorded). */
function typed(value: string | undefined, kind: Kind, path: string): unknown {
  const v = value ?? "";
  if (Array.isArray(kind)) {
    if (!kind.includes(v)) throw badRequest(`Invalid value '${v}' for ${path}. Must be one of: [${kind.join(", ")}]`);
    return v;
  }
  if (kind === "bool") {
    if (v !== "true" && v !== "false") throw badRequest(`Invalid boolean value '${v}' for ${path}`);
    return v === "true";
  }
  if (kind === "int" || kind === "number") {
    const n = Number(v);
    if (v.trim() === "" || Number.isNaN(n) || (kind === "int" && !Number.isInteger(n)))
      throw badRequest(`Invalid ${kind === "int" ? "integer" : "number"} value '${v}' for ${path}`);
    return n;
  }
  return v;
}

const decode = (s: string) => s.replace(/~1/g, "/").replace(/~0/g, "~");

/** Applies UpdateStage's operations in order to `stage` (a copy: the caller keeps it only if all succeed). */
export function applyStagePatch(a: FakeRestApi, stage: Json, ops: PatchOperation[]): void {
  for (const op of ops) {
    if (typeof op.path !== "string" || !op.path.startsWith("/")) throw invalidPath(String(op.path));
    if (op.op === "copy") copyFromCanary(stage, op);
    else if (op.op === "add" || op.op === "replace" || op.op === "remove") applyOne(a, stage, op);
    else throw badRequest("Invalid patch operation specified. Must be one of: [add, remove, replace, copy]");
  }
}

function applyOne(a: FakeRestApi, stage: Json, op: PatchOperation): void {
  const raw = op.path.slice(1).split("/");
  const [head] = raw;
  if (raw.length === 1) return topLevel(a, stage, op, head);
  if (head === "variables" && raw.length === 2) return mapEntry(stage, "variables", decode(raw[1]), op);
  if (head === "accessLogSettings" && op.op !== "remove") return accessLog(stage, op, raw);
  if (head === "canarySettings" && op.op !== "remove") return canary(a, stage, op, raw);
  if (head === "canarySettings" && raw.length === 3 && raw[1] === "stageVariableOverrides") return canaryOverride(stage, decode(raw[2]), op);
  if (raw.length === 2 && op.op === "remove") return removeMethodSetting(stage, `${raw[0]}/${raw[1]}`);
  if (raw.length === 4 && !["variables", "accessLogSettings", "canarySettings"].includes(head)) return methodSetting(stage, op, raw);
  throw invalidPath(op.path);
}

function topLevel(a: FakeRestApi, stage: Json, op: PatchOperation, field: string): void {
  if (field === "accessLogSettings" && op.op === "remove") return void delete stage.accessLogSettings;
  if (field === "accessLogSettings") throw badRequest(ACCESS_LOG_PATHS);
  if (field === "canarySettings" && op.op === "remove") return void delete stage.canarySettings;
  const kind = SCALARS[field];
  if (!kind) throw invalidPath(op.path);
  // A stage always has these three; the wording follows AWS's recorded "Invalid add operation with path" (a guess).
  if (op.op === "remove" && REQUIRED.includes(field)) throw badRequest(`Invalid remove operation with path: ${op.path}`);
  if (op.op === "remove") return void delete stage[field];
  if (field === "deploymentId" && !a.deployments.has(op.value ?? "")) throw badRequest(NO_DEPLOYMENT);
  stage[field] = typed(op.value, kind, op.path);
}

function mapEntry(target: Json, field: string, key: string, op: PatchOperation): void {
  const map: Json = (target[field] ??= {});
  if (op.op === "remove") delete map[key];
  else map[key] = op.value ?? "";
  if (Object.keys(map).length === 0) delete target[field];
}

function accessLog(stage: Json, op: PatchOperation, raw: string[]): void {
  const field = raw[1];
  if (raw.length !== 2 || (field !== "destinationArn" && field !== "format")) throw badRequest(ACCESS_LOG_PATHS);
  if (!op.value) throw badRequest("Access Log value must not be empty");
  (stage.accessLogSettings ??= {})[field] = op.value;
}

/** The stage's canary, made on first use by a `replace` as AWS does (base deployment, 0 %, no stage cache). */
function ensureCanary(stage: Json): Json {
  return (stage.canarySettings ??= { deploymentId: stage.deploymentId, percentTraffic: 0, useStageCache: false });
}

function canary(a: FakeRestApi, stage: Json, op: PatchOperation, raw: string[]): void {
  const field = raw[1];
  const isOverride = field === "stageVariableOverrides" && raw.length === 3;
  const kind = raw.length === 2 ? CANARY_SCALARS[field] : undefined;
  if (!kind && !isOverride) throw invalidPath(op.path);
  if (op.op === "add") throw badRequest(`Invalid add operation with path: ${op.path}`);
  if (isOverride) return canaryOverride(stage, decode(raw[2]), op);
  if (field === "deploymentId" && !a.deployments.has(op.value ?? "")) throw badRequest(NO_DEPLOYMENT);
  const value = typed(op.value, kind!, op.path);
  if (field === "percentTraffic") checkPercentTraffic(value);
  ensureCanary(stage)[field] = value;
}

/** CanarySettings.percentTraffic is a percentage, 0.0 to 100.0 (API reference); the message is ours, AWS's is not recorded. */
export function checkPercentTraffic(value: unknown): void {
  const n = Number(value ?? 0);
  if (Number.isNaN(n) || n < 0 || n > 100) throw badRequest(`Invalid percentTraffic value '${value}': must be between 0.0 and 100.0`);
}

function canaryOverride(stage: Json, name: string, op: PatchOperation): void {
  if (op.op === "add") throw badRequest(`Invalid add operation with path: ${op.path}`);
  mapEntry(ensureCanary(stage), "stageVariableOverrides", name, op);
}

const COPY_PAIRS: Record<string, string> = { "/deploymentId": "/canarySettings/deploymentId", "/variables": "/canarySettings/stageVariableOverrides" };

/** `copy` promotes the canary: its deployment onto the stage, its overrides merged into the variables. */
function copyFromCanary(stage: Json, op: PatchOperation): void {
  if (COPY_PAIRS[op.path] === undefined || COPY_PAIRS[op.path] !== op.from)
    throw badRequest(
      `Invalid copy operation with path: ${op.path} and from ${op.from}. Valid copy:path are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]`,
    );
  const c = stage.canarySettings;
  if (!c) throw badRequest("Promotion not available. Canary does not exist.");
  if (op.path === "/deploymentId") stage.deploymentId = c.deploymentId;
  else if (c.stageVariableOverrides) stage.variables = { ...stage.variables, ...c.stageVariableOverrides };
}

function removeMethodSetting(stage: Json, key: string): void {
  if (!stage.methodSettings?.[key]) throw noMethodSetting(key);
  delete stage.methodSettings[key];
}

/** `/{resourcePath}/{VERB}/{area}/{setting}`: the key is stored as written (`~1pets~1{id}/GET`, `*` + `/` + `*`). */
function methodSetting(stage: Json, op: PatchOperation, raw: string[]): void {
  const setting = METHOD_SETTINGS[`${raw[2]}/${raw[3]}`];
  if (!setting) throw invalidPath(op.path);
  const key = `${raw[0]}/${raw[1]}`;
  const [field, kind] = setting;
  const settings: Json = (stage.methodSettings ??= {});
  if (op.op === "remove") {
    // Removing one field puts AWS's default back (a guess: AWS's answer to it is not recorded).
    const own = settings[key];
    if (own && field in METHOD_SETTING_DEFAULTS) own[field] = METHOD_SETTING_DEFAULTS[field];
    else if (own) delete own[field];
    return;
  }
  (settings[key] ??= { ...METHOD_SETTING_DEFAULTS })[field] = typed(op.value, kind, op.path);
}
