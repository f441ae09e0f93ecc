/**
 * JSON parsing and JSONPath as API Gateway does them (Jayway JsonPath on json-smart):
 * objects become LinkedHashMaps in document order, arrays JSONArrays, integers Integer/Long,
 * decimals Double (`10.00` → 10.0).
 */
import { JDouble, JList, JMap, type JValue } from "./values";

export class JsonParseError extends Error {}

export function parseJson(text: string): JValue {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const fail = (what: string): never => {
    throw new JsonParseError(`${what} at position ${i}`);
  };
  const value = (): JValue => {
    ws();
    if (i >= n) fail("Unexpected end of input");
    const c = text[i];
    if (c === "{") {
      i++;
      const m = new JMap();
      ws();
      if (text[i] === "}") {
        i++;
        return m;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail("Expected a string key");
        const k = str();
        ws();
        if (text[i] !== ":") fail("Expected ':'");
        i++;
        const v = value();
        m.m.set(k, v);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return m;
        }
        fail("Expected ',' or '}'");
      }
    }
    if (c === "[") {
      i++;
      const items: JValue[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return new JList(items, "json");
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return new JList(items, "json");
        }
        fail("Expected ',' or ']'");
      }
    }
    if (c === '"') return str();
    if (text.startsWith("true", i)) {
      i += 4;
      return true;
    }
    if (text.startsWith("false", i)) {
      i += 5;
      return false;
    }
    if (text.startsWith("null", i)) {
      i += 4;
      return null;
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail(`Unexpected character '${c}'`);
    i += m[0].length;
    if (m[2] === undefined && m[3] === undefined) {
      const n = Number(m[0]);
      return Number.isSafeInteger(n) ? n : BigInt(m[0]);
    }
    return new JDouble(Number(m[0]));
  };
  const str = (): string => {
    i++; // opening quote
    let out = "";
    for (;;) {
      if (i >= n) fail("Unterminated string");
      const c = text[i++];
      if (c === '"') return out;
      if (c === "\\") {
        const e = text[i++];
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
            const h = text.slice(i, i + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(h)) fail("Bad unicode escape");
            out += String.fromCharCode(parseInt(h, 16));
            i += 4;
            break;
          }
          default:
            fail("Bad escape");
        }
      } else out += c;
    }
  };
  const v = value();
  ws();
  if (i < n) fail("Unexpected trailing characters");
  return v;
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
