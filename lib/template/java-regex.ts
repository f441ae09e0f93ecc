/**
 * Java regular expressions (java.util.regex syntax, as API Gateway's templates and selection
 * patterns use them) run on RE2 (`re2js`, a pure-JavaScript port of RE2/J): matching takes time
 * linear in the input whatever the pattern, so `(a+)+$` against an attacker's string cannot
 * backtrack catastrophically and hold the event loop.
 *
 * Java syntax RE2 has no linear-time way to run — backreferences (`\1`, `\k<name>`), lookaround
 * (`(?=`, `(?!`, `(?<=`, `(?<!`), `\G` and `\Z` — is refused with `UnsupportedRegexError`
 * rather than run by a backtracking engine. Possessive quantifiers and atomic groups run as their
 * greedy/plain forms (the same matches for anchored patterns; backtracking into them is what
 * Java forbids, RE2 never backtracks). Syntax errors Java reports are raised first, as Java does.
 */
import { LruCache } from "./lru";
import { RE2JS } from "re2js";
import { JavaException } from "./escape";
import { POSIX_CLASSES } from "./posix-classes";
import { javaPatternError, javaPatternMessage } from "./regex-lint";

export { POSIX_CLASSES };

/** A pattern Java accepts but that needs a backtracking engine (see the module comment). */
export class UnsupportedRegexError extends Error {
  constructor(pattern: string, construct: string) {
    super(
      `Regular expression '${pattern}' uses ${construct}, which Gatehouse does not run: it evaluates ` +
        `regular expressions in linear time (RE2) so that no input can stall the gateway; rewrite the pattern without it`,
    );
    this.name = "UnsupportedRegexError";
  }
}

/** Escapes whose Java meaning RE2 spells differently (outside a class; inside one, the class contents). */
const ESCAPES: Record<string, { outside: string; inside: string }> = {
  h: {
    outside: "[ \\t\\x{A0}\\x{1680}\\x{180E}\\x{2000}-\\x{200A}\\x{202F}\\x{205F}\\x{3000}]",
    inside: " \\t\\x{A0}\\x{1680}\\x{180E}\\x{2000}-\\x{200A}\\x{202F}\\x{205F}\\x{3000}",
  },
  H: { outside: "[^ \\t\\x{A0}\\x{1680}\\x{180E}\\x{2000}-\\x{200A}\\x{202F}\\x{205F}\\x{3000}]", inside: "\\H" },
  v: { outside: "[\\n\\x0B\\f\\r\\x{85}\\x{2028}\\x{2029}]", inside: "\\n\\x0B\\f\\r\\x{85}\\x{2028}\\x{2029}" },
  V: { outside: "[^\\n\\x0B\\f\\r\\x{85}\\x{2028}\\x{2029}]", inside: "\\V" },
  R: { outside: "(?:\\r\\n|[\\n\\x0B\\f\\r\\x{85}\\x{2028}\\x{2029}])", inside: "\\n\\x0B\\f\\r\\x{85}\\x{2028}\\x{2029}" },
  e: { outside: "\\x1B", inside: "\\x1B" },
  a: { outside: "\\x07", inside: "\\x07" },
  X: { outside: "(?s:.)", inside: "" },
};

const UNSUPPORTED_ESCAPES: Record<string, string> = {
  G: "\\G (end of the previous match)",
  Z: "\\Z (end of input but for the final terminator)",
  k: "a named backreference (\\k<name>)",
};

interface Translation {
  source: string;
  flags: number;
}

/** One pass over a Java pattern (`p`: without its leading flags): `out` is the RE2 source so far. */
interface Re2Translation {
  /** The pattern as written, for UnsupportedRegexError's message. */
  readonly pattern: string;
  readonly p: string;
  out: string;
  inClass: boolean;
}

