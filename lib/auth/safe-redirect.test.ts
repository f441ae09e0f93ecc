import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("redirect after sign-in", () => {
  it("keeps paths on the console, with their query and fragment", () => {
    expect(safeRedirectPath("/apis/123/stages?tab=aws#push")).toBe("/apis/123/stages?tab=aws#push");
    expect(safeRedirectPath("/history")).toBe("/history");
  });

  it("refuses every way of naming another host", () => {
    for (const next of [
      "/\\evil.example/x",
      decodeURIComponent("/%5Cevil.example/x"),
      "//evil.example/x",
      "/\t/evil.example",
      "/\\/evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "\\\\evil.example",
      " /x",
      "",
      undefined,
      null,
    ]) {
      expect(safeRedirectPath(next), String(next)).toBe("/");
    }
  });

  it("answers a path the browser would read the same way", () => {
    expect(safeRedirectPath("/a/../b")).toBe("/b");
    expect(safeRedirectPath("/a\\b")).toBe("/a/b");
  });
});
