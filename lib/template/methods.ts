/**
 * Java methods callable from templates (java.lang.String, List, Map, Number, Boolean, …),
 * resolved the way Velocity 1.7's introspector does: by name and argument types. A call
 * that matches no method yields `undefined` (Velocity then renders null); a method that
 * throws raises a `JavaException`.
 */
import { JavaException } from "./escape";
import { findAll, javaMatchesWhole, type JavaMatch, literalText } from "./java-regex";
import {
  HostObject,
  JChar,
  JDouble,
  JEntry,
  JList,
  JMap,
  type JValue,
  javaClassName,
  javaDouble,
  javaEquals,
  javaHash,
  normKey,
  numValue,
  toJavaString,
} from "./values";

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

type Spec = "S" | "CS" | "C" | "I" | "O" | "L" | "M";

function matches(spec: Spec, v: JValue): boolean {
  switch (spec) {
    case "O":
      return true;
    case "S":
    case "CS":
      return v === null || typeof v === "string";
    case "C":
      return v instanceof JChar;
    case "I":
      return (typeof v === "number" && v >= INT_MIN && v <= INT_MAX) || v instanceof JChar;
    case "L":
      return v === null || v instanceof JList;
    case "M":
      return v === null || v instanceof JMap;
  }
}

function intArg(v: JValue): number {
  return v instanceof JChar ? v.c.charCodeAt(0) : (v as number);
}

// biome-ignore lint/suspicious/noExplicitAny: each method table narrows `self` to its own Java type
type Impl = (self: any, args: JValue[]) => JValue;
type Overload = [Spec[], Impl];
const ov = (specs: Spec[], impl: Impl): Overload => [specs, impl];

function dispatch(table: Record<string, Overload[]>, self: unknown, name: string, args: JValue[]): JValue | undefined {
  const overloads = Object.hasOwn(table, name) ? table[name] : undefined;
  if (!overloads) return undefined;
  for (const [specs, impl] of overloads) {
    if (specs.length === args.length && specs.every((s, i) => matches(s, args[i]))) return impl(self, args);
  }
  return undefined;
}

function npe(): never {
  throw new JavaException("java.lang.NullPointerException", "");
}

function str(v: JValue): string {
  if (v === null) npe();
  return v as string;
}

// ---- Java regular expressions --------------------------------------------

/** Java's Matcher.appendReplacement rules: `$n`, `${name}`, `\x`. */
function javaReplacement(rep: string, m: JavaMatch): string {
  let out = "";
  const groupCount = m.length - 1;
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i];
    if (c === "\\") {
      i++;
      if (i >= rep.length) throw new JavaException("java.lang.IllegalArgumentException", "character to be escaped is missing");
      out += rep[i];
    } else if (c === "$") {
      i++;
      if (i >= rep.length) throw new JavaException("java.lang.IllegalArgumentException", "Illegal group reference: group index is missing");
      if (rep[i] === "{") {
        const close = rep.indexOf("}", i);
        const name = close < 0 ? "" : rep.slice(i + 1, close);
        if (!name || !m.groups || !(name in m.groups)) throw new JavaException("java.lang.IllegalArgumentException", `No group with name {${name}}`);
        out += m.groups[name] ?? "";
        i = close;
        continue;
      }
      if (!/[0-9]/.test(rep[i])) throw new JavaException("java.lang.IllegalArgumentException", "Illegal group reference");
      let g = Number(rep[i]);
      if (g > groupCount) throw new JavaException("java.lang.IndexOutOfBoundsException", `No group ${g}`);
      while (i + 1 < rep.length && /[0-9]/.test(rep[i + 1])) {
        const ng = g * 10 + Number(rep[i + 1]);
        if (ng > groupCount) break;
        g = ng;
        i++;
      }
      out += m[g] ?? "";
    } else out += c;
  }
  return out;
}

export function javaReplace(s: string, regex: string, rep: string, all: boolean): string {
  // Plain text for plain text (no $ group references or \ escapes): the platform's replace does the same.
  const literal = literalText(regex);
  if (literal !== null && !/[$\\]/.test(rep)) return all ? s.replaceAll(literal, rep) : s.replace(literal, rep);
  let out = "";
  let last = 0;
  for (const m of findAll(regex, s)) {
    out += s.slice(last, m.index) + javaReplacement(rep, m);
    last = m.index + m[0]!.length;
    if (!all) break;
  }
  return out + s.slice(last);
}

