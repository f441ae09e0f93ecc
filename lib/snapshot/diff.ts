/**
 * Semantic diff of two API designs (two drafts, a draft and a deployment, an import and a
 * snapshot). Entities are matched by what identifies them to a person, never by generated ids:
 * resources by full path, methods by verb, method and integration responses by status code,
 * models / validators / authorizers by name, gateway responses by type. A method's validator
 * and authorizer references are compared by the referenced entity's name.
 *
 * Speed: each pair of same-path, same-verb methods is first compared with an allocation-free
 * structural equality (ids resolved to names only when the two sides' id → name maps differ);
 * equal methods are skipped, and only mismatches are flattened and walked field by field. This
 * beat hashing canonical JSON of each method (two serialisations of ~2 MB per 1,200 methods).
 */
import type { ApiDesign, Authorizer, GatewayResponse, Integration, Method, Model, RequestValidator, Resource } from "../model/design";
import { compareFlat, compareObjects, type FieldChange, flatten, type FlatFields } from "./diff-fields";

export type { FieldChange, LineDiff } from "./diff-fields";

export type DiffKind = "added" | "removed" | "changed";
export type DiffEntity =
  | "api"
  | "resource"
  | "method"
  | "integration"
  | "integrationResponse"
  | "methodResponse"
  | "model"
  | "requestValidator"
  | "authorizer"
  | "gatewayResponse";

export interface DiffEntry {
  kind: DiffKind;
  entity: DiffEntity;
  /**
   * What the entry is about: `api`; a path `/pets/{id}`; `/pets/{id} GET` (method, integration);
   * `/pets/{id} GET 200` (method and integration responses); a model / validator / authorizer
   * name; a gateway response type.
   */
  key: string;
  /**
   * Changed fields. For an added (removed) entity, every field it has (had), with `before`
   * (`after`) undefined; an added or removed method or integration carries its nested integration
   * and responses here (`integration.uri`, `methodResponses.200.responseModels.application/json`)
   * rather than as separate entries. An added or removed resource has no fields: its methods
   * follow as their own entries.
   */
  fields: FieldChange[];
}

export interface DiffCounts {
  added: number;
  removed: number;
  changed: number;
}

export interface DiffSummary {
  identical: boolean;
  /** Number of entries. */
  changes: number;
  /** API-level settings that differ (`binaryMediaTypes`, `policy`, …). */
  apiSettings: string[];
  /** `changed` counts resources on both sides with any change to their methods below them (resources have no entries of their own for that). */
  resources: DiffCounts;
  methods: DiffCounts;
  integrations: DiffCounts;
  integrationResponses: DiffCounts;
  methodResponses: DiffCounts;
  models: DiffCounts;
  requestValidators: DiffCounts;
  authorizers: DiffCounts;
  gatewayResponses: DiffCounts;
}

export interface DesignDiff {
  summary: DiffSummary;
  entries: DiffEntry[];
}

/** The API-level settings compared by the `api` entry. */
export const API_SETTINGS = [
  "name",
  "description",
  "endpointType",
  "binaryMediaTypes",
  "minimumCompressionSize",
  "apiKeySource",
  "policy",
  "disableExecuteApiEndpoint",
] as const;

const METHOD_ORDER = ["ANY", "GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"];
const POLICY_JSON = new Set(["policy"]);
const SCHEMA_JSON = new Set(["schema"]);

/** id → name of the validators or authorizers on one side. */
type NameMap = Map<string, string>;

interface Side {
  design: ApiDesign;
  validators: NameMap;
  authorizers: NameMap;
  /** full path → resource */
  byPath: Map<string, Resource>;
}

function nameMap(list: { id: string; name: string }[] | undefined): NameMap {
  const m: NameMap = new Map();
  for (const x of list ?? []) m.set(x.id, x.name);
  return m;
}

function sameNameMaps(a: NameMap, b: NameMap): boolean {
  if (a.size !== b.size) return false;
  for (const [id, name] of a) if (b.get(id) !== name) return false;
  return true;
}

