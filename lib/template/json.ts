/**
 * JSON parsing and JSONPath as API Gateway does them (Jayway JsonPath on json-smart):
 * objects become LinkedHashMaps in document order, arrays JSONArrays, integers Integer/Long,
 * decimals Double (`10.00` → 10.0).
 */
import { JDouble, JList, JMap, type JValue } from "./values";

export class JsonParseError extends Error {}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/**
 * Parses JSON into Java values. Uses the platform's JSON.parse when the text has nothing it
 * would change (integral decimals like `10.0`, integers beyond 2^53, integer-like object keys
 * that JavaScript reorders); otherwise, and for anything JSON.parse rejects, the exact parser.
 */
export function parseJson(text: string): JValue {
  if (!UNSAFE_FOR_NATIVE.test(text)) {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      return new JsonParser(text).parse();
    }
    return fromNative(v);
  }
  return new JsonParser(text).parse();
}

/** `10.0`, `1e3`, 16+ digit runs, `"123":` keys (may also match inside strings: then the slow path). */
const UNSAFE_FOR_NATIVE = /\.0+(?![0-9])|[0-9][eE]|[0-9]{16}|"(?:0|[1-9][0-9]*)"\s*:/;

function fromNative(v: unknown): JValue {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v as JValue;
  if (typeof v === "number") return Number.isInteger(v) ? v : new JDouble(v);
  if (Array.isArray(v)) {
    const items: JValue[] = new Array(v.length);
    for (let k = 0; k < v.length; k++) items[k] = fromNative(v[k]);
    return new JList(items, "json");
  }
  const m = new JMap();
  const o = v as Record<string, unknown>;
  for (const k in o) m.m.set(k, fromNative(o[k]));
  return m;
}

/** The platform's JSON.parse result when it is faithful (see parseJson), else null. */
export function parseJsonNative(text: string): { v: unknown } | null {
  if (UNSAFE_FOR_NATIVE.test(text)) return null;
  try {
    return { v: JSON.parse(text) };
  } catch {
    return null;
  }
}

export { fromNative };

const SIMPLE_PATH = /^\$((\.[A-Za-z_][A-Za-z0-9_-]*)|(\[[0-9]+\])|(\['[^'\\]*'\]))*$/;
const SIMPLE_STEP = /\.([A-Za-z_][A-Za-z0-9_-]*)|\[([0-9]+)\]|\['([^'\\]*)'\]/g;

/**
 * A definite path of names and indexes (`$.a.b[0]['c d']`) followed through JSON.parse output;
 * undefined when the path is not that simple or does not lead anywhere (callers then use
 * evalJsonPath, which knows Jayway's rules for those cases).
 */
export function walkNativePath(root: unknown, path: string): unknown {
  if (!SIMPLE_PATH.test(path)) return undefined;
  let cur = root;
  for (const m of path.matchAll(SIMPLE_STEP)) {
    if (m[2] !== undefined) {
      if (!Array.isArray(cur)) return undefined;
      const k = Number(m[2]);
      if (k >= cur.length) return undefined;
      cur = cur[k];
    } else {
      const name = m[1] ?? m[3];
      if (cur === null || typeof cur !== "object" || Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, name)) return undefined;
      cur = (cur as Record<string, unknown>)[name];
    }
  }
  return cur;
}

/** The exact parser (document order, exact integers, doubles for every decimal). */
export function parseJsonExact(text: string): JValue {
  return new JsonParser(text).parse();
}