/** Java pattern → RE2 source and flags; throws UnsupportedRegexError for what RE2 cannot run. */
function translate(pattern: string): Translation {
  let p = pattern;
  let flags = 0;
  const lead = /^\(\?([imsuxd]+)\)/.exec(p);
  if (lead) {
    p = p.slice(lead[0].length);
    if (lead[1].includes("i")) flags |= RE2JS.CASE_INSENSITIVE;
    if (lead[1].includes("s")) flags |= RE2JS.DOTALL;
    if (lead[1].includes("m")) flags |= RE2JS.MULTILINE;
  }
  const t: Re2Translation = { pattern, p, out: "", inClass: false };
  let lastWasQuantifier = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    const quantifierBefore = lastWasQuantifier;
    lastWasQuantifier = false;
    if (c === "\\") {
      i = translateEscape(t, i);
      continue;
    }
    if (t.inClass) {
      if (c === "[") t.out += "\\[";
      else {
        if (c === "]") t.inClass = false;
        t.out += c;
      }
      continue;
    }
    if (c === "[") {
      i = openClass(t, i);
      continue;
    }
    if (c === "+" && quantifierBefore) continue; // possessive → greedy
    if (c === "*" || c === "+" || c === "?" || c === "}") lastWasQuantifier = true;
    if (c === "?" && quantifierBefore) lastWasQuantifier = false; // lazy marker
    if (c === "(" && p[i + 1] === "?") {
      const last = translateGroupHead(t, i);
      if (last !== undefined) {
        i = last;
        continue;
      }
    }
    t.out += c;
  }
  return { source: t.out, flags };
}

/** A backslash and what follows it; returns the index of the last character consumed. */
function translateEscape(t: Re2Translation, i: number): number {
  const { p, pattern } = t;
  const d = p[i + 1] ?? "";
  if (d === "Q") {
    const end = p.indexOf("\\E", i + 2);
    const literal = end < 0 ? p.slice(i + 2) : p.slice(i + 2, end);
    t.out += literal.replace(/[\\^$.|?*+()[\]{}&-]/g, "\\$&");
    return end < 0 ? p.length : end + 1;
  }
  if (/[1-9]/.test(d)) throw new UnsupportedRegexError(pattern, `a backreference (\\${d})`);
  if (UNSUPPORTED_ESCAPES[d]) throw new UnsupportedRegexError(pattern, UNSUPPORTED_ESCAPES[d]);
  if (d === "p" || d === "P") {
    const m = /^\{(?:Is)?(\w+)\}/.exec(p.slice(i + 2));
    const body = m ? POSIX_CLASSES[m[1]] : undefined;
    if (m && body !== undefined) {
      t.out += t.inClass ? body : `[${d === "P" ? "^" : ""}${body}]`;
      return i + 1 + m[0].length;
    }
  }
  if (d === "u" && /^[0-9a-fA-F]{4}$/.test(p.slice(i + 2, i + 6))) {
    t.out += `\\x{${p.slice(i + 2, i + 6)}}`;
    return i + 5;
  }
  const mapped = ESCAPES[d];
  t.out += mapped ? (t.inClass ? mapped.inside : mapped.outside) : `\\${d}`;
  return i + 1;
}

/** `[`: a class opens; a `]` or `^]` right after the bracket is a literal in Java. */
function openClass(t: Re2Translation, i: number): number {
  t.inClass = true;
  t.out += "[";
  if (t.p[i + 1] === "^") t.out += t.p[++i];
  if (t.p[i + 1] === "]") {
    t.out += "\\]";
    i++;
  }
  return i;
}

/** `(?`: lookaround is refused, atomic groups run as plain ones, inline flags RE2 knows are kept; undefined for any other `(?`. */
function translateGroupHead(t: Re2Translation, i: number): number | undefined {
  const rest = t.p.slice(i + 2);
  if (/^(?:=|!|<=|<!)/.test(rest)) throw new UnsupportedRegexError(t.pattern, "lookaround (?=, ?!, ?<=, ?<!)");
  if (rest.startsWith(">")) {
    t.out += "(?:";
    return i + 2;
  }
  const inline = /^([imsuxd]*)(?:-([imsuxd]*))?([:)])/.exec(rest);
  if (!inline) return undefined;
  const keep = (s = "") => s.replace(/[uxd]/g, "");
  const on = keep(inline[1]);
  const off = keep(inline[2]);
  const spec = on + (off ? `-${off}` : "");
  t.out += spec ? `(?${spec}${inline[3]}` : inline[3] === ":" ? "(?:" : "";
  return i + 1 + inline[0].length;
}

