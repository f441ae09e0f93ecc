/**
 * Lints for mapping templates: the traps API Gateway does not report (it renders something
 * wrong, or fails only when a request arrives). Works on the parsed template; positions are
 * 1-based with an exclusive end, as Monaco markers want them.
 *
 * - `escape-javascript-in-json`: `$util.escapeJavaScript(...)` inside a JSON string ( `'` → `\'`,
 *   which is not a JSON escape).
 * - `input-json-in-quotes`: `"$input.json('$.a')"` double-encodes.
 * - `unknown-util-function` / `unknown-input-member`: AWS silently renders nothing for them.
 * - `unknown-context-field` / `access-log-only-context` (info): not a documented `$context` field.
 * - `undefined-stage-variable`: `$stageVariables.x` when the stage defines no `x`.
 * - `input-path-as-condition` (info): `#if($input.path('$.x'))` is true when the payload has no
 *   `x` (AWS gives an empty string, and only null and false are false in Velocity).
 * - `regex-*`: replaceAll / replaceFirst / matches / split patterns that throw or do not mean
 *   what the text suggests (see ./regex-lint).
 */
import { CONTEXT_ENTRIES, INPUT_ENTRIES, lookupCatalog, UTIL_ENTRIES } from "./catalog";
import { type Expr, type Node, parseTemplate, type Pos, type Ref, type Template } from "./parser";
import { unsupportedRegexMessage } from "./java-regex";
import { lintRegex } from "./regex-lint";

export type DiagnosticSeverity = "error" | "warning" | "info";

/** A problem in a template. Positions are 1-based; `endLine`/`endColumn` are exclusive. */
export interface Diagnostic {
  severity: DiagnosticSeverity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
}

export interface LintOptions {
  /** The template's content type (`application/json`, `application/xml`, …); JSON lints run for JSON or when absent. */
  contentType?: string;
  /** The stage's variable names; `$stageVariables.x` is checked only when given. */
  stageVariableNames?: string[];
}

const REGEX_METHODS = new Set(["replaceAll", "replaceFirst", "matches", "split"]);
const OBJECT_METHODS = new Set(["toString", "hashCode", "getClass", "equals"]);
const UTIL_FUNCTIONS = new Map(UTIL_ENTRIES.filter((e) => e.kind === "method").map((e) => [e.path.slice("util.".length), e]));
const INPUT_METHODS = new Map(INPUT_ENTRIES.filter((e) => e.kind === "method").map((e) => [e.path.slice("input.".length), e]));
const CONTEXT_PATHS = CONTEXT_ENTRIES.map((e) => e.path);

function isJsonType(contentType: string | undefined): boolean {
  return !contentType || /(^|\/|\+)json\b/i.test(contentType.trim());
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

/** The closest name (same letters ignoring case, or at most 2 edits away). */
export function suggestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c.toLowerCase() === name.toLowerCase()) return c;
    const dist = editDistance(name.toLowerCase(), c.toLowerCase());
    if (dist < bestD) {
      bestD = dist;
      best = c;
    }
  }
  return bestD <= Math.min(2, Math.floor(name.length / 2)) ? best : undefined;
}

interface JsonState {
  inString: boolean;
  escaped: boolean;
}

class Linter {
  readonly out: Diagnostic[] = [];
  private readonly lineStarts: number[] = [0];
  private readonly json: boolean;
  private readonly stageNames: Set<string> | null;
  /** Variables last #set from escapeJavaScript / $input.json, by name. */
  private readonly escapedVars = new Set<string>();
  private readonly jsonVars = new Set<string>();
  /** Variables last #set from $input.path(...) itself. */
  private readonly pathVars = new Set<string>();
  private state: JsonState = { inString: false, escaped: false };

  constructor(
    readonly src: string,
    options: LintOptions,
  ) {
    for (let k = 0; k < src.length; k++) {
      const c = src[k];
      if (c === "\n" || (c === "\r" && src[k + 1] !== "\n")) this.lineStarts.push(k + 1);
    }
    this.json = isJsonType(options.contentType);
    this.stageNames = options.stageVariableNames ? new Set(options.stageVariableNames) : null;
  }

