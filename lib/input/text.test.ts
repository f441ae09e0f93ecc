import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors";
import { assertNoNul, findNulPath } from "./text";

describe("findNulPath", () => {
  it("finds U+0000 in nested strings and keys, by path", () => {
    expect(findNulPath({ name: "ok", design: { resources: [{ pathPart: "a" }, { pathPart: "b\u0000" }] } })).toEqual(["design", "resources", "1", "pathPart"]);
    expect(findNulPath({ headers: { "x\u0000y": "v" } })).toEqual(["headers", "x\u0000y"]);
    expect(findNulPath("\u0000")).toEqual([]);
  });

  it("passes ordinary text, numbers, dates and bytes", () => {
    expect(findNulPath({ a: "\\u0000 written out", b: 0, c: null, d: new Date(), e: new Uint8Array([0]), f: ["x"] })).toBeUndefined();
  });
});

describe("assertNoNul", () => {
  it("refuses with a field error named after the nearest key", () => {
    const error = (() => {
      try {
        assertNoNul({ data: { description: "x\u0000" } });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).status).toBe(400);
    expect((error as ValidationError).issues).toEqual([{ field: "description", message: expect.stringMatching(/NUL character.*data\.description/) }]);
  });

  it("names the key above a list index", () => {
    expect(() => assertNoNul({ tags: ["a", "\u0000"] })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ field: "tags" })] }));
  });
});
