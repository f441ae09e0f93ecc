/**
 * OpenAPI import and export of a generated 300-resource, 1,200-method API (the size
 * target), each against the floor a peer can't go below on the same document in the same run:
 * - import: Gatehouse's full import (parse the YAML, map every x-amazon-apigateway extension,
 *   check AWS's rules, build and validate the design) against `yaml.parse` of the same text
 *   alone — what any YAML-reading tool pays before doing anything with the document;
 * - export: Gatehouse's full export (design → OpenAPI object with extensions → YAML text)
 *   against `yaml.stringify` of the finished document alone.
 * The same pair for JSON shows the cost when the format's parser is cheap. A ratio of 0.5 means
 * the whole import (or export) takes twice as long as just parsing (or printing) the document.
 */
import { parse as parseYaml, stringify as toYaml } from "yaml";
import { exportOpenApi, exportOpenApiText } from "../lib/openapi/export";
import { importOpenApiDocument } from "../lib/openapi/import";
import { parseDocumentText } from "../lib/openapi/load";
import { generateDesign } from "../lib/snapshot/sample-design";
import { measure, report } from "./measure";

export default async function (): Promise<void> {
  const design = generateDesign({ resources: 300, seed: 7 });
  const methods = design.resources.reduce((n, r) => n + Object.keys(r.methods).length, 0);
  const doc = exportOpenApi(design);
  const yamlText = exportOpenApiText(design, "yaml");
  const jsonText = exportOpenApiText(design, "json");
  console.log(
    `${design.resources.length} resources, ${methods} methods; OpenAPI ${(yamlText.length / 1e6).toFixed(2)} MB YAML, ${(jsonText.length / 1e6).toFixed(2)} MB JSON`,
  );
  const check = importOpenApiDocument(parseYaml(yamlText)).design;
  if (check.resources.length !== design.resources.length) throw new Error("import lost resources");

  console.log("\nimport (YAML)");
  report(
    await measure("gatehouse import yaml", () => importOpenApiDocument(parseDocumentText(yamlText, "api.yaml")), { warmup: 3 }),
    await measure("yaml.parse only", () => parseYaml(yamlText), { warmup: 3 }),
  );
  console.log("\nimport (JSON)");
  report(
    await measure("gatehouse import json", () => importOpenApiDocument(parseDocumentText(jsonText, "api.json")), { warmup: 5 }),
    await measure("JSON.parse only", () => JSON.parse(jsonText), { warmup: 5 }),
  );
  console.log("\nexport (YAML)");
  report(
    await measure("gatehouse export yaml", () => exportOpenApiText(design, "yaml"), { warmup: 3 }),
    await measure("yaml.stringify only", () => toYaml(doc, { lineWidth: 0, aliasDuplicateObjects: false }), { warmup: 3 }),
  );
  console.log("\nexport (JSON)");
  report(
    await measure("gatehouse export json", () => exportOpenApiText(design, "json"), { warmup: 5 }),
    await measure("JSON.stringify only", () => JSON.stringify(doc, null, 2), { warmup: 5 }),
  );
}
