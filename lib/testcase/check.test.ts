import { describe, expect, it } from "vitest";
import { checkExpectations, jsonEqual } from "./check";
import { expectationsSchema, saveTestCaseSchema } from "./schema";

const response = (body: string, status = 200, headers: Record<string, string> = { "Content-Type": "application/json" }) => ({ status, headers, body });
const pet = response('{\n  "id": "3",\n  "type": "dog",\n  "price": 249.99,\n  "tags": ["a", "b"],\n  "owner": null\n}');

describe("checkExpectations", () => {
  it("passes with no expectations at all", () => {
    expect(checkExpectations(response("anything", 502), {})).toEqual({ passed: true, failures: [] });
  });

  it("checks the status", () => {
    expect(checkExpectations(pet, { status: 200 })).toEqual({ passed: true, failures: [] });
    expect(checkExpectations(pet, { status: 404 })).toEqual({ passed: false, failures: ["Expected status 404, got 200"] });
  });

  it("checks body substrings, each failure named", () => {
    expect(checkExpectations(pet, { bodyContains: ['"id": "3"', "dog"] }).passed).toBe(true);
    expect(checkExpectations(pet, { bodyContains: ['"id": "4"', "dog", "cat"] }).failures).toEqual([
      'Body does not contain "\\"id\\": \\"4\\""',
      'Body does not contain "cat"',
    ]);
  });

  it("checks JSONPath values: strings, numbers, arrays, null, missing, and indefinite paths", () => {
    const ok = checkExpectations(pet, {
      bodyJson: [
        { path: "$.id", equals: "3" },
        { path: "$.price", equals: 249.99 },
        { path: "$.tags", equals: ["a", "b"] },
        { path: "$.tags[1]", equals: "b" },
        { path: "$['type']", equals: "dog" },
        { path: "$.owner", equals: null },
        { path: "$.tags[*]", equals: ["a", "b"] },
      ],
    });
    expect(ok).toEqual({ passed: true, failures: [] });
    const bad = checkExpectations(pet, {
      bodyJson: [
        { path: "$.id", equals: 3 },
        { path: "$.name", equals: "Rex" },
        { path: "$.owner", equals: "me" },
      ],
    });
    expect(bad.failures).toEqual(['$.id is "3", expected 3', '$.name is missing, expected "Rex"', '$.owner is null, expected "me"']);
  });

  it("says so when the body is not JSON", () => {
    expect(checkExpectations(response("<html/>"), { bodyJson: [{ path: "$.id", equals: "1" }] }).failures).toEqual([
      "Body is not JSON, so $.id cannot be checked",
    ]);
  });

  it("checks header values with names in any case", () => {
    expect(checkExpectations(pet, { headerEquals: { "content-type": "application/json" } }).passed).toBe(true);
    expect(checkExpectations(pet, { headerEquals: { "Content-Type": "text/plain", "X-Trace": "1" } }).failures).toEqual([
      'Header Content-Type is "application/json", expected "text/plain"',
      'Header X-Trace is missing, expected "1"',
    ]);
  });

  it("reports every failing check together", () => {
    const r = checkExpectations(response('{"message":"Pet 0 was not found"}', 404), {
      status: 200,
      bodyContains: ['"id"'],
      bodyJson: [{ path: "$.message", equals: "Pet 0 was not found" }],
    });
    expect(r).toEqual({ passed: false, failures: ["Expected status 200, got 404", 'Body does not contain "\\"id\\""'] });
  });
});

describe("jsonEqual", () => {
  it("ignores key order but not array order or types", () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual("1", 1)).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
  });
});

describe("schemas", () => {
  it("refuse a bad status, an empty body line and an invalid JSON path, with their fields", () => {
    const r = expectationsSchema.safeParse({
      status: 42,
      bodyContains: [""],
      bodyJson: [
        { path: "id", equals: 1 },
        { path: "$.a[", equals: 1 },
      ],
    });
    expect(r.success).toBe(false);
    const fields = r.error!.issues.map((i) => i.path.join("."));
    expect(fields).toEqual(["status", "bodyContains.0", "bodyJson.0.path", "bodyJson.1.path"]);
  });

  it("refuse a save with no name, a path without /, and an unknown method", () => {
    const r = saveTestCaseSchema.safeParse({ resourcePath: "/pets", httpMethod: "FETCH", name: "  ", request: { pathWithQueryString: "pets" } });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["httpMethod", "name", "request.pathWithQueryString"]);
  });

  it("fill defaults for a minimal save", () => {
    const r = saveTestCaseSchema.parse({ resourcePath: "/pets/{petId}", httpMethod: "GET", name: " found ", request: { pathWithQueryString: "/pets/3" } });
    expect(r).toEqual({
      resourcePath: "/pets/{petId}",
      httpMethod: "GET",
      name: "found",
      request: { pathWithQueryString: "/pets/3", headers: {}, body: "", stageVariables: {} },
      expectations: {},
    });
  });
});
