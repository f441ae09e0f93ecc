/**
 * The one-pass JSON scanner (json-tape.ts) and the lazy values over it (json-lazy.ts) against the
 * exact parser (json.ts parseJsonExact), the reference: same values, same Java types, same
 * order, same refusals with the same messages; and $input.json printing a body's own text only
 * where json-smart would print exactly that.
 */
import { describe, expect, it } from "vitest";
import { renderTemplate } from "./index";
import { JsonParseError, evalJsonPath, jsonTextAt, parseJson, parseJsonExact } from "./json";
import { returnScratch, scanJson, type Tape } from "./json-tape";
import { javaClassName, JList, JMap, type JValue, toJavaString, toJson } from "./values";

/** Every value's Java class and printing, all the way down, in order. */
function shape(v: JValue): unknown {
  if (v instanceof JMap) return { cls: javaClassName(v), entries: [...v.m].map(([k, x]) => [k, shape(x)]) };
  if (v instanceof JList) return { cls: javaClassName(v), items: v.items.map(shape) };
  return { cls: javaClassName(v), s: toJavaString(v), negZero: Object.is(v, -0) };
}

function errorOf(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(JsonParseError);
    return (e as Error).message;
  }
}

const render = (template: string, body: string) =>
  renderTemplate({ template, body, params: { path: {}, querystring: {}, header: {} }, context: {}, stageVariables: {} }).output;

const VALID = [
  `{"a":1,"b":[1,2.5,-3],"c":{"d":"x","e":null,"f":true,"g":false}}`,
  `{"big":12345678901234567890,"edge":9007199254740993,"safe":9007199254740991,"neg":-12345678901234567890}`,
  `{"z":-0,"zd":-0.0,"zero":0,"e":1e400,"ne":-1e400,"tiny":1e-400,"E":1E5,"e2":2.5e-3,"p":1e+2,"dec":10.0,"d2":2.50}`,
  `{"dup":1,"other":2,"dup":{"x":3}}`,
  `{"2":"two","1":"one","x":0}`,
  `{"s":"quote \\" backslash \\\\ slash \\/ tab \\t nl \\n cr \\r bs \\b ff \\f"}`,
  `{"u":"\\u00e9\\u00E9 \\ud83d\\ude00 \\u0000 \\u2028"}`,
  `{"lone":"\\ud800x","low":"\\udc00","pair":"\\uD83D\\uDE00"}`,
  `{"raw":"é 😀 \u2028 \u0085"}`,
  `{"ctl":"a\u0001b\u001fc"}`, // raw control characters: the exact parser takes them, so must the scanner
  `{"__proto__":{"x":1},"constructor":"c","toString":1}`,
  `{"\\u0061":1,"a":2}`, // the same key, once escaped: one entry
  ` \t\r\n{ "ws" : [ 1 , 2 , { } , [ ] ] } \n`,
  `[]`,
  `{}`,
  `[[[[[]]]]]`,
  `"just a string"`,
  `42`,
  `-0`,
  `true`,
  `null`,
  `[1,"a",null,true,false,1.5,{"k":[{}]}]`,
];

const INVALID = [
  ``,
  ` `,
  `{`,
  `}`,
  `[1,]`,
  `[,1]`,
  `{"a":1,}`,
  `{"a" 1}`,
  `{a:1}`,
  `{'a':1}`,
  `[01]`,
  `[1.]`,
  `[.5]`,
  `[1e]`,
  `[1e+]`,
  `[-]`,
  `[+1]`,
  `[NaN]`,
  `[Infinity]`,
  `[tru]`,
  `[nul]`,
  `[truex]`,
  `"unterminated`,
  `"bad escape \\x"`,
  `"bad unicode \\u12g4"`,
  `"short unicode \\u12"`,
  `"ends in backslash \\`,
  `{"a":1}}`,
  `{"a":1} x`,
  `[1][2]`,
  `[1 2]`,
  `\u00a0[1]`, // no-break space is not JSON whitespace
  `[1]\u000b`,
];

