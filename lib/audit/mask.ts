/** Masks values that look like credentials before they are written to the history. */
const SECRET_KEY = /(secret|password|passwd|token|authorization|api[-_]?key|credential|private[-_]?key|session)/i;
// AWS access key ids and long base64-ish strings that sit under a secret-looking key.
const AWS_ACCESS_KEY = /\b(AKIA|ASIA)[A-Z0-9]{16}\b/g;

export const MASK = "****";

/** Design fields whose names look secret but hold settings, not credentials (`authorizationType: "NONE"`). */
const NOT_SECRET_KEYS = new Set(["authorizationType", "authorizationScopes", "apiKeySource", "apiKeyRequired"]);

export function maskSecrets(value: unknown, key = ""): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === "string") {
    if (SECRET_KEY.test(key) && !NOT_SECRET_KEYS.has(key) && value.length > 0) return MASK;
    return value.replace(AWS_ACCESS_KEY, MASK);
  }
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, key));
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = maskSecrets(v, k);
    return out;
  }
  return value;
}
