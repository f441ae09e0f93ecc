/**
 * Every render is bounded (issue #16, item 1): nested loops, huge ranges, strings and lists
 * grown in a loop, and slow renders stop with a TemplateError instead of holding the event loop.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_RENDER_LIMITS, type RenderLimits } from "./budget";
import { renderTemplate, TemplateError } from "./index";
import type { TemplateInput } from "./types";

function render(template: string, over: Partial<TemplateInput> = {}, limits?: Partial<RenderLimits>) {
  const input = { template, body: "", params: { path: {}, querystring: {}, header: {} }, context: {}, stageVariables: {}, ...over };
  return renderTemplate(input, { ...DEFAULT_RENDER_LIMITS, ...limits }).output;
}

function failure(template: string, over: Partial<TemplateInput> = {}, limits?: Partial<RenderLimits>): TemplateError {
  try {
    render(template, over, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateError);
    return e as TemplateError;
  }
  throw new Error("the render was expected to fail");
}

describe("render budget", () => {
  it("nested #foreach loops multiply to more steps than a render may take: stopped with a template error", () => {
    const t = "#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..3])$c#end#end#end";
    // The wall-time bound is lifted here so that only the step budget is under test (see below for time).
    const e = failure(t, {}, { maxMillis: 60_000 });
    expect(e.message).toMatch(/^Template evaluation stopped: the render exceeded 1,000,000 evaluation steps at line 1, column \d+$/);
    expect(e.line).toBe(1);
  });

  it("a huge range is refused before it is built", () => {
    const e = failure("#foreach($i in [1..20000000])$i#end");
    expect(e.message).toMatch(/exceeded 1,000,000 evaluation steps at line 1, column 16/);
  });

  it("a string doubled in a loop stops at the string limit", () => {
    const e = failure('#set($s = "x")#foreach($i in [1..30])#set($s = "$s$s")#end$s.length()', {}, { maxStringLength: 1 << 20 });
    expect(e.message).toContain("a string of 2,097,152 characters exceeds the limit of 1,048,576");
  });

  it("a list grown in a loop stops at the collection limit", () => {
    const e = failure("#set($l = [1])#foreach($i in [1..22])#set($ok = $l.addAll($l))#end$l.size()", {}, { maxCollectionSize: 100_000 });
    expect(e.message).toContain("a collection of 131,072 items exceeds the limit of 100,000");
  });

  it("a render past its wall-time budget stops", () => {
    const e = failure("#foreach($a in [1..1000])#foreach($b in [1..3])$b#end#end", {}, { maxMillis: -1 });
    expect(e.message).toMatch(/^Template evaluation stopped: the render took longer than -1 ms/);
  });

  it("a realistic large template renders well within the budget", () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({ id: i, name: `item ${i}`, tags: ["a", "b"], price: i / 2 }));
    const t = `#set($root = $input.path('$'))[#foreach($it in $root)
{"id": $it.id, "name": "$util.escapeJavaScript($it.name)", "price": $it.price, "tags": [#foreach($t in $it.tags)"$t.toUpperCase()"#if($foreach.hasNext),#end#end], "n": $foreach.count}#if($foreach.hasNext),#end#end]`;
    const parsed = JSON.parse(render(t, { body: JSON.stringify(items) }));
    expect(parsed).toHaveLength(1000);
    expect(parsed[999]).toEqual({ id: 999, name: "item 999", price: 499.5, tags: ["A", "B"], n: 1000 });
  });
});

describe("regexes over long strings", () => {
  it("a regex over a body too long to scan within the budget is refused before it runs", () => {
    const body = "1".repeat(3_000_000);
    const e = failure(`$input.body.replaceAll("\\d+", "x").length()`, { body }, { maxMillis: 60_000 });
    expect(e.message).toMatch(/exceeded 1,000,000 evaluation steps at line 1, column 13/);
  });
  it("a regex over a 100 KB body is well within it", () => {
    expect(render(`$input.body.replaceAll("\\d+", "x").length()`, { body: "12a".repeat(33_000) })).toBe(String(2 * 33_000));
  });
});

describe("runaway recursion", () => {
  it.each(["#set($t = '#evaluate($t)')#evaluate($t)", "#define($b)$b#end$b"])("%s stops with a template error", (t) => {
    expect(failure(t).message).toBe("Template evaluation stopped: Maximum call stack size exceeded");
  });
});
