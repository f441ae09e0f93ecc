/**
 * Small, pure helpers for comparing a design with what is live and expressing the difference as
 * API Gateway patch operations (`/` inside a key is written `~1`, `~` as `~0`).
 */

/** A placeholder for an AWS id that is only known once an earlier call of the push has run. */
export interface Ref {
  ref: string;
}

export function isRef(v: unknown): v is Ref {
  return !!v && typeof v === "object" && typeof (v as Ref).ref === "string" && Object.keys(v as object).length === 1;
}

export interface PatchOp {
  op: "add" | "remove" | "replace" | "copy";
  path: string;
  value?: string | Ref;
  from?: string;
}

export function escapeKey(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Empty string, null and undefined are all "not set" to API Gateway. */
export function unset(v: unknown): boolean {
  return v === undefined || v === null || v === "";
}

/** A value as far as it is known now: a Ref becomes its bound id, or stays a Ref (never equal to a live value). */
export function known(v: unknown, bindings: Record<string, string>): unknown {
  if (isRef(v)) return bindings[v.ref] ?? v;
  return v;
}

function sameScalar(live: unknown, want: unknown): boolean {
  if (unset(live) && unset(want)) return true;
  return live === want;
}

/** `replace` of a scalar field when it differs; a missing value clears it. */
export function scalarOps(path: string, live: unknown, want: unknown, bindings: Record<string, string> = {}): PatchOp[] {
  const k = known(want, bindings);
  if (!isRef(k) && sameScalar(live, k)) return [];
  if (unset(want)) return [{ op: "replace", path }];
  return [{ op: "replace", path, value: isRef(want) ? want : String(want) }];
}

/** add / replace / remove for each key of a map field (`/requestParameters/method.request.path.id`). */
export function mapOps(prefix: string, live: Record<string, unknown> | undefined, want: Record<string, unknown> | undefined): PatchOp[] {
  const ops: PatchOp[] = [];
  const l = live ?? {};
  const w = want ?? {};
  for (const [k, v] of Object.entries(w)) {
    if (!(k in l)) ops.push({ op: "add", path: `${prefix}/${escapeKey(k)}`, value: String(v) });
    else if (l[k] !== v) ops.push({ op: "replace", path: `${prefix}/${escapeKey(k)}`, value: String(v) });
  }
  for (const k of Object.keys(l)) if (!(k in w)) ops.push({ op: "remove", path: `${prefix}/${escapeKey(k)}` });
  return ops;
}

/**
 * add / remove for each item of a list field. `style: "path"` puts the item in the path
 * (`/cacheKeyParameters/method.request.path.id`), `"value"` in the value (`/authorizationScopes`).
 */
export function listOps(prefix: string, live: string[] | undefined, want: string[] | undefined, style: "path" | "value"): PatchOp[] {
  const l = new Set(live ?? []);
  const w = new Set(want ?? []);
  const ops: PatchOp[] = [];
  const op = (o: "add" | "remove", item: string): PatchOp =>
    style === "path" ? { op: o, path: `${prefix}/${escapeKey(item)}` } : { op: o, path: prefix, value: item };
  for (const item of w) if (!l.has(item)) ops.push(op("add", item));
  for (const item of l) if (!w.has(item)) ops.push(op("remove", item));
  return ops;
}

export function sameMap(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): boolean {
  const x = a ?? {};
  const y = b ?? {};
  const kx = Object.keys(x);
  if (kx.length !== Object.keys(y).length) return false;
  return kx.every((k) => k in y && x[k] === y[k]);
}

export function sameList(a: string[] | undefined, b: string[] | undefined): boolean {
  const x = [...(a ?? [])].sort();
  const y = [...(b ?? [])].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * A model schema with `$ref`s to its own API's models written with the `{restapi_id}` placeholder.
 * After ImportRestApi/PutRestApi AWS stores the API's real id there
 * (`https://apigateway.amazonaws.com/restapis/a1b2c3/models/Pet`); designs keep the placeholder,
 * so a live schema is compared (and imported) in that form.
 */
export function withModelRefPlaceholder(schema: string, restApiId: string | null | undefined): string {
  if (!restApiId || !schema.includes(`/restapis/${restApiId}/models/`)) return schema;
  return schema.split(`apigateway.amazonaws.com/restapis/${restApiId}/models/`).join("apigateway.amazonaws.com/restapis/{restapi_id}/models/");
}

/** JSON documents (model schemas, policies) compare by content, not by formatting. */
export function sameJsonText(a: string | null | undefined, b: string | null | undefined): boolean {
  if (unset(a) && unset(b)) return true;
  if (unset(a) || unset(b)) return false;
  try {
    return canonical(JSON.parse(a as string)) === canonical(JSON.parse(b as string));
  } catch {
    return a === b;
  }
}

function canonical(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (x && typeof x === "object") {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(x).sort()) o[k] = sort((x as Record<string, unknown>)[k]);
      return o;
    }
    return x;
  };
  return JSON.stringify(sort(v));
}

/** Deep copy of `value` with every Ref replaced by its bound id; throws on an unbound Ref. */
export function resolveRefs<T>(value: T, bindings: Record<string, string>): T {
  if (isRef(value)) {
    const id = bindings[value.ref];
    if (id === undefined) throw new Error(`Push plan refers to ${value.ref}, which no earlier call created`);
    return id as T;
  }
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, bindings)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveRefs(v, bindings);
    return out as T;
  }
  return value;
}

/** Drops undefined, null, empty maps and empty lists: the form API Gateway omits from its answers. */
export function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (v && typeof v === "object" && !Array.isArray(v) && !isRef(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out as Partial<T>;
}