/** A class rather than closures: no per-call function allocation on a hot path. */
class JsonParser {
  i = 0;
  readonly n: number;
  constructor(readonly text: string) {
    this.n = text.length;
  }
  parse(): JValue {
    const v = this.value();
    this.ws();
    if (this.i < this.n) this.fail("Unexpected trailing characters");
    return v;
  }
  ws(): void {
    const text = this.text;
    let i = this.i;
    while (i < this.n) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      i++;
    }
    this.i = i;
  }
  fail(what: string): never {
    throw new JsonParseError(`${what} at position ${this.i}`);
  }
  value(): JValue {
    const text = this.text;
    const n = this.n;
    this.ws();
    if (this.i >= n) this.fail("Unexpected end of input");
    const c = text[this.i];
    if (c === "{") {
      this.i++;
      const m = new JMap();
      this.ws();
      if (text[this.i] === "}") {
        this.i++;
        return m;
      }
      for (;;) {
        this.ws();
        if (text[this.i] !== '"') this.fail("Expected a string key");
        const k = this.str();
        this.ws();
        if (text[this.i] !== ":") this.fail("Expected ':'");
        this.i++;
        const v = this.value();
        m.m.set(k, v);
        this.ws();
        if (text[this.i] === ",") {
          this.i++;
          continue;
        }
        if (text[this.i] === "}") {
          this.i++;
          return m;
        }
        this.fail("Expected ',' or '}'");
      }
    }
    if (c === "[") {
      this.i++;
      const items: JValue[] = [];
      this.ws();
      if (text[this.i] === "]") {
        this.i++;
        return new JList(items, "json");
      }
      for (;;) {
        items.push(this.value());
        this.ws();
        if (text[this.i] === ",") {
          this.i++;
          continue;
        }
        if (text[this.i] === "]") {
          this.i++;
          return new JList(items, "json");
        }
        this.fail("Expected ',' or ']'");
      }
    }
    if (c === '"') return this.str();
    if (text.startsWith("true", this.i)) {
      this.i += 4;
      return true;
    }
    if (text.startsWith("false", this.i)) {
      this.i += 5;
      return false;
    }
    if (text.startsWith("null", this.i)) {
      this.i += 4;
      return null;
    }
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(text);
    if (!m) return this.fail(`Unexpected character '${c}'`);
    this.i += m[0].length;
    if (m[2] === undefined && m[3] === undefined) {
      const n = Number(m[0]);
      return Number.isSafeInteger(n) ? n : BigInt(m[0]);
    }
    return new JDouble(Number(m[0]));
  }
  str(): string {
    const text = this.text;
    const n = this.n;
    this.i++; // opening quote
    // Fast path: no escapes before the closing quote.
    let j = this.i;
    while (j < n) {
      const cc = text.charCodeAt(j);
      if (cc === 34 || cc === 92) break;
      j++;
    }
    if (j < n && text.charCodeAt(j) === 34) {
      const s = text.slice(this.i, j);
      this.i = j + 1;
      return s;
    }
    let out = text.slice(this.i, j);
    this.i = j;
    for (;;) {
      if (this.i >= n) this.fail("Unterminated string");
      const c = text[this.i++];
      if (c === '"') return out;
      if (c === "\\") {
        const e = text[this.i++];
        switch (e) {
          case '"':
          case "\\":
          case "/":
            out += e;
            break;
          case "b":
            out += "\b";
            break;
          case "f":
            out += "\f";
            break;
          case "n":
            out += "\n";
            break;
          case "r":
            out += "\r";
            break;
          case "t":
            out += "\t";
            break;
          case "u": {
            const h = text.slice(this.i, this.i + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(h)) this.fail("Bad unicode escape");
            out += String.fromCharCode(parseInt(h, 16));
            this.i += 4;
            break;
          }
          default:
            this.fail("Bad escape");
        }
      } else out += c;
    }
  }
}

type Step =
  | { k: "name"; names: string[] }
  | { k: "index"; idx: number[] }
  | { k: "wild" }
  | { k: "deep"; name: string | null }
  | { k: "slice"; start?: number; end?: number };

export class JsonPathError extends Error {}

