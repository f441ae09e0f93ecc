/**
 * JSON parsing and JSONPath as API Gateway does them (Jayway JsonPath on json-smart):
 * objects become LinkedHashMaps in document order, arrays JSONArrays, integers Integer/Long,
 * decimals Double (`10.00` → 10.0).
 */
import { compileJavaRegex, javaMatchesWhole } from "./java-regex";
import { LruCache } from "./lru";
import { ARR, DEC, INT, keyIs, OBJ, STR, STR_ESC, STRIDE, scanJson, type Tape } from "./json-tape";
import { tapeValue } from "./json-lazy";
import { JDouble, JList, JMap, type JValue, javaDouble, toJson } from "./values";

export class JsonParseError extends Error {}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/**
 * Parses JSON into Java values, made lazily as they are read (./json-lazy.ts) from one scan of
 * the text (./json-tape.ts). Text the scan refuses goes to the exact parser, which says why.
 * `borrow`: the values live only until the render ends (see scanJson).
 */
export function parseJson(text: string, borrow = false): JValue {
  const tape = scanJson(text, borrow);
  return tape ? tapeValue(tape, 0) : parseJsonExact(text);
}

/** A parsed document: its tape (null when only the exact parser took it) and its root value. */
export interface JsonDocument {
  tape: Tape | null;
  root: JValue;
}

export function parseJsonDocument(text: string, borrow = false): JsonDocument {
  const tape = scanJson(text, borrow);
  return tape ? { tape, root: tapeValue(tape, 0) } : { tape: null, root: parseJsonExact(text) };
}

/** JSONPath texts kept parsed (templates use a handful each). */
const PATH_CACHE_SIZE = 500;