export function javaSplit(s: string, regex: string, limit = 0): string[] {
  const list: string[] = [];
  let index = 0;
  let matched = false;
  for (const m of findAll(regex, s)) {
    if (limit > 0 && list.length >= limit - 1) break;
    const start = m.index;
    const end = start + m[0]!.length;
    if (start === 0 && end === 0) continue; // no leading empty string for a zero-width match at 0
    list.push(s.slice(index, start));
    index = end;
    matched = true;
  }
  if (!matched) return [s];
  list.push(s.slice(index));
  if (limit === 0) while (list.length && list[list.length - 1] === "") list.pop();
  return list;
}

function javaTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 32) a++;
  while (b > a && s.charCodeAt(b - 1) <= 32) b--;
  return s.slice(a, b);
}

function sioobe(msg: string): never {
  throw new JavaException("java.lang.StringIndexOutOfBoundsException", msg);
}

function substring(s: string, b: number, e: number): string {
  if (b < 0 || e > s.length || b > e) sioobe(`begin ${b}, end ${e}, length ${s.length}`);
  return s.slice(b, e);
}

function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a.charCodeAt(i) - b.charCodeAt(i);
  return a.length - b.length;
}

function strArray(items: string[]): JList {
  return new JList(items, "strarray");
}

const STRING: Record<string, Overload[]> = {
  length: [[[], (s: string) => s.length]],
  isEmpty: [[[], (s: string) => s.length === 0]],
  charAt: [
    [
      ["I"],
      (s: string, [i]) => {
        const n = intArg(i);
        if (n < 0 || n >= s.length) sioobe(`String index out of range: ${n}`);
        return new JChar(s[n]);
      },
    ],
  ],
  substring: [
    [["I"], (s: string, [b]) => substring(s, intArg(b), s.length)],
    [["I", "I"], (s: string, [b, e]) => substring(s, intArg(b), intArg(e))],
  ],
  indexOf: [
    [["S"], (s: string, [x]) => s.indexOf(str(x))],
    [["I"], (s: string, [c]) => s.indexOf(String.fromCharCode(intArg(c)))],
    [["S", "I"], (s: string, [x, f]) => s.indexOf(str(x), Math.max(0, intArg(f)))],
    [["I", "I"], (s: string, [c, f]) => s.indexOf(String.fromCharCode(intArg(c)), Math.max(0, intArg(f)))],
  ],
  lastIndexOf: [
    [["S"], (s: string, [x]) => s.lastIndexOf(str(x))],
    [["I"], (s: string, [c]) => s.lastIndexOf(String.fromCharCode(intArg(c)))],
    [["S", "I"], (s: string, [x, f]) => (intArg(f) < 0 ? -1 : s.lastIndexOf(str(x), intArg(f)))],
    [["I", "I"], (s: string, [c, f]) => (intArg(f) < 0 ? -1 : s.lastIndexOf(String.fromCharCode(intArg(c)), intArg(f)))],
  ],
  contains: [[["CS"], (s: string, [x]) => s.includes(str(x))]],
  startsWith: [
    [["S"], (s: string, [x]) => s.startsWith(str(x))],
    [["S", "I"], (s: string, [x, o]) => intArg(o) >= 0 && intArg(o) <= s.length && s.startsWith(str(x), intArg(o))],
  ],
  endsWith: [[["S"], (s: string, [x]) => s.endsWith(str(x))]],
  equals: [[["O"], (s: string, [x]) => typeof x === "string" && x === s]],
  equalsIgnoreCase: [
    [["S"], (s: string, [x]) => x !== null && (x as string).length === s.length && (x as string).toUpperCase().toLowerCase() === s.toUpperCase().toLowerCase()],
  ],
  compareTo: [[["S"], (s: string, [x]) => compareStrings(s, str(x))]],
  compareToIgnoreCase: [[["S"], (s: string, [x]) => compareStrings(s.toUpperCase().toLowerCase(), str(x).toUpperCase().toLowerCase())]],
  toUpperCase: [[[], (s: string) => s.toUpperCase()]],
  toLowerCase: [[[], (s: string) => s.toLowerCase()]],
  trim: [[[], (s: string) => javaTrim(s)]],
  concat: [[["S"], (s: string, [x]) => s + str(x)]],
  toString: [ov([], (s: string) => s)],
  intern: [[[], (s: string) => s]],
  hashCode: [[[], (s: string) => javaHash(s)]],
  replace: [
    [["C", "C"], (s: string, [a, b]) => s.split((a as JChar).c).join((b as JChar).c)],
    [["CS", "CS"], (s: string, [a, b]) => (str(a) === "" ? insertEverywhere(s, str(b)) : s.split(str(a)).join(str(b)))],
  ],
  replaceAll: [[["S", "S"], (s: string, [r, x]) => javaReplace(s, str(r), str(x), true)]],
  replaceFirst: [[["S", "S"], (s: string, [r, x]) => javaReplace(s, str(r), str(x), false)]],
  matches: [[["S"], (s: string, [r]) => javaMatchesWhole(str(r), s)]],
  split: [
    [["S"], (s: string, [r]) => strArray(javaSplit(s, str(r)))],
    [["S", "I"], (s: string, [r, l]) => strArray(javaSplit(s, str(r), intArg(l)))],
  ],
  getBytes: [
    [
      [],
      (s: string) =>
        new JList(
          [...new TextEncoder().encode(s)].map((b) => (b > 127 ? b - 256 : b)),
          "array",
        ),
    ],
  ],
  toCharArray: [
    [
      [],
      (s: string) =>
        new JList(
          [...s].map((c) => new JChar(c)),
          "array",
        ),
    ],
  ],
};

