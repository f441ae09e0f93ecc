import { describe, expect, it } from "vitest";
import { changeLines } from "./change-lines";

describe("changeLines", () => {
  it("marks removed and added fields, keeps unchanged ones", () => {
    const lines = changeLines({ a: 1, b: "x" }, { a: 1, b: "y", c: true });
    expect(lines.filter((l) => l.kind === "remove").map((l) => l.text.trim())).toEqual(['"b": "x"']);
    expect(lines.filter((l) => l.kind === "add").map((l) => l.text.trim())).toEqual(['"b": "y",', '"c": true']);
    expect(lines.some((l) => l.kind === "same" && l.text.includes('"a": 1'))).toBe(true);
  });
  it("shows a creation as all additions", () => {
    expect(changeLines(null, { x: 1 }).filter((l) => l.kind === "add").length).toBeGreaterThan(0);
    expect(changeLines(null, { x: 1 }).some((l) => l.kind === "remove")).toBe(false);
  });
});