const SIMPLE_PATH = /^\$((\.[A-Za-z_][A-Za-z0-9_-]*)|(\[[0-9]+\])|(\['[^'\\]*'\]))*$/;
const SIMPLE_STEP = /\.([A-Za-z_][A-Za-z0-9_-]*)|\[([0-9]+)\]|\['([^'\\]*)'\]/g;

/**
 * A definite path of names and indexes (`$.a.b[0]['c d']`) followed through JSON.parse output;
 * undefined when the path is not that simple or does not lead anywhere (callers then use
 * evalJsonPath, which knows Jayway's rules for those cases).
 */
export function walkNativePath(root: unknown, path: string): unknown {
  const steps = simpleSteps(path);
  if (!steps) return undefined;
  let cur = root;
  for (const step of steps) {
    if (typeof step === "number") {
      if (!Array.isArray(cur) || step >= cur.length) return undefined;
      cur = cur[step];
    } else {
      if (cur === null || typeof cur !== "object" || Array.isArray(cur) || !Object.hasOwn(cur, step)) return undefined;
      cur = (cur as Record<string, unknown>)[step];
    }
  }
  return cur;
}

/** Names and indexes of a simple path (null when it is not one), split once per path text. */
const simplePaths = new LruCache<string, (string | number)[] | null>(PATH_CACHE_SIZE);

function simpleSteps(path: string): (string | number)[] | null {
  let steps = simplePaths.get(path);
  if (steps === undefined) {
    steps = SIMPLE_PATH.test(path) ? [...path.matchAll(SIMPLE_STEP)].map((m) => (m[2] !== undefined ? Number(m[2]) : (m[1] ?? m[3]))) : null;
    simplePaths.set(path, steps);
  }
  return steps;
}

/**
 * `$input.json(path)` for a simple path into an unchanged document: the value's own text when
 * that is exactly what json-smart prints for it (see printsAsIs); otherwise undefined.
 */
export function jsonTextAt(tape: Tape, path: string): string | undefined {
  const steps = simpleSteps(path);
  if (!steps) return undefined;
  let node = 0;
  for (const step of steps) {
    node = typeof step === "number" ? itemNode(tape, node, step) : keyNode(tape, node, step);
    if (node < 0) return undefined;
  }
  if (!printsAsIs(tape, node)) return undefined;
  const quoted = tape.nodes[node * STRIDE] === STR || tape.nodes[node * STRIDE] === STR_ESC ? 1 : 0;
  return tape.text.slice(tape.nodes[node * STRIDE + 1] - quoted, tape.nodes[node * STRIDE + 2] + quoted);
}

/** The value node of `key` in object `node` (the last, if repeated), or -1. */
function keyNode(tape: Tape, node: number, key: string): number {
  const nodes = tape.nodes;
  if (nodes[node * STRIDE] !== OBJ) return -1;
  let found = -1;
  for (let k = node + 1; k < nodes[node * STRIDE + 3]; k = nodes[(k + 1) * STRIDE + 3]) if (keyIs(tape, k, key)) found = k + 1;
  return found;
}

/** Item `index` of array `node`, or -1. */
function itemNode(tape: Tape, node: number, index: number): number {
  const nodes = tape.nodes;
  if (nodes[node * STRIDE] !== ARR) return -1;
  let k = node + 1;
  for (let i = 0; k < nodes[node * STRIDE + 3]; i++, k = nodes[k * STRIDE + 3]) if (i === index) return k;
  return -1;
}

/** Whether object `node` has a key twice (by its text: keys with \\u escapes never print as-is anyway). */
function hasRepeatedKey(tape: Tape, node: number): boolean {
  const { nodes, text } = tape;
  const end = nodes[node * STRIDE + 3];
  const keys: number[] = [];
  for (let k = node + 1; k < end; k = nodes[(k + 1) * STRIDE + 3]) keys.push(k);
  if (keys.length > 16) return new Set(keys.map((k) => text.slice(nodes[k * STRIDE + 1], nodes[k * STRIDE + 2]))).size !== keys.length;
  for (let a = 0; a < keys.length; a++) {
    for (let b = a + 1; b < keys.length; b++) if (sameText(text, keys[a] * STRIDE, keys[b] * STRIDE, nodes)) return true;
  }
  return false;
}

/** Whether two string nodes (at slot offsets a and b) have the same text, without copying either. */
function sameText(text: string, a: number, b: number, nodes: Int32Array): boolean {
  const start = nodes[a + 1];
  const other = nodes[b + 1];
  const length = nodes[a + 2] - start;
  if (nodes[b + 2] - other !== length) return false;
  for (let i = 0; i < length; i++) if (text.charCodeAt(start + i) !== text.charCodeAt(other + i)) return false;
  return true;
}

/** Characters json-smart writes as \uXXXX, and escapes it writes differently (\/ and \u). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const PRINTS_DIFFERENTLY = /[\u0000-\u001f\u007f-\u009f\u2000-\u20ff]|\\[u/]/;

/**
 * Whether json-smart prints the subtree at `root` as its text: no whitespace between tokens
 * (its text is exactly as long as its tokens and separators), no repeated keys, numbers as Java
 * prints them (`-0` prints 0, `2.50` 2.5, `1e3` 1000.0) and strings with nothing it escapes
 * differently.
 */
function printsAsIs(tape: Tape, root: number): boolean {
  const { nodes, text } = tape;
  const end = nodes[root * STRIDE + 3];
  let length = 0;
  for (let k = root; k < end; k++) {
    const at = k * STRIDE;
    const kind = nodes[at];
    const start = nodes[at + 1];
    const stop = nodes[at + 2];
    if (kind === OBJ || kind === ARR) {
      let children = 0;
      for (let c = k + 1; c < nodes[at + 3]; c = nodes[c * STRIDE + 3]) children++;
      if (kind === OBJ && children > 2 && hasRepeatedKey(tape, k)) return false;
      length += 2 + Math.max(0, children - 1);
    } else if (kind === STR || kind === STR_ESC) length += stop - start + 2;
    else {
      length += stop - start;
      if (kind === DEC) {
        const literal = text.slice(start, stop);
        if (javaDouble(Number(literal)) !== literal) return false;
      }
      if (kind === INT && stop - start === 2 && text.charCodeAt(start) === 45 && text.charCodeAt(start + 1) === 48) return false;
    }
  }
  const quoted = nodes[root * STRIDE] === STR || nodes[root * STRIDE] === STR_ESC ? 1 : 0;
  const first = nodes[root * STRIDE + 1] - quoted;
  const last = nodes[root * STRIDE + 2] + quoted;
  return length === last - first && !PRINTS_DIFFERENTLY.test(text.slice(first, last));
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
  | { k: "slice"; start?: number; end?: number }
  | { k: "filter"; pred: Pred };

export class JsonPathError extends Error {}

interface ParsedPath {
  steps: Step[];
  definite: boolean;
}

/** JSONPaths parsed once per text (steps and filter predicates hold no per-evaluation state). */
const parsedPaths = new LruCache<string, ParsedPath>(PATH_CACHE_SIZE);

function compiledPath(path: string): ParsedPath {
  let parsed = parsedPaths.get(path);
  if (!parsed) {
    parsed = parsePath(path);
    parsedPaths.set(path, parsed);
  }
  return parsed;
}

function parsePath(path: string): ParsedPath {
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
      } else if (inner.startsWith("?")) {
        definite = false;
        const m = /^\?\s*\(([\s\S]*)\)$/.exec(inner);
        if (!m) throw new JsonPathError(`Invalid filter [${inner}] in ${path}`);
        steps.push({ k: "filter", pred: new FilterParser(m[1], path).parse() });
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
  let depth = 0;
  for (let j = open + 1; j < p.length; j++) {
    const c = p[j];
    if (q) {
      if (c === "\\") j++;
      else if (c === q) q = null;
    } else if (c === "'" || c === '"') q = c;
    else if (c === "[") depth++;
    else if (c === "]" && depth-- === 0) return j;
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
 * the value itself, or `missing` (default null) when nothing is there; an indefinite one yields
 * a JSONArray of matches.
 */
export function evalJsonPath(root: JValue, path: string, missing: JValue = null): JValue {
  const { steps, definite } = compiledPath(path);
  const cur = run(root, steps, root);
  if (definite) return cur.length ? cur[0] : missing;
  return new JList(cur, "json");
}

/** The values `steps` reach from `start`; `root` is what `$` means inside filters. */
function run(start: JValue, steps: Step[], root: JValue = start): JValue[] {
  let cur: JValue[] = [start];
  for (const s of steps) {
    const next: JValue[] = [];
    for (const v of cur) {
      switch (s.k) {
        case "name":
          if (v instanceof JMap)
            for (const nm of s.names) {
              const x = v.find(nm);
              if (x !== undefined) next.push(x);
            }
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
        case "filter":
          if (v instanceof JList) {
            for (const item of v.items) if (s.pred(item, root)) next.push(item);
          } else if (v instanceof JMap && s.pred(v, root)) next.push(v);
          break;
        case "deep": {
          const walk = (x: JValue) => {
            if (s.name === null) {
              for (const c of children(x)) {
                next.push(c);
                walk(c);
              }
            } else {
              const hit = x instanceof JMap ? x.find(s.name) : undefined;
              if (hit !== undefined) next.push(hit);
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
  return cur;
}

// ---- filter expressions: [?(@.price < 10 && @.category == 'fiction')] ----------------------

type Pred = (item: JValue, root: JValue) => boolean;
/** A filter operand: a path relative to the item (@) or the root ($), or a literal. */
type Operand = (item: JValue, root: JValue) => { found: boolean; v: JValue | JsonPathRegex };

/** Jayway-style filters: ==, !=, <, <=, >, >=, =~ /re/, in, nin, empty, existence, &&, ||, !, (). */
class FilterParser {
  i = 0;
  constructor(
    readonly src: string,
    readonly path: string,
  ) {}

  fail(): never {
    throw new JsonPathError(`Invalid filter [?(${this.src})] in ${this.path}`);
  }

  ws(): void {
    while (this.i < this.src.length && /\s/.test(this.src[this.i])) this.i++;
  }

  parse(): Pred {
    const p = this.or();
    this.ws();
    if (this.i < this.src.length) this.fail();
    return p;
  }

  or(): Pred {
    let l = this.and();
    for (;;) {
      this.ws();
      if (!this.src.startsWith("||", this.i)) return l;
      this.i += 2;
      const a = l;
      const b = this.and();
      l = (x, r) => a(x, r) || b(x, r);
    }
  }

  and(): Pred {
    let l = this.unary();
    for (;;) {
      this.ws();
      if (!this.src.startsWith("&&", this.i)) return l;
      this.i += 2;
      const a = l;
      const b = this.unary();
      l = (x, r) => a(x, r) && b(x, r);
    }
  }

  unary(): Pred {
    this.ws();
    if (this.src[this.i] === "!" && this.src[this.i + 1] !== "=") {
      this.i++;
      const p = this.unary();
      return (x, r) => !p(x, r);
    }
    if (this.src[this.i] === "(") {
      this.i++;
      const p = this.or();
      this.ws();
      if (this.src[this.i] !== ")") this.fail();
      this.i++;
      return p;
    }
    return this.comparison();
  }

  comparison(): Pred {
    const left = this.operand();
    this.ws();
    const m = /^(==|!=|<=|>=|<|>|=~|nin\b|in\b|empty\b|size\b)/.exec(this.src.slice(this.i));
    if (!m) return (x, r) => left(x, r).found;
    this.i += m[0].length;
    const op = m[1];
    const right = this.operand();
    return (x, r) => {
      const a = left(x, r);
      const b = right(x, r);
      if (!a.found) return false;
      return compare(op, a.v as JValue, b.v);
    };
  }

  operand(): Operand {
    this.ws();
    const src = this.src;
    const c = src[this.i];
    if (c === "@" || c === "$") {
      const start = this.i;
      this.i++;
      for (;;) {
        if (src[this.i] === ".") {
          this.i++;
          while (this.i < src.length && /[^\s.[\]()=!<>&|]/.test(src[this.i])) this.i++;
        } else if (src[this.i] === "[") {
          this.i = findClose(src, this.i) + 1;
        } else break;
      }
      const rel = "$" + src.slice(start + 1, this.i);
      const fromRoot = c === "$";
      if (rel === "$") return (x, r) => ({ found: true, v: fromRoot ? r : x });
      const parsed = parsePath(rel);
      return (x, r) => {
        const got = run(fromRoot ? r : x, parsed.steps, r);
        if (!got.length) return { found: false, v: null };
        return { found: true, v: parsed.definite ? got[0] : new JList(got, "json") };
      };
    }
    if (c === "'" || c === '"') {
      let j = this.i + 1;
      let out = "";
      while (j < src.length && src[j] !== c) {
        if (src[j] === "\\") j++;
        out += src[j++];
      }
      if (j >= src.length) this.fail();
      this.i = j + 1;
      return () => ({ found: true, v: out });
    }
    if (c === "/") {
      const m = /^\/((?:[^/\\]|\\.)*)\/([a-z]*)/.exec(src.slice(this.i));
      if (!m) this.fail();
      this.i += m[0].length;
      // Jayway matches the whole value (Matcher.matches), not a substring, with a Java pattern:
      // run on RE2 (linear time), since both the path and the value can come from the request.
      const flags = m[2].replace(/[^ims]/g, "");
      const re = new JsonPathRegex(flags ? `(?${flags})${m[1]}` : m[1]);
      return () => ({ found: true, v: re });
    }
    if (c === "[") {
      const close = findClose(src, this.i);
      const inner = src.slice(this.i, close + 1);
      this.i = close + 1;
      let list: JValue;
      try {
        list = parseJson(inner.replace(/'((?:[^'\\]|\\.)*)'/g, (_, x: string) => JSON.stringify(x)));
      } catch {
        this.fail();
      }
      return () => ({ found: true, v: list });
    }
    const lit = /^(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)/.exec(src.slice(this.i));
    if (!lit) this.fail();
    this.i += lit[0].length;
    const v = parseJson(lit[0]);
    return () => ({ found: true, v });
  }
}

function isNum(v: unknown): v is number | bigint | JDouble {
  return typeof v === "number" || typeof v === "bigint" || v instanceof JDouble;
}

function num(v: number | bigint | JDouble): number {
  return typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : v.v;
}

function same(a: JValue, b: JValue): boolean {
  if (isNum(a) && isNum(b)) return num(a) === num(b);
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  return toJson(a) === toJson(b);
}

/** A filter's `/pattern/flags` operand, compiled when the path is parsed (syntax errors then). */
class JsonPathRegex {
  constructor(readonly pattern: string) {
    compileJavaRegex(pattern);
  }
  matches(value: string): boolean {
    return javaMatchesWhole(this.pattern, value);
  }
}

function compare(op: string, a: JValue, b: JValue | JsonPathRegex): boolean {
  if (b instanceof JsonPathRegex) return op === "=~" && typeof a === "string" && b.matches(a);
  switch (op) {
    case "==":
      return same(a, b);
    case "!=":
      return !same(a, b);
    case "<":
    case "<=":
    case ">":
    case ">=": {
      let x: number | string;
      let y: number | string;
      if (isNum(a) && isNum(b)) {
        x = num(a);
        y = num(b);
      } else if (typeof a === "string" && typeof b === "string") {
        x = a;
        y = b;
      } else return false;
      return op === "<" ? x < y : op === "<=" ? x <= y : op === ">" ? x > y : x >= y;
    }
    case "in":
      return b instanceof JList && b.items.some((y) => same(a, y));
    case "nin":
      return b instanceof JList && !b.items.some((y) => same(a, y));
    case "empty": {
      const len = typeof a === "string" ? a.length : a instanceof JList ? a.items.length : a instanceof JMap ? a.m.size : -1;
      return len >= 0 && (len === 0) === (b === true);
    }
    case "size": {
      const len = typeof a === "string" ? a.length : a instanceof JList ? a.items.length : -1;
      return isNum(b) && len === num(b);
    }
  }
  return false;
}
