/**
 * Field-level comparison shared by the design and stage diffs: flatten an object into
 * `a.b.c` leaf paths, compare leaves, and line-diff multi-line strings (templates, schemas,
 * policies) with jsdiff.
 */
import { diffLines } from "diff";
import { canonicalJson } from "./snapshot";

/** One line of a line diff: added in `after`, removed from `before`, or common context. */
export interface LineDiff {
  kind: "add" | "remove" | "same";
  text: string;
}

export interface FieldChange {
  /** Dotted path inside the entity: `requestTemplates.application/json`, `validateRequestBody`. Map keys are kept verbatim. */
  path: string;
  /** `undefined` when the field is absent on that side. */
  before: unknown;
  after: unknown;
  /** For multi-line strings (templates, model schemas, policies): a line diff of before → after. */
  lineDiff?: LineDiff[];
}

export type FlatFields = Map<string, unknown>;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Leaf paths of an object. Nested plain objects are walked; arrays and scalars are leaves;
 * `undefined`, `null` and `[]` are "not set" and produce nothing, so an absent map and `{}`,
 * an absent list and `[]`, compare equal.
 */
export function flatten(value: unknown, prefix = "", out: FlatFields = new Map()): FlatFields {
  if (value === undefined || value === null) return out;
  if (isPlainObject(value)) {
    for (const key of Object.keys(value)) flatten(value[key], prefix ? `${prefix}.${key}` : key, out);
    return out;
  }
  if (Array.isArray(value) && value.length === 0) return out;
  out.set(prefix, value);
  return out;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === "string");
}

/**
 * Leaf equality. String arrays are sets (binary media types, scopes, cache key parameters and
 * provider ARNs have no meaningful order); anything else structured is compared as canonical JSON.
 */
export function leafEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (isStringArray(a) && isStringArray(b)) {
    if (a.length !== b.length) return false;
    const sa = [...a].sort();
    const sb = [...b].sort();
    return sa.every((x, i) => x === sb[i]);
  }
  return canonicalJson(a) === canonicalJson(b);
}

/** Parses JSON text, or returns undefined when it isn't JSON. */
export function tryParseJson(text: unknown): unknown {
  if (typeof text !== "string") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A line diff of two texts; a missing side is the empty text. */
export function lineDiff(before: string | undefined, after: string | undefined): LineDiff[] {
  const out: LineDiff[] = [];
  for (const part of diffLines(before ?? "", after ?? "")) {
    const kind = part.added ? "add" : part.removed ? "remove" : "same";
    const value = part.value.endsWith("\n") ? part.value.slice(0, -1) : part.value;
    for (const text of value.split("\n")) out.push({ kind, text });
  }
  return out;
}

const isMultiline = (v: unknown): v is string => typeof v === "string" && v.includes("\n");

export interface CompareOptions {
  /**
   * Paths (exact) whose values are JSON text (model schema, resource policy): equal when they
   * parse to the same JSON whatever the formatting; line-diffed pretty-printed when one-line.
   */
  jsonText?: ReadonlySet<string>;
}

function jsonTextEqual(a: unknown, b: unknown): boolean {
  const pa = tryParseJson(a);
  const pb = tryParseJson(b);
  if (pa === undefined || pb === undefined) return a === b;
  return canonicalJson(pa) === canonicalJson(pb);
}

function prettyJsonText(v: unknown): string | undefined {
  if (typeof v !== "string") return undefined;
  if (v.includes("\n")) return v;
  const parsed = tryParseJson(v);
  return parsed === undefined ? v : JSON.stringify(parsed, null, 2);
}

/** The field changes between two flattened objects, sorted by path (so key order never matters). */
export function compareFlat(before: FlatFields, after: FlatFields, options: CompareOptions = {}): FieldChange[] {
  const paths = new Set<string>(before.keys());
  for (const k of after.keys()) paths.add(k);
  const changes: FieldChange[] = [];
  for (const path of [...paths].sort()) {
    const b = before.get(path);
    const a = after.get(path);
    const json = options.jsonText?.has(path) ?? false;
    if (json ? jsonTextEqual(b, a) : leafEqual(b, a)) continue;
    const change: FieldChange = { path, before: b, after: a };
    if (json && (typeof b === "string" || typeof a === "string")) {
      change.lineDiff = lineDiff(prettyJsonText(b), prettyJsonText(a));
    } else if ((isMultiline(b) || isMultiline(a)) && (b === undefined || typeof b === "string") && (a === undefined || typeof a === "string")) {
      change.lineDiff = lineDiff(b as string | undefined, a as string | undefined);
    }
    changes.push(change);
  }
  return changes;
}

/** Field changes between two objects (flattened first). */
export function compareObjects(before: unknown, after: unknown, options: CompareOptions = {}): FieldChange[] {
  return compareFlat(flatten(before), flatten(after), options);
}
