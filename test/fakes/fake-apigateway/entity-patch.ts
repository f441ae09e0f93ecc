/**
 * FAKE API Gateway: the strict patch engine for REST API entities. Each entity declares the
 * paths AWS has and the ops each takes; anything else is refused with AWS's own status, code and
 * message (facts in test/contract/facts/*.ts, from recorded AWS answers). A test double.
 *
 * Path shapes, as AWS reads them (`~1` = `/`, `~0` = `~` inside one segment):
 *  - scalar `/field`
 *  - map    `/field/{key}`          (exactly one segment after the field: `/a/b/c` is refused)
 *  - list   `/field/{item}`         (the item is in the path; replace swaps it for the value)
 *  - valueList `/field` + value     (the item is in the value: authorizationScopes, providerARNs)
 *  - nested `/field/member`         (only the members listed, e.g. /tlsConfig/insecureSkipVerification)
 */
import type { Json, PatchOperation } from "./state";

export class EntityPatchError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

type Op = "add" | "remove" | "replace" | "copy";
export type ScalarKind = "string" | "bool" | "int";

export interface ScalarRule {
  kind: ScalarKind;
  /** Ops AWS takes on this path (default: replace). */
  ops?: Op[];
  /** Extra check of the new value; returns AWS's refusal message. */
  check?: (value: string) => string | undefined;
}
export interface MapRule {
  kind: "boolMap" | "stringMap";
  /** AWS's 404 message when replace/remove names a key the map lacks. */
  missingKey: string;
  /** AWS's 400 message when replace has no value (gateway responses). */
  nullValue?: string;
}

export interface EntityPatchSpec {
  /**
   * How AWS words refusals for this entity. "field": `Invalid patch path  '/x' specified for op 'y'. …`
   * (resources, models, validators); "path": `Invalid patch path /x` and `Invalid patch operation specified. …`.
   */
  style: "field" | "path";
  scalars?: Record<string, ScalarRule>;
  maps?: Record<string, MapRule>;
  lists?: string[];
  valueLists?: string[];
  nested?: Record<string, ScalarKind>;
  /** Gateway responses: a wrong op on a scalar is reported as an invalid path. */
  wrongOpIsInvalidPath?: boolean;
}

const OP_ENUM = ["add", "remove", "move", "test", "replace", "copy"];

/** AWS validates `op` against its enum first, reporting every bad one (1-based) at once. */
export function validateOpEnum(ops: PatchOperation[] | undefined, inputName: string): string[] {
  const errors: string[] = [];
  (ops ?? []).forEach((o, i) => {
    if (!OP_ENUM.includes(String(o.op)))
      errors.push(
        `Value '${o.op}' at '${inputName}.patchOperations.${i + 1}.member.op' failed to satisfy constraint: Member must satisfy enum value set: [${OP_ENUM.join(", ")}]`,
      );
  });
  return errors;
}

/** AWS's ValidationException text for a list of constraint failures. */
export function validationMessage(errors: string[]): string {
  return `${errors.length} validation error${errors.length > 1 ? "s" : ""} detected: ${errors.join("; ")}`;
}

const bad = (m: string) => new EntityPatchError(400, "BadRequestException", m);

