/**
 * The template compiler: turns parsed nodes into JavaScript closures, once per node list, so a
 * render calls functions instead of walking the AST and switching on node kinds. Each closure
 * does exactly what the interpreter in ./render.ts does for its node (same budget charges, same
 * evaluation order, same Velocity 1.7 rules) — render.test's differential test runs the corpus
 * both ways. Rare directives (#macro calls, #evaluate, #define, #break …) call the renderer,
 * whose bodies come back here compiled.
 *
 * Compiled code is kept beside its node list in a WeakMap: it lives exactly as long as the
 * parsed template does (the bounded cache in ./cache.ts), with no second cache to bound.
 */
import type { Expr, Node, Ref, RefPart } from "./parser";
import type { Renderer } from "./render";
import { JDouble, JList, JMap, type JValue, normKey, toJavaString } from "./values";
import { getProperty } from "./methods";

/** Renders into `out`. */
export type Emit = (r: Renderer, out: string[]) => void;
/** Evaluates to a value. */
type Evaluator = (r: Renderer) => JValue;
type Truth = (r: Renderer) => boolean;
type Step = (r: Renderer, v: JValue) => JValue;

const compiled = new WeakMap<Node[], Emit>();

/** The compiled form of a node list (compiled on first use, then reused). */
export function compiledBlock(nodes: Node[]): Emit {
  let emit = compiled.get(nodes);
  if (!emit) {
    emit = compileBlock(nodes);
    compiled.set(nodes, emit);
  }
  return emit;
}

function compileBlock(nodes: Node[]): Emit {
  const parts = nodes.map(compileNode);
  if (parts.length === 1) return parts[0];
  return (r, out) => {
    for (let i = 0; i < parts.length; i++) parts[i](r, out);
  };
}

function compileNode(n: Node): Emit {
  switch (n.t) {
    case "text": {
      const s = n.s;
      return (r, out) => {
        r.budget.charge(1, r.pos);
        out.push(s);
      };
    }
    case "ref":
      return compileRefNode(n);
    case "set":
      return compileSet(n);
    case "if":
      return compileIf(n);
    case "foreach": {
      const iter = compileExpr(n.iter);
      const body = compiledBlock(n.body);
      return (r, out) => {
        r.pos = n.pos;
        r.budget.charge(1, n.pos);
        r.runForeach(n, iter(r), body, out);
      };
    }
    case "directive":
      return (r, out) => {
        r.pos = n.pos;
        r.budget.charge(1, n.pos);
        r.renderDirective(n, out);
      };
  }
}

function compileRefNode(n: Extract<Node, { t: "ref" }>): Emit {
  const get = compileRef(n.ref);
  const pos = n.pos;
  if (n.bs !== 0) {
    return (r, out) => {
      r.pos = pos;
      r.budget.charge(1, pos);
      r.printRef(n, get(r), out);
    };
  }
  return (r, out) => {
    r.pos = pos;
    r.budget.charge(1, pos);
    const v = get(r);
    if (v !== null) out.push(typeof v === "string" ? v : toJavaString(v));
  };
}

function compileSet(n: Extract<Node, { t: "set" }>): Emit {
  const value = compileExpr(n.expr);
  const { target, pos } = n;
  const name = target.name;
  const plain = target.parts.length === 0;
  return (r) => {
    r.pos = pos;
    r.budget.charge(1, pos);
    const v = value(r);
    if (v === null) return; // Velocity 1.7: a null right side leaves the target unchanged
    if (plain) r.assign(name, v);
    else r.setRef(target, v);
  };
}

function compileIf(n: Extract<Node, { t: "if" }>): Emit {
  const conds = n.branches.map((b) => compileTruth(b.cond));
  const bodies = n.branches.map((b) => compiledBlock(b.body));
  const otherwise = n.otherwise ? compiledBlock(n.otherwise) : null;
  const pos = n.pos;
  return (r, out) => {
    r.pos = pos;
    r.budget.charge(1, pos);
    for (let i = 0; i < conds.length; i++) {
      if (conds[i](r)) {
        bodies[i](r, out);
        return;
      }
    }
    if (otherwise) otherwise(r, out);
  };
}

/** `$name.a.b(…)[i]`: a lookup, then each part on the value so far; null stops the chain. */
function compileRef(ref: Ref): Evaluator {
  const name = ref.name;
  const steps = ref.parts.map(compilePart);
  if (steps.length === 0) return (r) => r.lookup(name);
  if (steps.length === 1) {
    const step = steps[0];
    return (r) => {
      const v = r.lookup(name);
      return v === null ? null : step(r, v);
    };
  }
  return (r) => {
    let v = r.lookup(name);
    for (let k = 0; k < steps.length; k++) {
      if (v === null) return null;
      v = steps[k](r, v);
    }
    return v;
  };
}

