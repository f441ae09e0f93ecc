/**
 * FAKE API Gateway: the control-plane operations, one handler per SDK operation name, answering
 * with the JSON bodies and errors (messages copied from AWS where known) the real service sends.
 * A test double, not product code.
 */
import {
  type FakeResource,
  type FakeRestApi,
  type FakeState,
  type FieldKind,
  type Json,
  type PatchOperation,
  PatchError,
  applyPatch,
  decodePointer,
} from "./state";
import { fakeTestInvoke, TestInvokeError } from "./test-invoke";
import { PutRestApiError, putRestApi } from "./put-rest-api";
import { stageHandlers } from "./stages";

/** Drops undefined values and empty maps/lists, as the SDK leaves unset fields out of a request. */
function compactBody(o: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out;
}

export class FakeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (m: string) => new FakeApiError(404, "NotFoundException", m);
export const badRequest = (m: string) => new FakeApiError(400, "BadRequestException", m);
export const conflict = (m: string) => new FakeApiError(409, "ConflictException", m);

export interface HandlerRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Json;
  /** The request body as sent (PutRestApi's OpenAPI document). */
  raw?: string;
  now: number; // ms, fake clock
}
export interface HandlerResult {
  status: number;
  body?: unknown;
}
export type Handler = (state: FakeState, req: HandlerRequest) => HandlerResult;

