/**
 * An OpenAPI document near API Gateway's 6 MB import limit that is costly to import, not to
 * parse: the generated 300-resource API (1,200 methods) with every request and response schema
 * written inline, so each becomes a generated model (about 19,000 of them), the way ImportRestApi
 * makes a model of an inline schema. Before the importer kept an index of its generated models,
 * this document held the thread for seconds.
 */
import { generateDesign } from "../snapshot/sample-design";
import { exportOpenApi } from "./export";
import { MAX_DOCUMENT_BYTES } from "./limits";

// biome-ignore lint/suspicious/noExplicitAny: a generated document rewritten in place; each field written is one the export is known to write
type Obj = Record<string, any>;

const EXTRA_STATUSES = Array.from({ length: 12 }, (_, i) => String(201 + i));

function inlineEverySchema(op: Obj, next: () => number): void {
  for (const response of Object.values<Obj>(op.responses ?? {})) {
    for (const media of Object.values<Obj>(response.content ?? {})) {
      media.schema = { type: "object", properties: { id: { type: "string" }, n: { type: "integer", description: `value ${next()} ${"d".repeat(60)}` } } };
    }
  }
  for (const status of EXTRA_STATUSES) {
    const schema = { type: "object", properties: { code: { type: "string", description: `error ${next()} ${"d".repeat(60)}` } } };
    op.responses[status] = { description: `${status} response`, content: { "application/json": { schema } } };
  }
  op.requestBody = { content: { "application/json": { schema: { type: "object", properties: { q: { type: "string", description: `request ${next()}` } } } } } };
}

/** The document (an object); its JSON text is under 6 MB. */
export function inlineSchemaDocument(): Obj {
  const doc = exportOpenApi(generateDesign({ resources: 300, seed: 7 })) as Obj;
  let counter = 0;
  const next = () => counter++;
  for (const item of Object.values<Obj>(doc.paths)) {
    for (const op of Object.values<Obj>(item)) if (op && typeof op === "object" && op.responses) inlineEverySchema(op, next);
  }
  const bytes = Buffer.byteLength(JSON.stringify(doc));
  if (bytes > MAX_DOCUMENT_BYTES) throw new Error(`the large document fixture is ${bytes} bytes, over the 6 MB limit`);
  return doc;
}