/** Why Gatehouse will refuse to run `pattern` (backreference, lookaround …), or null (editor diagnostics). */
export function unsupportedRegexMessage(pattern: string): string | null {
  try {
    translate(pattern);
    return null;
  } catch (e) {
    if (e instanceof UnsupportedRegexError) return e.message;
    return null;
  }
}

/** Compiled patterns by source; bounded, since templates may pass patterns built from the request. */
const CACHE_SIZE = 256;
const cache = new Map<string, RE2JS>();

/**
 * Compiles a Java pattern for RE2. Throws `JavaException(PatternSyntaxException)` where Java
 * would, `UnsupportedRegexError` for syntax only a backtracking engine runs.
 */
export function compileJavaRegex(pattern: string): RE2JS {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const syntax = javaPatternError(pattern);
  if (syntax) throw new JavaException("java.util.regex.PatternSyntaxException", javaPatternMessage(pattern, syntax));
  const { source, flags } = translate(pattern);
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, flags);
  } catch (e) {
    const detail = (e as Error).message.replace(/^error parsing regexp: /, "");
    throw new JavaException("java.util.regex.PatternSyntaxException", `${detail} near index 0\n${pattern}`);
  }
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(pattern, re);
  return re;
}

/** One match, shaped as a RegExpExecArray: `[0]` the match, `[n]` group n, `index`, `groups`. */
export type JavaMatch = (string | undefined)[] & { index: number; groups?: Record<string, string | undefined> };

/**
 * The text a pattern matches when it is plain text (letters, digits, and punctuation escaped
 * with `\`), else null. Such patterns — `","`, `"\\."`, the docs' `"\\'"` — are most of what
 * templates pass, and `indexOf` finds them faster than any regex engine (and in linear time).
 */
export function literalText(pattern: string): string | null {
  let text = literalTexts.get(pattern);
  if (text === undefined) {
    text = pattern === "" || !/^(?:[^\\^$.|?*+()[\]{}]|\\[^0-9A-Za-z])+$/.test(pattern) ? null : pattern.replace(/\\(.)/g, "$1");
    literalTexts.set(pattern, text);
  }
  return text;
}

/** literalText per pattern, worked out once (templates call the same few patterns per item). */
const literalTexts = new LruCache<string, string | null>(500);

/** Successive matches of a Java pattern in `s`, as Java's `Matcher.find()` loop finds them. */
export function* findAll(pattern: string, s: string): Generator<JavaMatch> {
  const literal = literalText(pattern);
  if (literal !== null) {
    for (let at = s.indexOf(literal); at >= 0; at = s.indexOf(literal, at + literal.length)) {
      yield Object.assign([literal], { index: at }) as JavaMatch;
    }
    return;
  }
  const re = compileJavaRegex(pattern);
  const m = re.matcher(s);
  const names = Object.entries(re.namedGroups());
  while (m.find()) {
    const groups: (string | undefined)[] = [];
    for (let g = 0; g <= m.groupCount(); g++) groups.push(m.group(g) ?? undefined);
    const match = Object.assign(groups, { index: m.start() }) as JavaMatch;
    if (names.length) match.groups = Object.fromEntries(names.map(([name, g]) => [name, groups[g]]));
    yield match;
  }
}

/** Java's `String.matches`: the whole value matches the pattern. */
export function javaMatchesWhole(pattern: string, value: string): boolean {
  const literal = literalText(pattern);
  if (literal !== null) return value === literal;
  return compileJavaRegex(pattern).matches(value);
}
