/**
 * `renderTemplate`: evaluates an API Gateway mapping template the way AWS does (Apache
 * Velocity 1.7 on Java, with API Gateway's `$input`, `$util`, `$context`, `$stageVariables`).
 * Parsing is in ./parser, Java methods in ./methods, values and printing in ./values.
 */
import { base64Decode, base64Encode, escapeJavaScript, JavaException, urlDecode, urlEncode, utf8Length } from "./escape";
import { returnScratch } from "./json-tape";
import { evalJsonPath, type JsonDocument, JsonParseError, JsonPathError, jsonTextAt, parseJson, parseJsonDocument } from "./json";
import { DEFAULT_RENDER_LIMITS, RenderBudget, type RenderLimits, stringMethodCost } from "./budget";
import { UnsupportedRegexError } from "./java-regex";
import { getProperty, invokeMethod } from "./methods";
import { type Expr, type MacroDef, type Node, parseTemplate, type Pos, type Ref } from "./parser";
import { BreakSignal, StopSignal } from "./signals";
import { cachedTemplate } from "./cache";
import { compiledBlock, type Emit } from "./compile";
import { type TemplateInput, TemplateError, type TemplateOverrides, type TemplateResult } from "./types";
import {
  HostObject,
  isNumber,
  JBlock,
  JChar,
  JDouble,
  JEntry,
  JList,
  JMap,
  type JValue,
  fromPlain,
  type MapKey,
  type MapSource,
  javaClassName,
  javaEquals,
  normKey,
  numValue,
  toJavaString,
  toJson,
} from "./values";

/** API Gateway quotas that apply to templates. */
export const MAX_TEMPLATE_BYTES = 300 * 1024;
export const MAX_FOREACH_ITERATIONS = 1000;
/** Velocity's `velocimacro.max.depth`. */
const MAX_MACRO_DEPTH = 20;

function errAt(message: string, pos?: Pos): TemplateError {
  return new TemplateError(pos ? `${message} at line ${pos.line}, column ${pos.column}` : message, pos?.line, pos?.column);
}

// ---- $input / $util ------------------------------------------------------

/** What `$input.path` gives for a definite path with no match (see null-path.test.ts for AWS's facts). */
const MISSING_PATH = "";

class InputObject extends HostObject {
  readonly javaClass = "com.amazonaws.apigateway.InputObject";
  private doc: JsonDocument | null = null;
  /** Set once $input.path hands the template an object or array of the body, which it may change. */
  private exposed = false;
  private paramsMap: JMap | null = null;
  constructor(
    private readonly body: string,
    private readonly rawParams: TemplateInput["params"] | undefined,
  ) {
    super();
  }
  private get params(): JMap {
    return (this.paramsMap ??= paramsMap(this.rawParams));
  }
  /** The body, parsed once per render (lazily: values are made as the template reads them). */
  private document(): JsonDocument {
    if (!this.doc) {
      if (this.body.trim() === "") this.doc = { tape: null, root: new JMap() };
      else {
        try {
          this.doc = parseJsonDocument(this.body, true);
        } catch (e) {
          throw new JavaException("com.jayway.jsonpath.InvalidJsonException", `Invalid JSON in the payload: ${(e as Error).message}`);
        }
      }
    }
    return this.doc;
  }
  private path(p: JValue): JValue {
    if (p === null) throw new JavaException("java.lang.IllegalArgumentException", "path can not be null or empty");
    const root = this.document().root;
    try {
      // AWS answers a path the payload does not have with an empty String (a JSON null stays null).
      return evalJsonPath(root, toJavaString(p), MISSING_PATH);
    } catch (e) {
      if (e instanceof JsonPathError) throw new JavaException("com.jayway.jsonpath.InvalidPathException", e.message);
      throw e;
    }
  }
  /** `$input.json(path)`: the body's own text for it while the template has changed nothing (see jsonTextAt). */
  private json(p: JValue): string {
    if (p !== null && !this.exposed) {
      const tape = this.document().tape;
      const text = tape ? jsonTextAt(tape, toJavaString(p)) : undefined;
      if (text !== undefined) return text;
    }
    return toJson(this.path(p));
  }
  getProperty(name: string): JValue | undefined {
    if (name === "body") return this.body === "" ? "{}" : this.body;
    return undefined;
  }
  invoke(name: string, args: JValue[]): JValue | undefined {
    switch (name) {
      case "getBody":
        return args.length === 0 ? (this.body === "" ? "{}" : this.body) : undefined;
      case "json":
        return args.length === 1 ? this.json(args[0]) : undefined;
      case "path": {
        if (args.length !== 1) return undefined;
        const v = this.path(args[0]);
        if (v instanceof JMap || v instanceof JList) this.exposed = true;
        return v;
      }
      case "params":
        if (args.length === 0) return this.params;
        if (args.length === 1) {
          const key = args[0] === null ? null : toJavaString(args[0]);
          // Until the maps are handed to the template (which could change them), read the input as is.
          if (this.paramsMap === null) return key === null ? "" : rawParam(this.rawParams, key);
          for (const where of ["path", "querystring", "header"]) {
            const m = this.params.get(where);
            if (m instanceof JMap && key !== null && m.m.has(key)) return m.get(key);
          }
          return "";
        }
        return undefined;
    }
    return undefined;
  }
}

