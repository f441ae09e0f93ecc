/**
 * FAKE API Gateway: PutRestApi (`PUT /restapis/{id}?mode=overwrite|merge&failonwarnings=…&basepath=…`
 * with an OpenAPI body in JSON or YAML). A test double, not product code.
 *
 * The body is read by the fake's own reader (`openapi-reader.ts`, independent of Gatehouse's
 * `lib/openapi`), then replayed into the fake's state through the fake's own handlers (CreateResource,
 * PutMethod, PutIntegration …), so each entity is validated and stored as the per-entity call would
 * be. It runs on a copy of the API that replaces it only if every step succeeded (AWS: "When an error
 * occurs, the new API definition is discarded and no change is made to the existing API").
 *
 * What it does, fact by fact (test/contract/facts/put-rest-api.ts states each with its source):
 * - `overwrite`: the API becomes the document. Resources whose path the document lacks are removed,
 *   those it keeps keep their ids; every method, model (the built-in Empty/Error too — a guess),
 *   validator, authorizer and gateway response is replaced by the document's. Root settings the
 *   document doesn't state return to their defaults; binaryMediaTypes become the document's.
 * - `merge` (the default): the document's methods, models, validators, authorizers and gateway
 *   responses replace the same ones; everything else stays; binaryMediaTypes are added to.
 * - Neither changes the endpoint configuration, stages or stage variables. `info.title` renames
 *   the API, `info.version` is its `version`.
 * - Warnings (e.g. a non-string integration request parameter) come back in the RestApi's
 *   `warnings`; with `failonwarnings=true` they fail the call instead and change nothing.
 */
import type { FakeRestApi, FakeState, Json } from "./state";
import { type BasePathMode, type ImportPlan, ImportFailure, InvalidOpenApiInput, MODEL_REF_PREFIX, readOpenApi } from "./openapi-reader";
import type { PlannedOperation } from "./openapi-operations";

type Call = (operation: string, params: Record<string, string>, body?: Json) => Json;

export interface PutRestApiRequest {
  restApiId: string;
  mode: string | null;
  failOnWarnings: boolean;
  /** The `basepath` parameter: ignore (default), prepend or split. */
  basePath?: string | null;
  raw: string;
  now: number;
}

export class PutRestApiError extends Error {}

const MAX_BODY_BYTES = 6 * 1024 * 1024;
const BASE_PATH_MODES = ["ignore", "prepend", "split"];

function readPlan(req: PutRestApiRequest): ImportPlan {
  if (Buffer.byteLength(req.raw) > MAX_BODY_BYTES) throw new PutRestApiError("Request body is larger than the maximum allowed (6 MB)");
  const basePath = req.basePath ?? "ignore";
  if (!BASE_PATH_MODES.includes(basePath)) throw new PutRestApiError(`Invalid basepath '${basePath}': must be ignore, prepend or split`);
  let plan: ImportPlan;
  try {
    plan = readOpenApi(req.raw, basePath as BasePathMode);
  } catch (e) {
    if (e instanceof InvalidOpenApiInput) throw new PutRestApiError(e.message);
    if (e instanceof ImportFailure) throw new PutRestApiError(`Errors found during import:\n\t${e.message}`);
    throw e;
  }
  if (req.failOnWarnings && plan.warnings.length) throw new PutRestApiError(`Warnings found during import:\n\t${plan.warnings.join("\n\t")}`);
  return plan;
}

/** Runs one step through the fake's handler; a refusal fails the whole import, naming the step. */
function step(call: Call, what: string): Call {
  return (operation, params, body) => {
    try {
      return call(operation, params, body);
    } catch (e) {
      if (e instanceof Error && "status" in e) throw new PutRestApiError(`Errors found during import:\n\t${what}: ${e.message}`);
      throw e;
    }
  };
}

