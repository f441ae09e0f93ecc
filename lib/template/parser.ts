/**
 * A Velocity 1.7 template parser, hand-written to follow the token rules of Velocity 1.7's
 * Parser.jjt (the version API Gateway runs), including its whitespace handling:
 *
 * - `#set` eats spaces/tabs before it (`(" "|"\t")* "#set"`) when they start a token, i.e.
 *   directly after the template start, a directive, a reference or a comment — plain text
 *   before them (even on an earlier line) keeps them, as Velocity's greedy TEXT token does,
 * - a directive's closing `)` eats trailing spaces/tabs plus one newline (`#set`, `#if`,
 *   `#elseif`, `#foreach`, `#macro`, macro calls …),
 * - `#else` and `#end` eat trailing spaces/tabs plus one newline,
 * - `##` comments eat their newline, `#* … *#` comments do not,
 * - nothing else eats leading indentation.
 */
import { TemplateError } from "./types";

export interface Pos {
  line: number;
  column: number;
}

export type Node =
  | { t: "text"; s: string }
  | { t: "ref"; ref: Ref; raw: string; bs: number; pos: Pos }
  | { t: "set"; target: Ref; expr: Expr; pos: Pos }
  | { t: "if"; branches: { cond: Expr; body: Node[] }[]; otherwise: Node[] | null; pos: Pos }
  | { t: "foreach"; varName: string; iter: Expr; body: Node[]; pos: Pos }
  | { t: "directive"; name: string; args: Expr[]; body: Node[] | null; raw: string; pos: Pos };

export interface Ref {
  name: string;
  parts: RefPart[];
  pos: Pos;
  /** The reference as written (`$!{a.b}`), used where Velocity prints a reference's literal. */
  literal: string;
}

export type RefPart = { k: "prop"; name: string; pos: Pos } | { k: "method"; name: string; args: Expr[]; pos: Pos } | { k: "index"; arg: Expr; pos: Pos };

export type Expr =
  /** Integers beyond 2^53 stay exact as bigint (Velocity makes them Long / BigInteger). */
  | { t: "int"; v: number | bigint }
  | { t: "float"; v: number }
  | { t: "bool"; v: boolean }
  /** `at`/`end`: source offsets of the literal including its quotes (for diagnostics). */
  | { t: "str"; s: string; interp: Node[] | null; at?: number; end?: number }
  | { t: "ref"; ref: Ref }
  | { t: "list"; items: Expr[] }
  | { t: "map"; entries: [Expr, Expr][] }
  | { t: "range"; from: Expr; to: Expr; pos: Pos }
  | { t: "word"; w: string }
  | { t: "bin"; op: string; l: Expr; r: Expr; pos: Pos }
  | { t: "not"; e: Expr }
  | { t: "paren"; e: Expr };

export interface MacroDef {
  name: string;
  params: string[];
  body: Node[];
}

export interface Template {
  nodes: Node[];
  macros: Map<string, MacroDef>;
}

/** Directives Velocity 1.7 knows; anything else is a macro call or plain text. */
export const BUILTIN_DIRECTIVES = new Set(["foreach", "include", "parse", "macro", "literal", "evaluate", "break", "define", "stop"]);
const BLOCK_DIRECTIVES = new Set(["foreach", "macro", "literal", "define"]);
const CONTROL = new Set(["if", "else", "elseif", "end", "set"]);

type Terminator = { kind: "eof" } | { kind: "end" } | { kind: "else" } | { kind: "elseif"; cond: Expr };

/** A block's nodes and what ended it (`termAt`: where, for errors). */
interface BlockResult {
  nodes: Node[];
  term: Terminator;
  termAt: number;
}

/** The nodes of the block being parsed, and the plain text not yet made a node. */
class BlockOut {
  nodes: Node[] = [];
  buf = "";
  /** Where in `buf` the current lexer token starts (see the #set whitespace rule). */
  tok = 0;

  flush(): void {
    if (this.buf) this.nodes.push({ t: "text", s: this.buf });
    this.buf = "";
    this.tok = 0;
  }

