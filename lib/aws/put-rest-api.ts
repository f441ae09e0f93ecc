/**
 * The PutRestApi strategy of a push: one `PutRestApi` (mode=overwrite, failOnWarnings=true) whose
 * body is the design's OpenAPI 3 export with API Gateway's extensions, instead of one call per
 * resource, method, response, model… — chosen by `planPush` when it is fewer calls.
 *
 * What AWS documents, and what follows here:
 * - overwrite replaces the whole API definition (resources, methods, integrations, responses,
 *   models, validators via `x-amazon-apigateway-request-validators`, authorizers via security
 *   schemes, gateway responses via `x-amazon-apigateway-gateway-responses`, API settings via the
 *   root extensions); what the document doesn't set goes back to its default. Running it again
 *   gives the same API, so a re-run after a failure converges.
 * - An import "updates an existing API without changing its endpoint configuration, stages or
 *   stage variables": the endpoint type and disableExecuteApiEndpoint are set afterwards with
 *   UpdateRestApi when they differ; stages are CreateDeployment / UpdateStage as in every push.
 * - The body may be at most 6 MB: a larger document falls back to per-entity calls.
 * - PutRestApi's own quota is 1 per second (lib/aws/limiter.ts): one call never waits for it.
 * - The document must carry the whole design: what an import reads back from it must equal the
 *   design (entities matched by path, verb, status and name) and raise no warning (failOnWarnings
 *   would refuse it). A model's description is the one thing it can't say that one UpdateModel
 *   afterwards can; anything else lost means per-entity calls, and the plan says why.
 */
import type { ApiDesign } from "../model/design";
import { BUILT_IN_MODEL_SCHEMAS } from "./import";
import { exportOpenApi } from "../openapi/export";
import { importOpenApiDocument } from "../openapi/import";
import { type DiffEntry, diffDesigns } from "../snapshot/diff";

/** ImportRestApi / PutRestApi refuse bodies above 6 MB. */
export const PUT_REST_API_MAX_BYTES = 6 * 1024 * 1024;

export interface PutRestApiDocument {
  /** The OpenAPI 3 document as sent (JSON, compact). */
  text: string;
  bytes: number;
}

/** What the document can't say but one call afterwards can: a model's description (OpenAPI schemas have none of their own). */
export interface ModelDescriptionFix {
  model: string;
  description: string;
}

export type DocumentCheck =
  | { ok: true; document: PutRestApiDocument; modelDescriptions: ModelDescriptionFix[] }
  | { ok: false; reason: string; document?: PutRestApiDocument; lost?: DiffEntry[] };

/** The design as PutRestApi's body, or why it can't be sent that way. */
export function putRestApiDocument(given: ApiDesign, maxBytes = PUT_REST_API_MAX_BYTES): DocumentCheck {
  const design = withBuiltInModels(given);
  let text: string;
  try {
    text = JSON.stringify(exportOpenApi(design));
  } catch (e) {
    return { ok: false, reason: `the design can't be written as OpenAPI (${(e as Error).message})` };
  }
  const document = { text, bytes: Buffer.byteLength(text) };
  if (document.bytes > maxBytes)
    return { ok: false, document, reason: `its OpenAPI document is ${formatBytes(document.bytes)}, over PutRestApi's ${formatBytes(maxBytes)} limit` };
  let back;
  try {
    back = importOpenApiDocument(JSON.parse(text));
  } catch (e) {
    return { ok: false, document, reason: `API Gateway would refuse its OpenAPI document (${(e as Error).message})` };
  }
  if (back.warnings.length)
    return {
      ok: false,
      document,
      reason: `its OpenAPI document raises ${back.warnings.length} import warning(s) (first: ${back.warnings[0].pointer || "/"} ${back.warnings[0].message})`,
    };
  const described = modelWithUnwantedDescription(design);
  if (described) return { ok: false, document, reason: `model ${described} has no description but its schema has one, which AWS would make the model's` };
  const modelDescriptions: ModelDescriptionFix[] = [];
  const lost = diffDesigns(design, back.design).entries.filter((e) => {
    const onlyDescription = e.entity === "model" && e.kind === "changed" && e.fields.every((f) => f.path === "description");
    const description = design.models.find((m) => m.name === e.key)?.description;
    if (onlyDescription && description) modelDescriptions.push({ model: e.key, description });
    return !(onlyDescription && description);
  });
  if (lost.length)
    return {
      ok: false,
      document,
      lost,
      reason: `its OpenAPI document can't carry ${lost.length} part(s) of it (first: ${lost[0].entity} ${lost[0].key}${lost[0].fields[0] ? ` ${lost[0].fields[0].path}` : ""})`,
    };
  return { ok: true, document, modelDescriptions };
}

/**
 * An import makes a schema's top-level `description` its model's description (recorded by AWS; see
 * test/contract/facts/put-rest-api.ts). A model with a description gets it back with one UpdateModel
 * afterwards; a model without one would be left with the schema's, which only per-entity calls avoid.
 */
function modelWithUnwantedDescription(design: ApiDesign): string | undefined {
  for (const m of design.models) {
    if (m.description) continue;
    try {
      const schema = JSON.parse(m.schema) as unknown;
      if (schema && typeof schema === "object" && typeof (schema as { description?: unknown }).description === "string") return m.name;
    } catch {
      // Not JSON: the export refuses or keeps it as text elsewhere.
    }
  }
  return undefined;
}

/**
 * Every REST API comes with the models Empty and Error, and designs use them without defining
 * them. An overwrite removes every model its document doesn't define (AWS: "items from the existing
 * API that aren't specifically defined in the imported definition are deleted"), so the document
 * always carries both, with the schema AWS gives them: the live API keeps the same built-ins a
 * per-entity push leaves, and a later per-entity push may still refer to them.
 */
function withBuiltInModels(design: ApiDesign): ApiDesign {
  const defined = new Set(design.models.map((m) => m.name));
  const missing = Object.keys(BUILT_IN_MODEL_SCHEMAS).filter((name) => !defined.has(name));
  if (!missing.length) return design;
  return {
    ...design,
    models: [
      ...design.models,
      ...missing.map((name) => ({ id: `built-in-${name}`, name, contentType: "application/json", schema: BUILT_IN_MODEL_SCHEMAS[name] })),
    ],
  };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

/** What a push history or a progress line keeps of PutRestApi's input: never the whole document. */
export function redactPutRestApiParams(params: Record<string, unknown>): Record<string, unknown> {
  const body = params.body;
  if (typeof body !== "string") return params;
  return { ...params, body: `<OpenAPI document, ${formatBytes(Buffer.byteLength(body))}>` };
}