describe("scanJson against the exact parser", () => {
  it.each(VALID)("reads %s as the exact parser does", (doc) => {
    expect(scanJson(doc)).not.toBeNull();
    expect(shape(parseJson(doc))).toEqual(shape(parseJsonExact(doc)));
    expect(toJson(parseJson(doc))).toBe(toJson(parseJsonExact(doc)));
  });

  it.each(INVALID)("refuses %j with the exact parser's message", (doc) => {
    expect(scanJson(doc)).toBeNull();
    const message = errorOf(() => parseJsonExact(doc));
    expect(message).not.toBeNull();
    expect(errorOf(() => parseJson(doc))).toBe(message);
  });

  it("keeps Java's types: Integer/Long, BigInteger past 2^53, Double for any fraction or exponent, -0 as an integer", () => {
    const m = parseJson(VALID[1]) as JMap;
    expect(m.get("big")).toBe(12345678901234567890n);
    expect(m.get("edge")).toBe(9007199254740993n);
    expect(m.get("safe")).toBe(9007199254740991);
    const z = parseJson(VALID[2]) as JMap;
    expect(Object.is(z.get("z"), -0)).toBe(true);
    expect(toJavaString(z.get("zd"))).toBe("-0.0");
    expect(toJavaString(z.get("e"))).toBe("Infinity");
    expect(toJavaString(z.get("tiny"))).toBe("0.0");
    expect(toJavaString(z.get("dec"))).toBe("10.0");
    expect(toJson(z)).toBe(`{"z":0,"zd":-0.0,"zero":0,"e":null,"ne":null,"tiny":0.0,"E":100000.0,"e2":0.0025,"p":100.0,"dec":10.0,"d2":2.5}`);
  });

  it("gives a repeated key its first place and last value (LinkedHashMap.put), lazily and whole", () => {
    const m = parseJson(VALID[3]) as JMap;
    expect(toJavaString(m.get("dup"))).toBe("{x=3}");
    expect(m.get("dup")).toBe(m.get("dup"));
    expect([...m.m.keys()]).toEqual(["dup", "other"]);
    expect(m.m.get("dup")).toBe(m.get("dup"));
  });

  it("keeps lone surrogates and decodes escaped keys", () => {
    const m = parseJson(VALID[7]) as JMap;
    expect(m.get("lone")).toBe("\ud800x");
    expect(m.get("low")).toBe("\udc00");
    expect(m.get("pair")).toBe("😀");
    expect((parseJson(VALID[11]) as JMap).m.size).toBe(1);
    expect((parseJson(VALID[11]) as JMap).get("a")).toBe(2);
  });

  it("answers keys an object does not have (even Object.prototype's) with null", () => {
    const m = parseJson(`{"a":1,"__proto__":{"x":1}}`) as JMap;
    expect(m.get("toString")).toBeNull();
    expect(m.get("constructor")).toBeNull();
    expect(m.get(1)).toBeNull();
    expect(m.find("missing")).toBeUndefined();
    expect(m.get("__proto__")).toBeInstanceOf(JMap);
  });

  it("finds keys in wide objects (indexed after the first read) as in narrow ones", () => {
    const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
    const doc = `{${keys.map((k, i) => `"${k}":${i}`).join(",")},"k7":"last"}`;
    const m = parseJson(doc) as JMap;
    expect(m.get("k0")).toBe(0);
    expect(m.get("k39")).toBe(39);
    expect(m.get("k7")).toBe("last");
    expect(m.get("k40")).toBeNull();
    expect(shape(m)).toEqual(shape(parseJsonExact(doc)));
  });

  it("scans nesting far deeper than the stack would allow a recursive parser", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const tape = scanJson(deep);
    expect(tape?.count).toBe(100_000);
    expect(scanJson("[".repeat(100_000) + "]".repeat(99_999))).toBeNull();
  });

  it("agrees with the exact parser on every one-character change of a document", () => {
    const doc = `{"a":[1,-2.5e3,"x\\"y"],"b":{"c":null,"d":true},"e":"\\u00e9"}`;
    const alphabet = [...' {}[],:"\\0123456789.-+eEtrufalsn'];
    for (let i = 0; i < doc.length; i++) {
      for (const ch of alphabet) {
        const variant = doc.slice(0, i) + ch + doc.slice(i + 1);
        const exact = errorOf(() => parseJsonExact(variant));
        expect(
          errorOf(() => parseJson(variant)),
          variant,
        ).toBe(exact);
        if (exact === null) expect(toJson(parseJson(variant)), variant).toBe(toJson(parseJsonExact(variant)));
      }
    }
  });
});

describe("shared scan buffers", () => {
  it("keeps a tape that is not borrowed intact across later scans", () => {
    const first = parseJson(`{"a":{"b":[1,2,3]}}`) as JMap;
    for (let i = 0; i < 10; i++) parseJson(`[${i},{"x":"${"y".repeat(i)}"}]`, true);
    returnScratch();
    for (let i = 0; i < 10; i++) parseJson(`{"other":[[${i}]]}`);
    expect(toJson(first)).toBe(`{"a":{"b":[1,2,3]}}`);
  });

  it("keeps the body's values intact while $util.parseJson scans other text in the same render", () => {
    const t = `#set($o = $input.path('$'))#foreach($i in [1..3])#set($p = $util.parseJson("{""k"":[$i,$i]}"))$p.k #end$o.a.b $o`;
    expect(render(t, `{"a":{"b":[4,5]},"c":"d"}`)).toBe("[1,1] [2,2] [3,3] [4,5] {a={b=[4,5]}, c=d}");
    // and again: the buffers went back to the pool and are reused
    expect(render(t, `{"a":{"b":[6]},"c":"e"}`)).toBe("[1,1] [2,2] [3,3] [6] {a={b=[6]}, c=e}");
  });

  it("grows past the first buffer for a large body", () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ i, s: `v${i}` }));
    const doc = JSON.stringify({ items });
    expect(render(`$input.path('$.items').size() $input.path('$.items[4999].s') $input.json('$.items[2500]')`, doc)).toBe(`5000 v4999 {"i":2500,"s":"v2500"}`);
  });
});

