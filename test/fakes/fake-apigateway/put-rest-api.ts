/**
 * FAKE API Gateway: PutRestApi (`PUT /restapis/{id}?mode=overwrite|merge&failonwarnings=…` with an
 * OpenAPI body in JSON or YAML). A test double, not product code.
 *
 * The body is read with Gatehouse's own `lib/openapi/import.ts` (the round-trip tests prove that
 * reader against AWS's example documents on their own), then replayed into the fake's state through
 * the fake's own handlers (CreateResource, PutMethod, PutIntegration …), so what PutRestApi leaves
 * behind is stored, validated and read back exactly as the per-entity calls would be.
 *
 * As AWS documents it:
 * - `overwrite`: the API becomes the document. Resources, methods, models, validators, authorizers
 *   and customised gateway responses not in it are removed; every resource gets a new id (the root
 *   keeps its own). API settings the document doesn't set return to their defaults.
 * - `merge` (the default): the document's methods replace the same methods; everything else stays.
 * - Neither changes the endpoint configuration (types, disableExecuteApiEndpoint), stages or
 *   stage variables; the API's name follows `info.title`.
 * - Errors in the document fail the call and change nothing; with `failonwarnings=true`, so do
 *   warnings (what the importer skips).
 * - Guess, not documented: the built-in `Empty` and `Error` models survive an overwrite unless the
 *   document defines them.
 */
import { parse as parseYaml } from "yaml";
import type { ApiDesign, Resource } from "../../../lib/model/design";
import { OpenApiImportError, importOpenApiDocument } from "../../../lib/openapi/import";
import { modelsInDependencyOrder } from "../../../lib/aws/push";
import type { FakeRestApi, FakeState, Json } from "./state";

type Call = (operation: string, params: Record<string, string>, body?: Json) => Json;

export interface PutRestApiRequest {
  restApiId: string;
  mode: string | null;
  failOnWarnings: boolean;
  raw: string;
  now: number;
}

export class PutRestApiError extends Error {
  constructor(message: string) {
    super(message);
  }
}

const BUILT_IN = ["Empty", "Error"];
const MAX_BODY_BYTES = 6 * 1024 * 1024;

function parseBody(raw: string): unknown {
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) throw new PutRestApiError("Request body is larger than the maximum allowed (6 MB)");
  const text = raw.trim();
  if (!text) throw new PutRestApiError("Invalid OpenAPI input: the request body is empty");
  try {
    return text.startsWith("{") ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new PutRestApiError(`Invalid OpenAPI input: ${(e as Error).message}`);
  }
}

