import { describe, expect, it } from "vitest";
import { parseBodyContainsLines, parseJsonPathLines, readExpectationText, variablesToSave } from "./lines";

describe("expectation lines", () => {
  it("reads body-contains lines, skipping blank ones", () => {
    expect(parseBodyContainsLines('"id": "3"\n\n  dog\n')).toEqual(['"id": "3"', "  dog"]);
  });

  it("reads $.path = value lines, values as JSON when they parse", () => {
    expect(parseJsonPathLines('$.id = "3"\n$.price = 249.99\n$.type = dog\n$.tags = ["a"]\n\nno equals')).toEqual({
      checks: [
        { path: "$.id", equals: "3" },
        { path: "$.price", equals: 249.99 },
        { path: "$.type", equals: "dog" },
        { path: "$.tags", equals: ["a"] },
      ],
      errors: ['Line 6: expected "$.path = value"'],
    });
  });

  it("saves only the stage variables that differ from the chosen stage", () => {
    expect(variablesToSave({ a: "1", b: "2" }, null)).toEqual({ a: "1", b: "2" });
    expect(variablesToSave({ a: "1", b: "3", c: "4" }, { a: "1", b: "2" })).toEqual({ b: "3", c: "4" });
  });
});

describe("expectation boxes", () => {
  it("reads a status, body checks and JSON path checks; empty boxes expect nothing", () => {
    expect(readExpectationText({ status: " 200 ", bodyContains: "dog\n", bodyJson: "$.id = 3" })).toEqual({
      ok: true,
      expectations: { status: 200, bodyContains: ["dog"], bodyJson: [{ path: "$.id", equals: 3 }] },
    });
    expect(readExpectationText({ status: "", bodyContains: "", bodyJson: "" })).toEqual({ ok: true, expectations: {} });
  });

  it("names each box it cannot read, as the server names the field", () => {
    expect(readExpectationText({ status: "2xx", bodyContains: "", bodyJson: "no equals" })).toEqual({
      ok: false,
      fieldErrors: { "expectations.bodyJson": 'Line 1: expected "$.path = value"', "expectations.status": "The expected status is a number such as 200" },
    });
  });
});
