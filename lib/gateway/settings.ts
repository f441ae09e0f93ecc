/**
 * What the local gateway takes from a stage's `settings` JSON. The JSON is read by the one stage
 * settings reader (lib/stage/settings.ts, lenient: a malformed setting is ignored, never a crash);
 * the gateway uses the rows the settings table marks `gateway`: method throttling, the canary,
 * and Gatehouse's own `apiKeys`.
 */
import { readStoredSettings } from "../stage/settings";
import { type MethodSetting, methodFieldEntries } from "../stage/settings/fields";

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

/** The method fields the table marks `gateway` (rate and burst limit; older `throttling: {…}` settings are read too). */
function throttlingOf(setting: MethodSetting): ThrottleLimits | undefined {
  const limits: Partial<ThrottleLimits> = {};
  for (const [name, field] of methodFieldEntries()) if (field.gateway) limits[field.gateway] = setting[name] as number | undefined;
  const { rateLimit: rate, burstLimit: burst } = limits;
  if (rate === undefined && burst === undefined) return undefined;
  // AWS requires both; one alone limits by itself (a burst of B, or a bucket of one refilled at R/s).
  return { rateLimit: rate ?? 0, burstLimit: burst ?? Math.max(1, Math.ceil(rate ?? 0)) };
}

export function parseStageSettings(raw: unknown): StageSettings {
  const stored = readStoredSettings(raw);
  const methodSettings: StageSettings["methodSettings"] = {};
  for (const [key, setting] of Object.entries(stored.methodSettings)) methodSettings[normaliseMethodSettingKey(key)] = { throttling: throttlingOf(setting) };
  const canary = stored.canarySettings;
  return {
    methodSettings,
    canarySettings: canary
      ? { deploymentId: canary.deploymentId, percentTraffic: canary.percentTraffic, stageVariableOverrides: canary.stageVariableOverrides }
      : null,
    apiKeys: stored.apiKeys ?? [],
  };
}

/** The throttle for one method: its own `{path}/{VERB}` setting, else `*\/*`, else none. */
export function throttleFor(settings: StageSettings, resourcePath: string, verb: string): ThrottleLimits | undefined {
  const own = settings.methodSettings[`${resourcePath.replace(/^\/+/, "")}/${verb.toUpperCase()}`];
  if (own?.throttling) return own.throttling;
  return settings.methodSettings["*/*"]?.throttling;
}