class UtilObject extends HostObject {
  readonly javaClass = "com.amazonaws.apigateway.Util";
  invoke(name: string, args: JValue[]): JValue | undefined {
    if (args.length !== 1) return undefined;
    const a = args[0];
    const s = a === null ? null : toJavaString(a);
    switch (name) {
      case "escapeJavaScript":
        return s === null ? null : escapeJavaScript(s);
      case "urlEncode":
        return s === null ? null : urlEncode(s);
      case "urlDecode":
        return s === null ? null : urlDecode(s);
      case "base64Encode":
        return s === null ? null : base64Encode(s);
      case "base64Decode":
        return s === null ? null : base64Decode(s);
      case "parseJson":
        if (s === null) return null;
        try {
          return parseJson(s, true);
        } catch (e) {
          if (e instanceof JsonParseError) throw new JavaException("com.fasterxml.jackson.core.JsonParseException", e.message);
          throw e;
        }
    }
    return undefined;
  }
}

const UTIL = new UtilObject();

class ForeachScope extends HostObject {
  readonly javaClass = "org.apache.velocity.runtime.directive.ForeachScope";
  index = -1;
  hasNextVal = false;
  constructor(readonly parent: ForeachScope | null) {
    super();
  }
  getProperty(name: string): JValue | undefined {
    switch (name) {
      case "index":
        return this.index;
      case "count":
        return this.index + 1;
      case "hasNext":
        return this.hasNextVal;
      case "first":
        return this.index === 0;
      case "last":
        return !this.hasNextVal;
      case "parent":
        return this.parent;
      case "topmost": {
        let t: ForeachScope = this;
        while (t.parent) t = t.parent;
        return t;
      }
    }
    return undefined;
  }
  invoke(name: string, args: JValue[]): JValue | undefined {
    if (args.length) return undefined;
    const map: Record<string, string> = {
      getIndex: "index",
      getCount: "count",
      hasNext: "hasNext",
      getHasNext: "hasNext",
      isFirst: "first",
      getFirst: "first",
      isLast: "last",
      getLast: "last",
      getParent: "parent",
      getTopmost: "topmost",
    };
    return map[name] ? this.getProperty(map[name]) : undefined;
  }
}

// ---- evaluation ----------------------------------------------------------

/** A global built on first use (most templates read few of $context, $stageVariables, params). */
class Lazy {
  constructor(readonly make: () => JValue) {}
}

interface Frame {
  vars: Map<string, JValue>;
  body?: Node[] | null;
}

export class Renderer {
  globals = new Map<string, JValue | Lazy>();
  frames: Frame[] = [];
  macroDepth = 0;
  foreachScope: ForeachScope | null = null;
  /** Where evaluation is (the last node with a position), for budget errors. */
  pos: Pos | undefined;
  private ownMacros = false;

  constructor(
    /** The template's macros: the cached parse's own map until #evaluate may add to it (see renderEvaluate). */
    private macros: Map<string, MacroDef>,
    readonly budget: RenderBudget,
  ) {}

  lookup(name: string): JValue {
    for (let k = this.frames.length - 1; k >= 0; k--) {
      const f = this.frames[k];
      if (f.vars.has(name)) return f.vars.get(name) ?? null;
    }
    const g = this.globals.get(name);
    if (g instanceof Lazy) {
      const v = g.make();
      this.globals.set(name, v);
      return v;
    }
    return g ?? null;
  }

