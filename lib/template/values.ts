/**
 * The Java value model the template engine works on, so printing and arithmetic follow
 * Velocity 1.7 on the JVM rather than JavaScript:
 *
 * - `number` that is an integer is a Java Integer/Long; a decimal is always a `JDouble`
 *   (so `10.0` stays a double and prints `10.0`).
 * - `JList` is a java.util.List: `kind: "json"` is json-smart's JSONArray (what `$input.path`
 *   returns; prints as compact JSON), `"array"` is an ArrayList (VTL list literals; prints
 *   `[a, b]`), `"strarray"` is a String[] (from `split`; prints as an array identity).
 * - `JMap` is a LinkedHashMap (document order; prints `{a=1, b=2}`).
 */

export class JDouble {
  constructor(readonly v: number) {}
}

export class JChar {
  constructor(readonly c: string) {}
}

export type ListKind = "json" | "array" | "strarray";

/** Where a lazy list's items come from (JSON text, plain data), read when first needed. */
export interface ListSource {
  toItems(): JValue[];
}

export class JList {
  private list: JValue[] | null;
  private source: ListSource | null = null;
  constructor(
    items: JValue[],
    readonly kind: ListKind = "array",
  ) {
    this.list = items;
  }
  /** A list whose items are made from `source` when first read. */
  static lazy(source: ListSource, kind: ListKind): JList {
    const l = new JList(EMPTY, kind);
    l.list = null;
    l.source = source;
    return l;
  }
  get items(): JValue[] {
    return this.list ?? this.convert();
  }
  set items(items: JValue[]) {
    this.list = items;
    this.source = null;
  }
  private convert(): JValue[] {
    const items = (this.source as ListSource).toItems();
    this.list = items;
    this.source = null;
    return items;
  }
}

const EMPTY: JValue[] = [];

/**
 * Where a lazy map's entries come from until it needs a whole Map (JSON text: ./json-lazy.ts;
 * plain data: fromPlain). A nested map or list comes back as the same object every time.
 */
export interface MapSource {
  /** The value at `key`; undefined when there is no such key. */
  find(key: string): JValue | undefined;
  /** Every entry in order, nested values being the ones find handed out. */
  toMap(): Map<MapKey, JValue>;
}

/**
 * A LinkedHashMap. Lazy maps (`JMap.lazy`) read their keys from their source until something
 * needs the whole map (iteration, size, a put): templates usually read a few keys of many
 * objects, and building a Map for each would cost more than reading the JSON.
 */
export class JMap {
  private map: Map<MapKey, JValue> | null;
  private source: MapSource | null = null;
  /** Called before a put; may throw (used for the once-only `$context.*Override` maps). */
  onPut?: (key: MapKey, value: JValue) => void;
  constructor(entries?: Iterable<[MapKey, JValue]> | null) {
    // null: a lazy map (JMap.lazy), which gets no Map until it needs one.
    this.map = entries === null ? null : new Map();
    if (entries) for (const [k, v] of entries) this.m.set(k, v);
  }
  static lazy(source: MapSource): JMap {
    const j = new JMap(null);
    j.source = source;
    return j;
  }
  get m(): Map<MapKey, JValue> {
    return this.map ?? this.convert();
  }
  private convert(): Map<MapKey, JValue> {
    const map = (this.source as MapSource).toMap();
    this.map = map;
    this.source = null;
    return map;
  }
  get(k: MapKey): JValue {
    const v = this.find(k);
    return v === undefined ? null : v;
  }
  /** get() that tells a missing key (undefined) from a null value. */
  find(k: MapKey): JValue | undefined {
    if (this.map === null) return typeof k === "string" ? (this.source as MapSource).find(k) : undefined;
    return this.map.get(typeof k === "string" ? k : normKey(k));
  }
  put(k: MapKey, v: JValue): JValue {
    const key = normKey(k);
    this.onPut?.(key, v);
    const old = this.get(key);
    this.m.set(key, v);
    return old;
  }
}

export type MapKey = string | number | boolean | null;

/** The key a Java value has in a map (LinkedHashMap keys compare by equals). */
export function normKey(k: MapKey | JValue): MapKey {
  if (typeof k === "bigint") return k.toString();
  if (k instanceof JDouble) return k.v;
  if (k instanceof JChar) return k.c;
  if (k === null || typeof k === "string" || typeof k === "number" || typeof k === "boolean") return k;
  return toJavaString(k);
}

