/** Priority-1 behaviour: $input, $context, $stageVariables, $util, directives, overrides. */
import { describe, expect, it } from "vitest";
import { renderTemplate, TemplateError } from "./index";
import type { TemplateInput } from "./types";

function render(template: string, over: Partial<TemplateInput> = {}) {
  return renderTemplate({
    template,
    body: "",
    params: { path: {}, querystring: {}, header: {} },
    context: {},
    stageVariables: {},
    ...over,
  });
}
const out = (template: string, over: Partial<TemplateInput> = {}) => render(template, over).output;

describe("$input", () => {
  const body = `{"a":{"b":"x","n":[1,2,3]},"list":[{"id":1,"tags":["t"]},{"id":2}],"s":"str"}`;
  it("body is raw; empty body is {}", () => {
    expect(out("$input.body", { body: ` {"a" : 1} ` })).toBe(` {"a" : 1} `);
    expect(out("$input.body")).toBe("{}");
    expect(out("$input.json('$')")).toBe("{}");
    expect(out("$input.path('$').size()")).toBe("0");
  });
  it("json() returns JSON text; path() returns objects", () => {
    expect(out("$input.json('$.a.b')", { body })).toBe(`"x"`);
    expect(out("$input.path('$.a.b')", { body })).toBe("x");
    expect(out("$input.json('$.a')", { body })).toBe(`{"b":"x","n":[1,2,3]}`);
    expect(out("$input.path('$.a')", { body })).toBe(`{b=x, n=[1,2,3]}`);
    expect(out("$input.path('$.a.n')", { body })).toBe("[1,2,3]");
    expect(out("$input.path('$.a.n').get(1)", { body })).toBe("2");
    expect(out("$input.path('$.a.n')[2]", { body })).toBe("3");
  });
  it("JSONPath forms: bracket, index, wildcard", () => {
    expect(out("$input.json(\"$['a']['b']\")", { body })).toBe(`"x"`);
    expect(out("$input.json('$.list[0]')", { body })).toBe(`{"id":1,"tags":["t"]}`);
    expect(out("$input.json('$.list[*].id')", { body })).toBe("[1,2]");
    expect(out("$input.path('$.list[*].id').size()", { body })).toBe("2");
    expect(out("$input.path('$.missing')", { body })).toBe("");
  });
  it("params(x) looks in path, then querystring, then header; missing is empty", () => {
    const params = { path: { id: "p" }, querystring: { id: "q", q: "qq" }, header: { id: "h", q: "hq", h: "hh" } };
    expect(out("$input.params('id')|$input.params('q')|$input.params('h')|$input.params('nope')|", { params })).toBe("p|qq|hh||");
    expect(out("$input.params().querystring.q $input.params().header.get('h')", { params })).toBe("qq hh");
    expect(out("$input.params().path", { params })).toBe("{id=p}");
  });
  it("iterates params with keySet", () => {
    const params = { path: {}, querystring: { a: "1", b: "2" }, header: {} };
    const t = `#set($qs = $input.params().querystring)#foreach($k in $qs.keySet())"$k":"$qs.get($k)"#if($foreach.hasNext),#end#end`;
    expect(out(t, { params })).toBe(`"a":"1","b":"2"`);
  });
});

describe("$context and $stageVariables", () => {
  const context = { requestId: "req-1", identity: { sourceIp: "10.0.0.1", userAgent: "ua" }, authorizer: { claims: { sub: "u1" } } };
  it("nested access and Java-style map printing", () => {
    expect(out("$context.requestId $context.identity.sourceIp $context.authorizer.claims.sub", { context })).toBe("req-1 10.0.0.1 u1");
    expect(out("$context.identity", { context })).toBe("{sourceIp=10.0.0.1, userAgent=ua}");
    expect(out("[$context.nothing.deeper]", { context })).toBe("[]");
  });
  it("stage variables in all three spellings", () => {
    const stageVariables = { url: "example.com" };
    expect(out("$stageVariables.url|$stageVariables['url']|${stageVariables['url']}|http://${stageVariables.url}/x", { stageVariables })).toBe(
      "example.com|example.com|example.com|http://example.com/x",
    );
  });
});