function applySettings(a: FakeRestApi, plan: ImportPlan, overwrite: boolean): void {
  const api = a.api;
  if (plan.title !== undefined) api.name = plan.title;
  const set = (key: string, value: unknown, fallback?: unknown) => {
    if (value !== undefined) api[key] = value;
    else if (overwrite && fallback !== undefined) api[key] = fallback;
    else if (overwrite) delete api[key];
  };
  set("version", plan.version);
  set("description", plan.description);
  set("minimumCompressionSize", plan.settings.minimumCompressionSize);
  set("apiKeySource", plan.settings.apiKeySource, "HEADER");
  set("policy", plan.settings.policy);
  const binary = plan.settings.binaryMediaTypes;
  if (overwrite) set("binaryMediaTypes", binary?.length ? binary : undefined);
  else if (binary?.length) api.binaryMediaTypes = [...new Set([...(api.binaryMediaTypes ?? []), ...binary])];
}

/** Overwrite: what the document replaces goes; resources on the document's paths (and their parents) stay with their ids. */
function clearForOverwrite(a: FakeRestApi, plan: ImportPlan): void {
  const kept = new Set(["/"]);
  for (const path of plan.paths) for (let p = path; p !== "/" && p !== ""; p = p.slice(0, p.lastIndexOf("/")) || "/") kept.add(p);
  for (const r of [...a.resources.values()]) {
    if (!kept.has(r.path)) a.resources.delete(r.id);
    else r.resourceMethods = {};
  }
  a.models.clear();
  a.requestValidators.clear();
  a.authorizers.clear();
  a.gatewayResponses.clear();
}

function realizeRefs(node: unknown, restApiId: string): unknown {
  if (Array.isArray(node)) return node.map((n) => realizeRefs(n, restApiId));
  if (typeof node !== "object" || node === null) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    const isRef = k === "$ref" && typeof v === "string" && v.startsWith(MODEL_REF_PREFIX);
    out[k] = isRef ? `https://apigateway.amazonaws.com/restapis/${restApiId}/models/${v.slice(MODEL_REF_PREFIX.length)}` : realizeRefs(v, restApiId);
  }
  return out;
}

/** Models may refer to each other in circles (AWS accepts that): every name exists before any schema is set. */
function applyModels(a: FakeRestApi, plan: ImportPlan, call: Call): void {
  const id = a.api.id as string;
  for (const m of plan.models)
    if (!a.models.has(m.name))
      step(call, `Unable to create model '${m.name}'`)("CreateModel", { restApiId: id }, { name: m.name, contentType: m.contentType, schema: "{}" });
  for (const m of plan.models) {
    const stored = a.models.get(m.name)!;
    stored.schema = JSON.stringify(realizeRefs(m.schema, id), null, 2);
    stored.contentType = m.contentType;
    if (m.description !== undefined) stored.description = m.description;
    else delete stored.description;
  }
}

function applyValidators(a: FakeRestApi, plan: ImportPlan, call: Call): Map<string, string> {
  const ids = new Map([...a.requestValidators.values()].map((v) => [v.name as string, v.id as string]));
  for (const v of plan.validators) {
    const existing = ids.get(v.name);
    if (existing) Object.assign(a.requestValidators.get(existing)!, v);
    else ids.set(v.name, step(call, `Unable to create request validator '${v.name}'`)("CreateRequestValidator", { restApiId: a.api.id }, v).id);
  }
  return ids;
}

function applyAuthorizers(a: FakeRestApi, plan: ImportPlan, call: Call): Map<string, string> {
  const ids = new Map([...a.authorizers.values()].map((x) => [x.name as string, x.id as string]));
  for (const body of plan.authorizers) {
    const created = step(call, `Unable to create authorizer '${body.name}'`)("CreateAuthorizer", { restApiId: a.api.id }, body);
    // Authorizers read from a document carry no TTL unless it says one (recorded for TOKEN and Cognito ones).
    if (body.authorizerResultTtlInSeconds === undefined) delete created.authorizerResultTtlInSeconds;
    const existing = ids.get(body.name);
    if (existing) {
      // merge: the document's authorizer replaces the one of that name, keeping the id methods use
      a.authorizers.delete(created.id);
      a.authorizers.set(existing, { ...created, id: existing });
    } else ids.set(body.name, created.id);
  }
  return ids;
}