export class JEntry {
  constructor(
    readonly key: MapKey,
    readonly value: JValue,
  ) {}
}

/** A host object exposed to templates (`$input`, `$util`, `$foreach`, …). */
export abstract class HostObject {
  abstract readonly javaClass: string;
  /** Property access `$obj.name`; undefined = not resolvable. */
  getProperty(_name: string): JValue | undefined {
    return undefined;
  }
  /** Method call; undefined = no such method (Velocity then yields null). */
  abstract invoke(name: string, args: JValue[]): JValue | undefined;
  toString(): string {
    return `${this.javaClass}@${hashHex(this.javaClass)}`;
  }
}

/** A `#define` block: rendered lazily when printed. */
export class JBlock {
  constructor(readonly render: () => string) {}
}

export type JValue = null | string | number | bigint | boolean | JDouble | JChar | JList | JMap | JEntry | HostObject | JBlock;

/** Integers beyond 2^53 (json-smart's Long/BigInteger) are kept exact as `bigint`. */
export function isNumber(v: JValue): v is number | bigint | JDouble {
  return typeof v === "number" || typeof v === "bigint" || v instanceof JDouble;
}

export function numValue(v: number | bigint | JDouble): number {
  return typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : v.v;
}

export function isInt(v: JValue): v is number {
  return typeof v === "number";
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

export function javaClassName(v: JValue): string {
  if (v === null) return "null";
  if (typeof v === "string") return "java.lang.String";
  if (typeof v === "boolean") return "java.lang.Boolean";
  if (typeof v === "number") return v >= INT_MIN && v <= INT_MAX ? "java.lang.Integer" : "java.lang.Long";
  if (typeof v === "bigint") return v >= -(2n ** 63n) && v < 2n ** 63n ? "java.lang.Long" : "java.math.BigInteger";
  if (v instanceof JDouble) return "java.lang.Double";
  if (v instanceof JChar) return "java.lang.Character";
  if (v instanceof JList) return v.kind === "json" ? "net.minidev.json.JSONArray" : v.kind === "strarray" ? "[Ljava.lang.String;" : "java.util.ArrayList";
  if (v instanceof JMap) return "java.util.LinkedHashMap";
  if (v instanceof JEntry) return "java.util.LinkedHashMap$Entry";
  if (v instanceof HostObject) return v.javaClass;
  return "org.apache.velocity.runtime.directive.Define$Block";
}

/** Java's `Double.toString(double)`. */
export function javaDouble(d: number): string {
  if (Number.isNaN(d)) return "NaN";
  if (d === Infinity) return "Infinity";
  if (d === -Infinity) return "-Infinity";
  if (d === 0) return Object.is(d, -0) ? "-0.0" : "0.0";
  const a = Math.abs(d);
  if (a >= 1e-3 && a < 1e7) {
    const s = String(d);
    return s.includes(".") ? s : s + ".0";
  }
  const [mant, exp] = d.toExponential().split("e");
  const m = mant.includes(".") ? mant : mant + ".0";
  return `${m}E${exp.startsWith("+") ? exp.slice(1) : exp}`;
}

/** Java's String.hashCode, used for deterministic identity strings. */
export function javaHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

function hashHex(s: string): string {
  return (javaHash(s) >>> 0).toString(16);
}

/** `String.valueOf(v)` on the JVM: what Velocity prints for a non-null reference. */
export function toJavaString(v: JValue): string {
  if (v === null) return "null";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof JDouble) return javaDouble(v.v);
  if (v instanceof JChar) return v.c;
  if (v instanceof JList) {
    if (v.kind === "json") return toJson(v);
    if (v.kind === "strarray") return `[Ljava.lang.String;@${hashHex(v.items.map((x) => toJavaString(x)).join("\u0000"))}`;
    return "[" + v.items.map((x) => (x === v ? "(this Collection)" : toJavaString(x))).join(", ") + "]";
  }
  if (v instanceof JMap) {
    const parts: string[] = [];
    for (const [k, val] of v.m) parts.push(`${toJavaString(k)}=${val === v ? "(this Map)" : toJavaString(val)}`);
    return "{" + parts.join(", ") + "}";
  }
  if (v instanceof JEntry) return `${toJavaString(v.key)}=${toJavaString(v.value)}`;
  if (v instanceof JBlock) return v.render();
  return v.toString();
}

