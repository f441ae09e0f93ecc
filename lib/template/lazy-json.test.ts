/**
 * Maps and lists made from JSON text are made lazily (json-lazy.ts over json-tape.ts; values.ts
 * JMap.lazy, JList.lazy); a template must not be able to tell: same identity, mutations, order, misses.
 */
import { describe, expect, it } from "vitest";
import { renderTemplate, type TemplateInput } from "./index";
import { parseJson } from "./json";
import { fromPlain, JDouble, type JList, JMap } from "./values";

const base = { params: { path: {}, querystring: {}, header: {} }, context: {}, stageVariables: {} };
const render = (template: string, body: string) => renderTemplate({ ...base, template, body } as TemplateInput).output;

describe("lazy JSON values", () => {
  it("hands out the same nested object each time, so a change through one is seen through the other", () => {
    const t = `#set($o = $input.path('$'))#set($c = $o.customer)#set($x = $c.put("k", 7))$o.customer.k $o.customer.name`;
    expect(render(t, `{"customer":{"name":"Ann"}}`)).toBe("7 Ann");
  });

  it("keeps document order, size and printing after a put on an unread map", () => {
    const t = `#set($o = $input.path('$'))#set($x = $o.put("z", 1))$o.size() $o $o.keySet()`;
    expect(render(t, `{"b":1,"a":{"c":[1,2.5]}}`)).toBe("3 {b=1, a={c=[1,2.5]}, z=1} [b, a, z]");
  });

  it("answers keys the object does not have (even Object.prototype's) with null", () => {
    const m = parseJson(`{"a":1,"__proto__":{"x":1}}`) as JMap;
    expect(m.get("toString")).toBeNull();
    expect(m.get("constructor")).toBeNull();
    expect(m.get(1)).toBeNull();
    expect(m.get("__proto__")).toBeInstanceOf(JMap);
    expect([...m.m.keys()]).toEqual(["a", "__proto__"]);
  });

  it("converts decimals to Doubles and arrays to JSONArrays, one level at a time", () => {
    const m = parseJson(`{"d":2.5,"l":[{"x":1}],"i":3}`) as JMap;
    expect(m.get("d")).toEqual(new JDouble(2.5));
    expect(m.get("i")).toBe(3);
    const l = m.get("l") as JList;
    expect(l.kind).toBe("json");
    expect(l.items[0]).toBeInstanceOf(JMap);
    expect(l.items[0]).toBe(l.items[0]);
    expect(m.m.get("l")).toBe(l);
  });

  it("reads plain data (context) lazily too: own keys only, same nested object each time", () => {
    const m = fromPlain(JSON.parse(`{"a":1,"__proto__":{"x":1},"n":{"k":[1.5]}}`)) as JMap;
    expect(m.get("toString")).toBeNull();
    expect(m.get("__proto__")).toBeInstanceOf(JMap);
    expect(m.get("n")).toBe(m.get("n"));
    expect(((m.get("n") as JMap).get("k") as JList).items[0]).toEqual(new JDouble(1.5));
    expect([...m.m.keys()]).toEqual(["a", "__proto__", "n"]);
  });

  it("prints a list of read objects as the JSON it came from", () => {
    const t = `#set($l = $input.path('$.l'))#foreach($i in $l)$i.a#end $l`;
    expect(render(t, `{"l":[{"a":1},{"a":"x"}]}`)).toBe(`1x [{"a":1},{"a":"x"}]`);
  });
});
