import { describe, expect, it } from "vitest";
import { diffPairHref, historyFilterHref, querySearch } from "./query";

describe("querySearch", () => {
  it("keeps known keys with a value, trimmed, in the keys' order", () => {
    expect(querySearch(["b", "a"], { a: " 1 ", b: "2", c: "3" })).toBe("?b=2&a=1");
    expect(querySearch(["a"], { a: "  ", b: "x" })).toBe("");
    expect(querySearch(["a"], { a: null })).toBe("");
  });
});

describe("diffPairHref", () => {
  it("encodes both sides", () => {
    expect(diffPairHref("api", "stage:prod", "draft")).toBe("/apis/api/stages/diff?a=stage%3Aprod&b=draft");
  });
});

describe("historyFilterHref", () => {
  it("leaves out empty filters, so a form with blanks gives a clean link", () => {
    expect(historyFilterHref("/history", { actor: "admin@x", action: "", entityType: "stage", limit: "5" })).toBe("/history?actor=admin%40x&entityType=stage");
    expect(historyFilterHref("/apis/a/history", {})).toBe("/apis/a/history");
  });
});