  assign(name: string, v: JValue | undefined): void {
    for (let k = this.frames.length - 1; k >= 0; k--) {
      const f = this.frames[k];
      if (f.vars.has(name)) {
        if (v === undefined) f.vars.delete(name);
        else f.vars.set(name, v);
        return;
      }
    }
    if (v === undefined) this.globals.delete(name);
    else this.globals.set(name, v);
  }

  /** When set, every node is walked by the interpreter below (the reference the compiler is tested against). */
  interpreted = false;

  /** Renders nodes through their compiled form (./compile.ts), compiled on first use. */
  render(nodes: Node[], out: string[]): void {
    if (!this.interpreted) compiledBlock(nodes)(this, out);
    else for (const n of nodes) this.renderNode(n, out);
  }

  renderNode(n: Node, out: string[]): void {
    if (n.t !== "text") this.pos = n.pos;
    this.budget.charge(1, this.pos);
    switch (n.t) {
      case "text":
        out.push(n.s);
        return;
      case "ref":
        this.printRef(n, this.evalRef(n.ref), out);
        return;
      case "set": {
        const v = this.evalExpr(n.expr);
        if (v === null) return; // Velocity 1.7: a null right side leaves the target unchanged
        this.setRef(n.target, v);
        return;
      }
      case "if": {
        for (const b of n.branches) {
          if (this.truth(b.cond)) {
            this.render(b.body, out);
            return;
          }
        }
        if (n.otherwise) this.render(n.otherwise, out);
        return;
      }
      case "foreach":
        this.renderForeach(n, out);
        return;
      case "directive":
        this.renderDirective(n, out);
        return;
    }
  }

  /** Prints a reference's value; backslashes before it escape it as Velocity does (`\\$a` prints `$a` when $a is set). */
  printRef(n: Extract<Node, { t: "ref" }>, v: JValue, out: string[]): void {
    if (n.bs === 0) {
      if (v !== null) out.push(typeof v === "string" ? v : toJavaString(v));
      return;
    }
    const prefix = "\\".repeat(Math.floor(n.bs / 2));
    if (n.bs % 2 === 1) out.push(prefix + (v === null ? "\\" + n.raw : n.raw));
    else out.push(prefix + (v === null ? "" : toJavaString(v)));
  }

  renderForeach(n: Extract<Node, { t: "foreach" }>, out: string[]): void {
    this.runForeach(n, this.evalExpr(n.iter), (r, o) => r.render(n.body, o), out);
  }

  /** A #foreach over `iter` (already evaluated), rendering `body` for each item. */
  runForeach(n: Extract<Node, { t: "foreach" }>, iter: JValue, body: Emit, out: string[]): void {
    let items: JValue[];
    if (iter instanceof JList) items = [...iter.items];
    else if (iter instanceof JMap) items = [...iter.m.values()];
    else return;
    const saved = ["velocityCount", "velocityHasNext", "foreach", n.varName].map((k) => [k, this.has(k) ? this.lookup(k) : undefined] as const);
    const scope = new ForeachScope(this.foreachScope);
    const outerScope = this.foreachScope;
    this.foreachScope = scope;
    try {
      for (let i = 0; i < items.length; i++) {
        if (i >= MAX_FOREACH_ITERATIONS) {
          throw errAt(`The #foreach loop exceeded the maximum of ${MAX_FOREACH_ITERATIONS} iterations`, n.pos);
        }
        this.budget.charge(1, n.pos);
        const item = items[i];
        this.assign(n.varName, item === null ? undefined : item);
        scope.index = i;
        scope.hasNextVal = i < items.length - 1;
        this.assign("velocityCount", i + 1);
        this.assign("velocityHasNext", scope.hasNextVal);
        this.assign("foreach", scope);
        try {
          body(this, out);
        } catch (e) {
          if (e instanceof BreakSignal) break;
          throw e;
        }
      }
    } finally {
      this.foreachScope = outerScope;
      for (const [k, v] of saved) this.assign(k, v === null ? undefined : v);
    }
  }

  has(name: string): boolean {
    return this.frames.some((f) => f.vars.has(name)) || this.globals.has(name);
  }