function insertEverywhere(s: string, b: string): string {
  let out = b;
  for (const c of s) out += c + b;
  return out;
}

function ioobe(i: number, len: number): never {
  throw new JavaException("java.lang.IndexOutOfBoundsException", `Index ${i} out of bounds for length ${len}`);
}

function checkIndex(l: JList, i: number, len = l.items.length): number {
  if (i < 0 || i >= len) ioobe(i, len);
  return i;
}

function indexOfValue(l: JList, v: JValue): number {
  return l.items.findIndex((x) => javaEquals(x, v));
}

function unsupported(l: JList): void {
  if (l.kind === "strarray") throw new JavaException("java.lang.UnsupportedOperationException", "");
}

const LIST: Record<string, Overload[]> = {
  size: [[[], (l: JList) => l.items.length]],
  isEmpty: [[[], (l: JList) => l.items.length === 0]],
  get: [[["I"], (l: JList, [i]) => l.items[checkIndex(l, intArg(i))]]],
  contains: [[["O"], (l: JList, [v]) => indexOfValue(l, v) >= 0]],
  indexOf: [[["O"], (l: JList, [v]) => indexOfValue(l, v)]],
  lastIndexOf: [
    [
      ["O"],
      (l: JList, [v]) => {
        for (let i = l.items.length - 1; i >= 0; i--) if (javaEquals(l.items[i], v)) return i;
        return -1;
      },
    ],
  ],
  add: [
    [
      ["O"],
      (l: JList, [v]) => {
        unsupported(l);
        l.items.push(v);
        return true;
      },
    ],
    [
      ["I", "O"],
      (l: JList, [i, v]) => {
        unsupported(l);
        checkIndex(l, intArg(i), l.items.length + 1);
        l.items.splice(intArg(i), 0, v);
        return null;
      },
    ],
  ],
  set: [
    [
      ["I", "O"],
      (l: JList, [i, v]) => {
        const k = checkIndex(l, intArg(i));
        const old = l.items[k];
        l.items[k] = v;
        return old;
      },
    ],
  ],
  remove: [
    [
      ["I"],
      (l: JList, [i]) => {
        unsupported(l);
        const k = checkIndex(l, intArg(i));
        return l.items.splice(k, 1)[0];
      },
    ],
    [
      ["O"],
      (l: JList, [v]) => {
        unsupported(l);
        const k = indexOfValue(l, v);
        if (k < 0) return false;
        l.items.splice(k, 1);
        return true;
      },
    ],
  ],
  addAll: [
    [
      ["L"],
      (l: JList, [o]) => {
        unsupported(l);
        if (o === null) npe();
        l.items.push(...(o as JList).items);
        return (o as JList).items.length > 0;
      },
    ],
  ],
  clear: [
    [
      [],
      (l: JList) => {
        unsupported(l);
        l.items.length = 0;
        return null;
      },
    ],
  ],
  subList: [
    [
      ["I", "I"],
      (l: JList, [a, b]) => {
        const x = intArg(a);
        const y = intArg(b);
        if (x < 0 || y > l.items.length || x > y) ioobe(x < 0 ? x : y, l.items.length);
        return new JList(l.items.slice(x, y), "array");
      },
    ],
  ],
  toString: [ov([], (l: JList) => toJavaString(l))],
  equals: [[["O"], (l: JList, [o]) => o instanceof JList && javaEquals(l, o)]],
};

