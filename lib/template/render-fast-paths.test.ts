/**
 * The render's shortcuts must not show: $context's override maps made only when read, and
 * replace/replaceAll of plain text done by the platform's replace.
 */
import { describe, expect, it } from "vitest";
import { renderTemplate } from "./index";

const render = (template: string, context: Record<string, unknown> = { requestId: "r-1", identity: { sourceIp: "1.2.3.4" } }) =>
  renderTemplate({ template, body: "{}", params: { path: {}, querystring: {}, header: {} }, context, stageVariables: {} });

describe("$context made lazily", () => {
  it("reads context values without making the override maps, and reports no overrides", () => {
    const r = render(`$context.requestId $context.identity.sourceIp`);
    expect(r.output).toBe("r-1 1.2.3.4");
    expect(r.overrides).toEqual({ responseHeaders: {}, requestHeaders: {}, requestPath: {}, requestQuerystring: {} });
  });

  it("makes them when read: overrides set, kept once only, and printed with the rest of the context", () => {
    const r = render(`#set($context.responseOverride.status = 404)#set($context.responseOverride.header.X = "y")$context.responseOverride.status`);
    expect(r.output).toBe("404");
    expect(r.overrides.responseStatus).toBe(404);
    expect(r.overrides.responseHeaders).toEqual({ X: "y" });
    expect(() => render(`#set($context.responseOverride.status = 1)#set($context.responseOverride.status = 2)`)).toThrow(/can be set only once/);
    expect(render(`$context`).output).toBe(
      "{requestId=r-1, identity={sourceIp=1.2.3.4}, requestOverride={header={}, path={}, querystring={}}, responseOverride={header={}}}",
    );
    expect(render(`$context.keySet()`, { requestOverride: "given", a: 1 }).output).toBe("[requestOverride, a, responseOverride]");
  });

  it("a whole-context put still reaches the overrides", () => {
    const r = render(`#set($x = $context.put("stage", "p"))#set($context.requestOverride.header.H = "v")$context.stage`);
    expect(r.output).toBe("p");
    expect(r.overrides.requestHeaders).toEqual({ H: "v" });
  });
});

describe("replace of plain text", () => {
  it.each([
    ["a.b.c", "replaceAll", "\\.", "-", "a-b-c"],
    ["a.b.c", "replaceFirst", "\\.", "-", "a-b.c"],
    ["a/b/c", "replaceAll", "/", "|", "a|b|c"],
    ["a.b", "replaceAll", "\\.", "$0$0", "a..b"],
    ["aaa", "replaceAll", "aa", "b", "ba"],
    ["x$y", "replaceAll", "\\$", "-", "x-y"],
    ["a+b", "replaceAll", "\\+", " plus ", "a plus b"],
  ])("%s.%s(%s, %s)", (text, method, regex, rep, expected) => {
    expect(render(`#set($t = '${text}')$t.${method}('${regex}', '${rep}')`).output).toBe(expected);
  });
});
