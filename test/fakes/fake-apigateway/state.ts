/**
 * FAKE API Gateway: in-memory control-plane state. Entities are stored in the JSON shape the
 * real service returns (REST-JSON, `Accept: application/json`), so handlers can answer with them
 * directly. A test double, not product code.
 */

export type Json = Record<string, any>;

export interface FakeResource {
  id: string;
  parentId?: string;
  pathPart?: string;
  path: string;
  /** verb → Method JSON (with `methodResponses` and `methodIntegration{integrationResponses}` embedded). */
  resourceMethods: Record<string, Json>;
}

export interface FakeDeployment {
  id: string;
  description?: string;
  createdDate: number;
  apiSummary: Record<string, Record<string, { authorizationType: string; apiKeyRequired: boolean }>>;
  /** Not in AWS: a copy of the resource tree at deploy time, for test assertions. */
  snapshot: FakeResource[];
}

export interface FakeRestApi {
  api: Json; // RestApi JSON: id, name, description, createdDate, rootResourceId, …
  resources: Map<string, FakeResource>;
  models: Map<string, Json>; // by name
  requestValidators: Map<string, Json>;
  authorizers: Map<string, Json>;
  gatewayResponses: Map<string, Json>; // by responseType, only customised ones
  deployments: Map<string, FakeDeployment>;
  stages: Map<string, Json>;
}

export class FakeState {
  readonly restApis = new Map<string, FakeRestApi>();
  private seed: number;

  constructor(seed = 0x5eed) {
    this.seed = seed >>> 0;
  }

  /** mulberry32: deterministic ids per fake instance. */
  private random(): number {
    let t = (this.seed = (this.seed + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** AWS-shaped ids: 10 lowercase alphanumerics for APIs and root resources, 6 for the rest. */
  newId(length: number): string {
    const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    let id = "";
    for (let i = 0; i < length; i++) id += alphabet[Math.floor(this.random() * alphabet.length)];
    return id;
  }

  clear() {
    this.restApis.clear();
  }

  /** Test helper: the resource with this full path, if any. */
  resourceByPath(restApiId: string, path: string): FakeResource | undefined {
    const api = this.restApis.get(restApiId);
    if (!api) return undefined;
    return [...api.resources.values()].find((r) => r.path === path);
  }

  /** Test helper: one line per resource/method/response, sorted, for whole-API comparisons. */
  describe(restApiId: string): string[] {
    const api = this.restApis.get(restApiId);
    if (!api) return [];
    const lines: string[] = [];
    for (const r of api.resources.values()) {
      lines.push(`resource ${r.path}`);
      for (const [verb, m] of Object.entries(r.resourceMethods)) {
        lines.push(`method ${verb} ${r.path}`);
        for (const code of Object.keys(m.methodResponses ?? {})) lines.push(`method-response ${verb} ${r.path} ${code}`);
        if (m.methodIntegration) {
          lines.push(`integration ${verb} ${r.path} ${m.methodIntegration.type}`);
          for (const code of Object.keys(m.methodIntegration.integrationResponses ?? {}))
            lines.push(`integration-response ${verb} ${r.path} ${code}`);
        }
      }
    }
    for (const m of api.models.keys()) lines.push(`model ${m}`);
    for (const v of api.requestValidators.values()) lines.push(`validator ${v.name}`);
    for (const a of api.authorizers.values()) lines.push(`authorizer ${a.name}`);
    for (const g of api.gatewayResponses.keys()) lines.push(`gateway-response ${g}`);
    return lines.sort();
  }
}

// ---------------------------------------------------------------------------------------------
// PATCH (patchOperations): JSON-pointer-like paths, `~1` = `/`, `~0` = `~`. Values are strings on
// the wire; `coerce` turns them into the field's type.

export interface PatchOperation {
  op: "add" | "remove" | "replace" | "move" | "copy" | "test";
  path: string;
  value?: string;
  from?: string;
}

export class PatchError extends Error {}

export function decodePointer(path: string): string[] {
  if (!path.startsWith("/")) throw new PatchError(`Invalid patch path '${path}'`);
  return path
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export type FieldKind = "string" | "bool" | "int" | "number" | "boolMap" | "stringMap" | "stringList";

/** Applies patch operations to a JSON entity. `fields` declares the patchable top-level fields. */
export function applyPatch(target: Json, ops: PatchOperation[] | undefined, fields: Record<string, FieldKind>, entity: string): Json {
  for (const op of ops ?? []) {
    const segs = decodePointer(op.path);
    const field = segs[0];
    const kind = fields[field];
    if (!kind) throw new PatchError(`Invalid patch path '${op.path}' specified for op '${op.op}'. Must be one of: [${Object.keys(fields).map((f) => "/" + f).join(", ")}]`);
    if (op.op === "copy") {
      const from = decodePointer(op.from ?? "");
      const v = getAt(target, from);
      target[field] = structuredClone(v);
      continue;
    }
    if (op.op !== "add" && op.op !== "replace" && op.op !== "remove") throw new PatchError(`Invalid patch operation specified. Must be one of: [add, remove, replace, copy] (${entity})`);
    if (kind === "boolMap" || kind === "stringMap") {
      if (segs.length === 1) {
        if (op.op === "remove") delete target[field];
        else throw new PatchError(`Invalid patch path '${op.path}'`);
        continue;
      }
      const key = segs.slice(1).join("/");
      const map: Json = (target[field] ??= {});
      if (op.op === "remove") {
        if (!(key in map)) throw new PatchError(`Cannot remove '${key}': not found in ${field}`);
        delete map[key];
      } else {
        map[key] = kind === "boolMap" ? parseBool(op.value) : (op.value ?? "");
      }
      continue;
    }
    if (kind === "stringList") {
      const list: string[] = (target[field] ??= []);
      const item = segs.length > 1 ? segs.slice(1).join("/") : (op.value ?? "");
      if (op.op === "remove") target[field] = list.filter((x) => x !== item);
      else if (!list.includes(item)) list.push(item);
      continue;
    }
    if (segs.length > 1) {
      // nested object field, e.g. /tlsConfig/insecureSkipVerification, /accessLogSettings/format
      let obj: Json = (target[field] ??= {});
      for (const s of segs.slice(1, -1)) obj = obj[s] ??= {};
      const last = segs[segs.length - 1];
      if (op.op === "remove") delete obj[last];
      else obj[last] = coerceScalar(op.value, guessKind(op.value));
      continue;
    }
    // replace with no value clears the field, as AWS does for /requestValidatorId, /authorizerId …
    if (op.op === "remove" || op.value === undefined || op.value === null) delete target[field];
    else target[field] = coerceScalar(op.value, kind);
  }
  return target;
}

function getAt(obj: Json, segs: string[]): unknown {
  let cur: any = obj;
  for (const s of segs) cur = cur?.[s];
  return cur;
}

function parseBool(v: string | undefined): boolean {
  if (v === "true") return true;
  if (v === "false") return false;
  throw new PatchError(`Invalid boolean value '${v}'`);
}

function guessKind(v: string | undefined): FieldKind {
  if (v === "true" || v === "false") return "bool";
  return "string";
}

function coerceScalar(v: string | undefined, kind: FieldKind): unknown {
  switch (kind) {
    case "bool":
      return parseBool(v);
    case "int": {
      const n = Number(v);
      if (!Number.isInteger(n)) throw new PatchError(`Invalid integer value '${v}'`);
      return n;
    }
    case "number": {
      const n = Number(v);
      if (Number.isNaN(n)) throw new PatchError(`Invalid number value '${v}'`);
      return n;
    }
    default:
      return v ?? "";
  }
}
