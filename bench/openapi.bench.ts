/**
 * OpenAPI import and export of a generated 300-resource, 1,200-method API (the issue's size
 * target), each against the floor a peer can't go below on the same document in the same run:
 * - import: Gatehouse's full import (parse the YAML, map every x-amazon-apigateway extension,
 *   check AWS's rules, build and validate the design) against `yaml.parse` of the same text
 *   alone — what any YAML-reading tool pays before doing anything with the document;
 * - export: Gatehouse's full export (design → OpenAPI object with extensions → YAML text)
 *   against `yaml.stringify` of the finished document alone.
 * The same pair for JSON shows the cost when the format's parser is cheap. The floor is a part of
 * the whole, so the output is the overhead over it (and the floor's share), not a speed ratio.
 */
import { parse as parseYaml, stringify as toYaml } from "yaml";
import { exportOpenApi, exportOpenApiText } from "../lib/openapi/export";
import { importOpenApiDocument } from "../lib/openapi/import";
import { parseDocumentText } from "../lib/openapi/load";
import { generateDesign } from "../lib/snapshot/sample-design";
import { alternate, reportOverhead, type Side } from "./measure";

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

  // The floors are parts of the whole operation (the import parses the text; the export prints
  // the document), so each is reported as overhead over its floor, never as a speed ratio.
  const yamlFloor = toYaml(doc, { lineWidth: 0, aliasDuplicateObjects: false });
  console.log(`export YAML text equals yaml.stringify of the exported document: ${yamlFloor === yamlText ? "yes" : "no"}`);
  console.log(`export JSON text equals JSON.stringify of the exported document: ${`${JSON.stringify(doc, null, 2)}\n` === jsonText ? "yes" : "no"}`);
  const pairs: [string, Side, Side, string][] = [
    [
      "import (YAML)",
      { name: "gatehouse import yaml", fn: () => importOpenApiDocument(parseDocumentText(yamlText, "api.yaml")) },
      { name: "yaml.parse only", fn: () => parseYaml(yamlText) },
      "the import parses the same text first",
    ],
    [
      "import (JSON)",
      { name: "gatehouse import json", fn: () => importOpenApiDocument(parseDocumentText(jsonText, "api.json")) },
      { name: "JSON.parse only", fn: () => JSON.parse(jsonText) },
      "the import parses the same text first",
    ],
    [
      "export (YAML)",
      { name: "gatehouse export yaml", fn: () => exportOpenApiText(design, "yaml") },
      { name: "yaml.stringify only", fn: () => toYaml(doc, { lineWidth: 0, aliasDuplicateObjects: false }) },
      "the export ends by printing the same document",
    ],
    [
      "export (JSON)",
      { name: "gatehouse export json", fn: () => exportOpenApiText(design, "json") },
      { name: "JSON.stringify only", fn: () => `${JSON.stringify(doc, null, 2)}\n` },
      "the export ends by printing the same document",
    ],
  ];
  for (const [title, whole, floor, why] of pairs) {
    console.log(`\n# ${title}`);
    reportOverhead(await alternate(whole, floor, { warmup: 2, batchMs: 200 }), why);
  }
}
