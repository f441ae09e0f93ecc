import { describe, expect, it } from "vitest";
import { compareInvokeResults, jsonEqual, sameBody } from "./compare";

const r = (status: number, headers: Record<string, string>, body: string) => ({ status, headers, body });

describe("compareInvokeResults", () => {
  it("finds nothing when the answers agree, whatever the JSON whitespace, key order or header case", () => {
    const local = r(200, { "Content-Type": "application/json", "X-Amzn-Trace-Id": "Root=1-a", "x-amzn-RequestId": "1" }, '{"id": "1", "tags": [1, 2]}');
    const aws = r(200, { "content-type": "application/json", "X-Amzn-Trace-Id": "Root=1-b", "x-amzn-RequestId": "2" }, '{"tags":[1,2],\n  "id":"1"}');
    expect(compareInvokeResults(local, aws)).toEqual([]);
  });

  it("marks status, header and body differences", () => {
    const local = r(200, { "Content-Type": "application/json", "X-Local": "a" }, '{"id": 1}');
    const aws = r(404, { "Content-Type": "text/plain", "X-Aws": "b" }, '{"id": 2}');
    expect(compareInvokeResults(local, aws)).toEqual([
      { field: "status", local: 200, aws: 404 },
      { field: "header:content-type", local: "application/json", aws: "text/plain" },
      { field: "header:x-aws", local: undefined, aws: "b" },
      { field: "header:x-local", local: "a", aws: undefined },
      { field: "body", local: '{"id": 1}', aws: '{"id": 2}' },
    ]);
  });

  it("compares non-JSON bodies as text, exactly", () => {
    expect(compareInvokeResults(r(200, {}, "hello "), r(200, {}, "hello"))).toEqual([{ field: "body", local: "hello ", aws: "hello" }]);
    expect(compareInvokeResults(r(200, {}, "<a/>"), r(200, {}, "<a/>"))).toEqual([]);
    // One side JSON, the other not: text compare.
    expect(sameBody("{}", "{ }")).toBe(true);
    expect(sameBody("{}", "")).toBe(false);
    expect(sameBody("", "")).toBe(true);
  });

  it("treats Content-Type parameters sensibly and honours extra ignored headers", () => {
    expect(compareInvokeResults(r(200, { "Content-Type": "application/json" }, ""), r(200, { "Content-Type": "application/json; charset=UTF-8" }, ""))).toEqual(
      [],
    );
    expect(compareInvokeResults(r(200, { "X-Build": "1" }, ""), r(200, { "X-Build": "2" }, ""), { ignoreHeaders: ["x-build"] })).toEqual([]);
  });

  it("jsonEqual: arrays keep their order, numbers compare by value", () => {
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual(JSON.parse("1.0"), JSON.parse("1"))).toBe(true);
    expect(jsonEqual({ a: null }, { a: undefined })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });
});