describe("$util", () => {
  it("escapeJavaScript / parseJson / urlEncode / urlDecode / base64", () => {
    expect(out(`$util.escapeJavaScript('a"b')`)).toBe(`a\\"b`);
    expect(out(`$util.parseJson('{"a":[1,2]}').a.size()`)).toBe("2");
    expect(out(`$util.urlEncode('a b&c=d/é~*')`)).toBe("a+b%26c%3Dd%2F%C3%A9%7E*");
    expect(out(`$util.urlDecode('a+b%26c%3Dd%2F%C3%A9')`)).toBe("a b&c=d/é");
    expect(out(`$util.base64Encode('héllo')`)).toBe("aMOpbGxv");
    expect(out(`$util.base64Decode('aMOpbGxv')`)).toBe("héllo");
  });
  it('the docs\' escapeJavaScript(...).replaceAll("\\\\\'","\'") idiom', () => {
    expect(out(`$util.escapeJavaScript("it's").replaceAll("\\\\'","'")`)).toBe("it's");
  });
});

describe("directives", () => {
  it("#set, #if/#elseif/#else", () => {
    const t = "#set($n = 5)#if($n < 3)small#elseif($n < 10)medium#else large#end";
    expect(out(t)).toBe("medium");
  });
  it("#foreach with $foreach and $velocityCount", () => {
    expect(out("#foreach($x in ['a','b','c'])$foreach.index:$foreach.count:$velocityCount:$x#if($foreach.hasNext),#end#end")).toBe("0:1:1:a,1:2:2:b,2:3:3:c");
  });
  it("comments", () => {
    expect(out("a## line comment\nb#* block\ncomment *#c")).toBe("abc");
  });
  it("quiet, formal and null references print empty", () => {
    expect(out("[$!nope][${nope}][$nope][$!{nope}]")).toBe("[][][][]");
    expect(out("#set($v='x')${v}y $!v")).toBe("xy x");
  });
  it("overrides are captured", () => {
    const r = render(
      [
        "#set($context.responseOverride.status = 201)",
        "#set($context.responseOverride.header.Location = \"/things/$input.params('id')\")",
        "#set($context.requestOverride.header.X-Trace = 'abc')",
        "#set($context.requestOverride.path.id = 'p2')",
        "#set($context.requestOverride.querystring.q = 'v')",
        "ok",
      ].join("\n"),
      { params: { path: { id: "7" }, querystring: {}, header: {} } },
    );
    expect(r.output).toBe("ok");
    expect(r.overrides).toEqual({
      responseStatus: 201,
      responseHeaders: { Location: "/things/7" },
      requestHeaders: { "X-Trace": "abc" },
      requestPath: { id: "p2" },
      requestQuerystring: { q: "v" },
    });
    expect(render("$context.responseOverride.status").output).toBe("");
  });
  it("an override can be set only once", () => {
    expect(() => render("#set($context.responseOverride.status = 400)\n#set($context.responseOverride.status = 500)")).toThrow(TemplateError);
  });
});

describe("errors", () => {
  it("parse errors carry 1-based line and column", () => {
    try {
      render("line one\n  #if($a == 1\nx");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateError);
      const err = e as TemplateError;
      expect(err.line).toBe(3);
      expect(err.message).toMatch(/line 3, column/);
    }
    try {
      render("ok\n#end");
      expect.unreachable();
    } catch (e) {
      expect((e as TemplateError).line).toBe(2);
      expect((e as TemplateError).column).toBe(1);
      expect((e as TemplateError).message).toContain('Encountered "#end"');
    }
  });
  it("unclosed #if reports the end of the template", () => {
    expect(() => render("#if(true)\nabc")).toThrow(/Encountered "<EOF>"/);
  });
  it("runtime exceptions read like Velocity's MethodInvocationException", () => {
    try {
      render("#set($s = 'abc')\n  $s.substring(5)");
      expect.unreachable();
    } catch (e) {
      const err = e as TemplateError;
      expect(err.message).toBe(
        "Invocation of method 'substring' in  class java.lang.String threw exception java.lang.StringIndexOutOfBoundsException: begin 5, end 3, length 3 at line 2, column 6",
      );
      expect([err.line, err.column]).toEqual([2, 6]);
    }
  });
});
