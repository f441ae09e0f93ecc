/**
 * Checks of the Java regular expressions passed to String.replaceAll / replaceFirst / matches /
 * split in a template, for the mistakes that bite on API Gateway: patterns that throw
 * `PatternSyntaxException` at render time (the whole request then fails with a 500), and
 * patterns that look like plain text but contain metacharacters that change their meaning.
 *
 * VTL string literals keep backslashes as written (no `\\` → `\` step as in Java source), so the
 * regex the template author types is the regex Java sees.
 */

export interface RegexFinding {
  severity: "error" | "warning";
  code: string;
  message: string;
}

type Tok =
  | { k: "lit"; c: string; i: number }
  | { k: "esc"; c: string; i: number }
  | { k: "class"; i: number }
  | { k: "dot"; i: number }
  | { k: "caret"; i: number }
  | { k: "dollar"; i: number }
  | { k: "open"; i: number; special: boolean }
  | { k: "close"; i: number }
  | { k: "bar"; i: number }
  | { k: "quant"; c: string; i: number; modifier: string };

type SyntaxFinding = RegexFinding & { java: JavaPatternError };

interface Scan {
  toks: Tok[];
  errors: SyntaxFinding[];
  groups: number;
  namedGroups: Set<string>;
}

function syntaxError(description: string, index: number, message: string): SyntaxFinding {
  return { severity: "error", code: "regex-syntax", message, java: { description, index } };
}

/** A step of the scan: the index of the last character it consumed, or the error that stops the scan. */
type Step = number | SyntaxFinding;

/** Tokenizes a Java pattern as Pattern.compile reads it, stopping at the first error Java would throw. */
class RegexScanner {
  readonly toks: Tok[] = [];
  readonly namedGroups = new Set<string>();
  groups = 0;
  depth = 0;

  constructor(readonly pattern: string) {}

  /** Whether the last token can be repeated (there is one, and it opens or separates nothing). */
  private prevAtom(): boolean {
    const t = this.toks[this.toks.length - 1];
    return !!t && t.k !== "open" && t.k !== "bar";
  }

  step(i: number): Step {
    const c = this.pattern[i];
    if (c === "\\") return this.escape(i);
    if (c === "[") return this.charClass(i);
    if (c === "(") return this.openGroup(i);
    if (c === ")") return this.closeGroup(i);
    if (c === "*" || c === "+" || c === "?" || c === "{") return this.quantifier(i, c);
    if (c === ".") this.toks.push({ k: "dot", i });
    else if (c === "^") this.toks.push({ k: "caret", i });
    else if (c === "$") this.toks.push({ k: "dollar", i });
    else if (c === "|") this.toks.push({ k: "bar", i });
    else this.toks.push({ k: "lit", c, i });
    return i;
  }

  private escape(i: number): Step {
    const pattern = this.pattern;
    if (i + 1 >= pattern.length) {
      return syntaxError(
        "Unexpected internal error",
        pattern.length,
        `The pattern ends with a lone backslash: Java throws PatternSyntaxException ("Unexpected internal error") when this runs.`,
      );
    }
    const d = pattern[i + 1];
    if (d === "Q") {
      const e = pattern.indexOf("\\E", i + 2);
      for (const ch of e < 0 ? pattern.slice(i + 2) : pattern.slice(i + 2, e)) this.toks.push({ k: "lit", c: ch, i });
      return e < 0 ? pattern.length : e + 1;
    }
    this.toks.push({ k: "esc", c: d, i });
    let last = i + 1;
    if ((d === "p" || d === "P" || d === "x" || d === "N") && pattern[last + 1] === "{") {
      const close = pattern.indexOf("}", last + 1);
      if (close > 0) last = close;
    }
    return last;
  }