/** Full path of every resource, computed once per resource (memoised walk up the parents). */
function pathsByResource(design: ApiDesign): Map<string, Resource> {
  const byId = new Map<string, Resource>();
  for (const r of design.resources ?? []) byId.set(r.id, r);
  const memo = new Map<string, string>();
  const pathOf = (r: Resource, depth: number): string => {
    const known = memo.get(r.id);
    if (known !== undefined) return known;
    let path: string;
    if (r.parentId === null || r.parentId === undefined) path = "/";
    else if (depth > byId.size) throw new Error(`resource tree has a cycle at ${r.id}`);
    else {
      const parent = byId.get(r.parentId);
      const parentPath = parent ? pathOf(parent, depth + 1) : `/(missing parent ${r.parentId})`;
      path = parentPath === "/" ? `/${r.pathPart}` : `${parentPath}/${r.pathPart}`;
    }
    memo.set(r.id, path);
    return path;
  };
  const byPath = new Map<string, Resource>();
  for (const r of design.resources ?? []) {
    let path = pathOf(r, 0);
    // Two resources with one path is an invalid design; keep both visible rather than drop one.
    for (let n = 2; byPath.has(path); n++) path = `${pathOf(r, 0)} #${n}`;
    byPath.set(path, r);
  }
  return byPath;
}

function side(design: ApiDesign): Side {
  return {
    design,
    validators: nameMap(design.requestValidators),
    authorizers: nameMap(design.authorizers),
    byPath: pathsByResource(design),
  };
}

/** Tree order for paths: segment by segment, so `/pets/{id}` follows `/pets` and precedes `/pets-x`. */
function comparePaths(a: string, b: string): number {
  const sa = a.split("/");
  const sb = b.split("/");
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    if (sa[i] !== sb[i]) return sa[i] < sb[i] ? -1 : 1;
  }
  return sa.length - sb.length;
}