  renderDirective(n: Extract<Node, { t: "directive" }>, out: string[]): void {
    switch (n.name) {
      case "break":
        throw new BreakSignal();
      case "stop":
        throw new StopSignal();
      case "evaluate":
        this.renderEvaluate(n, out);
        return;
      case "define":
        this.renderDefine(n);
        return;
      case "literal":
        if (n.body) this.render(n.body, out);
        return;
      case "include":
      case "parse":
        throw errAt(`#${n.name}: Unable to find resource '${n.args.map((a) => toJavaString(this.evalExpr(a))).join(", ")}'`, n.pos);
      case "foreach":
      case "macro":
        return;
    }
    this.renderMacroCall(n, out);
  }

  /** `#evaluate($s)`: parses and renders the string with the template's macros; a #break inside ends it. */
  private renderEvaluate(n: Extract<Node, { t: "directive" }>, out: string[]): void {
    if (n.args.length !== 1) throw errAt("#evaluate() requires exactly one argument", n.pos);
    const v = this.evalExpr(n.args[0]);
    if (v === null) return;
    let t;
    const source = toJavaString(v);
    this.budget.charge(1 + (source.length >> 6), n.pos);
    try {
      // #evaluate may define macros: from here on this render works on its own copy of the map.
      if (!this.ownMacros) {
        this.macros = new Map(this.macros);
        this.ownMacros = true;
      }
      t = parseTemplate(source, this.macros);
    } catch (e) {
      if (e instanceof TemplateError) throw errAt(`#evaluate: ${e.message}`, n.pos);
      throw e;
    }
    try {
      this.render(t.nodes, out);
    } catch (e) {
      if (e instanceof BreakSignal) return;
      throw e;
    }
  }

  /** `#define($ref) … #end`: the reference becomes a block rendered each time it is printed. */
  private renderDefine(n: Extract<Node, { t: "directive" }>): void {
    const target = n.args[0];
    if (target?.t !== "ref") throw errAt("#define() requires a reference argument", n.pos);
    const body = n.body ?? [];
    this.setRef(
      target.ref,
      new JBlock(() => {
        const o: string[] = [];
        try {
          this.render(body, o);
        } catch (e) {
          if (!(e instanceof BreakSignal)) throw e;
        }
        return o.join("");
      }),
    );
  }

  /** `#name(…)` or `#@name(…) … #end`: a macro call in a frame of its parameters; an unknown name prints as text. */
  private renderMacroCall(n: Extract<Node, { t: "directive" }>, out: string[]): void {
    const macroName = n.name.startsWith("@") ? n.name.slice(1) : n.name;
    const m = this.macros.get(macroName);
    if (!m) {
      out.push(n.raw);
      if (n.body) {
        this.render(n.body, out);
        out.push("#end");
      }
      return;
    }
    if (this.macroDepth >= MAX_MACRO_DEPTH) {
      throw errAt(`Max calling depth of ${MAX_MACRO_DEPTH} was exceeded in macro '${macroName}'`, n.pos);
    }
    const vars = new Map<string, JValue>();
    // Parameters shadow globals even when the argument is null or missing.
    m.params.forEach((p, i) => vars.set(p, i < n.args.length ? this.evalExpr(n.args[i]) : null));
    if (n.body) {
      const body = n.body;
      const callerFrames = [...this.frames];
      vars.set(
        "bodyContent",
        new JBlock(() => {
          const saved = this.frames;
          this.frames = callerFrames;
          const o: string[] = [];
          try {
            this.render(body, o);
          } finally {
            this.frames = saved;
          }
          return o.join("");
        }),
      );
    }
    this.frames.push({ vars });
    this.macroDepth++;
    try {
      this.render(m.body, out);
    } catch (e) {
      if (!(e instanceof BreakSignal)) throw e;
    } finally {
      this.macroDepth--;
      this.frames.pop();
    }
  }

  setRef(target: Ref, v: JValue): void {
    if (target.parts.length === 0) {
      this.assign(target.name, v);
      return;
    }
    const obj = this.evalRefParts(target, target.parts.length - 1);
    const last = target.parts[target.parts.length - 1];
    if (obj === null) return;
    try {
      if (last.k === "prop") {
        if (obj instanceof JMap) obj.put(last.name, v);
        else invokeMethod(obj, "set" + last.name[0].toUpperCase() + last.name.slice(1), [v]);
      } else if (last.k === "index") {
        const key = this.evalExpr(last.arg);
        if (obj instanceof JMap) obj.put(normKey(key), v);
        else if (obj instanceof JList && typeof key === "number") invokeMethod(obj, "set", [key < 0 ? obj.items.length + key : key, v]);
      }
    } catch (e) {
      throw this.wrap(e, obj, last.k === "prop" ? `set${last.name}` : "set", last.pos);
    }
  }