  /** A character class: `]` right after `[` or `[^` is literal; classes nest in Java. */
  private charClass(i: number): Step {
    const pattern = this.pattern;
    let j = i + 1;
    if (pattern[j] === "^") j++;
    if (pattern[j] === "]") j++;
    let nest = 1;
    for (; j < pattern.length; j++) {
      if (pattern[j] === "\\") j++;
      else if (pattern[j] === "[") nest++;
      else if (pattern[j] === "]" && --nest === 0) break;
    }
    if (j >= pattern.length) {
      return syntaxError(
        "Unclosed character class",
        pattern.length - 1,
        `"[" opens a character class that is never closed: Java throws PatternSyntaxException ("Unclosed character class") when this runs. To match a literal "[", write \\[ or [\\[].`,
      );
    }
    this.toks.push({ k: "class", i });
    return j;
  }

  private openGroup(i: number): Step {
    const special = this.pattern[i + 1] === "?";
    if (!special) {
      this.groups++;
      this.depth++;
      this.toks.push({ k: "open", i, special });
      return i;
    }
    const rest = this.pattern.slice(i);
    const flagsOnly = /^\(\?[a-zA-Z-]*\)/.exec(rest);
    if (flagsOnly) {
      // `(?i)`: inline flags, not a group
      this.toks.push({ k: "open", i, special: true }, { k: "close", i: i + flagsOnly[0].length - 1 });
      return i + flagsOnly[0].length - 1;
    }
    const head = /^\(\?(<([a-zA-Z][a-zA-Z0-9]*)>|[a-zA-Z-]*:|<=|<!|[:=!>])/.exec(rest);
    if (!head) {
      return syntaxError(
        "Unknown inline modifier",
        i + 2,
        `"(?" must start a special group such as (?:…), (?=…) or (?i): Java throws PatternSyntaxException ("Unknown inline modifier") when this runs. To match a literal "(", write \\( or [(].`,
      );
    }
    if (head[2]) {
      this.groups++;
      this.namedGroups.add(head[2]);
    }
    this.depth++;
    this.toks.push({ k: "open", i, special: true });
    return i + head[0].length - 1;
  }

  private closeGroup(i: number): Step {
    if (this.depth === 0) {
      return syntaxError(
        "Unmatched closing ')'",
        i - 1,
        `")" closes no group: Java throws PatternSyntaxException ("Unmatched closing ')'") when this runs. To match a literal ")", write \\) or [)].`,
      );
    }
    this.depth--;
    this.toks.push({ k: "close", i });
    return i;
  }

  /** `*`, `+`, `?`, `{n,m}`, or the `?`/`+` that makes the quantifier before it lazy or possessive. */
  private quantifier(i: number, c: string): Step {
    let q = c;
    if (c === "{") {
      const counted = this.countedRepetition(i);
      if (typeof counted !== "string") return counted;
      q = counted;
    }
    const prev = this.toks[this.toks.length - 1];
    if (prev && prev.k === "quant" && !prev.modifier && (c === "?" || c === "+")) {
      prev.modifier = c;
      return i;
    }
    if (!this.prevAtom() || (prev && prev.k === "quant" && c !== "{")) {
      return syntaxError(
        `Dangling meta character '${c}'`,
        i,
        `"${c}" repeats the item before it, and here there is none: Java throws PatternSyntaxException ("Dangling meta character '${c}'") when this runs. To match a literal "${c}", write \\${c} or [${c}].`,
      );
    }
    this.toks.push({ k: "quant", c: q, i, modifier: "" });
    return i + q.length - 1;
  }

  /** `{2}`, `{1,}`, `{1,3}` after something to repeat: its text, or why Java refuses the `{`. */
  private countedRepetition(i: number): string | SyntaxFinding {
    const m = /^\{\d+(,\d*)?\}/.exec(this.pattern.slice(i));
    if (!m && this.prevAtom() && /^\{\d+(,\d*)?$/.test(this.pattern.slice(i))) {
      return syntaxError(
        "Unclosed counted closure",
        this.pattern.length,
        `"{" starts a repetition like {2} that is never closed: Java throws PatternSyntaxException ("Unclosed counted closure") when this runs. To match a literal "{", write \\{ or [{].`,
      );
    }
    if (!m || !this.prevAtom()) {
      return syntaxError(
        "Illegal repetition",
        i + 1,
        `"{" is the start of a repetition like {2} or {1,3} in a regex: Java throws PatternSyntaxException ("Illegal repetition") when this runs. To match a literal "{", write \\{ or [{].`,
      );
    }
    return m[0];
  }
}

function scan(pattern: string): Scan {
  const scanner = new RegexScanner(pattern);
  const errors: SyntaxFinding[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const step = scanner.step(i);
    if (typeof step !== "number") {
      errors.push(step);
      break;
    }
    i = step;
  }
  if (scanner.depth > 0 && !errors.length) {
    errors.push(
      syntaxError(
        "Unclosed group",
        pattern.length,
        `"(" opens a group that is never closed: Java throws PatternSyntaxException ("Unclosed group") when this runs. To match a literal "(", write \\( or [(].`,
      ),
    );
  }
  return { toks: scanner.toks, errors, groups: scanner.groups, namedGroups: scanner.namedGroups };
}

export interface JavaPatternError {
  description: string;
  index: number;
}

/**
 * The PatternSyntaxException Java's Pattern.compile raises for the errors the linter detects
 * (dangling quantifiers, illegal repetition, unclosed groups/classes, stray ")", trailing "\\"),
 * which JavaScript's RegExp partly accepts (`{` is a literal there). Null when none applies.
 */
export function javaPatternError(pattern: string): JavaPatternError | null {
  const { errors } = scan(pattern);
  return errors.length ? errors[0].java : null;
}

/** Java's PatternSyntaxException.getMessage(). */
export function javaPatternMessage(pattern: string, e: JavaPatternError): string {
  return `${e.description}${e.index >= 0 ? ` near index ${e.index}` : ""}\n${pattern}${e.index >= 0 ? `\n${" ".repeat(e.index)}^` : ""}`;
}

function show(s: string): string {
  return `"${s}"`;
}

/**
 * Findings for `method(pattern, …)`; `replacement` is the literal second argument of
 * replaceAll/replaceFirst when there is one.
 */
export function lintRegex(method: string, pattern: string, replacement?: string): RegexFinding[] {
  const out: RegexFinding[] = [];
  const { toks, errors, groups, namedGroups } = scan(pattern);
  out.push(...errors.map(({ java: _java, ...f }) => f));
  const dbl = doubleBackslash(pattern);
  if (dbl) out.push(dbl);

  // Metacharacters in a pattern that otherwise reads as plain text were most likely meant literally.
  if (!errors.length && !looksIntentional(toks)) {
    const usesGroupRefs = replacement !== undefined && /\$(\d|\{)/.test(replacement);
    const accidental = [
      unescapedDot(method, pattern, toks),
      emptyAlternative(method, pattern, toks),
      dollarAnchor(method, pattern, toks),
      usesGroupRefs ? undefined : plainGroup(pattern, toks),
      literalQuantifier(pattern, toks),
    ];
    for (const finding of accidental) if (finding) out.push(finding);
  }

  if (replacement !== undefined) out.push(...lintReplacement(method, replacement, groups, namedGroups));
  return out;
}

/** Java source habits: "\\." is a literal backslash then any character in VTL. */
function doubleBackslash(pattern: string): RegexFinding | undefined {
  const dbl = /\\\\([.$|()[\]{}^?*+]|[dDsSwW])/.exec(pattern);
  if (!dbl) return undefined;
  return {
    severity: "warning",
    code: "regex-double-backslash",
    message: `${show(dbl[0])} in a VTL string is the regex ${dbl[0]}: a literal backslash followed by ${/[dDsSwW]/.test(dbl[1]) ? `the letter "${dbl[1]}"` : `the metacharacter "${dbl[1]}"`}. VTL string literals don't turn \\\\ into \\ as Java source does; if you meant \\${dbl[1]}, write a single backslash: ${show("\\" + dbl[1])}.`,
  };
}

/** Signs that the author writes regex on purpose: escapes, classes, anchors, .* and {n}. */
function looksIntentional(toks: Tok[]): boolean {
  return (
    toks.some((t) => t.k === "esc" || t.k === "class" || t.k === "caret" || (t.k === "open" && t.special) || (t.k === "quant" && t.c.startsWith("{"))) ||
    toks.some((t, n) => t.k === "dot" && toks[n + 1]?.k === "quant")
  );
}

function unescapedDot(method: string, pattern: string, toks: Tok[]): RegexFinding | undefined {
  if (!toks.some((t) => t.k === "dot")) return undefined;
  const verb = method === "split" ? "splits at" : method === "matches" ? "matches" : "replaces";
  const consequence =
    method === "split"
      ? pattern === "."
        ? `split(".") splits at every character and returns an empty array`
        : `split(${show(pattern)}) splits at any character in that position, not only at "."`
      : method === "matches"
        ? `matches(${show(pattern)}) is also true for strings with any other character in place of the "."`
        : `${method}(${show(pattern)}) also ${verb} text with any other character in place of the "."`;
  return {
    severity: "warning",
    code: "regex-unescaped-dot",
    message: `"." in a regex matches any character: ${consequence}. To match a period, write "\\." or "[.]".`,
  };
}

function emptyAlternative(method: string, pattern: string, toks: Tok[]): RegexFinding | undefined {
  const empty = toks.some(
    (t, n) => t.k === "bar" && (n === 0 || toks[n - 1].k === "bar" || toks[n - 1].k === "open" || n === toks.length - 1 || toks[n + 1].k === "close"),
  );
  if (!empty) return undefined;
  const consequence =
    method === "split"
      ? `split(${show(pattern)}) splits between every character`
      : method === "matches"
        ? `matches(${show(pattern)}) is true for the empty string`
        : `${method}(${show(pattern)}) inserts the replacement ${method === "replaceAll" ? "between every character" : "at the start"}`;
  return {
    severity: "warning",
    code: "regex-empty-alternative",
    message: `"|" separates alternatives in a regex, and an empty alternative matches the empty string everywhere: ${consequence}. To match a "|", write "\\|" or "[|]".`,
  };
}

function dollarAnchor(method: string, pattern: string, toks: Tok[]): RegexFinding | undefined {
  const midPattern = toks.some(
    (t, n) => t.k === "dollar" && (toks.length === 1 || (n < toks.length - 1 && toks[n + 1].k !== "close" && toks[n + 1].k !== "bar")),
  );
  if (!midPattern) return undefined;
  return {
    severity: "warning",
    code: "regex-dollar-anchor",
    message:
      pattern === "$"
        ? `"$" in a regex is the end-of-input anchor, not a dollar sign: ${method}("$") ${method === "split" ? "never splits" : method === "matches" ? "is true only for the empty string" : "appends the replacement at the end"}. To match a "$", write "[$]" or '\\$'.`
        : `"$" in a regex is the end-of-input anchor, not a dollar sign, so ${show(pattern)} can never match text after it. To match a "$", write "[$]" or '\\$'.`,
  };
}

/** A group around plain text (no alternatives inside, no repetition after it), its replacement not using groups. */
function plainGroup(pattern: string, toks: Tok[]): RegexFinding | undefined {
  const isPlain = (n: number) => {
    let depth = 0;
    for (let k = n + 1; k < toks.length; k++) {
      const u = toks[k];
      if (u.k === "open") depth++;
      else if (u.k === "bar" && depth === 0) return false;
      else if (u.k === "close") {
        if (depth === 0) return toks[k + 1]?.k !== "quant";
        depth--;
      }
    }
    return false;
  };
  if (!toks.some((t, n) => t.k === "open" && isPlain(n))) return undefined;
  return {
    severity: "warning",
    code: "regex-group",
    message: `Parentheses in a regex make a group and match nothing themselves: ${show(pattern)} matches the text without the parentheses. To match "(" and ")", write "\\(" and "\\)" or "[(]" and "[)]".`,
  };
}

/** A quantifier in text that is otherwise literal: "C++", "1+1", "a*b", "what?". */
function literalQuantifier(pattern: string, toks: Tok[]): RegexFinding | undefined {
  const q = toks.find((t, n): t is Extract<Tok, { k: "quant" }> => {
    if (t.k !== "quant") return false;
    if (t.modifier) return true; // "C++", "a+?" in text that is otherwise literal
    const next = toks[n + 1];
    const prev = toks[n - 1];
    if (next && (next.k === "lit" || next.k === "esc")) return true; // "1+1", "a*b"
    return !next && t.c === "?" && prev?.k === "lit" && /[a-zA-Z]/.test(prev.c) && toks.length >= 3; // "what?"
  });
  if (!q) return undefined;
  const before = pattern[q.i - 1];
  const meaning = q.c === "+" ? "one or more" : q.c === "*" ? "zero or more" : "an optional";
  return {
    severity: "warning",
    code: "regex-quantifier",
    message: `"${q.c}" in a regex is a quantifier, not a character: it means ${meaning} ${show(before)}${q.modifier ? ` (and the "${q.modifier}" after it makes it ${q.modifier === "+" ? "possessive" : "lazy"})` : ""}, so ${show(pattern)} does not match the text as written. To match a literal "${q.c}", write "\\${q.c}" or "[${q.c}]".`,
  };
}

/** java.util.regex.Matcher replacement strings: `$n`, `${name}` and `\x` are special. */
function lintReplacement(method: string, rep: string, groups: number, named: Set<string>): RegexFinding[] {
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i];
    if (c === "\\") {
      if (i + 1 >= rep.length) {
        return [
          {
            severity: "error",
            code: "regex-replacement",
            message: `The replacement of ${method} ends with a lone backslash: Java throws IllegalArgumentException ("character to be escaped is missing") when this runs. In a replacement, backslash escapes the next character; write "\\\\" for one backslash.`,
          },
        ];
      }
      i++;
      continue;
    }
    if (c !== "$") continue;
    const rest = rep.slice(i + 1);
    const name = /^\{([a-zA-Z][a-zA-Z0-9]*)\}/.exec(rest);
    if (name) {
      if (!named.has(name[1])) {
        return [
          {
            severity: "error",
            code: "regex-replacement",
            message: `The replacement refers to \${${name[1]}}, but the pattern has no group named ${name[1]}: Java throws IllegalArgumentException ("No group with name") when this runs. To insert a "$", write "\\$".`,
          },
        ];
      }
      i += name[0].length;
      continue;
    }
    const num = /^\d/.exec(rest);
    if (!num) {
      return [
        {
          severity: "error",
          code: "regex-replacement",
          message: `"$" in the replacement of ${method} starts a group reference like $1: followed by ${rest ? show(rest[0]) : "nothing"} it makes Java throw IllegalArgumentException ("Illegal group reference") when this runs. To insert a "$", write "\\$".`,
        },
      ];
    }
    if (Number(num[0]) > groups) {
      return [
        {
          severity: "error",
          code: "regex-replacement",
          message: `The replacement refers to group $${num[0]}, but the pattern has ${groups === 0 ? "no groups" : groups === 1 ? "only 1 group" : `only ${groups} groups`}: Java throws IndexOutOfBoundsException ("No group ${num[0]}") when this runs. To insert a "$", write "\\$".`,
        },
      ];
    }
    i++;
  }
  return [];
}
