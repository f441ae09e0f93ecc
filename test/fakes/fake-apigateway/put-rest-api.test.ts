/**
 * The fake's PutRestApi must be an independent reading of OpenAPI: if it used Gatehouse's own
 * importer or model, the PutRestApi push strategy would only ever be checked against itself.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const HERE = join(__dirname);
const READER_FILES = ["put-rest-api.ts", "openapi-reader.ts", "openapi-operations.ts"];

/** Every module a file imports (static `from "…"` and dynamic `import("…")`). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(HERE, file), "utf8");
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*)["']([^"']+)["']/g)].map((m) => m[1]);
}

describe("the fake's PutRestApi reader", () => {
  it("the scan sees imports (so an empty list below means none, not a broken scan)", () => {
    expect(importsOf("put-rest-api.ts")).toContain("./openapi-reader");
  });

  it.each(READER_FILES)("%s imports nothing from Gatehouse's lib/ (its own reading of OpenAPI)", (file) => {
    const imports = importsOf(file);
    expect(imports.filter((m) => m.includes("lib/") || m.startsWith("@/"))).toEqual([]);
    // Only the fake's own modules and the YAML parser.
    expect(imports.filter((m) => !m.startsWith("./") && m !== "yaml")).toEqual([]);
  });
});
