/**
 * The server's OpenAPI reader (readOpenApiText, behind import, preview and import-into): a large
 * YAML document does not hold the event loop, and a YAML alias bomb is a problem list (400).
 */
import { describe, expect, it } from "vitest";
import { OpenApiDocumentError, readOpenApiText } from "../restapi/openapi-service";
import { generateDesign } from "../snapshot/sample-design";
import { exportOpenApiText } from "./export";

/** ~2 MB of YAML that is mostly text to parse (long descriptions), little to import. */
function bigYamlDocument(): string {
  const design = generateDesign({ resources: 20, seed: 9 });
  design.description = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(100);
  for (const r of design.resources) for (const m of Object.values(r.methods)) m.operationName = `op-${"x".repeat(30)}`;
  const doc = exportOpenApiText(design, "yaml");
  const padding = Array.from({ length: 34_000 }, (_, i) => `  - "pad${i} ${"p".repeat(40)}"`).join("\n");
  return `${doc}\nx-padding:\n${padding}\n`;
}

describe("readOpenApiText on the server", () => {
  it("parses a 2 MB YAML document without a second-long gap in the event loop", async () => {
    const text = bigYamlDocument();
    expect(text.length).toBeGreaterThan(2_000_000);
    let last = Date.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      longestGap = Math.max(longestGap, Date.now() - last);
      last = Date.now();
    }, 10);
    try {
      const result = await readOpenApiText(text);
      expect(result.design.resources.length).toBeGreaterThan(1);
    } finally {
      clearInterval(ticker);
    }
    longestGap = Math.max(longestGap, Date.now() - last); // a synchronous parse shows here: no tick ran
    expect(longestGap).toBeLessThan(1000);
  }, 120_000);

  it("answers a YAML alias bomb with a problem list", async () => {
    const bomb = ["openapi: 3.0.1", "a: &a [x,x,x,x,x,x,x,x,x]"]
      .concat("bcdefghi".split("").map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(",")}]`))
      .join("\n");
    const error = await Promise.resolve()
      .then(() => readOpenApiText(bomb))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(OpenApiDocumentError);
    expect((error as OpenApiDocumentError).status).toBe(400);
    expect((error as OpenApiDocumentError).message).toMatch(/problem/);
  });
});
