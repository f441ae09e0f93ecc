/**
 * A stage's `settings` JSON read defensively. It is shaped as AWS's Stage: `methodSettings` keyed
 * `*\/*` or `{resourcePath}/{VERB}`, `canarySettings`, plus Gatehouse's own `apiKeys` (see below).
 * Nothing here trusts the shape: a malformed setting is ignored, never a crash.
 */

export interface ThrottleLimits {
  /** Steady-state requests per second. */
  rateLimit: number;
  /** Bucket capacity: requests that may arrive at once. */
  burstLimit: number;
}

export interface CanarySettings {
  deploymentId: string;
  /** 0–100. */
  percentTraffic: number;
  stageVariableOverrides: Record<string, string>;
}

export interface StageSettings {
  /** Normalised keys: `*\/*` or `pets/{id}/GET` (resource path without its leading slash). */
  methodSettings: Record<string, { throttling?: ThrottleLimits }>;
  canarySettings: CanarySettings | null;
  /**
   * Gatehouse's stand-in for API keys and usage plans (not modelled yet): a method with
   * `apiKeyRequired` accepts a request whose `x-api-key` header equals one of these values.
   * With none listed, such methods answer 403 `{"message":"Forbidden"}` to everyone.
   */
  apiKeys: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const num = (v: unknown): number | undefined => {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) && n >= 0 ? n : undefined;
};

/**
 * `*\/*`, `/pets/GET`, `pets/GET`, `~1pets/GET` (the patch-path spelling) → `*\/*`, `pets/GET`.
 * AWS's own keys are `{resource_path}/{http_method}`; every spelling seen in the wild is accepted.
 */
export function normaliseMethodSettingKey(key: string): string {
  const decoded = key.replace(/~1/g, "/").replace(/~0/g, "~");
  const trimmed = decoded.replace(/^\/+/, "");
  const slash = trimmed.lastIndexOf("/");
  // No path left: a method of the root resource (AWS spells it `//GET`, patch paths `~1/GET`).
  // throttleFor looks root methods up as `/GET`.
  if (slash < 0) return `/${trimmed.toUpperCase()}`;
  const path = trimmed.slice(0, slash).replace(/\/+$/, "");
  return `${path}/${trimmed.slice(slash + 1).toUpperCase()}`;
}

/** Reads `throttling: {rateLimit, burstLimit}` or AWS's flat `throttlingRateLimit` / `throttlingBurstLimit`. */
function throttlingOf(setting: Record<string, unknown>): ThrottleLimits | undefined {
  const nested = isObject(setting.throttling) ? setting.throttling : {};
  const rate = num(nested.rateLimit) ?? num(setting.throttlingRateLimit);
  const burst = num(nested.burstLimit) ?? num(setting.throttlingBurstLimit);
  if (rate === undefined && burst === undefined) return undefined;
  // AWS requires both; one alone limits by itself (a burst of B, or a bucket of one refilled at R/s).
  return { rateLimit: rate ?? 0, burstLimit: burst ?? Math.max(1, Math.ceil(rate ?? 0)) };
}

export function parseStageSettings(raw: unknown): StageSettings {
  const s = isObject(raw) ? raw : {};
  const methodSettings: StageSettings["methodSettings"] = {};
  if (isObject(s.methodSettings)) {
    for (const [key, value] of Object.entries(s.methodSettings)) {
      if (!isObject(value)) continue;
      methodSettings[normaliseMethodSettingKey(key)] = { throttling: throttlingOf(value) };
    }
  }
  let canarySettings: CanarySettings | null = null;
  if (isObject(s.canarySettings) && typeof s.canarySettings.deploymentId === "string" && s.canarySettings.deploymentId) {
    const c = s.canarySettings;
    const overrides = isObject(c.stageVariableOverrides)
      ? (Object.fromEntries(Object.entries(c.stageVariableOverrides).filter(([, v]) => typeof v === "string")) as Record<string, string>)
      : {};
    canarySettings = { deploymentId: c.deploymentId as string, percentTraffic: Math.min(100, num(c.percentTraffic) ?? 0), stageVariableOverrides: overrides };
  }
  const apiKeys = Array.isArray(s.apiKeys) ? s.apiKeys.filter((k): k is string => typeof k === "string" && k.length > 0) : [];
  return { methodSettings, canarySettings, apiKeys };
}

/** The throttle for one method: its own `{path}/{VERB}` setting, else `*\/*`, else none. */
export function throttleFor(settings: StageSettings, resourcePath: string, verb: string): ThrottleLimits | undefined {
  const own = settings.methodSettings[`${resourcePath.replace(/^\/+/, "")}/${verb.toUpperCase()}`];
  if (own?.throttling) return own.throttling;
  return settings.methodSettings["*/*"]?.throttling;
}