  evalRef(ref: Ref): JValue {
    return this.evalRefParts(ref, ref.parts.length);
  }

  evalRefParts(ref: Ref, count: number): JValue {
    let v: JValue = this.lookup(ref.name);
    for (let k = 0; k < count; k++) {
      if (v === null) return null;
      const part = ref.parts[k];
      if (part.k === "prop") {
        try {
          const r = getProperty(v, part.name);
          v = r === undefined ? null : r;
        } catch (e) {
          throw this.wrap(e, v, "get" + part.name[0].toUpperCase() + part.name.slice(1), part.pos);
        }
      } else if (part.k === "method") {
        const args = part.args.map((a) => this.evalExpr(a));
        try {
          const r = this.invokeCharged(v, part.name, args, part.pos);
          v = r === undefined ? null : r;
        } catch (e) {
          throw this.wrap(e, v, part.name, part.pos);
        }
      } else {
        const key = this.evalExpr(part.arg);
        v = this.index(v, key, part.pos);
      }
    }
    return v;
  }

  /** A method call, charged to the budget by the size of what it works on. */
  invokeCharged(v: JValue, name: string, args: JValue[], pos: Pos): JValue | undefined {
    if (typeof v === "string") {
      this.budget.charge(stringMethodCost(name, v), pos);
      return invokeMethod(v, name, args);
    }
    if (v instanceof HostObject) {
      // $input, $util, $foreach…: nothing a template can grow, so no size to check.
      this.budget.charge(1, pos);
      return invokeMethod(v, name, args);
    }
    const before = sizeOf(v);
    this.budget.charge(1 + (before >> 8), pos);
    const r = invokeMethod(v, name, args);
    const after = sizeOf(v);
    if (after > before) this.budget.checkSize(after, pos);
    return r;
  }

  index(v: JValue, key: JValue, pos: Pos): JValue {
    if (v instanceof JList) {
      if (typeof key !== "number") return null;
      const i = key < 0 ? v.items.length + key : key;
      if (i < 0 || i >= v.items.length) {
        throw errAt(`Index out of bounds: ${key} (size ${v.items.length})`, pos);
      }
      return v.items[i];
    }
    if (v instanceof JMap) return v.get(normKey(key));
    try {
      const r = invokeMethod(v, "get", [key]);
      return r === undefined ? null : r;
    } catch (e) {
      throw this.wrap(e, v, "get", pos);
    }
  }

  wrap(e: unknown, obj: JValue, method: string, pos: Pos): unknown {
    if (e instanceof UnsupportedRegexError) return errAt(e.message, pos);
    if (e instanceof JavaException) {
      return errAt(`Invocation of method '${method}' in  class ${javaClassName(obj)} threw exception ${e.javaClass}${e.message ? `: ${e.message}` : ""}`, pos);
    }
    return e;
  }

  /** Velocity's `evaluate()` (truthiness) of an expression node. */
  truth(e: Expr): boolean {
    switch (e.t) {
      case "ref": {
        const v = this.evalRef(e.ref);
        if (v === null) return false;
        if (typeof v === "boolean") return v;
        return true;
      }
      case "bool":
        return e.v;
      case "paren":
        return this.truth(e.e);
      case "not":
        return !this.truth(e.e);
      case "bin":
        if (e.op === "&&") return this.truth(e.l) && this.truth(e.r);
        if (e.op === "||") return this.truth(e.l) || this.truth(e.r);
        if (["==", "!=", "<", "<=", ">", ">="].includes(e.op)) return this.evalExpr(e) === true;
        return false;
      default:
        // Literals, lists, maps and arithmetic nodes evaluate to false in Velocity 1.7.
        return false;
    }
  }