/** Splits a patch path into raw segments and decodes `~1`/`~0` in each. */
function segments(path: string): string[] {
  return path
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Applies `ops` to `target` in order, refusing what AWS refuses. Mutates `target`. */
export function applyEntityPatch(target: Json, ops: PatchOperation[] | undefined, spec: EntityPatchSpec): Json {
  for (const op of ops ?? []) applyOne(target, op, spec);
  return target;
}

function applyOne(target: Json, op: PatchOperation, spec: EntityPatchSpec) {
  const path = op.path;
  if (typeof path !== "string" || !path.startsWith("/")) throw bad(`Invalid patch path ${path ?? "null"}`);
  const segs = segments(path);
  const field = segs[0];
  const invalidPath = () => invalidPathError(spec, path, op.op);
  if (spec.style === "field" && op.op !== "replace") throw bad(`Invalid patch path  '${path}' specified for op '${op.op}'. Please choose supported operations`);

  const scalar = spec.scalars?.[field];
  if (scalar && segs.length === 1) return applyScalar(target, field, op, scalar, spec);
  const map = spec.maps?.[field];
  if (map && segs.length === 2) return applyMap(target, field, segs[1], op, map);
  if (spec.lists?.includes(field) && segs.length === 2) return applyList(target, field, segs[1], op);
  if (spec.valueLists?.includes(field) && segs.length === 1) return applyValueList(target, field, op);
  const nested = spec.nested?.[segs.join("/")];
  if (nested && segs.length === 2) {
    if (op.op !== "replace") throw bad("Invalid patch operation specified. Must be one of: [replace]");
    (target[field] ??= {})[segs[1]] = parseScalar(op.value, nested);
    return;
  }
  throw invalidPath();
}

function invalidPathError(spec: EntityPatchSpec, path: string, op: string): EntityPatchError {
  if (spec.style === "path") return bad(`Invalid patch path ${path}`);
  const all = [...Object.keys(spec.scalars ?? {}), ...Object.keys(spec.maps ?? {})].map((f) => "/" + f);
  return bad(`Invalid patch path  '${path}' specified for op '${op}'. Must be one of: [${all.join(", ")}]`);
}

function applyScalar(target: Json, field: string, op: PatchOperation, rule: ScalarRule, spec: EntityPatchSpec) {
  const ops = rule.ops ?? ["replace"];
  if (!ops.includes(op.op as Op)) {
    if (spec.wrongOpIsInvalidPath) throw bad(`Invalid patch path ${op.path}`);
    throw bad(`Invalid patch operation specified. Must be one of: [${ops.join(", ")}]`);
  }
  // remove, or replace with no (or an empty) value, clears the field: AWS leaves it out.
  if (op.op === "remove" || op.value === undefined || op.value === null || op.value === "") {
    if (rule.kind === "bool") target[field] = false;
    else delete target[field];
    return;
  }
  const refusal = rule.check?.(op.value);
  if (refusal) throw bad(refusal);
  target[field] = parseScalar(op.value, rule.kind);
}

function parseScalar(value: string | undefined, kind: ScalarKind): unknown {
  // Java's Boolean.parseBoolean: anything but "true" (any case) is false.
  if (kind === "bool") return String(value).toLowerCase() === "true";
  if (kind === "int") {
    const n = Number(value);
    if (!Number.isInteger(n)) throw bad(`Invalid integer value '${value}'`);
    return n;
  }
  return value ?? "";
}

function applyMap(target: Json, field: string, key: string, op: PatchOperation, rule: MapRule) {
  const map: Json = target[field] ?? {};
  if (op.op === "remove" || op.op === "replace") {
    if (!(key in map)) throw new EntityPatchError(404, "NotFoundException", rule.missingKey);
  }
  if (op.op === "remove") {
    delete map[key];
  } else if (op.op === "add" || op.op === "replace") {
    if (op.op === "replace" && rule.nullValue && (op.value === undefined || op.value === null || op.value === "")) throw bad(rule.nullValue);
    map[key] = rule.kind === "boolMap" ? parseScalar(op.value, "bool") : (op.value ?? "");
  } else {
    throw bad("Invalid patch operation specified. Must be 'add'|'remove'|'replace'");
  }
  if (Object.keys(map).length) target[field] = map;
  else delete target[field];
}

function applyList(target: Json, field: string, item: string, op: PatchOperation) {
  const list: string[] = [...(target[field] ?? [])];
  const without = list.filter((x) => x !== item);
  if (op.op === "add") target[field] = list.includes(item) ? list : [...list, item];
  else if (op.op === "remove") target[field] = without;
  else if (op.op === "replace") target[field] = op.value ? [...without, op.value] : without;
  else throw bad("Invalid patch operation specified. Must be 'add'|'remove'|'replace'");
  if (!target[field].length) delete target[field];
}

function applyValueList(target: Json, field: string, op: PatchOperation) {
  const list: string[] = [...(target[field] ?? [])];
  const item = op.value ?? "";
  if (op.op === "add") target[field] = list.includes(item) ? list : [...list, item];
  else if (op.op === "remove") target[field] = list.filter((x) => x !== item);
  else throw bad("Invalid patch operation specified. Must be 'add'|'remove'");
  if (!target[field].length) delete target[field];
}
