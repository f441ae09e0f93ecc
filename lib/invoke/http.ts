/** Small helpers over header maps, media types and JSONPath shared by the handlers. */
import { JSONPath } from "jsonpath-plus";

/** Case-insensitive header lookup (HTTP header names are case-insensitive; AWS keeps the sent case). */
export function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const lower = name.toLowerCase();
  // for…in, not Object.entries: this runs many times per request and should allocate nothing.
  for (const k in headers) if (k.length === lower.length && k.toLowerCase() === lower && Object.hasOwn(headers, k)) return headers[k];
  return undefined;
}

/** Sets a header, replacing any existing spelling of the same name. */
export function setHeader(headers: Record<string, string>, name: string, value: string): void {
  const lower = name.toLowerCase();
  for (const k of Object.keys(headers)) if (k.toLowerCase() === lower) delete headers[k];
  headers[name] = value;
}

/** The MIME part of a Content-Type/Accept entry: `application/json; charset=utf-8` → `application/json`. */
export function mediaType(value: string): string {
  return value.split(";")[0].trim().toLowerCase();
}

/** Media types listed in an Accept header, in order. */
export function acceptedTypes(accept: string | undefined): string[] {
  if (!accept) return [];
  return accept.split(",").map(mediaType).filter(Boolean);
}

/** Looks a key up in a map keyed by media type, ignoring case (`Application/JSON` = `application/json`). */
export function byMediaType<T>(map: Record<string, T>, type: string): [string, T] | undefined {
  const t = type.toLowerCase();
  for (const [k, v] of Object.entries(map)) if (k.toLowerCase() === t) return [k, v];
  return undefined;
}

/**
 * Evaluates a JSONPath (`$.a.b`, or AWS's short form `a.b` in `method.request.body.a.b`) on a JSON
 * text. Objects and arrays come back as JSON text, scalars as strings, no match as undefined.
 */
export function jsonPathValue(body: string, path: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body === "" ? "{}" : body);
  } catch {
    return undefined;
  }
  const full = path.startsWith("$") ? path : `$.${path}`;
  const result = JSONPath({ path: full, json: json as object, wrap: false });
  if (result === undefined || result === null) return undefined;
  return typeof result === "object" ? JSON.stringify(result) : String(result);
}

/** Reads a dotted path (`identity.sourceIp`) from nested plain objects. */
export function dotted(root: Record<string, unknown>, path: string): unknown {
  let cur: unknown = root;
  for (const part of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** `'static value'` in a parameter mapping → `static value`; anything else → undefined. */
export function staticValue(expr: string): string | undefined {
  return expr.length >= 2 && expr.startsWith("'") && expr.endsWith("'") ? expr.slice(1, -1) : undefined;
}