/** json-smart style string quoting (control chars, U+007F–U+009F and U+2000–U+20FF as \uXXXX). */
export function jsonQuote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const c = s.charCodeAt(i);
    switch (ch) {
      case '"':
        out += '\\"';
        break;
      case "\\":
        out += "\\\\";
        break;
      case "\b":
        out += "\\b";
        break;
      case "\f":
        out += "\\f";
        break;
      case "\n":
        out += "\\n";
        break;
      case "\r":
        out += "\\r";
        break;
      case "\t":
        out += "\\t";
        break;
      default:
        if (c <= 0x1f || (c >= 0x7f && c <= 0x9f) || (c >= 0x2000 && c <= 0x20ff)) {
          out += "\\u" + c.toString(16).toUpperCase().padStart(4, "0");
        } else out += ch;
    }
  }
  return out + '"';
}

/** Compact JSON of a value, as json-smart's JSONValue.toJSONString writes it. */
export function toJson(v: JValue): string {
  if (v === null) return "null";
  if (typeof v === "string") return jsonQuote(v);
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof JDouble) return Number.isFinite(v.v) ? javaDouble(v.v) : "null";
  if (v instanceof JList) return "[" + v.items.map(toJson).join(",") + "]";
  if (v instanceof JMap) {
    const parts: string[] = [];
    for (const [k, val] of v.m) parts.push(`${jsonQuote(toJavaString(k))}:${toJson(val)}`);
    return "{" + parts.join(",") + "}";
  }
  return jsonQuote(toJavaString(v));
}

/** Java `equals` plus Velocity's `==` rules (numbers compare by value, else toString). */
export function javaEquals(a: JValue, b: JValue): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === "bigint" && typeof b === "bigint") return a === b;
  if (isNumber(a) && isNumber(b)) return numValue(a) === numValue(b);
  if (typeof a === "string" && typeof b === "string") return a === b;
  if (typeof a === "boolean" && typeof b === "boolean") return a === b;
  if (a instanceof JList && b instanceof JList) {
    return a.items.length === b.items.length && a.items.every((x, i) => javaEquals(x, b.items[i]));
  }
  if (a instanceof JMap && b instanceof JMap) {
    if (a.m.size !== b.m.size) return false;
    for (const [k, v] of a.m) {
      if (!b.m.has(k) || !javaEquals(v, b.m.get(k) ?? null)) return false;
    }
    return true;
  }
  if (a instanceof JChar && b instanceof JChar) return a.c === b.c;
  return a === b;
}

/** Plain JS data (context, stage variables) as Java values, converted lazily, one level at a time; Java values in it stay as they are. */
export function fromPlain(v: unknown): JValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isInteger(v) ? v : new JDouble(v);
  if (Array.isArray(v)) return JList.lazy({ toItems: () => v.map(fromPlain) }, "array");
  if (v instanceof JMap || v instanceof JList) return v;
  if (typeof v === "object") return JMap.lazy(new PlainEntries(v as Record<string, unknown>));
  return String(v);
}

/** A plain object's entries for a lazy JMap: own keys only (Object.prototype's are not keys). */
class PlainEntries implements MapSource {
  /** Values already handed out, so a nested object is the same object each time. */
  private kids: Map<string, JValue> | null = null;
  constructor(private readonly src: Record<string, unknown>) {}
  find(k: string): JValue | undefined {
    if (!Object.hasOwn(this.src, k)) return undefined;
    const raw = this.src[k];
    if (raw === null || typeof raw !== "object") return fromPlain(raw);
    let v = this.kids?.get(k);
    if (v === undefined) {
      v = fromPlain(raw);
      (this.kids ??= new Map()).set(k, v);
    }
    return v;
  }
  toMap(): Map<MapKey, JValue> {
    const map = new Map<MapKey, JValue>();
    for (const k of Object.keys(this.src)) map.set(k, this.find(k) as JValue);
    return map;
  }
}