const keyOf = normKey;

const MAP: Record<string, Overload[]> = {
  size: [[[], (m: JMap) => m.m.size]],
  isEmpty: [[[], (m: JMap) => m.m.size === 0]],
  get: [[["O"], (m: JMap, [k]) => m.get(keyOf(k))]],
  getOrDefault: [[["O", "O"], (m: JMap, [k, d]) => (m.m.has(keyOf(k)) ? m.get(keyOf(k)) : d)]],
  containsKey: [[["O"], (m: JMap, [k]) => m.m.has(keyOf(k))]],
  containsValue: [[["O"], (m: JMap, [v]) => [...m.m.values()].some((x) => javaEquals(x, v))]],
  keySet: [[[], (m: JMap) => new JList([...m.m.keys()], "array")]],
  values: [[[], (m: JMap) => new JList([...m.m.values()], "array")]],
  entrySet: [
    [
      [],
      (m: JMap) =>
        new JList(
          [...m.m.entries()].map(([k, v]) => new JEntry(k, v)),
          "array",
        ),
    ],
  ],
  put: [[["O", "O"], (m: JMap, [k, v]) => m.put(keyOf(k), v)]],
  remove: [
    [
      ["O"],
      (m: JMap, [k]) => {
        const key = keyOf(k);
        const old = m.get(key);
        m.m.delete(key);
        return old;
      },
    ],
  ],
  putAll: [
    [
      ["M"],
      (m: JMap, [o]) => {
        if (o === null) npe();
        for (const [k, v] of (o as JMap).m) m.put(k, v);
        return null;
      },
    ],
  ],
  clear: [
    [
      [],
      (m: JMap) => {
        m.m.clear();
        return null;
      },
    ],
  ],
  toString: [ov([], (m: JMap) => toJavaString(m))],
  equals: [[["O"], (m: JMap, [o]) => o instanceof JMap && javaEquals(m, o)]],
};

const ENTRY: Record<string, Overload[]> = {
  getKey: [[[], (e: JEntry) => e.key]],
  getValue: [[[], (e: JEntry) => e.value]],
  toString: [ov([], (e: JEntry) => toJavaString(e))],
};

const NUMBER: Record<string, Overload[]> = {
  toString: [ov([], (n: number | JDouble) => toJavaString(n))],
  intValue: [[[], (n: number | JDouble) => toInt32(numValue(n))]],
  longValue: [[[], (n: number | JDouble) => Math.trunc(numValue(n))]],
  doubleValue: [[[], (n: number | JDouble) => new JDouble(numValue(n))]],
  floatValue: [[[], (n: number | JDouble) => new JDouble(Math.fround(numValue(n)))]],
  equals: [[["O"], (n: number | JDouble, [o]) => (typeof n === "number" ? typeof o === "number" && o === n : o instanceof JDouble && o.v === n.v)]],
  compareTo: [
    [
      ["O"],
      (n: number | JDouble, [o]) => {
        if (o === null) npe();
        if (typeof n !== typeof o && !(n instanceof JDouble && o instanceof JDouble)) {
          throw new JavaException("java.lang.ClassCastException", `class ${javaClassName(o)} cannot be cast to class ${javaClassName(n)}`);
        }
        const a = numValue(n);
        const b = numValue(o as number | JDouble);
        return a < b ? -1 : a > b ? 1 : 0;
      },
    ],
  ],
  isNaN: [[[], (n: number | JDouble) => (n instanceof JDouble ? Number.isNaN(n.v) : undefined) as JValue]],
  isInfinite: [[[], (n: number | JDouble) => (n instanceof JDouble ? !Number.isFinite(n.v) && !Number.isNaN(n.v) : undefined) as JValue]],
  hashCode: [[[], (n: number | JDouble) => (typeof n === "number" ? n | 0 : javaHash(javaDouble(n.v)))]],
};

