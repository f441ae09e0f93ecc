/**
 * The compiler and its cache: compiled renders match the interpreter (the corpus runs both ways
 * in corpus.test.ts; here the constructs with control flow and state), compiled code is reused,
 * and the template cache stays bounded however many templates pass through it.
 */
import { describe, expect, it } from "vitest";
import { cachedTemplate, cachedTemplateCount, clearTemplateCache, LruCache, TEMPLATE_CACHE_SIZE } from "./cache";
import { compiledBlock } from "./compile";
import { parseTemplate } from "./parser";
import { renderTemplate, renderTemplateInterpreted } from "./render";
import type { TemplateInput } from "./types";

const input = (template: string, body = ""): TemplateInput => ({
  template,
  body,
  params: { path: { id: "7" }, querystring: {}, header: {} },
  context: { requestId: "r-1", identity: { sourceIp: "1.2.3.4" } },
  stageVariables: { env: "prod" },
});

const both = (template: string, body = "") => {
  const compiled = renderTemplate(input(template, body));
  const interpreted = renderTemplateInterpreted(input(template, body));
  expect(compiled).toEqual(interpreted);
  return compiled.output;
};

describe("compiled templates", () => {
  it.each([
    [
      "nested loops with $foreach, break and restore",
      `#foreach($a in [1..3])#foreach($b in ["x","y"])$a$b$foreach.parent.count#if($b == "y" && $a == 2)#break#end#end;#end|$!a|$!b`,
    ],
    [
      "macros with body, recursion and defaults",
      `#macro(twice $x)$x$x#end#macro(wrap)[$bodyContent]#end#twice("ab") #@wrap()#twice($context.requestId)#end #twice()`,
    ],
    [
      "set of null keeps the old value; map and list literals are new each time",
      `#set($a = 1)#set($a = $nope)$a #foreach($i in [1,2])#set($l = [])#set($x = $l.add($i))$l.size()#end`,
    ],
    [
      "#define, #evaluate and escapes",
      `#define($d)D$foreach.count#end#foreach($i in [1,2])$d#end #evaluate('#set($e = 5)$e') \\$a \\\\$context.requestId $!{nope}`,
    ],
    [
      "arithmetic, overflow and comparisons",
      `#set($m = 2147483647)$m + 1 = #set($n = $m + 1)$n #if(3 > 2.5 && !($n < 0))yes#else no#end \${m}0 #set($f = 7 / 2.0)$f`,
    ],
    [
      "string, list and map methods on a payload",
      `#set($o = $input.path('$'))$o.name.toUpperCase() $o.tags.size() $o.tags[-1] $o.keySet() $o.price $input.json('$.tags')`,
    ],
    ["overrides and $stop", `#set($context.responseOverride.status = 201)$stageVariables.env $input.params('id')#stop after`],
  ])("%s", (_name, template) => {
    expect(both(template, `{"name":"Ann","tags":["a","b"],"price":2.5}`)).not.toBe("");
  });

  it("renders what the interpreter renders for errors too", () => {
    const bad = `#set($l = [1])$l.get(5)`;
    expect(() => renderTemplate(input(bad))).toThrow(/Invocation of method 'get'/);
    expect(() => renderTemplateInterpreted(input(bad))).toThrow(/Invocation of method 'get'/);
  });

  it("keeps a macro #evaluate defines out of the cached template (the next render does not see it)", () => {
    const t = `#foo()#evaluate('#macro(foo)X#end')#foo()`;
    expect(renderTemplate(input(t)).output).toBe("#foo()X");
    expect(renderTemplate(input(t)).output).toBe("#foo()X");
  });

  it("compiles a node list once and reuses it", () => {
    const t = parseTemplate("a$b#if($c)d#end");
    expect(compiledBlock(t.nodes)).toBe(compiledBlock(t.nodes));
  });
});

describe("template cache", () => {
  it("returns the same compiled template for the same text", () => {
    clearTemplateCache();
    expect(cachedTemplate("x $y")).toBe(cachedTemplate("x $y"));
    expect(cachedTemplateCount()).toBe(1);
  });

  it("stays bounded: many distinct templates never grow it past its capacity", () => {
    clearTemplateCache();
    for (let i = 0; i < TEMPLATE_CACHE_SIZE * 3; i++) renderTemplate(input(`t${i} $context.requestId`));
    expect(cachedTemplateCount()).toBe(TEMPLATE_CACHE_SIZE);
  });

  it("evicts the least recently used entry", () => {
    const lru = new LruCache<string, number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("a")).toBe(1); // a is now the most recently used
    lru.set("c", 3);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe(1);
    expect(lru.get("c")).toBe(3);
    expect(lru.size).toBe(2);
  });

  it("refuses a capacity below one", () => {
    expect(() => new LruCache(0)).toThrow(/at least 1/);
  });
});
