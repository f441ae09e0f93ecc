/**
 * Local vs AWS, side by side: the differences between the local pipeline's answer and
 * TestInvokeMethod's for the same request. Header names compare case-insensitively; headers that
 * differ on every call (request and trace ids, dates) are left out; bodies compare as JSON
 * (whitespace and key order ignored) when both parse, else as text.
 */

export interface ComparableResult {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface InvokeDifference {
  /** `status`, `header:<name>` (lower case) or `body`. */
  field: string;
  /** undefined: the side has no such header. */
  local: string | number | undefined;
  aws: string | number | undefined;
}

/** Headers that differ on every call by design. */
export const VOLATILE_HEADERS = [
  "x-amzn-requestid",
  "x-amzn-trace-id",
  "x-amz-apigw-id",
  "date",
  "x-amz-cf-id",
  "x-amz-cf-pop",
  "via",
  "connection",
  "content-length",
];

function lowerKeys(headers: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(headers ?? {})) out.set(k.toLowerCase(), v);
  return out;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Deep equality of JSON values; object key order does not matter, array order does. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => jsonEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao);
  if (keys.length !== Object.keys(bo).length) return false;
  return keys.every((k) => Object.hasOwn(bo, k) && jsonEqual(ao[k], bo[k]));
}

/** True when two bodies say the same: equal JSON when both parse, else the same text. */
export function sameBody(local: string, aws: string): boolean {
  const a = parseJson(local);
  const b = parseJson(aws);
  if (a.ok && b.ok) return jsonEqual(a.value, b.value);
  return local === aws;
}

export function compareInvokeResults(local: ComparableResult, aws: ComparableResult, options: { ignoreHeaders?: string[] } = {}): InvokeDifference[] {
  const diffs: InvokeDifference[] = [];
  if (local.status !== aws.status) diffs.push({ field: "status", local: local.status, aws: aws.status });
  const ignore = new Set([...VOLATILE_HEADERS, ...(options.ignoreHeaders ?? []).map((h) => h.toLowerCase())]);
  const l = lowerKeys(local.headers);
  const a = lowerKeys(aws.headers);
  const names = [...new Set([...l.keys(), ...a.keys()])].filter((n) => !ignore.has(n)).sort();
  for (const name of names) {
    const lv = l.get(name);
    const av = a.get(name);
    if (lv === av) continue;
    // Content-Type: `application/json` and `application/json; charset=UTF-8` say the same thing.
    if (name === "content-type" && lv !== undefined && av !== undefined && mediaOf(lv) === mediaOf(av) && charsetOf(lv) === charsetOf(av)) continue;
    diffs.push({ field: `header:${name}`, local: lv, aws: av });
  }
  if (!sameBody(local.body ?? "", aws.body ?? "")) diffs.push({ field: "body", local: local.body, aws: aws.body });
  return diffs;
}

const mediaOf = (v: string) => v.split(";")[0].trim().toLowerCase();
const charsetOf = (v: string) => (/charset=([^;]+)/i.exec(v)?.[1] ?? "utf-8").trim().toLowerCase();