function toInt32(x: number): number {
  const t = Math.trunc(x);
  if (Number.isNaN(t)) return 0;
  if (t > INT_MAX) return INT_MAX;
  if (t < INT_MIN) return INT_MIN;
  return t;
}

const BOOLEAN: Record<string, Overload[]> = {
  toString: [ov([], (b: boolean) => (b ? "true" : "false"))],
  booleanValue: [[[], (b: boolean) => b]],
  equals: [[["O"], (b: boolean, [o]) => o === b]],
};

const CHAR: Record<string, Overload[]> = {
  toString: [ov([], (c: JChar) => c.c)],
  charValue: [[[], (c: JChar) => c]],
  equals: [[["O"], (c: JChar, [o]) => o instanceof JChar && o.c === c.c]],
  compareTo: [[["C"], (c: JChar, [o]) => c.c.charCodeAt(0) - (o as JChar).c.charCodeAt(0)]],
};

/** `$x.class` / `$x.getClass()`. */
export class JavaClass extends HostObject {
  readonly javaClass = "java.lang.Class";
  constructor(readonly name: string) {
    super();
  }
  invoke(name: string, args: JValue[]): JValue | undefined {
    if (args.length) return undefined;
    if (name === "getName" || name === "getTypeName" || name === "getCanonicalName") return this.name;
    if (name === "getSimpleName") return this.name.slice(this.name.lastIndexOf(".") + 1);
    if (name === "toString") return this.toString();
    return undefined;
  }
  toString(): string {
    return `class ${this.name}`;
  }
}

/** Calls `name(args)` on a Java value; `undefined` when no such method exists. */
export function invokeMethod(self: JValue, name: string, args: JValue[]): JValue | undefined {
  if (self === null) return undefined;
  if (name === "getClass" && args.length === 0) return new JavaClass(javaClassName(self));
  if (self instanceof HostObject) {
    const r = self.invoke(name, args);
    if (r !== undefined) return r;
    if (name === "toString" && !args.length) return self.toString();
    return undefined;
  }
  if (typeof self === "string") return dispatch(STRING, self, name, args);
  if (typeof self === "number" || typeof self === "bigint" || self instanceof JDouble) {
    const r = dispatch(NUMBER, self, name, args);
    return r === undefined ? undefined : r;
  }
  if (typeof self === "boolean") return dispatch(BOOLEAN, self, name, args);
  if (self instanceof JChar) return dispatch(CHAR, self, name, args);
  if (self instanceof JList) return dispatch(LIST, self, name, args);
  if (self instanceof JMap) return dispatch(MAP, self, name, args);
  if (self instanceof JEntry) return dispatch(ENTRY, self, name, args);
  if (name === "toString" && !args.length) return toJavaString(self);
  return undefined;
}

/** `$x.name` by Velocity 1.7's rules: getName()/getname(), Map.get("name"), then isName(). */
export function getProperty(self: JValue, name: string): JValue | undefined {
  if (self === null) return undefined;
  if (self instanceof JMap && name !== "class") return self.get(name);
  if (name === "class") return new JavaClass(javaClassName(self));
  if (self instanceof HostObject) {
    const p = self.getProperty(name);
    if (p !== undefined) return p;
  }
  const cap = name[0].toUpperCase() + name.slice(1);
  if (!(self instanceof JMap)) {
    let r = invokeMethod(self, "get" + cap, []);
    if (r !== undefined) return r;
    r = invokeMethod(self, "get" + name, []);
    if (r !== undefined) return r;
  } else {
    return self.get(name);
  }
  const r = invokeMethod(self, "is" + cap, []);
  if (r !== undefined && typeof r === "boolean") return r;
  return undefined;
}