function ensurePath(a: FakeRestApi, path: string, call: Call): string {
  const found = [...a.resources.values()].find((r) => r.path === path);
  if (found) return found.id;
  const cut = path.lastIndexOf("/");
  const parentId = ensurePath(a, cut === 0 ? "/" : path.slice(0, cut), call);
  const pathPart = path.slice(cut + 1);
  return step(call, `Unable to create resource at path '${path}'`)("CreateResource", { restApiId: a.api.id, parentId }, { pathPart }).id;
}

interface Ids {
  authorizers: Map<string, string>;
  validators: Map<string, string>;
}

function applyOperation(a: FakeRestApi, op: PlannedOperation, ids: Ids, call: Call): void {
  const resourceId = ensurePath(a, op.path, call);
  const key = { restApiId: a.api.id as string, resourceId, httpMethod: op.verb };
  const where = `'${op.verb}' for resource at path '${op.path}'`;
  const { authorizerName, requestValidatorName, ...method } = op.method;
  if (requestValidatorName !== undefined && !ids.validators.has(requestValidatorName))
    throw new PutRestApiError(`Errors found during import:\n\tUnable to put method ${where}: Invalid request validator name: ${requestValidatorName}`);
  delete a.resources.get(resourceId)!.resourceMethods[op.verb];
  step(call, `Unable to put method ${where}`)("PutMethod", key, {
    ...method,
    authorizerId: authorizerName === undefined ? undefined : ids.authorizers.get(authorizerName),
    requestValidatorId: requestValidatorName === undefined ? undefined : ids.validators.get(requestValidatorName),
  });
  for (const r of op.responses)
    step(call, `Unable to put method response ${r.statusCode} on ${where}`)("PutMethodResponse", { ...key, statusCode: r.statusCode }, r.body);
  if (!op.integration) return;
  step(call, `Unable to put integration on ${where}`)("PutIntegration", key, op.integration);
  for (const r of op.integrationResponses)
    step(call, `Unable to put integration response ${r.statusCode} on ${where}`)("PutIntegrationResponse", { ...key, statusCode: r.statusCode }, r.body);
}

/** Applies the document to `a` (a scratch copy the caller commits only on success); returns the warnings. */
export function applyPutRestApi(a: FakeRestApi, req: PutRestApiRequest, call: Call): string[] {
  const mode = req.mode ?? "merge";
  if (mode !== "merge" && mode !== "overwrite") throw new PutRestApiError(`Invalid mode '${mode}': must be merge or overwrite`);
  const plan = readPlan(req);
  const overwrite = mode === "overwrite";
  applySettings(a, plan, overwrite);
  if (overwrite) clearForOverwrite(a, plan);
  applyModels(a, plan, call);
  const ids = { validators: applyValidators(a, plan, call), authorizers: applyAuthorizers(a, plan, call) };
  for (const g of plan.gatewayResponses)
    step(call, `Unable to put gateway response '${g.responseType}'`)("PutGatewayResponse", { restApiId: a.api.id, responseType: g.responseType }, g.body);
  for (const path of plan.paths) ensurePath(a, path, call);
  for (const op of plan.operations) applyOperation(a, op, ids, call);
  return plan.warnings;
}

/** Runs the import on a copy of the API and swaps it in only if every step succeeded; answers the RestApi (with `warnings` if any). */
export function putRestApi(state: FakeState, req: PutRestApiRequest, call: Call, notFound: () => Error): Json {
  const original = state.restApis.get(req.restApiId);
  if (!original) throw notFound();
  const scratch = structuredClone(original);
  state.restApis.set(req.restApiId, scratch);
  let warnings: string[];
  try {
    warnings = applyPutRestApi(scratch, req, call);
  } catch (e) {
    state.restApis.set(req.restApiId, original);
    throw e;
  }
  return warnings.length ? { ...scratch.api, warnings } : scratch.api;
}