function verbOrder(a: string, b: string): number {
  const ia = METHOD_ORDER.indexOf(a);
  const ib = METHOD_ORDER.indexOf(b);
  if (ia !== ib) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Status codes numerically where they are numbers. */
function statusOrder(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (!Number.isNaN(na) && !Number.isNaN(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function unionKeys(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined, order: (x: string, y: string) => number): string[] {
  const keys = new Set(Object.keys(a ?? {}));
  for (const k of Object.keys(b ?? {})) keys.add(k);
  return [...keys].sort(order);
}

const refName = (id: string | undefined, names: NameMap): string | undefined =>
  id === undefined || id === "" ? undefined : (names.get(id) ?? `(unknown id ${id})`);

/** A method's own fields with references by name; integration and responses left out. */
function methodOwn(m: Method, s: Side): Record<string, unknown> {
  const { integration: _i, methodResponses: _r, authorizerId, requestValidatorId, ...rest } = m;
  return { ...rest, authorizer: refName(authorizerId, s.authorizers), requestValidator: refName(requestValidatorId, s.validators) };
}

/** A response without its status code (the status is its key). */
const omitStatus = ({ statusCode: _s, ...rest }: { statusCode: string }) => rest;

/**
 * An integration as one flat field list (responses keep their status inside too,
 * `integrationResponses.200.statusCode`, so a response with nothing else set still shows).
 * Used when it is added or removed, alone or with its method.
 */
function integrationFull(i: Integration, prefix = "", out: FlatFields = new Map()): FlatFields {
  flatten(integrationOwn(i), prefix, out);
  flatten(i.integrationResponses, prefix ? `${prefix}.integrationResponses` : "integrationResponses", out);
  return out;
}

/** A whole method as one flat field list (used when the method is added or removed). */
function methodFull(m: Method, s: Side): FlatFields {
  const out = flatten(methodOwn(m, s));
  flatten(m.methodResponses, "methodResponses", out);
  if (m.integration) integrationFull(m.integration, "integration", out);
  return out;
}

function integrationOwn(i: Integration): Record<string, unknown> {
  const { integrationResponses: _r, ...rest } = i;
  return rest;
}

/**
 * Structural equality, allocation-free: objects regardless of key order, arrays in order.
 * Conservative: `{a: undefined}` vs `{}` is "not equal" here, and the field diff then finds
 * nothing, so a false negative costs time, never a wrong entry.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k of ka) {
    const vb = rb[k];
    if (vb === undefined && !Object.hasOwn(rb, k)) return false;
    if (!deepEqual(ra[k], vb)) return false;
  }
  return true;
}

/**
 * The fast path: whether two methods are equal, references compared by name when the two sides'
 * id → name maps differ (`resolve`), by id otherwise (same maps: same id ⇔ same name).
 */
function methodEqual(mb: Method, ma: Method, sb: Side, sa: Side, resolve: boolean): boolean {
  if (!resolve) return deepEqual(mb, ma);
  if (refName(mb.authorizerId, sb.authorizers) !== refName(ma.authorizerId, sa.authorizers)) return false;
  if (refName(mb.requestValidatorId, sb.validators) !== refName(ma.requestValidatorId, sa.validators)) return false;
  const kb = Object.keys(mb) as (keyof Method)[];
  let nb = 0;
  for (const k of kb) {
    if (k === "authorizerId" || k === "requestValidatorId") continue;
    nb++;
    if (!deepEqual(mb[k], ma[k])) return false;
  }
  let na = 0;
  for (const k of Object.keys(ma)) if (k !== "authorizerId" && k !== "requestValidatorId") na++;
  return na === nb;
}

class Collector {
  entries: DiffEntry[] = [];
  add(kind: DiffKind, entity: DiffEntity, key: string, fields: FieldChange[]): void {
    this.entries.push({ kind, entity, key, fields });
  }
  /** Adds a "changed" entry only when some field changed. Returns whether it did. */
  changed(entity: DiffEntity, key: string, fields: FieldChange[]): boolean {
    if (fields.length === 0) return false;
    this.entries.push({ kind: "changed", entity, key, fields });
    return true;
  }
}

function diffKeyedMaps<T>(
  out: Collector,
  entity: DiffEntity,
  keyPrefix: string,
  before: Record<string, T> | undefined,
  after: Record<string, T> | undefined,
  own: (x: T) => unknown,
): boolean {
  let any = false;
  for (const status of unionKeys(before, after, statusOrder)) {
    const b = before?.[status];
    const a = after?.[status];
    const key = `${keyPrefix} ${status}`;
    if (b === undefined) out.add("added", entity, key, compareObjects(undefined, own(a as T)));
    else if (a === undefined) out.add("removed", entity, key, compareObjects(own(b), undefined));
    else if (!out.changed(entity, key, compareObjects(own(b), own(a)))) continue;
    any = true;
  }
  return any;
}

/** Deep diff of two methods already known to differ in serialisation. Returns whether anything differed. */
function diffMethod(out: Collector, key: string, b: Method, a: Method, sb: Side, sa: Side): boolean {
  let any = out.changed("method", key, compareObjects(methodOwn(b, sb), methodOwn(a, sa)));
  const ib = b.integration;
  const ia = a.integration;
  if (ib && !ia) {
    out.add("removed", "integration", key, compareFlat(integrationFull(ib), new Map()));
    any = true;
  } else if (!ib && ia) {
    out.add("added", "integration", key, compareFlat(new Map(), integrationFull(ia)));
    any = true;
  } else if (ib && ia) {
    if (out.changed("integration", key, compareObjects(integrationOwn(ib), integrationOwn(ia)))) any = true;
    if (diffKeyedMaps(out, "integrationResponse", key, ib.integrationResponses, ia.integrationResponses, omitStatus)) any = true;
  }
  if (diffKeyedMaps(out, "methodResponse", key, b.methodResponses, a.methodResponses, omitStatus)) any = true;
  return any;
}

function diffResources(out: Collector, sb: Side, sa: Side): string[] {
  const resolve = !(sameNameMaps(sb.validators, sa.validators) && sameNameMaps(sb.authorizers, sa.authorizers));
  const paths = new Set(sb.byPath.keys());
  for (const p of sa.byPath.keys()) paths.add(p);
  const changedResources: string[] = [];
  for (const path of [...paths].sort(comparePaths)) {
    const rb = sb.byPath.get(path);
    const ra = sa.byPath.get(path);
    if (!ra) {
      out.add("removed", "resource", path, []);
      for (const verb of Object.keys(rb!.methods ?? {}).sort(verbOrder)) {
        out.add("removed", "method", `${path} ${verb}`, compareFlat(methodFull(rb!.methods[verb], sb), new Map()));
      }
      continue;
    }
    if (!rb) {
      out.add("added", "resource", path, []);
      for (const verb of Object.keys(ra.methods ?? {}).sort(verbOrder)) {
        out.add("added", "method", `${path} ${verb}`, compareFlat(new Map(), methodFull(ra.methods[verb], sa)));
      }
      continue;
    }
    if (rb.methods === ra.methods) continue;
    let resourceChanged = false;
    for (const verb of unionKeys(rb.methods, ra.methods, verbOrder)) {
      const mb = rb.methods?.[verb];
      const ma = ra.methods?.[verb];
      const key = `${path} ${verb}`;
      if (!ma) {
        out.add("removed", "method", key, compareFlat(methodFull(mb!, sb), new Map()));
        resourceChanged = true;
      } else if (!mb) {
        out.add("added", "method", key, compareFlat(new Map(), methodFull(ma, sa)));
        resourceChanged = true;
      } else if (!methodEqual(mb, ma, sb, sa, resolve)) {
        if (diffMethod(out, key, mb, ma, sb, sa)) resourceChanged = true;
      }
    }
    if (resourceChanged) changedResources.push(path);
  }
  return changedResources;
}

function diffNamed<T>(
  out: Collector,
  entity: DiffEntity,
  before: T[] | undefined,
  after: T[] | undefined,
  keyOf: (x: T) => string,
  own: (x: T) => unknown,
  jsonText?: ReadonlySet<string>,
): void {
  const mb = new Map<string, T>();
  const ma = new Map<string, T>();
  for (const x of before ?? []) mb.set(keyOf(x), x);
  for (const x of after ?? []) ma.set(keyOf(x), x);
  const keys = new Set([...mb.keys(), ...ma.keys()]);
  for (const key of [...keys].sort()) {
    const b = mb.get(key);
    const a = ma.get(key);
    if (b === a) continue;
    const fields = compareObjects(b === undefined ? undefined : own(b), a === undefined ? undefined : own(a), { jsonText });
    if (b === undefined) out.add("added", entity, key, fields);
    else if (a === undefined) out.add("removed", entity, key, fields);
    else out.changed(entity, key, fields);
  }
}

const withoutIdAndName = <T extends { id: string; name: string }>({ id: _id, name: _n, ...rest }: T) => rest;

function apiSettings(d: ApiDesign): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of API_SETTINGS) out[k] = d[k];
  return out;
}

const zero = (): DiffCounts => ({ added: 0, removed: 0, changed: 0 });

const COUNT_KEY: Record<Exclude<DiffEntity, "api">, keyof Omit<DiffSummary, "identical" | "changes" | "apiSettings">> = {
  resource: "resources",
  method: "methods",
  integration: "integrations",
  integrationResponse: "integrationResponses",
  methodResponse: "methodResponses",
  model: "models",
  requestValidator: "requestValidators",
  authorizer: "authorizers",
  gatewayResponse: "gatewayResponses",
};

function summarise(entries: DiffEntry[], changedResources: number): DiffSummary {
  const summary: DiffSummary = {
    identical: entries.length === 0,
    changes: entries.length,
    apiSettings: [],
    resources: zero(),
    methods: zero(),
    integrations: zero(),
    integrationResponses: zero(),
    methodResponses: zero(),
    models: zero(),
    requestValidators: zero(),
    authorizers: zero(),
    gatewayResponses: zero(),
  };
  for (const e of entries) {
    if (e.entity === "api") summary.apiSettings.push(...e.fields.map((f) => f.path));
    else summary[COUNT_KEY[e.entity]][e.kind]++;
  }
  summary.resources.changed = changedResources;
  return summary;
}

/** The semantic difference from `before` to `after`: a summary, then entries in tree order. */
export function diffDesigns(before: ApiDesign, after: ApiDesign): DesignDiff {
  const out = new Collector();
  const sb = side(before);
  const sa = side(after);
  out.changed("api", "api", compareObjects(apiSettings(before), apiSettings(after), { jsonText: POLICY_JSON }));
  const changedResources = diffResources(out, sb, sa);
  diffNamed<Model>(out, "model", before.models, after.models, (m) => m.name, withoutIdAndName, SCHEMA_JSON);
  diffNamed<RequestValidator>(out, "requestValidator", before.requestValidators, after.requestValidators, (v) => v.name, withoutIdAndName);
  diffNamed<Authorizer>(out, "authorizer", before.authorizers, after.authorizers, (a) => a.name, withoutIdAndName);
  diffNamed<GatewayResponse>(
    out,
    "gatewayResponse",
    before.gatewayResponses,
    after.gatewayResponses,
    (g) => g.responseType,
    ({ responseType: _t, ...rest }) => rest,
  );
  return { summary: summarise(out.entries, changedResources.length), entries: out.entries };
}

/* ------------------------------------------------------------------ stages */

/** What a stage comparison needs: the deployment it points at, its variables and its settings (method settings, logging, cache, canary…). */
export interface StageLike {
  name?: string;
  deploymentId?: string;
  variables: Record<string, string>;
  settings: Record<string, unknown>;
}

export interface StageDiff {
  /** The two stages' names, for display (a different name is not itself a difference). */
  before?: string;
  after?: string;
  identical: boolean;
  /** `deploymentId`, `variables.NAME`, `settings.methodSettings.*\/*.logging.loglevel`, … */
  fields: FieldChange[];
}

/** Field-level difference between two stages: deployment, variables and (nested) settings. */
export function diffStages(a: StageLike, b: StageLike): StageDiff {
  const view = (s: StageLike) => ({ deploymentId: s.deploymentId, variables: s.variables ?? {}, settings: s.settings ?? {} });
  const fields = compareObjects(view(a), view(b));
  return { before: a.name, after: b.name, identical: fields.length === 0, fields };
}