describe("$input.json prints the body's own text only where json-smart prints the same", () => {
  const docs = [
    `{"a":"plain","n":12,"d":2.5,"b":true,"z":null,"l":[1,"x",{"k":[]}],"e":{}}`,
    `{"ws": [1, 2], "o" : {"k" :1}}`,
    `{"dup":{"x":1,"x":2},"ok":{"x":1}}`,
    `{"slash":"a\\/b","u":"\\u00e9","U":"\\u001F","lower":"\\u001f","raw":"a/b","q":"\\"\\\\\\n"}`,
    `{"ctl":"a\u0001b","del":"\u007f","ls":"\u2028","nbsp":"\u00a0é😀"}`,
    `{"negz":-0,"negzd":-0.0,"dec":10.0,"d2":2.50,"E":1E5,"e":1e400,"small":0.0001,"big":12345678.5,"ok":1234567.5,"huge":123456789012345678901234567890}`,
    `{"lone":"\\ud800","pair":"\\ud83d\\ude00"}`,
    `[{"a":1},{"a":[1,{"b":-0}]}]`,
  ];
  it.each(docs)("%s", (doc) => {
    const exact = parseJsonExact(doc);
    const paths = ["$", ...(exact instanceof JMap ? [...exact.m.keys()].map((k) => `$['${k}']`) : ["$[0]", "$[1]", "$[1].a", "$[1].a[1]"])];
    for (const p of paths) expect(render(`$input.json("${p}")`, doc), p).toBe(toJson(evalJsonPath(exact, p)));
  });

  it("takes the text where it can and refuses it where json-smart would print something else", () => {
    const tape = (doc: string) => scanJson(doc) as Tape;
    const t = tape(docs[0]);
    expect(jsonTextAt(t, "$")).toBe(docs[0]);
    expect(jsonTextAt(t, "$.l")).toBe(`[1,"x",{"k":[]}]`);
    expect(jsonTextAt(t, "$.l[2].k")).toBe("[]");
    expect(jsonTextAt(t, "$.a")).toBe(`"plain"`);
    expect(jsonTextAt(t, "$.nope")).toBeUndefined();
    expect(jsonTextAt(t, "$..k")).toBeUndefined();
    expect(jsonTextAt(tape(docs[1]), "$")).toBeUndefined();
    expect(jsonTextAt(tape(docs[1]), "$.o")).toBeUndefined();
    expect(jsonTextAt(tape(docs[2]), "$.dup")).toBeUndefined();
    expect(jsonTextAt(tape(docs[2]), "$.ok")).toBe(`{"x":1}`);
    for (const k of ["slash", "u", "U", "lower"]) expect(jsonTextAt(tape(docs[3]), `$.${k}`), k).toBeUndefined();
    for (const k of ["raw", "q"]) expect(jsonTextAt(tape(docs[3]), `$.${k}`), k).toBeDefined();
    for (const k of ["negz", "d2", "E", "e", "small", "big"]) expect(jsonTextAt(tape(docs[5]), `$.${k}`), k).toBeUndefined();
    for (const k of ["negzd", "dec", "ok", "huge"]) expect(jsonTextAt(tape(docs[5]), `$.${k}`), k).toBeDefined();
  });

  it("prints what the template changed through $input.path, not the text", () => {
    expect(render(`#set($m = $input.path('$.o'))#set($old = $m.put("a", 2))$input.json('$')`, `{"o":{"a":1}}`)).toBe(`{"o":{"a":2}}`);
    expect(render(`#set($l = $input.path('$.l'))#set($ok = $l.add(3))$input.json('$.l')`, `{"l":[1,2]}`)).toBe(`[1,2,3]`);
  });

  it("refuses invalid JSON as before, whichever of path or json comes first", () => {
    expect(() => render(`$input.json('$.a')`, `{"a":1,}`)).toThrow(/InvalidJsonException: Invalid JSON in the payload: Expected a string key at position 7/);
    expect(() => render(`$input.path('$.a')`, `{"a":1,}`)).toThrow(/InvalidJsonException/);
    expect(render(`[$input.json('$')]`, ` `)).toBe("[{}]");
  });
});
