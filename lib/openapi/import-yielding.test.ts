/**
 * The server imports in slices (importOpenApiDocumentYielding): the same result and the same
 * problems as the one-go import, while timers and I/O keep being served between slices.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { generateDesign } from "../snapshot/sample-design";
import { exportOpenApi } from "./export";
import { importOpenApiDocument, importOpenApiDocumentYielding, OpenApiImportError } from "./import";
import { inlineSchemaDocument } from "./large-document.fixture";
import { swaggerPetStore } from "./petstore.fixture";
import { runStepsYielding, type Steps } from "./steps";

const fixture = (name: string) => parseYaml(readFileSync(join(__dirname, "fixtures", name), "utf8"));

async function outcome(run: () => unknown): Promise<unknown> {
  try {
    return { result: await run() };
  } catch (e) {
    return { error: e instanceof OpenApiImportError ? { name: e.name, message: e.message, issues: e.issues } : e };
  }
}

describe("importOpenApiDocumentYielding", () => {
  const broken = structuredClone(swaggerPetStore) as Record<string, any>;
  broken.paths["/pets"].get["x-amazon-apigateway-integration"].type = "carrier-pigeon";
  broken.paths.bad = {};
  broken["x-amazon-apigateway-request-validators"] = { v: { validateRequestBody: "yes" } };
  const documents: [string, unknown, object?][] = [
    ["the Swagger 2 pet store", swaggerPetStore],
    ["AWS's pet store", fixture("aws-petstore.yaml")],
    ["AWS's gateway responses sample", fixture("aws-gateway-responses.yaml")],
    ["AWS's request validators sample, failOnWarnings", fixture("aws-request-validators.yaml"), { failOnWarnings: true }],
    ["a 300-resource API", exportOpenApi(generateDesign({ resources: 300, seed: 5 }), { lossless: true })],
    ["a document with problems in several parts", broken],
    ["not an OpenAPI document", { swagger: "1.2" }],
  ];

  it.each(documents)("gives what the one-go import gives: %s", async (_, doc, options) => {
    const sync = await outcome(() => importOpenApiDocument(structuredClone(doc), options));
    const sliced = await outcome(() => importOpenApiDocumentYielding(structuredClone(doc), options));
    expect(sliced).toEqual(sync);
  });

  it("gives the event loop back between slices: a timer set when a large import starts fires before it ends", async () => {
    const doc = inlineSchemaDocument();
    let timerFiredAt = 0;
    const started = Date.now();
    const timer = setTimeout(() => {
      timerFiredAt = Date.now();
    }, 1);
    try {
      const { design } = await importOpenApiDocumentYielding(doc);
      expect(design.models.length).toBeGreaterThan(19_000);
      expect(timerFiredAt).toBeGreaterThan(0);
      expect(timerFiredAt - started).toBeLessThan(1000);
    } finally {
      clearTimeout(timer);
    }
  }, 120_000);
});

describe("runStepsYielding", () => {
  function* counting(log: string[]): Steps<number> {
    for (let i = 0; i < 3; i++) {
      log.push(`step ${i}`);
      yield;
    }
    return 3;
  }

  it("hands the event loop back once a slice has run its time, and returns the work's value", async () => {
    const log: string[] = [];
    setImmediate(() => log.push("other work"));
    expect(await runStepsYielding(counting(log), 0)).toBe(3);
    expect(log.indexOf("other work")).toBeGreaterThan(0);
    expect(log.indexOf("other work")).toBeLessThan(log.length - 1);
  });

  it("rejects with what a step throws", async () => {
    function* failing(): Steps<void> {
      yield;
      throw new OpenApiImportError("no", "/x");
    }
    await expect(runStepsYielding(failing(), 0)).rejects.toThrow("/x: no");
  });
});