  evalExpr(e: Expr): JValue {
    this.budget.charge(1, this.pos);
    switch (e.t) {
      case "int":
        return e.v;
      case "float":
        return new JDouble(e.v);
      case "bool":
        return e.v;
      case "word":
        return e.w;
      case "str":
        if (!e.interp) return e.s;
        {
          const o: string[] = [];
          this.render(e.interp, o);
          this.budget.checkLength(totalLength(o), this.pos);
          return o.join("");
        }
      case "ref":
        return this.evalRef(e.ref);
      case "paren":
        return this.evalExpr(e.e);
      case "list":
        return new JList(
          e.items.map((x) => this.evalExpr(x)),
          "array",
        );
      case "map": {
        const m = new JMap();
        for (const [k, v] of e.entries) {
          const key = this.evalExpr(k);
          m.put(normKey(key), this.evalExpr(v));
        }
        return m;
      }
      case "range": {
        const a = this.evalExpr(e.from);
        const b = this.evalExpr(e.to);
        if (typeof a !== "number" || typeof b !== "number") return null;
        // Charged before it is built: `[1..2000000000]` must fail, not allocate.
        this.budget.charge(Math.abs(b - a) + 1, e.pos);
        const items: JValue[] = [];
        if (a <= b) for (let i = a; i <= b; i++) items.push(i);
        else for (let i = a; i >= b; i--) items.push(i);
        return new JList(items, "array");
      }
      case "not":
        return !this.truth(e.e);
      case "bin":
        return this.evalBin(e);
    }
  }

  evalBin(e: Extract<Expr, { t: "bin" }>): JValue {
    if (e.op === "&&" || e.op === "||") return this.truth(e);
    return this.applyBin(e, this.evalExpr(e.l), this.evalExpr(e.r));
  }

  /** A comparison or arithmetic operator on its evaluated operands. */
  applyBin(e: Extract<Expr, { t: "bin" }>, l: JValue, r: JValue): JValue {
    switch (e.op) {
      case "==":
        return velocityEquals(l, r);
      case "!=":
        return !velocityEquals(l, r);
      case "<":
      case "<=":
      case ">":
      case ">=": {
        if (!isNumber(l) || !isNumber(r)) return false;
        const a = numValue(l);
        const b = numValue(r);
        return e.op === "<" ? a < b : e.op === "<=" ? a <= b : e.op === ">" ? a > b : a >= b;
      }
    }
    if (e.op === "+" && (typeof l === "string" || typeof r === "string")) {
      const ls = l === null ? literalOf(e.l) : toJavaString(l);
      const rs = r === null ? literalOf(e.r) : toJavaString(r);
      this.budget.checkLength(ls.length + rs.length, e.pos);
      return ls + rs;
    }
    if (!isNumber(l) || !isNumber(r)) return null;
    if ((typeof l === "bigint" || typeof r === "bigint") && !(l instanceof JDouble) && !(r instanceof JDouble)) {
      const x = BigInt(l as number | bigint);
      const y = BigInt(r as number | bigint);
      const norm = (v: bigint): JValue => (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);
      switch (e.op) {
        case "+":
          return norm(x + y);
        case "-":
          return norm(x - y);
        case "*":
          return norm(x * y);
        case "/":
          return y === 0n ? null : norm(x / y);
        case "%":
          return y === 0n ? null : norm(x % y);
      }
    }
    const a = numValue(l);
    const b = numValue(r);
    const integral = typeof l === "number" && typeof r === "number";
    if (integral && (e.op === "+" || e.op === "-" || e.op === "*")) {
      const exact = e.op === "+" ? a + b : e.op === "-" ? a - b : a * b;
      if (Number.isSafeInteger(exact)) return exact;
      // Velocity widens Integer → Long → BigInteger on overflow: keep the result exact.
      const x = BigInt(a);
      const y = BigInt(b);
      const big = e.op === "+" ? x + y : e.op === "-" ? x - y : x * y;
      return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
    }
    switch (e.op) {
      case "+":
        return integral ? a + b : new JDouble(a + b);
      case "-":
        return integral ? a - b : new JDouble(a - b);
      case "*":
        return integral ? a * b : new JDouble(a * b);
      case "/":
        if (b === 0) return null; // Velocity logs "Right side of division operation is zero"
        return integral ? Math.trunc(a / b) : new JDouble(a / b);
      case "%":
        if (b === 0) return null;
        return integral ? a % b : new JDouble(a % b);
    }
    return null;
  }
}

function sizeOf(v: JValue): number {
  return v instanceof JList ? v.items.length : v instanceof JMap ? v.m.size : 0;
}

function totalLength(parts: string[]): number {
  let n = 0;
  for (const p of parts) n += p.length;
  return n;
}

