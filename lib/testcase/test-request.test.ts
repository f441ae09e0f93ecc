import { describe, expect, it } from "vitest";
import { readTestRequest, variableLines } from "./test-request";

const text = { path: "/pets/7", query: "", headerText: "", stageVariableText: "", body: "", bodyIsBase64: false };

describe("the Test panel's request", () => {
  it("adds the query string with or without its ?, and sends no multi-value map when no header repeats", () => {
    expect(readTestRequest({ ...text, query: " ?a=1&b=2 ", headerText: "Accept: application/json" })).toEqual({
      ok: true,
      request: { pathWithQueryString: "/pets/7?a=1&b=2", headers: { Accept: "application/json" }, body: "", stageVariables: {} },
    });
    expect(readTestRequest({ ...text, query: "  " })).toMatchObject({ ok: true, request: { pathWithQueryString: "/pets/7" } });
  });

  it("keeps every value of a repeated header, marks a base64 body, and reads stage variables", () => {
    const r = readTestRequest({ ...text, headerText: "X-Tag: a\nx-tag: b", stageVariableText: "env=dev\n# a note\nempty", body: "AAE=", bodyIsBase64: true });
    expect(r).toEqual({
      ok: true,
      request: {
        pathWithQueryString: "/pets/7",
        headers: { "X-Tag": "b" },
        multiValueHeaders: { "X-Tag": ["a", "b"] },
        body: "AAE=",
        isBase64Encoded: true,
        // One name=value reader everywhere: comments skipped, a name without "=" has an empty value.
        stageVariables: { env: "dev", empty: "" },
      },
    });
  });

  it("refuses header lines it cannot read, saying which", () => {
    expect(readTestRequest({ ...text, headerText: "Accept: */*\nno colon" })).toEqual({ ok: false, error: 'Line 2: expected "Name: value"' });
  });

  it("writes a stage's variables as name=value lines", () => {
    expect(variableLines({ env: "prod", url: "https://x?a=b" })).toBe("env=prod\nurl=https://x?a=b");
  });
});