  offsetOf(p: Pos): number {
    return (this.lineStarts[p.line - 1] ?? 0) + p.column - 1;
  }

  posAt(off: number): Pos {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= off) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: off - this.lineStarts[lo] + 1 };
  }

  add(severity: Diagnostic["severity"], code: string, message: string, from: number, to: number): void {
    const a = this.posAt(from);
    const b = this.posAt(Math.max(to, from + 1));
    this.out.push({ severity, code, message, line: a.line, column: a.column, endLine: b.line, endColumn: b.column });
  }

  refSpan(ref: Ref): [number, number] {
    const at = this.offsetOf(ref.pos);
    return [at, at + ref.literal.length];
  }

  partSpan(ref: Ref, k: number): [number, number] {
    const part = ref.parts[k];
    const at = this.offsetOf(part.pos);
    return [at, at + (part.k === "index" ? 1 : part.name.length)];
  }

  // ---- walking --------------------------------------------------------------

  /** Template text that is output: JSON-string state is tracked across text nodes. */
  walkOutput(nodes: Node[]): void {
    for (const n of nodes) {
      switch (n.t) {
        case "text":
          this.feed(n.s);
          break;
        case "ref":
          this.outputRef(n.ref);
          this.ref(n.ref);
          break;
        case "set":
          this.expr(n.expr);
          this.ref(n.target);
          this.trackSet(n.target, n.expr);
          break;
        case "if": {
          const before = { ...this.state };
          let after: JsonState | null = null;
          for (const b of n.branches) {
            this.expr(b.cond);
            this.checkCondition(b.cond);
            this.state = { ...before };
            this.walkOutput(b.body);
            after ??= { ...this.state };
          }
          if (n.otherwise) {
            this.state = { ...before };
            this.walkOutput(n.otherwise);
          }
          this.state = after ?? before;
          break;
        }
        case "foreach":
          this.expr(n.iter);
          this.walkOutput(n.body);
          break;
        case "directive":
          n.args.forEach((a) => this.expr(a));
          if (n.body) this.walkOutput(n.body);
          break;
      }
    }
  }

  /** Nodes inside a string literal: not template output, so no JSON-string tracking. */
  walkInner(nodes: Node[]): void {
    const saved = this.state;
    this.state = { inString: false, escaped: false };
    for (const n of nodes) {
      if (n.t === "ref") this.ref(n.ref);
      else if (n.t !== "text") this.walkOutput([n]);
    }
    this.state = saved;
  }

  feed(text: string): void {
    const st = this.state;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === "\n" || c === "\r") {
        st.inString = false;
        st.escaped = false;
      } else if (st.inString) {
        if (st.escaped) st.escaped = false;
        else if (c === "\\") st.escaped = true;
        else if (c === '"') st.inString = false;
      } else if (c === '"') st.inString = true;
    }
  }

  expr(e: Expr): void {
    switch (e.t) {
      case "ref":
        this.ref(e.ref);
        return;
      case "str":
        if (e.interp) this.walkInner(e.interp);
        return;
      case "list":
        e.items.forEach((x) => this.expr(x));
        return;
      case "map":
        e.entries.forEach(([k, v]) => {
          this.expr(k);
          this.expr(v);
        });
        return;
      case "range":
        this.expr(e.from);
        this.expr(e.to);
        return;
      case "bin":
        this.expr(e.l);
        this.expr(e.r);
        return;
      case "not":
      case "paren":
        this.expr(e.e);
        return;
    }
  }

  /** Checks that apply to every reference, wherever it is. */
  ref(ref: Ref): void {
    if (ref.name === "util") this.checkUtil(ref);
    else if (ref.name === "input") this.checkInput(ref);
    else if (ref.name === "context") this.checkContext(ref);
    else if (ref.name === "stageVariables") this.checkStageVariable(ref);
    ref.parts.forEach((part) => {
      if (part.k === "method") {
        part.args.forEach((a) => this.expr(a));
        if (REGEX_METHODS.has(part.name)) this.checkRegex(part.name, part.args);
      } else if (part.k === "index") this.expr(part.arg);
    });
  }

  // ---- JSON-output checks -----------------------------------------------------

  trackSet(target: Ref, e: Expr): void {
    if (target.parts.length) return;
    const name = target.name;
    this.escapedVars.delete(name);
    this.jsonVars.delete(name);
    this.pathVars.delete(name);
    let x = e;
    while (x.t === "paren") x = x.e;
    if (x.t !== "ref") return;
    if (this.escapesQuote(x.ref)) this.escapedVars.add(name);
    if (this.isInputJson(x.ref)) this.jsonVars.add(name);
    if (this.isInputPath(x.ref)) this.pathVars.add(name);
  }

  isInputPath(ref: Ref): boolean {
    if (ref.name === "input") return ref.parts.length === 1 && ref.parts[0].k === "method" && ref.parts[0].name === "path";
    return ref.parts.length === 0 && this.pathVars.has(ref.name);
  }

  /** A `$input.path` value used as a truth value: its operands through !, &&, || and parentheses. */
  checkCondition(e: Expr): void {
    if (e.t === "paren" || e.t === "not") return this.checkCondition(e.e);
    if (e.t === "bin" && /^(&&|\|\||and|or)$/.test(e.op)) {
      this.checkCondition(e.l);
      this.checkCondition(e.r);
      return;
    }
    if (e.t !== "ref" || !this.isInputPath(e.ref)) return;
    const [a, b] = this.refSpan(e.ref);
    this.add(
      "info",
      "input-path-as-condition",
      `When the payload has no such field, $input.path gives an empty string, which #if treats as true (only null and false are false). To test that the field is there, compare: #if(${e.ref.literal} != "").`,
      a,
      b,
    );
  }

  /** The reference's value is escapeJavaScript output that still contains `\'`. */
  escapesQuote(ref: Ref): boolean {
    let from = -1;
    if (ref.name === "util" && ref.parts[0]?.k === "method" && ref.parts[0].name === "escapeJavaScript") {
      const arg = ref.parts[0].args[0];
      if (arg && arg.t === "str" && !arg.interp && !arg.s.includes("'")) return false;
      from = 1;
    } else if (this.escapedVars.has(ref.name)) from = 0;
    if (from < 0) return false;
    // `.replaceAll("\\'", "'")` (or replace) after it undoes the `\'`.
    for (const p of ref.parts.slice(from)) {
      if (p.k === "method" && /^replace(All|First)?$/.test(p.name)) {
        const a = p.args[0];
        if (a && a.t === "str" && a.s.includes("'")) return false;
      }
    }
    return true;
  }

  isInputJson(ref: Ref): boolean {
    if (ref.name === "input") return ref.parts.length === 1 && ref.parts[0].k === "method" && ref.parts[0].name === "json";
    return ref.parts.length === 0 && this.jsonVars.has(ref.name);
  }

  outputRef(ref: Ref): void {
    if (!this.json || !this.state.inString) return;
    const [a, b] = this.refSpan(ref);
    if (this.escapesQuote(ref)) {
      this.add(
        "warning",
        "escape-javascript-in-json",
        `$util.escapeJavaScript turns ' into \\', which is not a valid escape in JSON: inside this JSON string, a value with an apostrophe makes the output invalid JSON. Append .replaceAll("\\\\'","'") (as the API Gateway docs do): ${ref.name === "util" ? ref.literal.replace(/\}$/, "") : "$" + ref.name}.replaceAll("\\\\'","'")${ref.literal.endsWith("}") && ref.name === "util" ? "}" : ""}.`,
        a,
        b,
      );
    } else if (this.isInputJson(ref)) {
      this.add(
        "warning",
        "input-json-in-quotes",
        `$input.json(...) returns JSON text, quotes included for strings, so wrapping it in quotes double-encodes it: a string value renders as ""value"" and an object as "{"a":1}", both invalid JSON. Remove the surrounding quotes, use "$input.path(...)" for a plain string value, or "$util.escapeJavaScript($input.json(...))" to embed the JSON text as a string.`,
        a,
        b,
      );
    }
  }

  // ---- unknown members --------------------------------------------------------

  checkUtil(ref: Ref): void {
    const part = ref.parts[0];
    if (!part || part.k === "index") return;
    const [a, b] = this.partSpan(ref, 0);
    const list = "escapeJavaScript, parseJson, urlEncode, urlDecode, base64Encode and base64Decode";
    const known = UTIL_FUNCTIONS.get(part.name);
    if (part.k === "prop") {
      const hint = known ? ` Call it: $util.${part.name}(...).` : this.didYouMean(part.name, UTIL_FUNCTIONS.keys(), "$util.", "(...)");
      this.add(
        "warning",
        "unknown-util-function",
        `$util.${part.name} is not a property of $util, so API Gateway renders nothing here.${hint} $util has ${list}.`,
        a,
        b,
      );
      return;
    }
    if (known) {
      if (!known.arity!.includes(part.args.length)) {
        this.add(
          "warning",
          "unknown-util-function",
          `$util.${part.name} takes exactly one argument (given ${part.args.length}); API Gateway finds no such method and renders nothing.`,
          a,
          b,
        );
      }
      return;
    }
    if (OBJECT_METHODS.has(part.name)) return;
    this.add(
      "warning",
      "unknown-util-function",
      `$util.${part.name}() is not an API Gateway $util function; AWS ignores unknown functions silently and renders nothing.${this.didYouMean(part.name, UTIL_FUNCTIONS.keys(), "$util.", "()")} $util has ${list}.`,
      a,
      b,
    );
  }

  checkInput(ref: Ref): void {
    const part = ref.parts[0];
    if (!part || part.k === "index") return;
    const [a, b] = this.partSpan(ref, 0);
    const list = "$input.body, $input.json(path), $input.path(path) and $input.params()";
    if (part.k === "prop") {
      if (part.name === "body") return;
      if (INPUT_METHODS.has(part.name)) {
        this.add(
          "warning",
          "unknown-input-member",
          `$input.${part.name} is a method: without parentheses API Gateway renders nothing. Call it: $input.${part.name}(${part.name === "params" ? "" : "'$'"}).`,
          a,
          b,
        );
        return;
      }
      this.add(
        "warning",
        "unknown-input-member",
        `$input.${part.name} is not a member of $input, so API Gateway renders nothing here.${this.didYouMean(part.name, ["body", ...INPUT_METHODS.keys()], "$input.")} $input has ${list}.`,
        a,
        b,
      );
      return;
    }
    const known = INPUT_METHODS.get(part.name);
    if (known) {
      if (!known.arity!.includes(part.args.length)) {
        const takes = part.name === "params" ? "no argument or a parameter name" : "one JSONPath argument";
        this.add(
          "warning",
          "unknown-input-member",
          `$input.${part.name} takes ${takes} (given ${part.args.length}); API Gateway finds no such method and renders nothing.`,
          a,
          b,
        );
      }
      return;
    }
    if (part.name === "getBody" && part.args.length === 0) return;
    if (OBJECT_METHODS.has(part.name)) return;
    this.add(
      "warning",
      "unknown-input-member",
      `$input.${part.name}() is not an API Gateway $input function; AWS ignores unknown functions silently and renders nothing.${this.didYouMean(part.name, INPUT_METHODS.keys(), "$input.", "()")} $input has ${list}.`,
      a,
      b,
    );
  }

  didYouMean(name: string, candidates: Iterable<string>, prefix: string, suffix = ""): string {
    const s = suggestName(name, candidates);
    return s ? ` Did you mean ${prefix}${s}${suffix}?` : "";
  }

  checkContext(ref: Ref): void {
    let path = "context";
    for (let k = 0; k < ref.parts.length; k++) {
      const part = ref.parts[k];
      let name: string;
      if (part.k === "prop") name = part.name;
      else if (part.k === "index" && part.arg.t === "str" && !part.arg.interp) name = part.arg.s;
      else return;
      const next = `${path}.${name}`;
      const entry = lookupCatalog(next);
      const [a, b] = this.partSpan(ref, k);
      if (entry) {
        if (entry.accessLogOnly && !path.startsWith("context.authorizer")) {
          this.add("info", "access-log-only-context", `$${next} exists only in access-log formats; in a mapping template it renders nothing.`, a, b);
          return;
        }
        if (entry.placeholder) return;
        path = next;
        continue;
      }
      if (CONTEXT_PATHS.some((p) => p.startsWith(next + "."))) {
        path = next;
        continue;
      }
      const siblings = CONTEXT_PATHS.filter((p) => p.startsWith(path + ".") && p.split(".").length === path.split(".").length + 1 && !p.includes("{")).map(
        (p) => p.slice(path.length + 1),
      );
      if (!siblings.length) return;
      this.add(
        "info",
        "unknown-context-field",
        `$${next} is not a documented $context field; API Gateway renders nothing for it.${this.didYouMean(name, siblings, `$${path}.`)}`,
        a,
        b,
      );
      return;
    }
  }

  checkStageVariable(ref: Ref): void {
    if (!this.stageNames) return;
    const part = ref.parts[0];
    let name: string | undefined;
    if (part?.k === "prop") name = part.name;
    else if (part?.k === "index" && part.arg.t === "str" && !part.arg.interp) name = part.arg.s;
    else if (part?.k === "method" && part.name === "get" && part.args[0]?.t === "str" && !part.args[0].interp) name = part.args[0].s;
    if (name === undefined || this.stageNames.has(name)) return;
    if (part.k === "method" && !["get"].includes(part.name)) return;
    const [a, b] = this.refSpan(ref);
    const defined = [...this.stageNames];
    this.add(
      "warning",
      "undefined-stage-variable",
      `The stage defines no variable "${name}", so $stageVariables.${name} renders nothing.${this.didYouMean(name, defined, "$stageVariables.")}${defined.length ? ` Defined: ${defined.join(", ")}.` : " The stage has no variables."}`,
      a,
      b,
    );
  }

  checkRegex(method: string, args: Expr[]): void {
    const pat = args[0];
    const text = literalText(pat);
    if (text === undefined || pat.t !== "str" || pat.at === undefined) return;
    const rep = method === "replaceAll" || method === "replaceFirst" ? literalText(args[1]) : undefined;
    const findings = lintRegex(method, text, rep);
    for (const f of findings) {
      const target = f.code === "regex-replacement" && args[1]?.t === "str" && args[1].at !== undefined ? args[1] : pat;
      this.add(f.severity, f.code, `${method}: ${f.message}`, target.at!, target.end!);
    }
    const unsupported = findings.some((f) => f.severity === "error") ? null : unsupportedRegexMessage(text);
    if (unsupported) this.add("error", "regex-needs-backtracking", `${method}: ${unsupported}`, pat.at, pat.end!);
  }
}

/** The value of a string literal with no live references in it (`"$"` is one), else undefined. */
function literalText(e: Expr | undefined): string | undefined {
  if (e?.t !== "str") return undefined;
  if (!e.interp) return e.s;
  let s = "";
  for (const n of e.interp) {
    if (n.t !== "text") return undefined;
    s += n.s;
  }
  return s;
}

/** Lints a parsed template (see `lintTemplate`). */
export function lintParsed(template: string, parsed: Template, options: LintOptions = {}): Diagnostic[] {
  const l = new Linter(template, options);
  for (const m of parsed.macros.values()) {
    l.walkOutput(m.body);
  }
  l.walkOutput(parsed.nodes);
  const seen = new Set<string>();
  return l.out
    .filter((d) => {
      const key = `${d.code}:${d.line}:${d.column}:${d.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * Lints a mapping template for API Gateway traps. A template that does not parse has no lints
 * (its parse error comes from `diagnoseTemplate`).
 */
export function lintTemplate(template: string, options: LintOptions = {}): Diagnostic[] {
  let parsed: Template;
  try {
    parsed = parseTemplate(template);
  } catch {
    return [];
  }
  return lintParsed(template, parsed, options);
}
