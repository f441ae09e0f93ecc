/** The Test panel's header box: one `Name: value` per line, repeats allowed. */
import { describe, expect, it } from "vitest";
import { parseHeaderLines, repeatedHeaders } from "../../lib/testcase/request-lines";

describe("parseHeaderLines", () => {
  it("keeps every value of a repeated name (case-insensitive) and the last one as the single value", () => {
    const parsed = parseHeaderLines("X-Tag: a\nAccept: application/json\nx-tag: b\nX-Tag: c: with colon");
    expect(parsed.errors).toEqual([]);
    expect(parsed.multiValueHeaders).toEqual({ "X-Tag": ["a", "b", "c: with colon"], Accept: ["application/json"] });
    expect(parsed.headers).toEqual({ "X-Tag": "c: with colon", Accept: "application/json" });
    expect(repeatedHeaders(parsed.multiValueHeaders)).toEqual({ "X-Tag": ["a", "b", "c: with colon"] });
  });

  it("reports lines without a name, and gives no multi-value map when nothing repeats", () => {
    const parsed = parseHeaderLines("\n: nameless\nplain\nA: 1");
    expect(parsed.errors).toEqual(['Line 2: expected "Name: value"', 'Line 3: expected "Name: value"']);
    expect(repeatedHeaders(parsed.multiValueHeaders)).toBeUndefined();
  });
});
