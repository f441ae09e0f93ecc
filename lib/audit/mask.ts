/**
 * Masks values that look like credentials before they are written to (or read from) the
 * history. Masking goes by name: a header, stage variable, query parameter, JSON property or
 * design field whose name looks secret has its value replaced by `****`. Recorded requests and
 * answers are masked inside too: JSON bodies (nested) and the query string of a path.
 */

export const MASK = "****";

/** Words that make a name secret wherever they appear in it (`dbPassword`, `client_secret`, `x-amz-security-token`). */
const SECRET_ANYWHERE = /(password|passwd|secret|token|credential|session|api[-_.]?key|private[-_.]?key|access[-_.]?key|authorization|cookie|passphrase)/i;
/**
 * Short words that are secret only as the last word of a name (`dbPass`, `x-api-key`, `adminPwd`,
 * `X-Auth`), so that `cacheKeyParameters` or `passthroughBehavior` stay readable.
 */
const SECRET_LAST_WORD = new Set(["pass", "pwd", "pw", "key", "apikey", "auth", "sig", "signature", "jwt", "otp", "pin", "sid"]);

/** Design fields whose names look secret but hold settings, not credentials (`authorizationType: "NONE"`). */
const NOT_SECRET_KEYS = new Set(["authorizationType", "authorizationScopes", "apiKeySource", "apiKeyRequired", "tokenSource", "identityTokenSource"]);

// AWS access key ids, wherever they appear.
const AWS_ACCESS_KEY = /\b(AKIA|ASIA)[A-Z0-9]{16}\b/g;

/** The words of a name: camelCase, `-`, `_`, `.` and spaces split it. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Whether a value stored under this name is to be masked. */
export function isSecretName(name: string): boolean {
  if (!name || NOT_SECRET_KEYS.has(name)) return false;
  if (SECRET_ANYWHERE.test(name)) return true;
  const w = words(name);
  return w.length > 0 && SECRET_LAST_WORD.has(w[w.length - 1]);
}

/** `a=1; gatehouse_session=abc` → `a=****; gatehouse_session=****`: cookie names stay, values never (the console's own session cookie included). */
function maskCookie(value: string): string {
  return value.replace(/(^|;\s*)([^=;]+)=([^;]*)/g, (_m, lead: string, name: string) => `${lead}${name}=${MASK}`);
}

/** `Set-Cookie: s=abc; Path=/` → `s=****; Path=/`: the attributes stay readable. */
function maskSetCookie(value: string): string {
  return value.replace(/^([^=;]+)=([^;]*)/, (_m, name: string) => `${name}=${MASK}`);
}

/** Masks secret-named parameters of every query string (`?a=b&c=d`) in a text: a path, a URL, a summary. */
export function maskQueryStrings(text: string): string {
  return text.replace(/\?([^\s#]*)/g, (_m, query: string) => `?${query.split("&").map(maskParameter).join("&")}`);
}

function maskParameter(pair: string): string {
  const eq = pair.indexOf("=");
  if (eq <= 0) return pair;
  const name = pair.slice(0, eq);
  let decoded = name;
  try {
    decoded = decodeURIComponent(name.replace(/\+/g, " "));
  } catch {
    // A malformed escape is judged by its raw name.
  }
  return isSecretName(decoded) ? `${name}=${MASK}` : pair;
}

/** A JSON property holding a string, number or literal: `"name": value`. Works on cut (clipped) JSON too. */
const JSON_PROPERTY = /"((?:[^"\\]|\\.)*)"(\s*:\s*)("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false)/g;

/**
 * Masks secret-named properties in a body that holds JSON, at any depth, keeping the text's own
 * formatting; a body cut for the history (not parseable any more) is masked the same way. Other
 * bodies are form-encoded-checked (`user=a&password=b`) and otherwise kept.
 */
export function maskBody(body: string): string {
  const trimmed = body.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    return body.replace(JSON_PROPERTY, (m, name: string, colon: string, value: string) => {
      if (!isSecretName(name)) return m;
      return value.startsWith('"') && value.length === 2 ? m : `"${name}"${colon}"${MASK}"`;
    });
  }
  if (/^[^\s=&]+=[^\s&]*(&[^\s=&]+=[^\s&]*)*$/.test(body)) return maskQueryStrings(`?${body}`).slice(1);
  return body;
}

/**
 * A parameter mapping's source names where a value comes from, not the value
 * (`"integration.request.header.x-api-key": "method.request.header.x-api-key"`): kept readable.
 * A quoted static value (`'abc'`) may be a secret and is masked like any other.
 */
const MAPPING_EXPRESSION = /^(method\.request|integration\.response|stageVariables|context)\.[\w.$-]+$/;

/** Masks one string value by what its key says it is. */
function maskString(value: string, key: string): string {
  const lower = key.toLowerCase();
  if (lower === "cookie") return maskCookie(value);
  if (lower === "set-cookie") return maskSetCookie(value);
  if (isSecretName(key) && value.length > 0 && !MAPPING_EXPRESSION.test(value)) return MASK;
  if (lower === "body") return maskBody(value).replace(AWS_ACCESS_KEY, MASK);
  if (lower === "pathwithquerystring" || lower === "path" || lower === "url") return maskQueryStrings(value);
  return value.replace(AWS_ACCESS_KEY, MASK);
}

export function maskSecrets(value: unknown, key = ""): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === "string") return maskString(value, key);
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, key));
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = maskSecrets(v, k);
    return out;
  }
  return value;
}

/** What the UI says about masking (History page and Test panel), kept next to the rules it describes. */
export const MASKING_NOTE =
  "Secrets are masked in the history: values of headers, stage variables, query parameters and JSON body properties whose names look secret (password, secret, token, key, credential, cookie, authorization, session, pwd…) are stored as ****; cookies keep only their names.";