/** Applies the document to `a` (a scratch copy the caller commits only on success). */
export function applyPutRestApi(a: FakeRestApi, req: PutRestApiRequest, call: Call): void {
  const mode = req.mode ?? "merge";
  if (mode !== "merge" && mode !== "overwrite") throw new PutRestApiError(`Invalid mode '${mode}': must be merge or overwrite`);
  let result;
  try {
    result = importOpenApiDocument(parseBody(req.raw));
  } catch (e) {
    if (e instanceof OpenApiImportError) throw new PutRestApiError(`Errors found during import:\n${e.issues.map((i) => `\t${i.pointer || "/"}: ${i.message}`).join("\n")}`);
    throw e;
  }
  if (req.failOnWarnings && result.warnings.length)
    throw new PutRestApiError(`Warnings found during import:\n${result.warnings.map((w) => `\t${w.pointer || "/"}: ${w.message}`).join("\n")}`);
  const design = result.design;
  const id = req.restApiId;
  const overwrite = mode === "overwrite";

  // ---- API settings (never the endpoint configuration)
  a.api.name = design.name;
  const settings: [string, unknown, boolean][] = [
    ["description", design.description || undefined, result.settings.includes("description")],
    ["binaryMediaTypes", design.binaryMediaTypes.length ? [...design.binaryMediaTypes] : undefined, result.settings.includes("binaryMediaTypes")],
    ["minimumCompressionSize", design.minimumCompressionSize ?? undefined, result.settings.includes("minimumCompressionSize")],
    ["apiKeySource", design.apiKeySource, result.settings.includes("apiKeySource")],
    ["policy", design.policy ?? undefined, result.settings.includes("policy")],
  ];
  for (const [key, value, inDocument] of settings) {
    if (!overwrite && !inDocument) continue;
    if (value === undefined) {
      if (key === "apiKeySource") a.api.apiKeySource = "HEADER";
      else delete a.api[key];
    } else a.api[key] = value;
  }

  // ---- Overwrite: clear what the document replaces
  const rootId = a.api.rootResourceId as string;
  if (overwrite) {
    for (const rid of [...a.resources.keys()]) if (rid !== rootId) a.resources.delete(rid);
    a.resources.get(rootId)!.resourceMethods = {};
    a.requestValidators.clear();
    a.authorizers.clear();
    a.gatewayResponses.clear();
    for (const name of [...a.models.keys()]) if (!BUILT_IN.includes(name)) a.models.delete(name);
  }

  // ---- Models, validators, authorizers, gateway responses
  for (const m of modelsInDependencyOrder(design.models)) {
    const body = { name: m.name, contentType: m.contentType, schema: m.schema, description: m.description };
    if (a.models.has(m.name)) {
      // merge (or a built-in redefined): the document's version wins
      a.models.set(m.name, { ...a.models.get(m.name)!, ...stripUndefined(body) });
      if (m.description === undefined) delete a.models.get(m.name)!.description;
    } else call("CreateModel", { restApiId: id }, body);
  }
  const validatorIds = new Map<string, string>();
  for (const v of design.requestValidators) {
    const existing = [...a.requestValidators.values()].find((x) => x.name === v.name);
    if (existing) {
      existing.validateRequestBody = v.validateRequestBody;
      existing.validateRequestParameters = v.validateRequestParameters;
      validatorIds.set(v.id, existing.id);
    } else validatorIds.set(v.id, call("CreateRequestValidator", { restApiId: id }, { name: v.name, validateRequestBody: v.validateRequestBody, validateRequestParameters: v.validateRequestParameters }).id);
  }
  const authorizerIds = new Map<string, string>();
  for (const au of design.authorizers) {
    const existing = [...a.authorizers.values()].find((x) => x.name === au.name);
    if (existing) a.authorizers.delete(existing.id);
    const created = call("CreateAuthorizer", { restApiId: id }, stripUndefined({ ...au, id: undefined }));
    if (existing) {
      // keep the id methods already refer to
      a.authorizers.delete(created.id);
      created.id = existing.id;
      a.authorizers.set(existing.id, created);
    }
    authorizerIds.set(au.id, created.id);
  }
  for (const g of design.gatewayResponses)
    call("PutGatewayResponse", { restApiId: id, responseType: g.responseType }, { statusCode: g.statusCode, responseParameters: g.responseParameters, responseTemplates: g.responseTemplates });

  // ---- Resources (by path), then the document's methods replace the same methods
  const awsIdOf = new Map<string, string>(); // design resource id → fake resource id
  const byPath = new Map([...a.resources.values()].map((r) => [r.path, r.id]));
  const designById = new Map(design.resources.map((r) => [r.id, r]));
  const pathOf = (r: Resource): string => {
    if (r.parentId === null) return "/";
    const parent = pathOf(designById.get(r.parentId)!);
    return parent === "/" ? `/${r.pathPart}` : `${parent}/${r.pathPart}`;
  };
  for (const r of inTreeOrder(design)) {
    const path = pathOf(r);
    let rid = byPath.get(path);
    if (!rid) {
      rid = call("CreateResource", { restApiId: id, parentId: awsIdOf.get(r.parentId!)! }, { pathPart: r.pathPart }).id as string;
      byPath.set(path, rid);
    }
    awsIdOf.set(r.id, rid);
    for (const [verb, m] of Object.entries(r.methods)) {
      const key = { restApiId: id, resourceId: rid, httpMethod: verb };
      delete a.resources.get(rid)!.resourceMethods[verb];
      call("PutMethod", key, {
        authorizationType: m.authorizationType,
        authorizerId: m.authorizerId ? authorizerIds.get(m.authorizerId) : undefined,
        authorizationScopes: m.authorizationScopes.length ? m.authorizationScopes : undefined,
        apiKeyRequired: m.apiKeyRequired,
        operationName: m.operationName,
        requestParameters: m.requestParameters,
        requestModels: m.requestModels,
        requestValidatorId: m.requestValidatorId ? validatorIds.get(m.requestValidatorId) : undefined,
      });
      for (const mr of Object.values(m.methodResponses))
        call("PutMethodResponse", { ...key, statusCode: mr.statusCode }, { responseParameters: mr.responseParameters, responseModels: mr.responseModels });
      const i = m.integration;
      if (!i) continue;
      call("PutIntegration", key, {
        type: i.type,
        httpMethod: i.type === "MOCK" ? undefined : i.httpMethod,
        uri: i.type === "MOCK" ? undefined : i.uri,
        connectionType: i.connectionType,
        connectionId: i.connectionId,
        credentials: i.credentials,
        requestParameters: i.requestParameters,
        requestTemplates: i.requestTemplates,
        passthroughBehavior: i.passthroughBehavior,
        contentHandling: i.contentHandling,
        timeoutInMillis: i.timeoutInMillis,
        cacheNamespace: i.cacheNamespace,
        cacheKeyParameters: i.cacheKeyParameters,
        tlsConfig: i.tlsConfig,
      });
      for (const ir of Object.values(i.integrationResponses))
        call("PutIntegrationResponse", { ...key, statusCode: ir.statusCode }, {
          selectionPattern: ir.selectionPattern,
          responseParameters: ir.responseParameters,
          responseTemplates: ir.responseTemplates,
          contentHandling: ir.contentHandling,
        });
    }
  }
}

function inTreeOrder(design: ApiDesign): Resource[] {
  const children = new Map<string | null, Resource[]>();
  for (const r of design.resources) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  const out: Resource[] = [];
  const visit = (parent: string | null) => {
    for (const r of children.get(parent) ?? []) {
      out.push(r);
      visit(r.id);
    }
  };
  visit(null);
  return out;
}

function stripUndefined(o: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

/** Runs the import on a copy of the API and swaps it in only if every step succeeded. */
export function putRestApi(state: FakeState, req: PutRestApiRequest, call: Call, notFound: () => Error): Json {
  const original = state.restApis.get(req.restApiId);
  if (!original) throw notFound();
  const scratch = structuredClone(original);
  state.restApis.set(req.restApiId, scratch);
  try {
    applyPutRestApi(scratch, req, call);
  } catch (e) {
    state.restApis.set(req.restApiId, original);
    throw e;
  }
  return scratch.api;
}