function literalOf(e: Expr): string {
  if (e.t === "ref") return e.ref.literal;
  if (e.t === "paren") return literalOf(e.e);
  return "null";
}

/** The kinds of value `==` compares with equals(); anything else compares by toString(). */
function family(v: JValue): string {
  return typeof v === "string"
    ? "s"
    : typeof v === "boolean"
      ? "b"
      : v instanceof JList
        ? "l"
        : v instanceof JMap
          ? "m"
          : v instanceof JChar
            ? "c"
            : v instanceof JEntry
              ? "e"
              : "o";
}

/** Velocity 1.7's `==`: numbers by value, same-class values by equals(), else by toString(). */
function velocityEquals(l: JValue, r: JValue): boolean {
  if (l === null || r === null) return l === null && r === null;
  if (typeof l === "string" && typeof r === "string") return l === r;
  if (isNumber(l) && isNumber(r)) return numValue(l) === numValue(r);
  const fl = family(l);
  if (fl === family(r) && fl !== "o") return javaEquals(l, r);
  return toJavaString(l) === toJavaString(r);
}

// ---- entry point -----------------------------------------------------------

/** `$input.params(name)` from the input: path, then querystring, then header; "" when none has it. */
function rawParam(params: TemplateInput["params"] | undefined, key: string): JValue {
  for (const rec of [params?.path, params?.querystring, params?.header]) {
    if (rec && Object.hasOwn(rec, key)) {
      const v = rec[key];
      return v == null ? null : String(v);
    }
  }
  return "";
}

/** `$input.params()`: the path, querystring and header maps. */
function paramsMap(params: TemplateInput["params"] | undefined): JMap {
  const m = new JMap();
  m.m.set("path", stringMap(params?.path));
  m.m.set("querystring", stringMap(params?.querystring));
  m.m.set("header", stringMap(params?.header));
  return m;
}

function stringMap(rec: Record<string, string> | undefined): JMap {
  const m = new JMap();
  for (const [k, v] of Object.entries(rec ?? {})) m.m.set(k, v == null ? null : String(v));
  return m;
}

/** A map whose keys may each be set once by a template, as AWS requires of overrides. */
function onceMap(label: string, written: Set<string>): JMap {
  const m = new JMap();
  m.onPut = (key) => {
    const id = `${label}.${String(key)}`;
    if (written.has(id)) {
      throw new JavaException("java.lang.IllegalStateException", `$context.${id} has already been set; an override can be set only once`);
    }
    written.add(id);
  };
  return m;
}

/** The maps a template sets overrides in, each key once. */
function overrideMaps(): { req: JMap; res: JMap } {
  const written = new Set<string>();
  const req = new JMap();
  req.m.set("header", onceMap("requestOverride.header", written));
  req.m.set("path", onceMap("requestOverride.path", written));
  req.m.set("querystring", onceMap("requestOverride.querystring", written));
  const res = onceMap("responseOverride", written);
  res.m.set("header", onceMap("responseOverride.header", written));
  // Setting the header map itself is not an override of a parameter.
  const origOnPut = res.onPut!;
  res.onPut = (k, v) => {
    if (k === "header") return;
    origOnPut(k, v);
  };
  return { req, res };
}

/** `$context`: the request's context as lazy Java values; the override maps are made when first read. */
class ContextEntries implements MapSource {
  overrides: { req: JMap; res: JMap } | null = null;
  private readonly base: JMap;
  constructor(input: TemplateInput["context"]) {
    this.base = fromPlain(input ?? {}) as JMap;
  }
  private made(): { req: JMap; res: JMap } {
    return (this.overrides ??= overrideMaps());
  }
  find(key: string): JValue | undefined {
    if (key === "requestOverride") return this.made().req;
    if (key === "responseOverride") return this.made().res;
    return this.base.find(key);
  }
  toMap(): Map<MapKey, JValue> {
    const map = new Map(this.base.m);
    map.set("requestOverride", this.made().req);
    map.set("responseOverride", this.made().res);
    return map;
  }
}