const VERBS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"];
const AUTH_TYPES = ["NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS"];
const INTEGRATION_TYPES = ["MOCK", "HTTP", "HTTP_PROXY", "AWS", "AWS_PROXY"];
const PASSTHROUGH = ["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"];
const PATH_PART = /^([A-Za-z0-9\-._~:@!$&'()*+,;=]+|\{[A-Za-z0-9._\-]+\+?\})$/;

export const secs = (ms: number) => Math.floor(ms / 1000);

export function api(state: FakeState, id: string): FakeRestApi {
  const a = state.restApis.get(id);
  if (!a) throw notFound("Invalid API identifier specified " + id);
  return a;
}
function resource(a: FakeRestApi, id: string): FakeResource {
  const r = a.resources.get(id);
  if (!r) throw notFound("Invalid Resource identifier specified");
  return r;
}
function method(a: FakeRestApi, rid: string, verb: string): Json {
  const m = resource(a, rid).resourceMethods[verb];
  if (!m) throw notFound("Invalid Method identifier specified");
  return m;
}
function integration(a: FakeRestApi, rid: string, verb: string): Json {
  const i = method(a, rid, verb).methodIntegration;
  if (!i) throw notFound("Invalid Integration identifier specified");
  return i;
}

export function patch(target: Json, body: Json, fields: Record<string, FieldKind>, entity: string) {
  try {
    applyPatch(target, body.patchOperations as PatchOperation[], fields, entity);
  } catch (e) {
    if (e instanceof PatchError) throw badRequest(e.message);
    throw e;
  }
}

export function pick(body: Json, keys: string[]): Json {
  const out: Json = {};
  for (const k of keys) if (body[k] !== undefined && body[k] !== null) out[k] = structuredClone(body[k]);
  return out;
}

export function paginate<T>(items: T[], query: URLSearchParams, defaultLimit = 25): { item: T[]; position?: string } {
  const limit = query.has("limit") ? Number(query.get("limit")) : defaultLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw badRequest("1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value less than or equal to 500");
  const pos = query.get("position");
  let start = 0;
  if (pos) {
    const m = /^p([0-9a-z]+)$/.exec(pos);
    if (!m) throw badRequest("Invalid position parameter");
    start = parseInt(m[1], 36);
  }
  const page = items.slice(start, start + limit);
  const next = start + limit < items.length ? "p" + (start + limit).toString(36) : undefined;
  return next ? { item: page, position: next } : { item: page };
}

function resourceJson(r: FakeResource, embed: boolean): Json {
  const out: Json = { id: r.id, path: r.path };
  if (r.parentId) out.parentId = r.parentId;
  if (r.pathPart !== undefined) out.pathPart = r.pathPart;
  const verbs = Object.keys(r.resourceMethods);
  if (verbs.length) {
    out.resourceMethods = {};
    for (const v of verbs) out.resourceMethods[v] = embed ? structuredClone(r.resourceMethods[v]) : {};
  }
  return out;
}

function checkModels(a: FakeRestApi, models: Json | undefined) {
  for (const name of Object.values(models ?? {})) {
    if (!a.models.has(String(name))) throw badRequest(`Invalid model identifier specified: ${name}`);
  }
}

function checkMethodRefs(a: FakeRestApi, m: Json) {
  if (!AUTH_TYPES.includes(m.authorizationType)) throw badRequest("Invalid authorization type specified. Valid values are NONE, AWS_IAM, CUSTOM, COGNITO_USER_POOLS");
  if (m.authorizationType === "CUSTOM" || m.authorizationType === "COGNITO_USER_POOLS") {
    if (!m.authorizerId || !a.authorizers.has(m.authorizerId))
      throw badRequest(`Invalid authorizer ID specified. Setting the authorization type to ${m.authorizationType} requires a valid authorizer.`);
  }
  if (m.requestValidatorId && !a.requestValidators.has(m.requestValidatorId)) throw badRequest("Invalid Request Validator identifier specified");
  checkModels(a, m.requestModels);
}

function checkIntegration(i: Json) {
  if (!INTEGRATION_TYPES.includes(i.type)) throw badRequest("Invalid integration type specified");
  if (i.type !== "MOCK") {
    if (!i.httpMethod) throw badRequest("Enumeration value for HttpMethod must be non-empty");
    if (!i.uri) throw badRequest("Invalid HTTP endpoint specified for URI");
    if ((i.type === "HTTP" || i.type === "HTTP_PROXY") && !/^https?:\/\//.test(i.uri)) throw badRequest("Invalid HTTP endpoint specified for URI");
    if ((i.type === "AWS" || i.type === "AWS_PROXY") && !String(i.uri).startsWith("arn:aws:apigateway:"))
      throw badRequest("AWS ARN for integration must contain path or action");
  }
  if (i.timeoutInMillis !== undefined && (i.timeoutInMillis < 50 || i.timeoutInMillis > 29000)) throw badRequest("Timeout should be between 50 ms and 29000 ms");
  if (i.passthroughBehavior !== undefined && !PASSTHROUGH.includes(i.passthroughBehavior)) throw badRequest("Invalid passthrough behavior specified");
}

const METHOD_FIELDS: Record<string, FieldKind> = {
  authorizationType: "string",
  authorizerId: "string",
  apiKeyRequired: "bool",
  requestValidatorId: "string",
  operationName: "string",
  requestParameters: "boolMap",
  requestModels: "stringMap",
  authorizationScopes: "stringList",
};
const METHOD_RESPONSE_FIELDS: Record<string, FieldKind> = { responseParameters: "boolMap", responseModels: "stringMap" };
const INTEGRATION_FIELDS: Record<string, FieldKind> = {
  httpMethod: "string",
  uri: "string",
  connectionType: "string",
  connectionId: "string",
  credentials: "string",
  requestParameters: "stringMap",
  requestTemplates: "stringMap",
  passthroughBehavior: "string",
  contentHandling: "string",
  timeoutInMillis: "int",
  cacheNamespace: "string",
  cacheKeyParameters: "stringList",
  tlsConfig: "string",
};
const INTEGRATION_RESPONSE_FIELDS: Record<string, FieldKind> = {
  selectionPattern: "string",
  responseParameters: "stringMap",
  responseTemplates: "stringMap",
  contentHandling: "string",
};
const MODEL_FIELDS: Record<string, FieldKind> = { schema: "string", description: "string" };
const VALIDATOR_FIELDS: Record<string, FieldKind> = { name: "string", validateRequestBody: "bool", validateRequestParameters: "bool" };
const AUTHORIZER_FIELDS: Record<string, FieldKind> = {
  name: "string",
  type: "string",
  authType: "string",
  authorizerUri: "string",
  authorizerCredentials: "string",
  identitySource: "string",
  identityValidationExpression: "string",
  authorizerResultTtlInSeconds: "int",
  providerARNs: "stringList",
};
const GATEWAY_RESPONSE_FIELDS: Record<string, FieldKind> = { statusCode: "string", responseParameters: "stringMap", responseTemplates: "stringMap" };
const REST_API_FIELDS: Record<string, FieldKind> = {
  name: "string",
  description: "string",
  binaryMediaTypes: "stringList",
  minimumCompressionSize: "int",
  apiKeySource: "string",
  policy: "string",
  disableExecuteApiEndpoint: "bool",
};
function newRestApi(state: FakeState, body: Json, now: number): FakeRestApi {
  if (!body.name) throw badRequest("Invalid REST API name specified");
  const id = state.newId(10);
  const rootId = state.newId(10);
  const types = body.endpointConfiguration?.types ?? ["EDGE"];
  const restApi: Json = {
    id,
    name: body.name,
    createdDate: secs(now),
    apiKeySource: body.apiKeySource ?? "HEADER",
    endpointConfiguration: { types, ...(types.includes("PRIVATE") && body.endpointConfiguration?.vpcEndpointIds ? { vpcEndpointIds: body.endpointConfiguration.vpcEndpointIds } : {}) },
    disableExecuteApiEndpoint: body.disableExecuteApiEndpoint ?? false,
    rootResourceId: rootId,
    ...pick(body, ["description", "version", "binaryMediaTypes", "minimumCompressionSize", "policy", "tags"]),
  };
  const a: FakeRestApi = {
    api: restApi,
    resources: new Map([[rootId, { id: rootId, path: "/", resourceMethods: {} }]]),
    models: new Map(),
    requestValidators: new Map(),
    authorizers: new Map(),
    gatewayResponses: new Map(),
    deployments: new Map(),
    stages: new Map(),
  };
  // AWS adds these two models to every new REST API.
  a.models.set("Empty", { id: state.newId(6), name: "Empty", description: "This is a default empty schema model", contentType: "application/json", schema: '{\n  "$schema": "http://json-schema.org/draft-04/schema#",\n  "title" : "Empty Schema",\n  "type" : "object"\n}' });
  a.models.set("Error", { id: state.newId(6), name: "Error", description: "This is a default error schema model", contentType: "application/json", schema: '{\n  "$schema" : "http://json-schema.org/draft-04/schema#",\n  "title" : "Error Schema",\n  "type" : "object",\n  "properties" : {\n    "message" : { "type" : "string" }\n  }\n}' });
  state.restApis.set(id, a);
  return a;
}

function deleteSubtree(a: FakeRestApi, id: string) {
  for (const r of [...a.resources.values()]) if (r.parentId === id) deleteSubtree(a, r.id);
  a.resources.delete(id);
}

export const handlers: Record<string, Handler> = {
  // ---- REST APIs
  CreateRestApi: (s, r) => ({ status: 201, body: newRestApi(s, r.body, r.now).api }),
  GetRestApis: (s, r) => ({ status: 200, body: paginate([...s.restApis.values()].map((a) => a.api), r.query) }),
  GetRestApi: (s, r) => ({ status: 200, body: api(s, r.params.restApiId).api }),
  UpdateRestApi: (s, r) => {
    const a = api(s, r.params.restApiId);
    const ops: PatchOperation[] = [];
    for (const op of (r.body.patchOperations ?? []) as PatchOperation[]) {
      const segs = decodePointer(op.path);
      if (segs[0] === "endpointConfiguration" && segs[1] === "types") {
        a.api.endpointConfiguration = { ...a.api.endpointConfiguration, types: [op.value] };
        continue;
      }
      ops.push(op);
    }
    patch(a.api, { patchOperations: ops }, REST_API_FIELDS, "restapi");
    return { status: 200, body: a.api };
  },
  DeleteRestApi: (s, r) => {
    api(s, r.params.restApiId);
    s.restApis.delete(r.params.restApiId);
    return { status: 202 };
  },
  PutRestApi: (s, r) => {
    // Each step goes through the fake's own handler, so it is validated and stored as the per-entity call would be.
    const call = (operation: string, params: Record<string, string>, body: Json = {}) => handlers[operation](s, { params, query: new URLSearchParams(), body: compactBody(body), now: r.now }).body as Json;
    try {
      const restApi = putRestApi(s, { restApiId: r.params.restApiId, mode: r.query.get("mode"), failOnWarnings: r.query.get("failonwarnings") === "true", basePath: r.query.get("basepath"), raw: r.raw ?? "", now: r.now }, call, () => notFound("Invalid API identifier specified " + r.params.restApiId));
      return { status: 200, body: restApi };
    } catch (e) {
      if (e instanceof PutRestApiError) throw badRequest(e.message);
      throw e;
    }
  },

  // ---- Resources
  GetResources: (s, r) => {
    const a = api(s, r.params.restApiId);
    const embed = r.query.getAll("embed").some((e) => e.split(",").includes("methods"));
    return { status: 200, body: paginate([...a.resources.values()].map((x) => resourceJson(x, embed)), r.query) };
  },
  GetResource: (s, r) => {
    const a = api(s, r.params.restApiId);
    const embed = r.query.getAll("embed").some((e) => e.split(",").includes("methods"));
    return { status: 200, body: resourceJson(resource(a, r.params.resourceId), embed) };
  },
  CreateResource: (s, r) => {
    const a = api(s, r.params.restApiId);
    const parent = resource(a, r.params.parentId);
    const part = String(r.body.pathPart ?? "");
    if (!PATH_PART.test(part))
      throw badRequest("Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.");
    if (/\+\}$/.test(parent.pathPart ?? "")) throw badRequest(`A greedy path variable ${parent.pathPart} must be the last part of a path`);
    const siblings = [...a.resources.values()].filter((x) => x.parentId === parent.id);
    if (siblings.some((x) => x.pathPart === part)) throw conflict(`Another resource with the same parent already has this name: ${part}`);
    const otherVar = siblings.find((x) => x.pathPart?.startsWith("{"));
    if (part.startsWith("{") && otherVar)
      throw badRequest(`A sibling (${otherVar.pathPart}) of this resource already has a variable path part -- only one is allowed`);
    if (a.resources.size >= 300) throw new FakeApiError(429, "LimitExceededException", "Maximum number of Resources for this API has been reached");
    const res: FakeResource = {
      id: s.newId(6),
      parentId: parent.id,
      pathPart: part,
      path: (parent.path === "/" ? "" : parent.path) + "/" + part,
      resourceMethods: {},
    };
    a.resources.set(res.id, res);
    return { status: 201, body: resourceJson(res, false) };
  },
  DeleteResource: (s, r) => {
    const a = api(s, r.params.restApiId);
    const res = resource(a, r.params.resourceId);
    if (!res.parentId) throw badRequest("Cannot delete the root resource");
    deleteSubtree(a, res.id);
    return { status: 202 };
  },

  // ---- Methods
  PutMethod: (s, r) => {
    const a = api(s, r.params.restApiId);
    const res = resource(a, r.params.resourceId);
    const verb = r.params.httpMethod;
    if (!VERBS.includes(verb)) throw badRequest("Invalid HTTP method specified");
    if (res.resourceMethods[verb]) throw conflict("Method already exists for this resource");
    const m: Json = {
      httpMethod: verb,
      authorizationType: r.body.authorizationType,
      apiKeyRequired: r.body.apiKeyRequired ?? false,
      ...pick(r.body, ["authorizerId", "operationName", "requestParameters", "requestModels", "requestValidatorId", "authorizationScopes"]),
    };
    checkMethodRefs(a, m);
    res.resourceMethods[verb] = m;
    return { status: 201, body: m };
  },
  GetMethod: (s, r) => ({ status: 200, body: method(api(s, r.params.restApiId), r.params.resourceId, r.params.httpMethod) }),
  UpdateMethod: (s, r) => {
    const a = api(s, r.params.restApiId);
    const m = method(a, r.params.resourceId, r.params.httpMethod);
    const copy = structuredClone(m);
    patch(copy, r.body, METHOD_FIELDS, "method");
    checkMethodRefs(a, copy);
    Object.keys(m).forEach((k) => delete m[k]);
    Object.assign(m, copy);
    return { status: 200, body: m };
  },
  DeleteMethod: (s, r) => {
    const a = api(s, r.params.restApiId);
    method(a, r.params.resourceId, r.params.httpMethod);
    delete resource(a, r.params.resourceId).resourceMethods[r.params.httpMethod];
    return { status: 204 };
  },

  // ---- Method responses
  PutMethodResponse: (s, r) => {
    const a = api(s, r.params.restApiId);
    const m = method(a, r.params.resourceId, r.params.httpMethod);
    const code = r.params.statusCode;
    if (!/^[1-5]\d\d$/.test(code)) throw badRequest("Invalid status code specified");
    m.methodResponses ??= {};
    if (m.methodResponses[code]) throw conflict("Response already exists for this resource");
    checkModels(a, r.body.responseModels);
    const mr: Json = { statusCode: code, ...pick(r.body, ["responseParameters", "responseModels"]) };
    m.methodResponses[code] = mr;
    return { status: 201, body: mr };
  },
  GetMethodResponse: (s, r) => {
    const mr = method(api(s, r.params.restApiId), r.params.resourceId, r.params.httpMethod).methodResponses?.[r.params.statusCode];
    if (!mr) throw notFound("Invalid Response status code specified");
    return { status: 200, body: mr };
  },
  UpdateMethodResponse: (s, r) => {
    const a = api(s, r.params.restApiId);
    const mr = method(a, r.params.resourceId, r.params.httpMethod).methodResponses?.[r.params.statusCode];
    if (!mr) throw notFound("Invalid Response status code specified");
    const copy = structuredClone(mr);
    patch(copy, r.body, METHOD_RESPONSE_FIELDS, "method response");
    checkModels(a, copy.responseModels);
    Object.keys(mr).forEach((k) => delete mr[k]);
    Object.assign(mr, copy);
    return { status: 201, body: mr };
  },
  DeleteMethodResponse: (s, r) => {
    const m = method(api(s, r.params.restApiId), r.params.resourceId, r.params.httpMethod);
    if (!m.methodResponses?.[r.params.statusCode]) throw notFound("Invalid Response status code specified");
    delete m.methodResponses[r.params.statusCode];
    if (Object.keys(m.methodResponses).length === 0) delete m.methodResponses;
    return { status: 204 };
  },

  // ---- Integrations
  PutIntegration: (s, r) => {
    const a = api(s, r.params.restApiId);
    const m = method(a, r.params.resourceId, r.params.httpMethod);
    const b = r.body;
    const i: Json = {
      type: b.type,
      ...pick(b, ["httpMethod", "uri", "connectionType", "connectionId", "credentials", "requestParameters", "requestTemplates", "contentHandling", "tlsConfig"]),
      passthroughBehavior: b.passthroughBehavior ?? "WHEN_NO_MATCH",
      timeoutInMillis: b.timeoutInMillis ?? 29000,
      cacheNamespace: b.cacheNamespace ?? r.params.resourceId,
      cacheKeyParameters: b.cacheKeyParameters ?? [],
    };
    if (i.type === "MOCK") delete i.httpMethod;
    else i.connectionType ??= "INTERNET";
    checkIntegration(i);
    // Overwriting an integration drops its integration responses (they must be put again).
    m.methodIntegration = i;
    return { status: 201, body: i };
  },
  GetIntegration: (s, r) => ({ status: 200, body: integration(api(s, r.params.restApiId), r.params.resourceId, r.params.httpMethod) }),
  UpdateIntegration: (s, r) => {
    const i = integration(api(s, r.params.restApiId), r.params.resourceId, r.params.httpMethod);
    const copy = structuredClone(i);
    patch(copy, r.body, INTEGRATION_FIELDS, "integration");
    checkIntegration(copy);
    Object.keys(i).forEach((k) => delete i[k]);
    Object.assign(i, copy);
    return { status: 200, body: i };
  },
  DeleteIntegration: (s, r) => {
    const m = method(api(s, r.params.restApiId), r.params.resourceId, r.params.httpMethod);
    if (!m.methodIntegration) throw notFound("Invalid Integration identifier specified");
    delete m.methodIntegration;
    return { status: 204 };
  },

  // ---- Integration responses
  PutIntegrationResponse: (s, r) => {
    const a = api(s, r.params.restApiId);
    const m = method(a, r.params.resourceId, r.params.httpMethod);
    const i = integration(a, r.params.resourceId, r.params.httpMethod);
    const code = r.params.statusCode;
    if (!m.methodResponses?.[code]) throw notFound("Invalid Response status code specified");
    if (r.body.selectionPattern) {
      try {
        new RegExp(r.body.selectionPattern);
      } catch {
        throw badRequest(`Invalid selection pattern specified for integration response: ${r.body.selectionPattern}`);
      }
    }
    const ir: Json = { statusCode: code, ...pick(r.body, ["selectionPattern", "responseParameters", "responseTemplates", "contentHandling"]) };
    i.integrationResponses ??= {};
    i.integrationResponses[code] = ir;
    return { status: 201, body: ir };
  },
  GetIntegrationResponse: (s, r) => {
    const ir = integration(api(s, r.params.restApiId), r.params.resourceId, r.params.httpMethod).integrationResponses?.[r.params.statusCode];
    if (!ir) throw notFound("Invalid Response status code specified");
    return { status: 200, body: ir };
  },
  UpdateIntegrationResponse: (s, r) => {
    const ir = integration(api(s, r.params.restApiId), r.params.resourceId, r.params.httpMethod).integrationResponses?.[r.params.statusCode];
    if (!ir) throw notFound("Invalid Response status code specified");
    patch(ir, r.body, INTEGRATION_RESPONSE_FIELDS, "integration response");
    return { status: 200, body: ir };
  },
  DeleteIntegrationResponse: (s, r) => {
    const i = integration(api(s, r.params.restApiId), r.params.resourceId, r.params.httpMethod);
    if (!i.integrationResponses?.[r.params.statusCode]) throw notFound("Invalid Response status code specified");
    delete i.integrationResponses[r.params.statusCode];
    if (Object.keys(i.integrationResponses).length === 0) delete i.integrationResponses;
    return { status: 204 };
  },

  // ---- Models
  CreateModel: (s, r) => {
    const a = api(s, r.params.restApiId);
    const name = String(r.body.name ?? "");
    if (!/^[A-Za-z0-9]+$/.test(name)) throw badRequest("Model name must be alphanumeric");
    if (!r.body.contentType) throw badRequest("Content type must be specified");
    if (a.models.has(name)) throw conflict("Model name already exists for this REST API");
    if (r.body.schema !== undefined) {
      try {
        JSON.parse(r.body.schema);
      } catch {
        throw badRequest("Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]");
      }
    }
    for (const ref of String(r.body.schema ?? "").matchAll(/\/models\/([A-Za-z0-9]+)/g))
      if (!a.models.has(ref[1])) throw badRequest(`Invalid model specified: Validation Result: warnings : [], errors : [Invalid model name specified: ${ref[1]}]`);
    const m: Json = { id: s.newId(6), name, ...pick(r.body, ["description", "schema", "contentType"]) };
    a.models.set(name, m);
    return { status: 201, body: m };
  },
  GetModels: (s, r) => ({ status: 200, body: paginate([...api(s, r.params.restApiId).models.values()], r.query) }),
  GetModel: (s, r) => {
    const m = api(s, r.params.restApiId).models.get(r.params.modelName);
    if (!m) throw notFound("Invalid model name specified: " + r.params.modelName);
    return { status: 200, body: m };
  },
  UpdateModel: (s, r) => {
    const m = api(s, r.params.restApiId).models.get(r.params.modelName);
    if (!m) throw notFound("Invalid model name specified: " + r.params.modelName);
    patch(m, r.body, MODEL_FIELDS, "model");
    return { status: 200, body: m };
  },
  DeleteModel: (s, r) => {
    const a = api(s, r.params.restApiId);
    const name = r.params.modelName;
    if (!a.models.has(name)) throw notFound("Invalid model name specified: " + name);
    for (const res of a.resources.values()) {
      for (const [verb, m] of Object.entries(res.resourceMethods)) {
        if (Object.values(m.requestModels ?? {}).includes(name)) throw conflict(`Cannot delete model '${name}', is referenced in method request: ${res.path}/${verb}`);
        for (const mr of Object.values<Json>(m.methodResponses ?? {}))
          if (Object.values(mr.responseModels ?? {}).includes(name))
            throw conflict(`Cannot delete model '${name}', is referenced in method response: ${res.path}/${verb}/${mr.statusCode}`);
      }
    }
    a.models.delete(name);
    return { status: 202 };
  },

  // ---- Request validators
  CreateRequestValidator: (s, r) => {
    const a = api(s, r.params.restApiId);
    if (r.body.name && [...a.requestValidators.values()].some((v) => v.name === r.body.name)) throw conflict("Validator with the same name already exists");
    const v: Json = { id: s.newId(6), ...pick(r.body, ["name"]), validateRequestBody: r.body.validateRequestBody ?? false, validateRequestParameters: r.body.validateRequestParameters ?? false };
    a.requestValidators.set(v.id, v);
    return { status: 201, body: v };
  },
  GetRequestValidators: (s, r) => ({ status: 200, body: paginate([...api(s, r.params.restApiId).requestValidators.values()], r.query) }),
  GetRequestValidator: (s, r) => {
    const v = api(s, r.params.restApiId).requestValidators.get(r.params.requestValidatorId);
    if (!v) throw notFound("Invalid Request Validator identifier specified");
    return { status: 200, body: v };
  },
  UpdateRequestValidator: (s, r) => {
    const v = api(s, r.params.restApiId).requestValidators.get(r.params.requestValidatorId);
    if (!v) throw notFound("Invalid Request Validator identifier specified");
    patch(v, r.body, VALIDATOR_FIELDS, "request validator");
    return { status: 200, body: v };
  },
  DeleteRequestValidator: (s, r) => {
    const a = api(s, r.params.restApiId);
    if (!a.requestValidators.has(r.params.requestValidatorId)) throw notFound("Invalid Request Validator identifier specified");
    for (const res of a.resources.values())
      for (const m of Object.values(res.resourceMethods))
        if (m.requestValidatorId === r.params.requestValidatorId) throw conflict("Cannot delete request validator, it is in use by a method: " + res.path);
    a.requestValidators.delete(r.params.requestValidatorId);
    return { status: 202 };
  },

  // ---- Authorizers
  CreateAuthorizer: (s, r) => {
    const a = api(s, r.params.restApiId);
    if (!["TOKEN", "REQUEST", "COGNITO_USER_POOLS"].includes(r.body.type)) throw badRequest("Invalid authorizer type specified");
    if (!r.body.name) throw badRequest("Authorizer name must be specified");
    if (a.authorizers.size >= 10) throw new FakeApiError(429, "LimitExceededException", "Maximum number of Authorizers for this API has been reached");
    const au: Json = {
      id: s.newId(6),
      ...pick(r.body, ["name", "type", "providerARNs", "authType", "authorizerUri", "authorizerCredentials", "identitySource", "identityValidationExpression"]),
      authorizerResultTtlInSeconds: r.body.authorizerResultTtlInSeconds ?? 300,
    };
    a.authorizers.set(au.id, au);
    return { status: 201, body: au };
  },
  GetAuthorizers: (s, r) => ({ status: 200, body: paginate([...api(s, r.params.restApiId).authorizers.values()], r.query) }),
  GetAuthorizer: (s, r) => {
    const au = api(s, r.params.restApiId).authorizers.get(r.params.authorizerId);
    if (!au) throw notFound("Invalid Authorizer identifier specified");
    return { status: 200, body: au };
  },
  UpdateAuthorizer: (s, r) => {
    const au = api(s, r.params.restApiId).authorizers.get(r.params.authorizerId);
    if (!au) throw notFound("Invalid Authorizer identifier specified");
    patch(au, r.body, AUTHORIZER_FIELDS, "authorizer");
    return { status: 200, body: au };
  },
  DeleteAuthorizer: (s, r) => {
    const a = api(s, r.params.restApiId);
    if (!a.authorizers.has(r.params.authorizerId)) throw notFound("Invalid Authorizer identifier specified");
    for (const res of a.resources.values())
      for (const [verb, m] of Object.entries(res.resourceMethods))
        if (m.authorizerId === r.params.authorizerId) throw conflict(`Cannot delete authorizer, is referenced in method: ${verb} ${res.path}`);
    a.authorizers.delete(r.params.authorizerId);
    return { status: 202 };
  },

  // ---- Gateway responses (only customised ones are stored; GET of a standard type answers its default)
  PutGatewayResponse: (s, r) => {
    const a = api(s, r.params.restApiId);
    const g: Json = { responseType: r.params.responseType, ...pick(r.body, ["statusCode", "responseParameters", "responseTemplates"]), defaultResponse: false };
    a.gatewayResponses.set(g.responseType, g);
    return { status: 201, body: g };
  },
  GetGatewayResponses: (s, r) => ({ status: 200, body: paginate([...api(s, r.params.restApiId).gatewayResponses.values()], r.query) }),
  GetGatewayResponse: (s, r) => {
    const g = api(s, r.params.restApiId).gatewayResponses.get(r.params.responseType);
    return { status: 200, body: g ?? { responseType: r.params.responseType, defaultResponse: true, responseParameters: {}, responseTemplates: { "application/json": '{"message":$context.error.messageString}' } } };
  },
  UpdateGatewayResponse: (s, r) => {
    const a = api(s, r.params.restApiId);
    const g = a.gatewayResponses.get(r.params.responseType) ?? { responseType: r.params.responseType, defaultResponse: false };
    patch(g, r.body, GATEWAY_RESPONSE_FIELDS, "gateway response");
    g.defaultResponse = false;
    a.gatewayResponses.set(g.responseType, g);
    return { status: 200, body: g };
  },
  DeleteGatewayResponse: (s, r) => {
    const a = api(s, r.params.restApiId);
    if (!a.gatewayResponses.has(r.params.responseType)) throw notFound("Invalid gateway response type specified");
    a.gatewayResponses.delete(r.params.responseType);
    return { status: 202 };
  },

  ...stageHandlers,

  // ---- Test invoke (a simpler rule than AWS's; see test-invoke.ts)
  TestInvokeMethod: (s, r) => {
    const a = api(s, r.params.restApiId);
    try {
      return { status: 200, body: fakeTestInvoke(a, resource(a, r.params.resourceId), r.params.httpMethod, r.body, r.now) };
    } catch (e) {
      if (e instanceof TestInvokeError) throw new FakeApiError(e.status, e.type, e.message);
      throw e;
    }
  },
};

/** [method, path pattern, operation]; `{x}` binds one URL-decoded segment. */
export const routes: [string, string, string][] = [
  ["POST", "/restapis", "CreateRestApi"],
  ["GET", "/restapis", "GetRestApis"],
  ["GET", "/restapis/{restApiId}", "GetRestApi"],
  ["PATCH", "/restapis/{restApiId}", "UpdateRestApi"],
  ["DELETE", "/restapis/{restApiId}", "DeleteRestApi"],
  ["PUT", "/restapis/{restApiId}", "PutRestApi"],
  ["GET", "/restapis/{restApiId}/resources", "GetResources"],
  ["GET", "/restapis/{restApiId}/resources/{resourceId}", "GetResource"],
  ["POST", "/restapis/{restApiId}/resources/{parentId}", "CreateResource"],
  ["DELETE", "/restapis/{restApiId}/resources/{resourceId}", "DeleteResource"],
  ["PUT", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}", "PutMethod"],
  ["GET", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}", "GetMethod"],
  ["PATCH", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}", "UpdateMethod"],
  ["DELETE", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}", "DeleteMethod"],
  ["POST", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}", "TestInvokeMethod"],
  ["PUT", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/responses/{statusCode}", "PutMethodResponse"],
  ["GET", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/responses/{statusCode}", "GetMethodResponse"],
  ["PATCH", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/responses/{statusCode}", "UpdateMethodResponse"],
  ["DELETE", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/responses/{statusCode}", "DeleteMethodResponse"],
  ["PUT", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration", "PutIntegration"],
  ["GET", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration", "GetIntegration"],
  ["PATCH", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration", "UpdateIntegration"],
  ["DELETE", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration", "DeleteIntegration"],
  ["PUT", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration/responses/{statusCode}", "PutIntegrationResponse"],
  ["GET", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration/responses/{statusCode}", "GetIntegrationResponse"],
  ["PATCH", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration/responses/{statusCode}", "UpdateIntegrationResponse"],
  ["DELETE", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration/responses/{statusCode}", "DeleteIntegrationResponse"],
  ["POST", "/restapis/{restApiId}/models", "CreateModel"],
  ["GET", "/restapis/{restApiId}/models", "GetModels"],
  ["GET", "/restapis/{restApiId}/models/{modelName}", "GetModel"],
  ["PATCH", "/restapis/{restApiId}/models/{modelName}", "UpdateModel"],
  ["DELETE", "/restapis/{restApiId}/models/{modelName}", "DeleteModel"],
  ["POST", "/restapis/{restApiId}/requestvalidators", "CreateRequestValidator"],
  ["GET", "/restapis/{restApiId}/requestvalidators", "GetRequestValidators"],
  ["GET", "/restapis/{restApiId}/requestvalidators/{requestValidatorId}", "GetRequestValidator"],
  ["PATCH", "/restapis/{restApiId}/requestvalidators/{requestValidatorId}", "UpdateRequestValidator"],
  ["DELETE", "/restapis/{restApiId}/requestvalidators/{requestValidatorId}", "DeleteRequestValidator"],
  ["POST", "/restapis/{restApiId}/authorizers", "CreateAuthorizer"],
  ["GET", "/restapis/{restApiId}/authorizers", "GetAuthorizers"],
  ["GET", "/restapis/{restApiId}/authorizers/{authorizerId}", "GetAuthorizer"],
  ["PATCH", "/restapis/{restApiId}/authorizers/{authorizerId}", "UpdateAuthorizer"],
  ["DELETE", "/restapis/{restApiId}/authorizers/{authorizerId}", "DeleteAuthorizer"],
  ["GET", "/restapis/{restApiId}/gatewayresponses", "GetGatewayResponses"],
  ["GET", "/restapis/{restApiId}/gatewayresponses/{responseType}", "GetGatewayResponse"],
  ["PUT", "/restapis/{restApiId}/gatewayresponses/{responseType}", "PutGatewayResponse"],
  ["PATCH", "/restapis/{restApiId}/gatewayresponses/{responseType}", "UpdateGatewayResponse"],
  ["DELETE", "/restapis/{restApiId}/gatewayresponses/{responseType}", "DeleteGatewayResponse"],
  ["POST", "/restapis/{restApiId}/deployments", "CreateDeployment"],
  ["GET", "/restapis/{restApiId}/deployments", "GetDeployments"],
  ["GET", "/restapis/{restApiId}/deployments/{deploymentId}", "GetDeployment"],
  ["DELETE", "/restapis/{restApiId}/deployments/{deploymentId}", "DeleteDeployment"],
  ["POST", "/restapis/{restApiId}/stages", "CreateStage"],
  ["GET", "/restapis/{restApiId}/stages", "GetStages"],
  ["GET", "/restapis/{restApiId}/stages/{stageName}", "GetStage"],
  ["PATCH", "/restapis/{restApiId}/stages/{stageName}", "UpdateStage"],
  ["DELETE", "/restapis/{restApiId}/stages/{stageName}", "DeleteStage"],
];

export function matchRoute(method: string, path: string): { operation: string; params: Record<string, string> } | null {
  const segs = path.split("/").filter(Boolean);
  for (const [m, pattern, operation] of routes) {
    if (m !== method) continue;
    const ps = pattern.split("/").filter(Boolean);
    if (ps.length !== segs.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < ps.length; i++) {
      if (ps[i].startsWith("{")) params[ps[i].slice(1, -1)] = decodeURIComponent(segs[i]);
      else if (ps[i] !== segs[i]) {
        ok = false;
        break;
      }
    }
    if (ok) return { operation, params };
  }
  return null;
}