function compilePart(part: RefPart): Step {
  const pos = part.pos;
  if (part.k === "prop") {
    const name = part.name;
    const getter = "get" + name[0].toUpperCase() + name.slice(1);
    // `class` is a property of every object, maps included; any other name on a map is get(name).
    const mapGet = name !== "class";
    return (r, v) => {
      if (mapGet && v instanceof JMap) return v.get(name);
      try {
        const x = getProperty(v, name);
        return x === undefined ? null : x;
      } catch (e) {
        throw r.wrap(e, v, getter, pos);
      }
    };
  }
  if (part.k === "method") {
    const name = part.name;
    const args = part.args.map(compileExpr);
    return (r, v) => {
      const values: JValue[] = new Array(args.length);
      for (let i = 0; i < args.length; i++) values[i] = args[i](r);
      try {
        const x = r.invokeCharged(v, name, values, pos);
        return x === undefined ? null : x;
      } catch (e) {
        throw r.wrap(e, v, name, pos);
      }
    };
  }
  const key = compileExpr(part.arg);
  return (r, v) => r.index(v, key(r), pos);
}

/** Velocity's truthiness of a condition (./render.ts `truth`): only refs, booleans and comparisons can be true. */
function compileTruth(e: Expr): Truth {
  switch (e.t) {
    case "ref": {
      const get = compileRef(e.ref);
      return (r) => {
        const v = get(r);
        return v === null ? false : typeof v === "boolean" ? v : true;
      };
    }
    case "bool": {
      const v = e.v;
      return () => v;
    }
    case "paren":
      return compileTruth(e.e);
    case "not": {
      const inner = compileTruth(e.e);
      return (r) => !inner(r);
    }
    case "bin":
      return compileBinTruth(e);
    default:
      // Literals, lists, maps and arithmetic nodes evaluate to false in Velocity 1.7.
      return () => false;
  }
}

const COMPARISONS = new Set(["==", "!=", "<", "<=", ">", ">="]);

function compileBinTruth(e: Extract<Expr, { t: "bin" }>): Truth {
  if (e.op === "&&" || e.op === "||") {
    const l = compileTruth(e.l);
    const rt = compileTruth(e.r);
    return e.op === "&&" ? (r) => l(r) && rt(r) : (r) => l(r) || rt(r);
  }
  if (!COMPARISONS.has(e.op)) return () => false;
  const value = compileExpr(e);
  return (r) => value(r) === true;
}

/** An expression; like the interpreter's evalExpr, each evaluation costs one budget step. */
function compileExpr(e: Expr): Evaluator {
  switch (e.t) {
    case "int":
    case "bool":
      return constant(e.v);
    case "float":
      return constant(new JDouble(e.v));
    case "word":
      return constant(e.w);
    case "str":
      return e.interp ? compileInterpolated(e.interp) : constant(e.s);
    case "ref": {
      const get = compileRef(e.ref);
      return (r) => {
        r.budget.charge(1, r.pos);
        return get(r);
      };
    }
    case "paren": {
      const inner = compileExpr(e.e);
      return (r) => {
        r.budget.charge(1, r.pos);
        return inner(r);
      };
    }
    case "not": {
      const inner = compileTruth(e.e);
      return (r) => {
        r.budget.charge(1, r.pos);
        return !inner(r);
      };
    }
    case "bin":
      return compileBin(e);
    default:
      return compileCollection(e);
  }
}

function constant(v: JValue): Evaluator {
  return (r) => {
    r.budget.charge(1, r.pos);
    return v;
  };
}

function compileInterpolated(nodes: Node[]): Evaluator {
  const body = compiledBlock(nodes);
  return (r) => {
    r.budget.charge(1, r.pos);
    const o: string[] = [];
    body(r, o);
    let length = 0;
    for (let i = 0; i < o.length; i++) length += o[i].length;
    r.budget.checkLength(length, r.pos);
    return o.join("");
  };
}

function compileBin(e: Extract<Expr, { t: "bin" }>): Evaluator {
  if (e.op === "&&" || e.op === "||") {
    const truth = compileBinTruth(e);
    return (r) => {
      r.budget.charge(1, r.pos);
      return truth(r);
    };
  }
  const l = compileExpr(e.l);
  const rt = compileExpr(e.r);
  return (r) => {
    r.budget.charge(1, r.pos);
    return r.applyBin(e, l(r), rt(r));
  };
}

/** List, map and range literals: new objects on every evaluation (templates may change them). */
function compileCollection(e: Extract<Expr, { t: "list" | "map" | "range" }>): Evaluator {
  if (e.t === "list") {
    const items = e.items.map(compileExpr);
    return (r) => {
      r.budget.charge(1, r.pos);
      return new JList(
        items.map((item) => item(r)),
        "array",
      );
    };
  }
  if (e.t === "map") {
    const entries = e.entries.map(([k, v]) => [compileExpr(k), compileExpr(v)] as const);
    return (r) => {
      r.budget.charge(1, r.pos);
      const m = new JMap();
      for (const [k, v] of entries) {
        const key = k(r);
        m.put(normKey(key), v(r));
      }
      return m;
    };
  }
  return (r) => r.evalExpr(e);
}