  /** Text after which a new lexer token starts. */
  text(s: string): void {
    this.buf += s;
    this.tok = this.buf.length;
  }
}

const IDENT_START = /[a-zA-Z_]/;
const IDENT_CHAR = /[a-zA-Z0-9_-]/;
const WORD_START = /[a-zA-Z_@]/;
const WORD_CHAR = /[a-zA-Z0-9_@]/;

export function parseTemplate(src: string, macros?: Map<string, MacroDef>): Template {
  const p = new Parser(src, 0, src.length, macros ?? new Map());
  const nodes = p.parseTop();
  return { nodes, macros: p.macros };
}

class Parser {
  i: number;
  private lineStarts: number[] = [0];

  constructor(
    readonly src: string,
    start: number,
    readonly end: number,
    readonly macros: Map<string, MacroDef>,
    lineStarts?: number[],
  ) {
    this.i = start;
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    for (let k = 0; k < src.length; k++) {
      const c = src[k];
      if (c === "\n") this.lineStarts.push(k + 1);
      else if (c === "\r" && src[k + 1] !== "\n") this.lineStarts.push(k + 1);
    }
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

  fail(off: number, found?: string, expecting?: string): never {
    const p = this.posAt(off);
    let tok = found;
    if (tok === undefined) {
      if (off >= this.end) tok = "<EOF>";
      else {
        const m = /^(#\{?[a-zA-Z_@][a-zA-Z0-9_@]*\}?|\$!?\{?[a-zA-Z_][a-zA-Z0-9_-]*|[a-zA-Z_][a-zA-Z0-9_]*|-?\d+(\.\d+)?|\s+|.)/s.exec(
          this.src.slice(off, this.end),
        );
        tok = m ? m[0] : this.src[off];
      }
    }
    const shown = tok.replace(/\r/g, "\\r").replace(/\n/g, "\\n").replace(/\t/g, "\\t");
    const endOff = off < this.end && this.src.startsWith(tok, off) ? off + Math.max(1, tok.length) : off + 1;
    const e = endOff <= this.src.length ? this.posAt(endOff) : { line: p.line, column: p.column + 1 };
    throw new TemplateError(
      `Encountered "${shown}" at line ${p.line}, column ${p.column}.${expecting ? ` Was expecting ${expecting}.` : ""}`,
      p.line,
      p.column,
      e.line,
      e.column,
    );
  }

  parseTop(): Node[] {
    const { nodes, term, termAt } = this.parseBlock();
    if (term.kind !== "eof") this.fail(termAt);
    return nodes;
  }

  /** Eats `[ \t]*` followed by one newline, if that is what follows. */
  eatLineEnd(): void {
    let j = this.i;
    while (j < this.end && (this.src[j] === " " || this.src[j] === "\t")) j++;
    if (this.src[j] === "\n") this.i = j + 1;
    else if (this.src[j] === "\r") this.i = this.src[j + 1] === "\n" && j + 1 < this.end ? j + 2 : j + 1;
  }

  parseBlock(): BlockResult {
    const out = new BlockOut();
    while (this.i < this.end) {
      const c = this.src[this.i];
      if (c === "$") this.blockReference(out);
      else if (c === "\\") this.blockBackslashes(out);
      else if (c === "#") {
        const terminated = this.blockHash(out);
        if (terminated) return terminated;
      } else {
        let j = this.i;
        while (j < this.end && this.src[j] !== "$" && this.src[j] !== "#" && this.src[j] !== "\\") j++;
        out.buf += this.src.slice(this.i, j);
        this.i = j;
      }
    }
    out.flush();
    return { nodes: out.nodes, term: { kind: "eof" }, termAt: this.end };
  }

  /** `$…`: a reference, or (not one) text that starts a lexer token. */
  private blockReference(out: BlockOut): void {
    const start = this.i;
    const r = this.tryReference(0);
    if (r) {
      out.flush();
      out.nodes.push(r);
    } else {
      out.tok = out.buf.length;
      out.buf += this.src.slice(start, this.i);
    }
  }

  /** A run of backslashes: an escaped reference, an escaped directive, or plain backslashes. */
  private blockBackslashes(out: BlockOut): void {
    const src = this.src;
    let k = 0;
    while (this.i + k < this.end && src[this.i + k] === "\\") k++;
    const d = src[this.i + k];
    if (d === "$") {
      const start = this.i;
      const r = this.tryReference(k);
      if (r) {
        out.flush();
        out.nodes.push(r);
      } else out.text(src.slice(start, this.i));
      return;
    }
    if (d === "#") {
      const w = this.directiveWord(this.i + k + 1);
      if (w && k % 2 === 1) {
        // ESCAPE_DIRECTIVE: \#name prints #name when name is a directive or macro.
        const known = this.isKnownDirective(w.name);
        out.text(known ? "\\".repeat((k - 1) / 2) + "#" + w.raw : src.slice(this.i, w.end));
        this.i = w.end;
        return;
      }
      if (w && k % 2 === 0) {
        // Escape(): pairs of backslashes before a live directive print as single ones.
        const known = this.isKnownDirective(w.name) || CONTROL.has(w.name);
        out.text("\\".repeat(known ? k / 2 : k));
        this.i += k;
        return;
      }
    }
    out.text(src.slice(this.i, this.i + k));
    this.i += k;
  }

  /**
   * `#…`: a text block, a comment, `#set`, `#if`, a directive or macro call, or plain text; the
   * block's end when it is `#end`, `#else` or `#elseif`.
   */
  private blockHash(out: BlockOut): BlockResult | undefined {
    const at = this.i;
    if (this.blockCommentOrTextBlock(out, at)) return undefined;
    const w = this.directiveWord(at + 1);
    if (!w) {
      out.tok = out.buf.length;
      out.buf += "#";
      this.i++;
      return undefined;
    }
    const name = w.name;
    if (name === "set") this.blockSet(out, at, w.end);
    else if (name === "end" || name === "else") {
      out.flush();
      this.i = w.end;
      this.eatLineEnd();
      return { nodes: out.nodes, term: { kind: name }, termAt: at };
    } else if (name === "elseif") {
      out.flush();
      this.i = w.end;
      const cond = this.parseCondition(at);
      return { nodes: out.nodes, term: { kind: "elseif", cond }, termAt: at };
    } else if (name === "if") {
      out.flush();
      this.i = w.end;
      out.nodes.push(this.parseIf(at));
    } else this.blockDirective(out, at, name, w.end);
    return undefined;
  }

  /** `#[[…]]#` (unparsed text), `## …` and `#* … *#` (comments); false when `#` starts none of them. */
  private blockCommentOrTextBlock(out: BlockOut, at: number): boolean {
    const src = this.src;
    if (src.startsWith("#[[", at)) {
      const close = src.indexOf("]]#", at + 3);
      if (close < 0 || close + 3 > this.end) this.fail(this.end, "<EOF>", '"]]#" to close the #[[ text block');
      out.flush();
      out.nodes.push({ t: "text", s: src.slice(at + 3, close) });
      this.i = close + 3;
      return true;
    }
    if (src.startsWith("##", at)) {
      out.flush();
      let j = at + 2;
      while (j < this.end && src[j] !== "\n" && src[j] !== "\r") j++;
      this.i = j;
      if (src[j] === "\r" && src[j + 1] === "\n") this.i = j + 2;
      else if (j < this.end) this.i = j + 1;
      return true;
    }
    if (src.startsWith("#*", at)) {
      const close = src.indexOf("*#", at + 2);
      if (close < 0 || close + 2 > this.end) this.fail(this.end, "<EOF>", '"*#" to close the #* comment');
      out.flush();
      this.i = close + 2;
      return true;
    }
    return false;
  }

  /** `#set(…)`, or `#set` as text when no `(` follows. */
  private blockSet(out: BlockOut, at: number, wordEnd: number): void {
    const src = this.src;
    let j = wordEnd;
    while (src[j] === " ") j++;
    if (src[j] === "(" && j < this.end) {
      // Velocity's SET_DIRECTIVE token is `(" "|"\t")* "#set"`, but its TEXT token is
      // greedy: indentation is eaten only when it starts a token (template start, after a
      // directive, reference or comment), not when it follows plain text on the line.
      // A lone `$`, `$!` or `#` token right before such indentation vanishes with it.
      const m = /^(\$!?\{|\$!?|#)?[ \t]*$/.exec(out.buf.slice(out.tok));
      if (m) out.buf = out.buf.slice(0, out.tok) + (m[1]?.endsWith("{") ? m[1] : "");
      out.flush();
      this.i = j + 1;
      out.nodes.push(this.parseSet(at));
      return;
    }
    out.text(src.slice(at, wordEnd));
    this.i = wordEnd;
  }

  /** A generic directive, a macro call, or plain text (a name with no arguments that is not #break/#stop). */
  private blockDirective(out: BlockOut, at: number, name: string, wordEnd: number): void {
    const src = this.src;
    let j = wordEnd;
    while (j < this.end && /[ \t\r\n]/.test(src[j])) j++;
    const hasParen = src[j] === "(" && j < this.end;
    if (!hasParen) {
      if (name === "macro") this.fail(at, "#macro", "A macro declaration requires at least a name argument");
      if (name === "break" || name === "stop") {
        out.flush();
        this.i = wordEnd;
        out.nodes.push({ t: "directive", name, args: [], body: null, raw: src.slice(at, wordEnd), pos: this.posAt(at) });
        return;
      }
      out.text(src.slice(at, wordEnd));
      this.i = wordEnd;
      return;
    }
    out.flush();
    this.i = j + 1;
    const args = this.parseDirectiveArgs(name);
    this.eatLineEnd();
    const raw = src.slice(at, this.i);
    const pos = this.posAt(at);
    if (!BLOCK_DIRECTIVES.has(name) && !name.startsWith("@")) {
      out.nodes.push({ t: "directive", name, args, body: null, raw, pos });
      return;
    }
    if (name === "macro") this.checkMacroArgs(args, at);
    const body = this.parseDirectiveBody(at);
    if (name === "foreach") out.nodes.push(this.foreachNode(args, body, at, pos));
    else if (name === "macro") {
      const mname = (args[0] as { t: "word"; w: string }).w;
      const params = args.slice(1).map((a) => (a as { t: "ref"; ref: Ref }).ref.name);
      this.macros.set(mname, { name: mname, params, body });
    } else out.nodes.push({ t: "directive", name, args, body, raw, pos });
  }

  private foreachNode(args: Expr[], body: Node[], at: number, pos: Pos): Node {
    if (args.length < 3 || args[0].t !== "ref" || args[1].t !== "word" || args[1].w !== "in") {
      this.fail(at, "#foreach", "#foreach($item in $list)");
    }
    const ref = (args[0] as { t: "ref"; ref: Ref }).ref;
    if (ref.parts.length) this.fail(at, "#foreach", "a simple reference as the loop variable");
    return { t: "foreach", varName: ref.name, iter: args[2], body, pos };
  }

  isKnownDirective(name: string): boolean {
    return BUILTIN_DIRECTIVES.has(name) || this.macros.has(name) || CONTROL.has(name);
  }

  checkMacroArgs(args: Expr[], at: number): void {
    if (!args.length || args[0].t !== "word") {
      this.fail(at, "#macro", "a macro name as the first argument (a word token, no ' or \" surrounding)");
    }
    for (const a of args.slice(1)) if (a.t !== "ref" || a.ref.parts.length) this.fail(at, "#macro", "macro parameters to be references like $arg");
  }

  parseDirectiveBody(at: number): Node[] {
    const { nodes, term, termAt } = this.parseBlock();
    if (term.kind === "eof") this.fail(this.end, "<EOF>", `#end to close the directive at ${this.describe(at)}`);
    if (term.kind !== "end") this.fail(termAt);
    return nodes;
  }

  describe(off: number): string {
    const p = this.posAt(off);
    return `line ${p.line}, column ${p.column}`;
  }

  /** `#name` or `#{name}` at `off` (just after the `#`). */
  directiveWord(off: number): { name: string; raw: string; end: number } | null {
    const src = this.src;
    if (src[off] === "{") {
      let j = off + 1;
      if (!(j < this.end && /[a-zA-Z_]/.test(src[j]))) return null;
      while (j < this.end && WORD_CHAR.test(src[j])) j++;
      if (src[j] !== "}" || j >= this.end) return null;
      return { name: src.slice(off + 1, j), raw: src.slice(off, j + 1), end: j + 1 };
    }
    if (!(off < this.end && WORD_START.test(src[off]))) return null;
    let j = off + 1;
    while (j < this.end && WORD_CHAR.test(src[j])) j++;
    return { name: src.slice(off, j), raw: src.slice(off, j), end: j };
  }

  parseIf(at: number): Node {
    const branches: { cond: Expr; body: Node[] }[] = [];
    let cond = this.parseCondition(at);
    let otherwise: Node[] | null = null;
    for (;;) {
      const { nodes, term } = this.parseBlock();
      if (term.kind === "eof") this.fail(this.end, "<EOF>", `#end to close the #if at ${this.describe(at)}`);
      branches.push({ cond, body: nodes });
      if (term.kind === "end") break;
      if (term.kind === "elseif") {
        cond = term.cond;
        continue;
      }
      // #else
      const rest = this.parseBlock();
      if (rest.term.kind === "eof") this.fail(this.end, "<EOF>", `#end to close the #if at ${this.describe(at)}`);
      if (rest.term.kind !== "end") this.fail(rest.termAt);
      otherwise = rest.nodes;
      break;
    }
    return { t: "if", branches, otherwise, pos: this.posAt(at) };
  }

  /** `[ws] ( expr )` after #if / #elseif, eating the line end after `)`. */
  parseCondition(at: number): Expr {
    this.skipWs();
    if (this.src[this.i] !== "(" || this.i >= this.end) this.fail(this.i, undefined, '"("');
    this.i++;
    const e = this.parseExpr();
    this.skipWs();
    if (this.src[this.i] !== ")" || this.i >= this.end) this.fail(this.i, undefined, `")" to close the condition at ${this.describe(at)}`);
    this.i++;
    this.eatLineEnd();
    return e;
  }

  parseSet(at: number): Node {
    this.skipWs();
    if (this.src[this.i] !== "$") this.fail(this.i, undefined, "a reference");
    const target = this.parseRefOrFail();
    this.skipWs();
    if (this.src[this.i] !== "=" || this.src[this.i + 1] === "=") this.fail(this.i, undefined, '"="');
    this.i++;
    const expr = this.parseExpr();
    this.skipWs();
    if (this.src[this.i] !== ")" || this.i >= this.end) this.fail(this.i, undefined, '")"');
    this.i++;
    this.eatLineEnd();
    return { t: "set", target, expr, pos: this.posAt(at) };
  }

  parseDirectiveArgs(name: string): Expr[] {
    const args: Expr[] = [];
    for (;;) {
      this.skipWs();
      if (this.i >= this.end) this.fail(this.i, "<EOF>", `")" to close #${name}`);
      if (this.src[this.i] === ")") {
        this.i++;
        return args;
      }
      if (this.src[this.i] === ",") {
        this.i++;
        this.skipWs();
      }
      const c = this.src[this.i];
      if (WORD_START.test(c ?? "") && !this.peekWord("true") && !this.peekWord("false")) {
        let j = this.i + 1;
        while (j < this.end && WORD_CHAR.test(this.src[j])) j++;
        args.push({ t: "word", w: this.src.slice(this.i, j) });
        this.i = j;
        continue;
      }
      args.push(this.parseParameter());
    }
  }

  skipWs(): void {
    while (this.i < this.end && /[ \t\r\n]/.test(this.src[this.i])) this.i++;
  }

  peekWord(w: string): boolean {
    if (!this.src.startsWith(w, this.i) || this.i + w.length > this.end) return false;
    const n = this.src[this.i + w.length];
    return !(this.i + w.length < this.end && n !== undefined && WORD_CHAR.test(n));
  }

  /** A Parameter / DirectiveArg: literal, reference, list, map or range (no operators). */
  parseParameter(): Expr {
    this.skipWs();
    const src = this.src;
    const c = src[this.i];
    if (this.i >= this.end) this.fail(this.i);
    let e: Expr;
    if (c === "$") e = { t: "ref", ref: this.parseRefOrFail() };
    else if (c === '"' || c === "'") e = this.parseString();
    else if (c === "[") e = this.parseListOrRange();
    else if (c === "{") e = this.parseMap();
    else if (this.peekWord("true")) {
      this.i += 4;
      e = { t: "bool", v: true };
    } else if (this.peekWord("false")) {
      this.i += 5;
      e = { t: "bool", v: false };
    } else {
      const num = this.tryNumber();
      if (!num) this.fail(this.i);
      e = num;
    }
    this.skipWs();
    return e;
  }

  tryNumber(): Expr | null {
    const rest = this.src.slice(this.i, Math.min(this.end, this.i + 400));
    const m = /^-?(\d+\.\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|\d+[eE][+-]?\d+|\d+)/.exec(rest);
    if (!m) return null;
    let text = m[0];
    // `1..3` is an integer followed by `..`
    if (/^-?\d+\.$/.test(text) && rest[text.length] === ".") text = text.slice(0, -1);
    if (/^-?\d+\.\.?$/.test(text) && rest.startsWith("..", text.length - 1)) text = text.replace(/\.$/, "");
    this.i += text.length;
    if (/^-?\d+$/.test(text)) {
      const v = Number(text);
      return { t: "int", v: Number.isSafeInteger(v) ? v : BigInt(text) };
    }
    return { t: "float", v: Number(text) };
  }

  parseString(): Expr {
    const src = this.src;
    const q = src[this.i];
    const start = this.i;
    let j = this.i + 1;
    for (;;) {
      if (j >= this.end) this.fail(start, src.slice(start, Math.min(this.end, start + 20)), `a closing ${q}`);
      if (src[j] === q) {
        if (src[j + 1] === q && j + 1 < this.end) {
          j += 2;
          continue;
        }
        break;
      }
      j++;
    }
    this.i = j + 1;
    const bodyStart = start + 1;
    const bodyEnd = j;
    const body = src.slice(bodyStart, bodyEnd);
    if (q === "'") return { t: "str", s: unescapeUnicode(body.replace(/''/g, "'")), interp: null, at: start, end: this.i };
    if (!body.includes("$") && !body.includes("#")) return { t: "str", s: unescapeUnicode(body.replace(/""/g, '"')), interp: null, at: start, end: this.i };
    const sub = new Parser(src, bodyStart, bodyEnd, this.macros, this.lineStarts);
    const nodes = sub.parseTop().map((n) => (n.t === "text" ? { t: "text" as const, s: unescapeUnicode(n.s.replace(/""/g, '"')) } : n));
    return { t: "str", s: body, interp: nodes, at: start, end: this.i };
  }

  parseListOrRange(): Expr {
    const open = this.i;
    this.i++; // [
    this.skipWs();
    if (this.src[this.i] === "]") {
      this.i++;
      return { t: "list", items: [] };
    }
    const first = this.parseParameter();
    if (this.src.startsWith("..", this.i) && (first.t === "int" || first.t === "ref")) {
      this.i += 2;
      this.skipWs();
      let to: Expr;
      if (this.src[this.i] === "$") to = { t: "ref", ref: this.parseRefOrFail() };
      else {
        const n = this.tryNumber();
        if (n?.t !== "int") this.fail(this.i, undefined, "an integer or reference in the range");
        to = n;
      }
      this.skipWs();
      if (this.src[this.i] !== "]") this.fail(this.i, undefined, '"]"');
      this.i++;
      return { t: "range", from: first, to, pos: this.posAt(open) };
    }
    const items = [first];
    for (;;) {
      if (this.src[this.i] === "]") {
        this.i++;
        return { t: "list", items };
      }
      if (this.src[this.i] !== "," || this.i >= this.end) this.fail(this.i, undefined, '"," or "]"');
      this.i++;
      items.push(this.parseParameter());
    }
  }

  parseMap(): Expr {
    this.i++; // {
    this.skipWs();
    const entries: [Expr, Expr][] = [];
    if (this.src[this.i] === "}") {
      this.i++;
      return { t: "map", entries };
    }
    for (;;) {
      const k = this.parseParameter();
      if (this.src[this.i] !== ":") this.fail(this.i, undefined, '":"');
      this.i++;
      const v = this.parseParameter();
      entries.push([k, v]);
      if (this.src[this.i] === "}") {
        this.i++;
        return { t: "map", entries };
      }
      if (this.src[this.i] !== "," || this.i >= this.end) this.fail(this.i, undefined, '"," or "}"');
      this.i++;
    }
  }

  parseRefOrFail(): Ref {
    const start = this.i;
    const r = this.tryReference(0);
    if (!r) this.fail(start, undefined, "a reference");
    return r.ref;
  }

  /**
   * A reference at `this.i` preceded by `bs` backslashes (this.i points at the first one).
   * Returns null (and advances past the non-reference `$`, `$!`, `${`) when it is not one.
   */
  tryReference(bs: number): { t: "ref"; ref: Ref; raw: string; bs: number; pos: Pos } | null {
    const src = this.src;
    const start = this.i;
    let j = start + bs + 1; // after $
    if (src[j] === "!" && j < this.end) j++;
    let formal = false;
    if (src[j] === "{" && j < this.end) {
      formal = true;
      j++;
    }
    if (!(j < this.end && IDENT_START.test(src[j]))) {
      this.i = start + bs + 1;
      return null;
    }
    const identStart = j;
    while (j < this.end && IDENT_CHAR.test(src[j])) j++;
    const name = src.slice(identStart, j);
    const pos = this.posAt(start + bs);
    const parts: RefPart[] = [];
    this.i = j;
    this.parseIndexes(parts);
    for (;;) {
      j = this.i;
      if (src[j] === "." && j + 1 < this.end && /[a-zA-Z]/.test(src[j + 1])) {
        let k = j + 1;
        while (k < this.end && IDENT_CHAR.test(src[k])) k++;
        const pname = src.slice(j + 1, k);
        const ppos = this.posAt(j + 1);
        if (src[k] === "(" && k < this.end) {
          this.i = k + 1;
          const args = this.parseMethodArgs();
          parts.push({ k: "method", name: pname, args, pos: ppos });
        } else {
          this.i = k;
          parts.push({ k: "prop", name: pname, pos: ppos });
        }
        this.parseIndexes(parts);
        continue;
      }
      break;
    }
    if (formal) {
      if (src[this.i] !== "}" || this.i >= this.end) this.fail(this.i, undefined, '"}" to close ${');
      this.i++;
    }
    const literal = src.slice(start + bs, this.i);
    return { t: "ref", ref: { name, parts, pos, literal }, raw: literal, bs, pos };
  }

  parseIndexes(parts: RefPart[]): void {
    while (this.src[this.i] === "[" && this.i < this.end) {
      const ppos = this.posAt(this.i);
      this.i++;
      this.skipWs();
      const c = this.src[this.i];
      let arg: Expr;
      if (c === "$") arg = { t: "ref", ref: this.parseRefOrFail() };
      else if (c === '"' || c === "'") arg = this.parseString();
      else if (this.peekWord("true")) {
        this.i += 4;
        arg = { t: "bool", v: true };
      } else if (this.peekWord("false")) {
        this.i += 5;
        arg = { t: "bool", v: false };
      } else {
        const n = this.tryNumber();
        if (n?.t !== "int") this.fail(this.i, undefined, "an index (string, integer or reference)");
        arg = n;
      }
      this.skipWs();
      if (this.src[this.i] !== "]" || this.i >= this.end) this.fail(this.i, undefined, '"]"');
      this.i++;
      parts.push({ k: "index", arg, pos: ppos });
    }
  }

  parseMethodArgs(): Expr[] {
    const args: Expr[] = [];
    this.skipWs();
    if (this.src[this.i] === ")") {
      this.i++;
      return args;
    }
    for (;;) {
      args.push(this.parseParameter());
      if (this.src[this.i] === ")" && this.i < this.end) {
        this.i++;
        return args;
      }
      if (this.src[this.i] !== "," || this.i >= this.end) this.fail(this.i, undefined, '"," or ")"');
      this.i++;
    }
  }

  // ---- expressions -------------------------------------------------------

  parseExpr(): Expr {
    return this.parseOr();
  }

  /** Matches an operator (symbolic, or a word operator on a word boundary). */
  op(...ops: string[]): string | null {
    this.skipWs();
    for (const o of ops) {
      if (/^[a-z]/.test(o)) {
        if (this.peekWord(o)) {
          this.i += o.length;
          return o;
        }
      } else if (this.src.startsWith(o, this.i) && this.i + o.length <= this.end) {
        this.i += o.length;
        return o;
      }
    }
    return null;
  }

  parseOr(): Expr {
    let l = this.parseAnd();
    for (;;) {
      const at = this.i;
      const o = this.op("||", "or");
      if (!o) return l;
      l = { t: "bin", op: "||", l, r: this.parseAnd(), pos: this.posAt(at) };
    }
  }

  parseAnd(): Expr {
    let l = this.parseEq();
    for (;;) {
      const at = this.i;
      const o = this.op("&&", "and");
      if (!o) return l;
      l = { t: "bin", op: "&&", l, r: this.parseEq(), pos: this.posAt(at) };
    }
  }

  parseEq(): Expr {
    let l = this.parseRel();
    for (;;) {
      const at = this.i;
      const o = this.op("==", "!=", "eq", "ne");
      if (!o) return l;
      l = { t: "bin", op: o === "eq" ? "==" : o === "ne" ? "!=" : o, l, r: this.parseRel(), pos: this.posAt(at) };
    }
  }

  parseRel(): Expr {
    let l = this.parseAdd();
    const map: Record<string, string> = { lt: "<", le: "<=", gt: ">", ge: ">=" };
    for (;;) {
      const at = this.i;
      const o = this.op("<=", ">=", "<", ">", "lt", "le", "gt", "ge");
      if (!o) return l;
      l = { t: "bin", op: map[o] ?? o, l, r: this.parseAdd(), pos: this.posAt(at) };
    }
  }

  parseAdd(): Expr {
    let l = this.parseMul();
    for (;;) {
      this.skipWs();
      const at = this.i;
      const c = this.src[this.i];
      // Velocity lexes `-1` as a negative literal, so `$a -1` is a parse error, as on AWS.
      if (this.i < this.end && (c === "+" || (c === "-" && !/[0-9.]/.test(this.src[this.i + 1] ?? "")))) {
        this.i++;
        l = { t: "bin", op: c, l, r: this.parseMul(), pos: this.posAt(at) };
      } else return l;
    }
  }

  parseMul(): Expr {
    let l = this.parseUnary();
    for (;;) {
      this.skipWs();
      const at = this.i;
      const c = this.src[this.i];
      if (this.i < this.end && (c === "*" || c === "/" || c === "%")) {
        this.i++;
        l = { t: "bin", op: c, l, r: this.parseUnary(), pos: this.posAt(at) };
      } else return l;
    }
  }

  parseUnary(): Expr {
    this.skipWs();
    if (this.src[this.i] === "!" && this.src[this.i + 1] !== "=" && this.i < this.end) {
      this.i++;
      return { t: "not", e: this.parseUnary() };
    }
    if (this.peekWord("not")) {
      this.i += 3;
      return { t: "not", e: this.parseUnary() };
    }
    return this.parsePrimary();
  }

  parsePrimary(): Expr {
    this.skipWs();
    const c = this.src[this.i];
    if (this.i >= this.end) this.fail(this.i);
    if (c === "(") {
      this.i++;
      const e = this.parseExpr();
      this.skipWs();
      if (this.src[this.i] !== ")" || this.i >= this.end) this.fail(this.i, undefined, '")"');
      this.i++;
      return { t: "paren", e };
    }
    if (c === "$" || c === '"' || c === "'" || c === "[" || c === "{" || this.peekWord("true") || this.peekWord("false")) {
      return this.parseParameter();
    }
    const n = this.tryNumber();
    if (n) return n;
    return this.fail(this.i);
  }
}

function unescapeUnicode(s: string): string {
  return s.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}
