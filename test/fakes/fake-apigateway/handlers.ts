/**
 * FAKE API Gateway: the control-plane operations, one handler per SDK operation name, answering
 * with the JSON bodies and errors (messages copied from AWS where known) the real service sends.
 * A test double, not product code.
 */
import { type FakeResource, type FakeRestApi, type FakeState, type Json, type PatchOperation, decodePointer } from "./state";
import { type EntityPatchSpec, EntityPatchError, applyEntityPatch, validateOpEnum, validationMessage } from "./entity-patch";
import {
  AUTHORIZER_SPEC,
  INTEGRATION_RESPONSE_SPEC,
  INTEGRATION_SPEC,
  METHOD_RESPONSE_SPEC,
  METHOD_SPEC,
  MODEL_SPEC,
  RESOURCE_SPEC,
  REST_API_SPEC,
  VALIDATOR_SPEC,
} from "./entity-specs";
import { fakeTestInvoke, TestInvokeError } from "./test-invoke";
import { PutRestApiError, putRestApi } from "./put-rest-api";
import { stageHandlers } from "./stages";
import { gatewayResponseHandlers } from "./gateway-responses";

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

/** The account every fake API lives in (AWS names it in "Invalid API identifier specified <account>:<id>"). */
export const FAKE_ACCOUNT_ID = "123456789012";

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
// AWS's rule, as its refusal says: "only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace".
const PATH_PART = /^([A-Za-z0-9._-]+|\{[A-Za-z0-9._-]+\+?\})$/;

export const secs = (ms: number) => Math.floor(ms / 1000);

