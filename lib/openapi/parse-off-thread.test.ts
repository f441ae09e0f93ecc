/** Large YAML is parsed off the calling thread: same results and errors as parseDocumentText, and the event loop keeps turning. */
import { describe, expect, it } from "vitest";
import { DesignLoadError, parseDocumentText } from "./load";
import { generateDesign } from "../snapshot/sample-design";
import { exportOpenApiText } from "./export";
import { OFF_THREAD_MIN_BYTES, parseDocumentTextOffThread } from "./parse-off-thread";

const bigYaml = exportOpenApiText(generateDesign({ resources: 300, seed: 3 }), "yaml");

async function failure(text: string, file = "document"): Promise<DesignLoadError> {
  try {
    await parseDocumentTextOffThread(text, file);
  } catch (e) {
    return e as DesignLoadError;
  }
  throw new Error("expected an error");
}

describe("parseDocumentTextOffThread", () => {
  it("reads a large YAML document to the same value as the inline parser", async () => {
    expect(bigYaml.length).toBeGreaterThan(OFF_THREAD_MIN_BYTES);
    expect(await parseDocumentTextOffThread(bigYaml, "document")).toEqual(parseDocumentText(bigYaml, "document"));
  }, 120_000);

  it("keeps the event loop turning while it parses (no gap of a second)", async () => {
    let last = Date.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      longestGap = Math.max(longestGap, Date.now() - last);
      last = Date.now();
    }, 10);
    try {
      await parseDocumentTextOffThread(bigYaml, "document");
    } finally {
      clearInterval(ticker);
    }
    longestGap = Math.max(longestGap, Date.now() - last); // a synchronous parse shows here: no tick ran
    expect(longestGap).toBeLessThan(1000);
  }, 120_000);

  it("answers a large document's syntax error with its line, and an alias bomb as a load error", async () => {
    const broken = `${bigYaml}\nbad: [unclosed\n`;
    const error = await failure(broken);
    expect(error).toBeInstanceOf(DesignLoadError);
    expect(error.detail).toMatch(/invalid YAML \(line \d+/);
    const bomb =
      `openapi: 3.0.1\n${"# padding\n".repeat(OFF_THREAD_MIN_BYTES / 10)}a: &a [x,x,x,x,x,x,x,x,x]\n` +
      "bcdefghi"
        .split("")
        .map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(",")}]`)
        .join("\n");
    expect((await failure(bomb)).detail).toMatch(/alias/i);
  }, 120_000);

  it("refuses more than 6 MB without parsing", async () => {
    expect((await failure("a: b\n".repeat(1_400_000))).detail).toMatch(/at most 6 MB/);
  });
});