function parsePath(path: string): { steps: Step[]; definite: boolean } {
  let p = path.trim();
  if (!p.startsWith("$")) {
    // Jayway accepts a bare property path such as `a.b`.
    p = "$." + p;
  }
  let i = 1;
  const steps: Step[] = [];
  let definite = true;
  const ident = () => {
    const m = /^[^.[\]\s]+/.exec(p.slice(i));
    if (!m) throw new JsonPathError(`Invalid JSONPath ${path}`);
    i += m[0].length;
    return m[0];
  };
  while (i < p.length) {
    if (p.startsWith("..", i)) {
      i += 2;
      definite = false;
      if (p[i] === "*") {
        i++;
        steps.push({ k: "deep", name: null });
      } else if (p[i] === "[") {
        steps.push({ k: "deep", name: null });
      } else steps.push({ k: "deep", name: ident() });
    } else if (p[i] === ".") {
      i++;
      if (p[i] === "*") {
        i++;
        definite = false;
        steps.push({ k: "wild" });
      } else steps.push({ k: "name", names: [ident()] });
    } else if (p[i] === "[") {
      const close = findClose(p, i);
      const inner = p.slice(i + 1, close).trim();
      i = close + 1;
      if (inner === "*") {
        definite = false;
        steps.push({ k: "wild" });
      } else if (/^['"]/.test(inner)) {
        const names = [...inner.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? m[2]).replace(/\\(.)/g, "$1"));
        if (names.length > 1) definite = false;
        steps.push({ k: "name", names });
      } else if (/^-?\d+(\s*,\s*-?\d+)*$/.test(inner)) {
        const idx = inner.split(",").map((s) => Number(s.trim()));
        if (idx.length > 1) definite = false;
        steps.push({ k: "index", idx });
      } else if (/^-?\d*\s*:\s*-?\d*$/.test(inner)) {
        definite = false;
        const [a, b] = inner.split(":").map((s) => s.trim());
        steps.push({ k: "slice", start: a === "" ? undefined : Number(a), end: b === "" ? undefined : Number(b) });
      } else {
        throw new JsonPathError(`Unsupported JSONPath expression [${inner}] in ${path}`);
      }
    } else {
      throw new JsonPathError(`Invalid JSONPath ${path}`);
    }
  }
  return { steps, definite };
}

function findClose(p: string, open: number): number {
  let q: string | null = null;
  for (let j = open + 1; j < p.length; j++) {
    const c = p[j];
    if (q) {
      if (c === "\\") j++;
      else if (c === q) q = null;
    } else if (c === "'" || c === '"') q = c;
    else if (c === "]") return j;
  }
  throw new JsonPathError(`Invalid JSONPath ${p}: missing ']'`);
}

function children(v: JValue): JValue[] {
  if (v instanceof JMap) return [...v.m.values()];
  if (v instanceof JList) return v.items;
  return [];
}

/**
 * Evaluates `path` on `root`. A definite path (no wildcard, deep scan, slice or union) yields
 * the value itself or null when missing; an indefinite one yields a JSONArray of matches.
 */
export function evalJsonPath(root: JValue, path: string): JValue {
  const { steps, definite } = parsePath(path);
  let cur: JValue[] = [root];
  for (const s of steps) {
    const next: JValue[] = [];
    for (const v of cur) {
      switch (s.k) {
        case "name":
          if (v instanceof JMap) for (const nm of s.names) if (v.m.has(nm)) next.push(v.get(nm));
          break;
        case "index":
          if (v instanceof JList)
            for (const ix of s.idx) {
              const j = ix < 0 ? v.items.length + ix : ix;
              if (j >= 0 && j < v.items.length) next.push(v.items[j]);
            }
          break;
        case "wild":
          next.push(...children(v));
          break;
        case "slice":
          if (v instanceof JList) {
            const len = v.items.length;
            const norm = (x: number) => (x < 0 ? Math.max(0, len + x) : Math.min(len, x));
            const a = s.start === undefined ? 0 : norm(s.start);
            const b = s.end === undefined ? len : norm(s.end);
            next.push(...v.items.slice(a, b));
          }
          break;
        case "deep": {
          const walk = (x: JValue) => {
            if (s.name === null) {
              for (const c of children(x)) {
                next.push(c);
                walk(c);
              }
            } else {
              if (x instanceof JMap && x.m.has(s.name)) next.push(x.get(s.name));
              for (const c of children(x)) walk(c);
            }
          };
          walk(v);
          break;
        }
      }
    }
    cur = next;
  }
  if (definite) return cur.length ? cur[0] : null;
  return new JList(cur, "json");
}
