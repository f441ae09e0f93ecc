import { describe, expect, it } from "vitest";
import { parseApiKeyCsv, splitCsv } from "./csv";

const KEY = "apikey1234abcdefghij0123456789";
const P1 = "3f1c2b7e-8d4a-4c1e-9f2a-1b2c3d4e5f60";
const P2 = "3f1c2b7e-8d4a-4c1e-9f2a-1b2c3d4e5f61";

describe("API key file (AWS's CSV format)", () => {
  it("reads AWS's examples: headers in any order and case, quoted plan lists, unknown columns ignored", () => {
    expect(parseApiKeyCsv(`Key,name\n${KEY},MyFirstApiKey\n`)).toEqual({
      keys: [{ line: 2, name: "MyFirstApiKey", value: KEY, description: "", enabled: true, usagePlanIds: [] }],
      issues: [],
    });
    const file = `Enabled,Name,key,UsageplanIds,Colour\ntrue,First,${KEY},"${P1},${P2}",blue\r\nFALSE,Second,${KEY}X,'${P1}',red\n\n`;
    expect(parseApiKeyCsv(file).keys).toEqual([
      { line: 2, name: "First", value: KEY, description: "", enabled: true, usagePlanIds: [P1, P2] },
      { line: 3, name: "Second", value: `${KEY}X`, description: "", enabled: false, usagePlanIds: [P1] },
    ]);
  });

  it("keeps quoted commas, doubled quotes and line breaks inside a field, and counts lines across them", () => {
    expect(splitCsv('a,b\n"x, ""y""\nz",2\nlast,3')).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ['x, "y"\nz', "2"] },
      { line: 4, fields: ["last", "3"] },
    ]);
  });

  it("lists every bad row with its line and column, without repeating the values", () => {
    const file = [
      "name,key,description,enabled",
      `good,${KEY},fine,true`,
      "short,tooShortSecret99,,yes",
      `,${KEY}A,,`,
      `dup,${KEY},,`,
      `spaces,${"s".repeat(10)} ${"t".repeat(10)},,`,
    ].join("\n");
    const { keys, issues } = parseApiKeyCsv(file);
    expect(keys.map((k) => k.line)).toEqual([2]);
    expect(issues).toEqual([
      { field: "line 3.enabled", message: "enabled is true or false" },
      { field: "line 3.key", message: "An API key must be 20 to 128 characters" },
      { field: "line 4.name", message: "Name is required" },
      { field: "line 5.key", message: "The same key as line 2" },
      { field: "line 6.key", message: "An API key may hold only letters and digits" },
    ]);
    expect(JSON.stringify(issues)).not.toContain("tooShortSecret99");
  });

  it("refuses a header without name or key, and a file without rows", () => {
    expect(parseApiKeyCsv("description,enabled\nx,true").issues).toEqual([
      { field: "line 1.name", message: "The header has no name column" },
      { field: "line 1.key", message: "The header has no key column" },
    ]);
    expect(parseApiKeyCsv("name,key\n").issues).toEqual([{ field: "file", message: "The file has no keys below its header" }]);
    expect(parseApiKeyCsv("").issues).toEqual([{ field: "file", message: "The file is empty: it needs a header with name and key" }]);
  });
});
