/** The lazy parse (json-tape.ts) and the $input.json text path give exactly what the exact parser gives. */
import { describe, expect, it } from "vitest";
import { renderTemplate } from "./index";
import { evalJsonPath, parseJson, parseJsonExact, walkNativePath } from "./json";
import { javaClassName, JList, JMap, type JValue, toJavaString, toJson } from "./values";

function shape(v: JValue): unknown {
  if (v instanceof JMap) return { cls: javaClassName(v), entries: [...v.m].map(([k, x]) => [k, shape(x)]) };
  if (v instanceof JList) return { cls: javaClassName(v), items: v.items.map(shape) };
  return { cls: javaClassName(v), s: toJavaString(v) };
}

const docs = [
  `{"a":1,"b":[1,2.5,-3],"c":{"d":"x","e":null,"f":true}}`,
  `{"z":1,"a":2,"m":3}`,
  `{"2":"two","1":"one","x":0}`, // integer-like keys: JS would reorder → exact parser
  `{"price":10.0,"n":1e3,"m":-0.5}`, // integral decimals → exact parser
  `{"big":12345678901234567890,"max":9007199254740993}`, // beyond 2^53 → exact parser
  `[{"id":1},{"id":2,"tags":["a","b"]}]`,
  `"just a string"`,
  `42`,
  `{"s":"quote \\" backslash \\\\ slash \\/ tab \\t unicode \\u00e9 \\ud83d\\ude00"}`,
  `{"dup":1,"other":2,"dup":3}`,
  `{"__proto__":{"x":1},"constructor":"c"}`,
  `{"version":"1.0","text":"e.g. 5e3 apples"}`, // fast-path regex matches inside strings → exact parser, same result
  ` { "ws" : [ 1 , 2 ] } `,
];

describe("parseJson", () => {
  it.each(docs)("%s", (doc) => {
    expect(shape(parseJson(doc))).toEqual(shape(parseJsonExact(doc)));
    expect(toJson(parseJson(doc))).toBe(toJson(parseJsonExact(doc)));
  });

  it("keeps document order and doubles where they matter", () => {
    expect(toJavaString(parseJson(`{"2":"b","1":"a"}`))).toBe("{2=b, 1=a}");
    expect(toJavaString(parseJson(`{"p":10.0}`))).toBe("{p=10.0}");
  });

  it("invalid JSON still fails as before", () => {
    expect(() => parseJson(`{"a":}`)).toThrow();
  });
});

describe("simple $input.path walks", () => {
  const doc = `{"a":{"b":[{"c":"x"},{"c":"y","d":[1,2]}]},"k-1":{"v":2.5},"n":null,"e":{}}`;
  const paths = [
    "$",
    "$.a",
    "$.a.b",
    "$.a.b[1]",
    "$.a.b[1].d",
    "$.a.b[1].d[0]",
    "$['k-1'].v",
    "$.n",
    "$.e",
    "$.missing",
    "$.a.b[9]",
    "$.a.b[0].c.x",
    "$.a.b[*].c",
    "$..c",
  ];
  it.each(paths)("%s matches evalJsonPath", (p) => {
    const fast = walkNativePath(JSON.parse(doc), p);
    // $input.path answers a missing definite path with "" (AWS), which evalJsonPath takes as `missing`.
    const exact = evalJsonPath(parseJsonExact(doc), p, "");
    if (fast !== undefined) expect(toJson(parseJson(JSON.stringify(fast)))).toBe(toJson(exact));
    const out = renderTemplate({
      template: `$input.json("${p}")|$input.path("${p}")`,
      body: doc,
      params: { path: {}, querystring: {}, header: {} },
      context: {},
      stageVariables: {},
    }).output;
    expect(out).toBe(`${toJson(exact)}|${exact === null ? "" : toJavaString(exact)}`);
  });

  it("repeated calls see the same object (mutations persist, as with one parsed document)", () => {
    const out = renderTemplate({
      template: `#set($l = $input.path('$.list'))#set($ok = $l.add(3))$input.path('$.list').size()`,
      body: `{"list":[1,2]}`,
      params: { path: {}, querystring: {}, header: {} },
      context: {},
      stageVariables: {},
    }).output;
    expect(out).toBe("3");
  });
});

describe("$input.json fast path prints what json-smart prints", () => {
  const docs = [
    `{"a":"plain","n":12,"d":2.5,"b":true,"z":null,"l":[1,"x",{"k":[]}]}`,
    `{"ctl":"\\u0001\\u001f tab\\t nl\\n","del":"\\u007f\\u0085","ls":"\\u2028\\u20ac","emoji":"\\ud83d\\ude00"}`,
    `{"big":12345678.5,"small":0.000123,"neg":-0.0005,"tiny":1.5e-9,"ok":1234567.5}`,
    `{"slash":"a/b","quote":"\\"q\\"","back":"\\\\"}`,
    `{"lone":"\\ud800x"}`,
  ];
  it.each(docs)("%s", (doc) => {
    const exact = parseJsonExact(doc);
    for (const p of ["$", ...(exact instanceof JMap ? [...exact.m.keys()].map((k) => `$.${k}`) : [])]) {
      const out = renderTemplate({
        template: `$input.json('${p}')`,
        body: doc,
        params: { path: {}, querystring: {}, header: {} },
        context: {},
        stageVariables: {},
      }).output;
      expect(out, p).toBe(toJson(evalJsonPath(exact, p)));
    }
  });
  it("sees changes the template made through $input.path", () => {
    const out = renderTemplate({
      template: `#set($m = $input.path('$'))#set($old = $m.put("a", 2))$input.json('$')`,
      body: `{"a":1}`,
      params: { path: {}, querystring: {}, header: {} },
      context: {},
      stageVariables: {},
    }).output;
    expect(out).toBe(`{"a":2}`);
  });
});