export function api(state: FakeState, id: string): FakeRestApi {
  const a = state.restApis.get(id);
  if (!a) throw notFound(`Invalid API identifier specified ${FAKE_ACCOUNT_ID}:${id}`);
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

/**
 * Applies a PATCH body with AWS's rules for the entity (entity-specs.ts). `input` names the
 * request shape in AWS's validation messages (e.g. "updateMethodInput"); `extraErrors` are other
 * constraint failures AWS reports in the same ValidationException (e.g. a bad statusCode).
 */
export function patch(target: Json, body: Json, spec: EntityPatchSpec, input: string, extraErrors: string[] = []) {
  const errors = [...validateOpEnum(body.patchOperations, input), ...extraErrors];
  if (errors.length) throw new FakeApiError(400, "ValidationException", validationMessage(errors));
  try {
    applyEntityPatch(target, body.patchOperations as PatchOperation[], spec);
  } catch (e) {
    if (e instanceof EntityPatchError) throw new FakeApiError(e.status, e.type, e.message);
    throw e;
  }
}

/** AWS's constraint on a response status code in the URI. */
export function statusCodeErrors(code: string): string[] {
  return /^[1-5]\d\d$/.test(code)
    ? []
    : [`Value '${code}' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d`];
}

export function pick(body: Json, keys: string[]): Json {
  const out: Json = {};
  for (const k of keys) if (body[k] !== undefined && body[k] !== null) out[k] = structuredClone(body[k]);
  return out;
}

export function paginate<T>(items: T[], query: URLSearchParams, defaultLimit = 25): { item: T[]; position?: string } {
  const limit = query.has("limit") ? Number(query.get("limit")) : defaultLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw badRequest("1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value less than or equal to 500");
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

/** `method.request.{querystring|header|path}.NAME`: one NAME may not appear in two locations. */
function checkParameterNames(params: Json | undefined) {
  const names = Object.keys(params ?? {}).map((k) => k.split(".").slice(3).join("."));
  if (new Set(names).size !== names.length) throw badRequest("Parameter names must be unique across querystring, header and path");
}

function checkMethodRefs(a: FakeRestApi, m: Json) {
  if (!AUTH_TYPES.includes(m.authorizationType))
    throw badRequest("Invalid authorization type specified. Valid values are NONE, AWS_IAM, CUSTOM, COGNITO_USER_POOLS");
  checkParameterNames(m.requestParameters);
  // AWS ignores an authorizer id on a method that does not use one (rec skip-auth-id-with-wrong-type).
  if (m.authorizationType !== "CUSTOM" && m.authorizationType !== "COGNITO_USER_POOLS") delete m.authorizerId;
  if (m.authorizationType === "CUSTOM" || m.authorizationType === "COGNITO_USER_POOLS") {
    if (!m.authorizerId || !a.authorizers.has(m.authorizerId))
      throw badRequest("Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.");
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
  if (i.timeoutInMillis !== undefined && (i.timeoutInMillis < 50 || i.timeoutInMillis > 29000))
    throw badRequest("Timeout should be between 50 ms and 29000 ms");
  if (i.passthroughBehavior !== undefined && !PASSTHROUGH.includes(i.passthroughBehavior)) throw badRequest("Invalid passthrough behavior specified");
}

const EMPTY_SCHEMA = "Model schema must have at least 1 property or array items defined";

/** UpdateResource: a new parent and/or path part, checked as AWS checks them; descendants' paths follow. */
function moveResource(a: FakeRestApi, res: FakeResource, next: Json) {
  if (!res.parentId) {
    if (next.pathPart !== res.pathPart) throw badRequest("Root resource cannot update its pathPart.");
    if (next.parentId !== res.parentId) throw badRequest("Root resource cannot update its parentId.");
    return;
  }
  const parent = resource(a, next.parentId);
  for (let p: FakeResource | undefined = parent; p; p = p.parentId ? a.resources.get(p.parentId) : undefined)
    if (p.id === res.id) throw badRequest("Resources cannot be cyclical.");
  if (!PATH_PART.test(next.pathPart ?? ""))
    throw badRequest(
      "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.",
    );
  const siblings = [...a.resources.values()].filter((x) => x.parentId === parent.id && x.id !== res.id);
  if (siblings.some((x) => x.pathPart === next.pathPart)) throw conflict(`Another resource with the same parent already has this name: ${next.pathPart}`);
  res.parentId = parent.id;
  res.pathPart = next.pathPart;
  const repath = (r: FakeResource, parentPath: string) => {
    r.path = (parentPath === "/" ? "" : parentPath) + "/" + r.pathPart;
    for (const child of a.resources.values()) if (child.parentId === r.id) repath(child, r.path);
  };
  repath(res, parent.path);
}

const ENDPOINT_TYPES = ["REGIONAL", "EDGE", "PRIVATE"];

/**
 * AWS's endpoint-configuration paths: `/endpointConfiguration/types/{current type}` (replace,
 * the value is the new type), `/endpointConfiguration/ipAddressType` (replace) and
 * `/endpointConfiguration/vpcEndpointIds` (add/remove, the id in the value).
 */
function patchEndpointConfiguration(restApi: Json, op: PatchOperation) {
  const segs = decodePointer(op.path);
  const config: Json = (restApi.endpointConfiguration ??= { types: ["EDGE"] });
  const invalid = () => badRequest(`Invalid patch path ${op.path}`);
  if (segs[1] === "types") {
    if (segs.length !== 3 || !config.types.includes(segs[2])) throw invalid();
    if (op.op !== "replace") throw badRequest("Invalid patch operation specified. Must be 'add'|'remove'|'replace'");
    if (!ENDPOINT_TYPES.includes(String(op.value))) throw badRequest("Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE");
    config.types = [op.value];
    if (op.value === "PRIVATE") config.ipAddressType = "dualstack";
  } else if (segs[1] === "ipAddressType" && segs.length === 2) {
    if (op.op !== "replace") throw badRequest("Invalid patch operation specified. Must be one of: [replace]");
    if (op.value !== "ipv4" && op.value !== "dualstack") throw badRequest("ipAddressType must be either ipv4 or dualstack.");
    if (op.value === "ipv4" && config.types.includes("PRIVATE")) throw badRequest("Only dualstack ipAddressType is supported for Private APIs.");
    config.ipAddressType = op.value;
  } else if (segs[1] === "vpcEndpointIds" && segs.length === 2 && (op.op === "add" || op.op === "remove")) {
    const ids: string[] = config.vpcEndpointIds ?? [];
    config.vpcEndpointIds = op.op === "add" ? [...new Set([...ids, String(op.value)])] : ids.filter((x) => x !== op.value);
  } else {
    throw invalid();
  }
}

function newRestApi(state: FakeState, body: Json, now: number): FakeRestApi {
  if (!body.name) throw badRequest("Invalid REST API name specified");
  if (body.description === "") throw badRequest("Description cannot be an empty string");
  if (body.minimumCompressionSize !== undefined && !(body.minimumCompressionSize >= 0 && body.minimumCompressionSize <= 10485760))
    throw badRequest("Invalid minimum compression size, must be between 0 and 10485760");
  const types: string[] = body.endpointConfiguration?.types ?? ["EDGE"];
  const wrongTypes = types.filter((t) => !ENDPOINT_TYPES.includes(t));
  if (wrongTypes.length)
    throw new FakeApiError(
      400,
      "ValidationException",
      validationMessage([
        `Value '[${types.join(", ")}]' at 'createRestApiInput.endpointConfiguration.types' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [PRIVATE, EDGE, REGIONAL]]`,
      ]),
    );
  if (types.length === 0) throw badRequest("REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.");
  if (types.length > 1) throw badRequest("Cannot create an api with multiple Endpoint Types.");
  // AWS answers the IP address type: PRIVATE APIs are dualstack, the others ipv4 unless asked.
  const ipAddressType = body.endpointConfiguration?.ipAddressType ?? (types[0] === "PRIVATE" ? "dualstack" : "ipv4");
  if (types[0] === "PRIVATE" && ipAddressType === "ipv4") throw badRequest("Only dualstack ipAddressType is supported for Private APIs.");
  const id = state.newId(10);
  const rootId = state.newId(10);
  const restApi: Json = {
    id,
    name: body.name,
    createdDate: secs(now),
    apiKeySource: body.apiKeySource ?? "HEADER",
    endpointConfiguration: {
      types,
      ipAddressType,
      ...(types.includes("PRIVATE") && body.endpointConfiguration?.vpcEndpointIds ? { vpcEndpointIds: body.endpointConfiguration.vpcEndpointIds } : {}),
    },
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
  a.models.set("Empty", {
    id: state.newId(6),
    name: "Empty",
    description: "This is a default empty schema model",
    contentType: "application/json",
    schema: '{\n  "$schema": "http://json-schema.org/draft-04/schema#",\n  "title" : "Empty Schema",\n  "type" : "object"\n}',
  });
  a.models.set("Error", {
    id: state.newId(6),
    name: "Error",
    description: "This is a default error schema model",
    contentType: "application/json",
    schema:
      '{\n  "$schema" : "http://json-schema.org/draft-04/schema#",\n  "title" : "Error Schema",\n  "type" : "object",\n  "properties" : {\n    "message" : { "type" : "string" }\n  }\n}',
  });
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
  GetRestApis: (s, r) => ({
    status: 200,
    body: paginate(
      [...s.restApis.values()].map((a) => a.api),
      r.query,
    ),
  }),
  GetRestApi: (s, r) => ({ status: 200, body: api(s, r.params.restApiId).api }),
  UpdateRestApi: (s, r) => {
    const a = api(s, r.params.restApiId);
    const ops = (r.body.patchOperations ?? []) as PatchOperation[];
    const errors = validateOpEnum(ops, "updateRestApiInput");
    if (errors.length) throw new FakeApiError(400, "ValidationException", validationMessage(errors));
    const copy = structuredClone(a.api);
    for (const op of ops) {
      if (String(op.path ?? "").startsWith("/endpointConfiguration")) patchEndpointConfiguration(copy, op);
      else patch(copy, { patchOperations: [op] }, REST_API_SPEC, "updateRestApiInput");
    }
    a.api = copy;
    return { status: 200, body: a.api };
  },
  DeleteRestApi: (s, r) => {
    api(s, r.params.restApiId);
    s.restApis.delete(r.params.restApiId);
    return { status: 202 };
  },
  PutRestApi: (s, r) => {
    // Each step goes through the fake's own handler, so it is validated and stored as the per-entity call would be.
    const call = (operation: string, params: Record<string, string>, body: Json = {}) =>
      handlers[operation](s, { params, query: new URLSearchParams(), body: compactBody(body), now: r.now }).body as Json;
    try {
      const restApi = putRestApi(
        s,
        {
          restApiId: r.params.restApiId,
          mode: r.query.get("mode"),
          failOnWarnings: r.query.get("failonwarnings") === "true",
          basePath: r.query.get("basepath"),
          raw: r.raw ?? "",
          now: r.now,
        },
        call,
        () => notFound("Invalid API identifier specified " + r.params.restApiId),
      );
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
    return {
      status: 200,
      body: paginate(
        [...a.resources.values()].map((x) => resourceJson(x, embed)),
        r.query,
      ),
    };
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
      throw badRequest(
        "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.",
      );
    if (/\+\}$/.test(parent.pathPart ?? "")) throw badRequest(`Cannot create a child of a resource with a greedy path variable: ${parent.pathPart}`);
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
  UpdateResource: (s, r) => {
    const a = api(s, r.params.restApiId);
    const res = resource(a, r.params.resourceId);
    const next = { parentId: res.parentId, pathPart: res.pathPart };
    patch(next, r.body, RESOURCE_SPEC, "updateResourceInput");
    moveResource(a, res, next);
    return { status: 200, body: resourceJson(res, false) };
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
    if (!VERBS.includes(verb)) throw badRequest("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");
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
    patch(copy, r.body, METHOD_SPEC, "updateMethodInput");
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
    const invalidCode = statusCodeErrors(code);
    if (invalidCode.length) throw new FakeApiError(400, "ValidationException", validationMessage(invalidCode));
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
    patch({}, { patchOperations: [] }, METHOD_RESPONSE_SPEC, "updateMethodResponseInput", [
      ...validateOpEnum(r.body.patchOperations, "updateMethodResponseInput"),
      ...statusCodeErrors(r.params.statusCode),
    ]);
    const a = api(s, r.params.restApiId);
    const mr = method(a, r.params.resourceId, r.params.httpMethod).methodResponses?.[r.params.statusCode];
    if (!mr) throw notFound("Invalid Response status code specified");
    const copy = structuredClone(mr);
    patch(copy, r.body, METHOD_RESPONSE_SPEC, "updateMethodResponseInput");
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
    if (!INTEGRATION_TYPES.includes(r.body.type))
      throw new FakeApiError(
        400,
        "ValidationException",
        validationMessage([
          `Value '${r.body.type}' at 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]`,
        ]),
      );
    const a = api(s, r.params.restApiId);
    const m = method(a, r.params.resourceId, r.params.httpMethod);
    const b = r.body;
    const i: Json = {
      type: b.type,
      ...pick(b, [
        "httpMethod",
        "uri",
        "connectionType",
        "connectionId",
        "credentials",
        "requestParameters",
        "requestTemplates",
        "contentHandling",
        "tlsConfig",
      ]),
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
    patch(copy, r.body, INTEGRATION_SPEC, "updateIntegrationInput");
    copy.cacheKeyParameters ??= []; // AWS always answers the list
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
    const invalidCode = statusCodeErrors(r.params.statusCode);
    if (invalidCode.length) throw new FakeApiError(400, "ValidationException", validationMessage(invalidCode));
    const a = api(s, r.params.restApiId);
    const i = integration(a, r.params.resourceId, r.params.httpMethod);
    const code = r.params.statusCode;
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
    patch(ir, r.body, INTEGRATION_RESPONSE_SPEC, "updateIntegrationResponseInput");
    return { status: 200, body: ir };
  },
  DeleteIntegrationResponse: (s, r) => {
    const a = api(s, r.params.restApiId);
    // AWS names the integration, not the method, when the resource lacks the method.
    if (!resource(a, r.params.resourceId).resourceMethods[r.params.httpMethod]) throw notFound("Invalid Integration identifier specified");
    const i = integration(a, r.params.resourceId, r.params.httpMethod);
    if (!i.integrationResponses?.[r.params.statusCode]) throw notFound("Invalid Response status code specified");
    delete i.integrationResponses[r.params.statusCode];
    if (Object.keys(i.integrationResponses).length === 0) delete i.integrationResponses;
    return { status: 204 };
  },

  // ---- Models
  CreateModel: (s, r) => {
    const a = api(s, r.params.restApiId);
    const name = String(r.body.name ?? "");
    if (a.models.has(name)) throw conflict("Model name already exists for this REST API");
    if (!name) throw badRequest("Model name must be non-empty");
    if (!/^[A-Za-z0-9]+$/.test(name)) throw badRequest("Model name must be alphanumeric");
    if (!r.body.contentType) throw badRequest("Content type must be specified");
    if (!r.body.schema) throw badRequest(EMPTY_SCHEMA);
    if (r.body.schema !== undefined) {
      try {
        JSON.parse(r.body.schema);
      } catch {
        throw badRequest("Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]");
      }
    }
    for (const ref of String(r.body.schema ?? "").matchAll(/\/models\/([A-Za-z0-9]+)/g))
      if (!a.models.has(ref[1]))
        throw badRequest(`Invalid model specified: Validation Result: warnings : [], errors : [Invalid model name specified: ${ref[1]}]`);
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
    const copy = structuredClone(m);
    patch(copy, r.body, MODEL_SPEC, "updateModelInput");
    if (!copy.schema) throw badRequest(EMPTY_SCHEMA);
    Object.assign(m, copy);
    if (!("description" in copy)) delete m.description;
    return { status: 200, body: m };
  },
  DeleteModel: (s, r) => {
    const a = api(s, r.params.restApiId);
    const name = r.params.modelName;
    if (!a.models.has(name)) throw notFound("Invalid model name specified: " + name);
    for (const res of a.resources.values()) {
      for (const [verb, m] of Object.entries(res.resourceMethods)) {
        if (Object.values(m.requestModels ?? {}).includes(name))
          throw conflict(`Cannot delete model '${name}', is referenced in method request: ${res.path}/${verb}`);
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
    const v: Json = {
      id: s.newId(6),
      ...pick(r.body, ["name"]),
      validateRequestBody: r.body.validateRequestBody ?? false,
      validateRequestParameters: r.body.validateRequestParameters ?? false,
    };
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
    const copy = structuredClone(v);
    patch(copy, r.body, VALIDATOR_SPEC, "updateRequestValidatorInput");
    if (!copy.name) throw badRequest("Request Validator name cannot be blank");
    Object.assign(v, copy);
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
    patch(au, r.body, AUTHORIZER_SPEC, "updateAuthorizerInput");
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

  ...gatewayResponseHandlers,
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
  ["PATCH", "/restapis/{restApiId}/resources/{resourceId}", "UpdateResource"],
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

/**
 * AWS looks up the resource before the API for calls under /resources/{id}: an unknown API is
 * reported as an unknown resource (rec test_put_method_validation/wrong-api and others); the
 * request validator calls have their own wording.
 */
function reportUnknownApiAs(operations: string[], message: string, status = 404, type = "NotFoundException") {
  for (const op of operations) {
    const inner = handlers[op];
    handlers[op] = (s, r) => {
      if (!s.restApis.has(r.params.restApiId)) throw new FakeApiError(status, type, message);
      return inner(s, r);
    };
  }
}
reportUnknownApiAs(
  routes.filter(([, path]) => path.includes("/resources/{resourceId}")).map(([, , op]) => op),
  "Invalid Resource identifier specified",
);
reportUnknownApiAs(["GetRequestValidator", "UpdateRequestValidator", "DeleteRequestValidator"], "Invalid Request Validator identifier specified");
reportUnknownApiAs(["CreateRequestValidator"], "Invalid REST API identifier specified", 400, "BadRequestException");
