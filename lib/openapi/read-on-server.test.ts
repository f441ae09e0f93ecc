/**
 * The server's OpenAPI reader (readOpenApiText, behind import, preview and import-into): neither
 * a large YAML document nor a document that is costly to import holds the event loop, and a YAML
 * alias bomb is a problem list (400).
 */
import { describe, expect, it } from "vitest";
import { OpenApiDocumentError, readOpenApiText } from "../restapi/openapi-service";
import { generateDesign } from "../snapshot/sample-design";
import { exportOpenApiText } from "./export";
import { inlineSchemaDocument } from "./large-document.fixture";

/** Runs `work` while a 10 ms timer ticks; the longest time the timer waited for its turn. */
async function longestEventLoopGap(work: () => Promise<void>): Promise<number> {
  let last = Date.now();
  let longestGap = 0;
  const ticker = setInterval(() => {
    longestGap = Math.max(longestGap, Date.now() - last);
    last = Date.now();
  }, 10);
  try {
    await work();
  } finally {
    clearInterval(ticker);
  }
  return Math.max(longestGap, Date.now() - last); // work done in one go shows here: no tick ran
}

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
    const gap = await longestEventLoopGap(async () => {
      const result = await readOpenApiText(text);
      expect(result.design.resources.length).toBeGreaterThan(1);
    });
    expect(gap).toBeLessThan(1000);
  }, 120_000);

  it("imports a 6 MB document with 19,000 inline schemas without a second-long gap in the event loop", async () => {
    const text = JSON.stringify(inlineSchemaDocument());
    expect(text.length).toBeGreaterThan(5_500_000);
    const gap = await longestEventLoopGap(async () => {
      const result = await readOpenApiText(text);
      expect(result.design.models.length).toBeGreaterThan(19_000);
    });
    expect(gap).toBeLessThan(1000);
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