function readOverrides(ctx: JMap): TemplateOverrides {
  const overrides: TemplateOverrides = { responseHeaders: {}, requestHeaders: {}, requestPath: {}, requestQuerystring: {} };
  const strs = (m: JValue): Record<string, string> => {
    const r: Record<string, string> = {};
    if (m instanceof JMap) for (const [k, v] of m.m) if (v !== null) r[String(k)] = toJavaString(v);
    return r;
  };
  const req = ctx.get("requestOverride");
  const res = ctx.get("responseOverride");
  if (req instanceof JMap) {
    overrides.requestHeaders = strs(req.get("header"));
    overrides.requestPath = strs(req.get("path"));
    overrides.requestQuerystring = strs(req.get("querystring"));
  }
  if (res instanceof JMap) {
    overrides.responseHeaders = strs(res.get("header"));
    const st = res.get("status");
    if (st !== null) {
      const n = isNumber(st) ? Math.trunc(numValue(st)) : Number(toJavaString(st));
      if (Number.isFinite(n)) overrides.responseStatus = n;
    }
  }
  return overrides;
}

/**
 * Renders a mapping template. Throws `TemplateError` for parse and runtime failures, and when the
 * render exceeds its budget (`limits`, see ./budget.ts: steps, wall time, string size).
 */
export function renderTemplate(input: TemplateInput, limits: RenderLimits = DEFAULT_RENDER_LIMITS): TemplateResult {
  return renderWith(input, limits, false);
}

/** renderTemplate by the AST interpreter alone: the reference the compiler is tested against (compile.test.ts). */
export function renderTemplateInterpreted(input: TemplateInput, limits: RenderLimits = DEFAULT_RENDER_LIMITS): TemplateResult {
  return renderWith(input, limits, true);
}

function renderWith(input: TemplateInput, limits: RenderLimits, interpreted: boolean): TemplateResult {
  const template = input.template ?? "";
  const size = template.length > MAX_TEMPLATE_BYTES / 3 ? utf8Length(template) : 0;
  if (size > MAX_TEMPLATE_BYTES) {
    throw new TemplateError(`Mapping template size exceeds the limit of 300 KB (${size} bytes)`);
  }
  const parsed = cachedTemplate(template);
  const r = new Renderer(parsed.macros, new RenderBudget(limits));
  r.interpreted = interpreted;
  const context: { entries: ContextEntries | null; map: JMap | null } = { entries: null, map: null };
  r.globals.set("input", new InputObject(input.body ?? "", input.params));
  r.globals.set("util", UTIL);
  r.globals.set("context", new Lazy(() => (context.map = JMap.lazy((context.entries = new ContextEntries(input.context))))));
  r.globals.set("stageVariables", new Lazy(() => stringMap(input.stageVariables)));
  keptAlive.render = (input.body?.length ?? 0) <= KEEP_RENDER_BODY ? r : null;
  try {
    const output = renderOutput(r, parsed.nodes);
    // Overrides can only have been set through maps the template read (which made them).
    const overrides =
      context.map && context.entries?.overrides
        ? readOverrides(context.map)
        : { responseHeaders: {}, requestHeaders: {}, requestPath: {}, requestQuerystring: {} };
    return { output, overrides };
  } finally {
    // The body's values (and $util.parseJson's) are read no more: their tapes' buffer is free.
    returnScratch();
  }
}

/**
 * The last render's objects, kept alive until the next render. V8 holds the hidden classes that
 * optimized code depends on weakly: when a full GC finds no live object of one (between
 * requests, every render's objects are garbage), it drops it and throws the optimized render code
 * away, and the next thousands of renders run slowly while it is rebuilt (measured: 5–8 µs
 * renders took 30–60 µs for a while after each full GC). Not for big bodies, whose values would
 * stay in memory.
 */
const keptAlive: { render: Renderer | null } = { render: null };
const KEEP_RENDER_BODY = 256 * 1024;

function renderOutput(r: Renderer, nodes: Node[]): string {
  const out: string[] = [];
  try {
    r.render(nodes, out);
  } catch (e) {
    if (!(e instanceof StopSignal) && !(e instanceof BreakSignal)) {
      if (e instanceof JavaException) throw new TemplateError(`${e.javaClass}: ${e.message}`);
      // Unbounded recursion (#evaluate or #define of itself) or a string past V8's limit: a
      // template error like any other (Java would throw StackOverflowError / OutOfMemoryError).
      if (e instanceof RangeError) throw new TemplateError(`Template evaluation stopped: ${e.message}`);
      throw e;
    }
  }
  r.budget.checkLength(totalLength(out));
  return out.join("");
}
