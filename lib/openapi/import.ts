/**
 * OpenAPI 3 / Swagger 2 (with API Gateway's `x-amazon-apigateway-*` extensions) → ApiDesign,
 * as `ImportRestApi` reads it:
 * - paths → resources, one per path segment (intermediate segments created without methods);
 * - operations → methods (`x-amazon-apigateway-any-method` → ANY), operationId → operationName;
 * - parameters (`in: path|query|header`, path-level merged under operation-level, local `$ref`s
 *   resolved) → requestParameters `method.request.{path|querystring|header}.NAME: required`;
 * - requestBody / `in: body` schema `$ref` → requestModels; responses → methodResponses
 *   (headers → `method.response.header.X`, schema `$ref` → responseModels);
 * - `x-amazon-apigateway-integration` → integration (lower-case enums upper-cased; `responses`
 *   keyed by selection pattern → integrationResponses keyed by statusCode, the key becoming the
 *   selectionPattern unless it is `default`);
 * - components.schemas / definitions → models (schema as JSON text);
 * - security schemes with `x-amazon-apigateway-authorizer` → authorizers (a method using one
 *   becomes CUSTOM or COGNITO_USER_POOLS), `awsSigv4` → AWS_IAM, an `apiKey` scheme without
 *   an authorizer → apiKeyRequired; `x-amazon-apigateway-auth` overrides;
 * - `x-amazon-apigateway-request-validators` (+ root / operation `-request-validator`),
 *   `-gateway-responses`, `-binary-media-types`, `-endpoint-configuration`, `-api-key-source`,
 *   `-minimum-compression-size`, `-policy`.
 * Ids are derived from names and paths, so importing the same file twice gives the same ids.
 * Errors are OpenApiImportError with a JSON pointer to the offending value.
 */
import { createHash } from "node:crypto";
import { ZodError } from "zod";
import { type ApiDesign, HTTP_METHODS, parseDesign } from "../model/design";

export class OpenApiImportError extends Error {
  constructor(
    message: string,
    /** JSON pointer into the document, `""` for the whole document. */
    readonly pointer: string,
  ) {
    super(pointer ? `${pointer}: ${message}` : message);
    this.name = "OpenApiImportError";
  }
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export function escapePointer(key: string | number): string {
  return String(key).replace(/~/g, "~0").replace(/\//g, "~1");
}

const ptr = (base: string, ...keys: (string | number)[]) => base + keys.map((k) => `/${escapePointer(k)}`).join("");

/** Is this an OpenAPI 3 or Swagger 2 document? */
export function isOpenApiDocument(doc: unknown): boolean {
  return isObj(doc) && (typeof doc.openapi === "string" || doc.swagger !== undefined);
}

function stableId(kind: string, key: string): string {
  return createHash("sha1").update(`${kind}:${key}`).digest("hex").slice(0, 10);
}

const OPERATIONS: Record<string, string> = {
  get: "GET",
  put: "PUT",
  post: "POST",
  delete: "DELETE",
  options: "OPTIONS",
  head: "HEAD",
  patch: "PATCH",
  "x-amazon-apigateway-any-method": "ANY",
};

const PARAM_LOCATION: Record<string, string> = { path: "path", query: "querystring", header: "header" };

class Importer {
  readonly v3: boolean;
  readonly validatorIds = new Map<string, string>();
  readonly authorizers = new Map<string, { id: string; type: string }>();
  readonly apiKeySchemes = new Set<string>();
  readonly sigv4Schemes = new Set<string>();

  constructor(readonly doc: Obj) {
    this.v3 = typeof doc.openapi === "string";
    if (this.v3 && !/^3\./.test(doc.openapi as string)) throw new OpenApiImportError(`unsupported OpenAPI version ${JSON.stringify(doc.openapi)} (expected 3.x)`, "/openapi");
    if (!this.v3 && String(doc.swagger) !== "2.0") throw new OpenApiImportError(`unsupported Swagger version ${JSON.stringify(doc.swagger)} (expected "2.0")`, "/swagger");
  }

  /** Follows a local `$ref` (`#/components/parameters/limit`). */
  deref(value: unknown, at: string, seen = new Set<string>()): { value: unknown; at: string } {
    if (!isObj(value) || typeof value.$ref !== "string") return { value, at };
    const ref = value.$ref;
    if (!ref.startsWith("#/")) throw new OpenApiImportError(`only local $ref are supported, not ${JSON.stringify(ref)}`, ptr(at, "$ref"));
    if (seen.has(ref)) throw new OpenApiImportError(`circular $ref ${ref}`, ptr(at, "$ref"));
    seen.add(ref);
    let target: unknown = this.doc;
    for (const raw of ref.slice(2).split("/")) {
      const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
      target = isObj(target) ? target[key] : undefined;
      if (target === undefined) throw new OpenApiImportError(`$ref ${ref} points at nothing`, ptr(at, "$ref"));
    }
    return this.deref(target, ref.slice(1), seen);
  }

  /** The model a schema refers to: `#/components/schemas/Pet` or `#/definitions/Pet` → `Pet`. */
  modelName(schema: unknown, at: string): string | undefined {
    if (!isObj(schema)) return undefined;
    if (typeof schema.$ref === "string") {
      const m = /^#\/(?:components\/schemas|definitions)\/(.+)$/.exec(schema.$ref);
      if (!m) throw new OpenApiImportError(`a model reference must point at ${this.v3 ? "#/components/schemas/NAME" : "#/definitions/NAME"}`, ptr(at, "$ref"));
      return decodeURIComponent(m[1]).replace(/~1/g, "/").replace(/~0/g, "~");
    }
    // An API Gateway export writes model references as URLs: …/restapis/{id}/models/NAME.
    return undefined;
  }

  str(v: unknown, at: string): string | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") throw new OpenApiImportError(`expected a string, got ${JSON.stringify(v)}`, at);
    return v;
  }

  strMap(v: unknown, at: string): Record<string, string> {
    if (v === undefined || v === null) return {};
    if (!isObj(v)) throw new OpenApiImportError("expected an object of strings", at);
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v)) {
      if (typeof x !== "string") throw new OpenApiImportError(`expected a string, got ${JSON.stringify(x)}`, ptr(at, k));
      out[k] = x;
    }
    return out;
  }

  upper(v: unknown, at: string, allowed: readonly string[]): string | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") throw new OpenApiImportError(`expected one of ${allowed.join(", ")}`, at);
    const u = v.toUpperCase();
    if (!allowed.includes(u)) throw new OpenApiImportError(`${JSON.stringify(v)} is not one of ${allowed.map((a) => a.toLowerCase()).join(", ")}`, at);
    return u;
  }

  num(v: unknown, at: string): number | undefined {
    if (v === undefined || v === null) return undefined;
    const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
    if (typeof n !== "number" || !Number.isInteger(n)) throw new OpenApiImportError(`expected an integer, got ${JSON.stringify(v)}`, at);
    return n;
  }

  models(): ApiDesign["models"] {
    const at = this.v3 ? "/components/schemas" : "/definitions";
    const schemas = this.v3 ? (isObj(this.doc.components) ? this.doc.components.schemas : undefined) : this.doc.definitions;
    if (schemas === undefined) return [];
    if (!isObj(schemas)) throw new OpenApiImportError("expected an object of schemas", at);
    return Object.entries(schemas).map(([name, schema]) => {
      if (!isObj(schema)) throw new OpenApiImportError("a schema must be an object", ptr(at, name));
      return { id: stableId("model", name), name, contentType: "application/json", schema: JSON.stringify(schema, null, 2) };
    });
  }

  validators(): ApiDesign["requestValidators"] {
    const at = "/x-amazon-apigateway-request-validators";
    const v = this.doc["x-amazon-apigateway-request-validators"];
    if (v === undefined) return [];
    if (!isObj(v)) throw new OpenApiImportError("expected an object of validators", at);
    return Object.entries(v).map(([name, def]) => {
      if (!isObj(def)) throw new OpenApiImportError("a validator must be an object", ptr(at, name));
      const id = stableId("validator", name);
      this.validatorIds.set(name, id);
      return { id, name, validateRequestBody: def.validateRequestBody === true, validateRequestParameters: def.validateRequestParameters === true };
    });
  }

  authorizersAndSchemes(): ApiDesign["authorizers"] {
    const at = this.v3 ? "/components/securitySchemes" : "/securityDefinitions";
    const schemes = this.v3 ? (isObj(this.doc.components) ? this.doc.components.securitySchemes : undefined) : this.doc.securityDefinitions;
    if (schemes === undefined) return [];
    if (!isObj(schemes)) throw new OpenApiImportError("expected an object of security schemes", at);
    const out: ApiDesign["authorizers"] = [];
    for (const [name, raw] of Object.entries(schemes)) {
      const sAt = ptr(at, name);
      const scheme = this.deref(raw, sAt).value;
      if (!isObj(scheme)) throw new OpenApiImportError("a security scheme must be an object", sAt);
      const auth = scheme["x-amazon-apigateway-authorizer"];
      if (auth === undefined) {
        if (String(scheme["x-amazon-apigateway-authtype"]).toLowerCase() === "awssigv4") this.sigv4Schemes.add(name);
        else if (scheme.type === "apiKey") this.apiKeySchemes.add(name);
        continue;
      }
      const aAt = ptr(sAt, "x-amazon-apigateway-authorizer");
      if (!isObj(auth)) throw new OpenApiImportError("expected an object", aAt);
      const type = this.upper(auth.type ?? "token", ptr(aAt, "type"), ["TOKEN", "REQUEST", "COGNITO_USER_POOLS"]) as "TOKEN" | "REQUEST" | "COGNITO_USER_POOLS";
      const id = stableId("authorizer", name);
      this.authorizers.set(name, { id, type });
      let identitySource = this.str(auth.identitySource, ptr(aAt, "identitySource"));
      // A token authorizer's source is the scheme's header when the extension doesn't say.
      if (identitySource === undefined && type !== "REQUEST" && scheme.in === "header" && typeof scheme.name === "string") identitySource = `method.request.header.${scheme.name}`;
      const providers = auth.providerARNs;
      if (providers !== undefined && (!Array.isArray(providers) || providers.some((p) => typeof p !== "string"))) throw new OpenApiImportError("expected an array of ARNs", ptr(aAt, "providerARNs"));
      out.push({
        id,
        name,
        type,
        authorizerUri: this.str(auth.authorizerUri, ptr(aAt, "authorizerUri")),
        authorizerCredentials: this.str(auth.authorizerCredentials, ptr(aAt, "authorizerCredentials")),
        identitySource,
        identityValidationExpression: this.str(auth.identityValidationExpression, ptr(aAt, "identityValidationExpression")),
        authorizerResultTtlInSeconds: this.num(auth.authorizerResultTtlInSeconds, ptr(aAt, "authorizerResultTtlInSeconds")),
        providerARNs: (providers as string[] | undefined) ?? [],
      });
    }
    return out;
  }

  gatewayResponses(): ApiDesign["gatewayResponses"] {
    const at = "/x-amazon-apigateway-gateway-responses";
    const g = this.doc["x-amazon-apigateway-gateway-responses"];
    if (g === undefined) return [];
    if (!isObj(g)) throw new OpenApiImportError("expected an object of gateway responses", at);
    return Object.entries(g).map(([type, def]) => {
      const gAt = ptr(at, type);
      if (!isObj(def)) throw new OpenApiImportError("a gateway response must be an object", gAt);
      const status = def.statusCode === undefined ? undefined : String(def.statusCode);
      return { responseType: type, statusCode: status, responseParameters: this.strMap(def.responseParameters, ptr(gAt, "responseParameters")), responseTemplates: this.strMap(def.responseTemplates, ptr(gAt, "responseTemplates")) };
    });
  }

  integration(raw: unknown, at: string): ApiDesign["resources"][number]["methods"][string]["integration"] {
    if (!isObj(raw)) throw new OpenApiImportError("expected an object", at);
    const type = this.upper(raw.type, ptr(at, "type"), ["MOCK", "HTTP", "HTTP_PROXY", "AWS", "AWS_PROXY"]);
    if (!type) throw new OpenApiImportError("type is required (mock, http, http_proxy, aws or aws_proxy)", at);
    const responses: Record<string, { statusCode: string; selectionPattern?: string; responseParameters: Record<string, string>; responseTemplates: Record<string, string>; contentHandling?: "CONVERT_TO_BINARY" | "CONVERT_TO_TEXT" }> = {};
    if (raw.responses !== undefined) {
      const rAt = ptr(at, "responses");
      if (!isObj(raw.responses)) throw new OpenApiImportError("expected an object keyed by selection pattern", rAt);
      for (const [pattern, def] of Object.entries(raw.responses)) {
        const pAt = ptr(rAt, pattern);
        if (!isObj(def)) throw new OpenApiImportError("an integration response must be an object", pAt);
        if (def.statusCode === undefined) throw new OpenApiImportError("statusCode is required", pAt);
        const statusCode = String(def.statusCode);
        if (responses[statusCode]) throw new OpenApiImportError(`two integration responses have status ${statusCode}`, pAt);
        responses[statusCode] = {
          statusCode,
          selectionPattern: pattern === "default" ? undefined : pattern,
          responseParameters: this.strMap(def.responseParameters, ptr(pAt, "responseParameters")),
          responseTemplates: this.strMap(def.responseTemplates, ptr(pAt, "responseTemplates")),
          contentHandling: this.upper(def.contentHandling, ptr(pAt, "contentHandling"), ["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"]) as "CONVERT_TO_BINARY" | undefined,
        };
      }
    }
    const cacheKeys = raw.cacheKeyParameters;
    if (cacheKeys !== undefined && (!Array.isArray(cacheKeys) || cacheKeys.some((k) => typeof k !== "string"))) throw new OpenApiImportError("expected an array of strings", ptr(at, "cacheKeyParameters"));
    const tls = raw.tlsConfig;
    return {
      type: type as "MOCK",
      httpMethod: this.str(raw.httpMethod, ptr(at, "httpMethod"))?.toUpperCase(),
      uri: this.str(raw.uri, ptr(at, "uri")),
      connectionType: this.upper(raw.connectionType, ptr(at, "connectionType"), ["INTERNET", "VPC_LINK"]) as "INTERNET" | undefined,
      connectionId: this.str(raw.connectionId, ptr(at, "connectionId")),
      credentials: this.str(raw.credentials, ptr(at, "credentials")),
      requestParameters: this.strMap(raw.requestParameters, ptr(at, "requestParameters")),
      requestTemplates: this.strMap(raw.requestTemplates, ptr(at, "requestTemplates")),
      passthroughBehavior: (this.upper(raw.passthroughBehavior, ptr(at, "passthroughBehavior"), ["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"]) ?? "WHEN_NO_MATCH") as "WHEN_NO_MATCH",
      contentHandling: this.upper(raw.contentHandling, ptr(at, "contentHandling"), ["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"]) as "CONVERT_TO_BINARY" | undefined,
      timeoutInMillis: this.num(raw.timeoutInMillis, ptr(at, "timeoutInMillis")) ?? 29000,
      cacheNamespace: this.str(raw.cacheNamespace, ptr(at, "cacheNamespace")),
      cacheKeyParameters: (cacheKeys as string[] | undefined) ?? [],
      tlsConfig: isObj(tls) ? { insecureSkipVerification: tls.insecureSkipVerification === true } : undefined,
      integrationResponses: responses,
    };
  }

  method(verb: string, op: Obj, at: string, pathParams: unknown[], pathParamsAt: string) {
    const requestParameters: Record<string, boolean> = {};
    const requestModels: Record<string, string> = {};
    const consumes = (Array.isArray(op.consumes) ? op.consumes : Array.isArray(this.doc.consumes) ? this.doc.consumes : ["application/json"]) as string[];
    const produces = (Array.isArray(op.produces) ? op.produces : Array.isArray(this.doc.produces) ? this.doc.produces : ["application/json"]) as string[];
    const params: [unknown, string][] = pathParams.map((p, i) => [p, ptr(pathParamsAt, i)]);
    if (op.parameters !== undefined) {
      if (!Array.isArray(op.parameters)) throw new OpenApiImportError("expected an array of parameters", ptr(at, "parameters"));
      op.parameters.forEach((p, i) => params.push([p, ptr(at, "parameters", i)]));
    }
    for (const [raw, pAt] of params) {
      const { value: p, at: resolvedAt } = this.deref(raw, pAt);
      if (!isObj(p)) throw new OpenApiImportError("a parameter must be an object", pAt);
      if (typeof p.name !== "string" || !p.name) throw new OpenApiImportError("a parameter needs a name", resolvedAt);
      if (p.in === "body") {
        const model = this.modelName(p.schema, ptr(resolvedAt, "schema"));
        if (model) for (const ct of consumes) requestModels[ct] = model;
        continue;
      }
      const where = PARAM_LOCATION[String(p.in)];
      if (!where) continue; // cookie and formData parameters have no API Gateway counterpart
      requestParameters[`method.request.${where}.${p.name}`] = p.in === "path" ? true : p.required === true;
    }
    if (op.requestBody !== undefined) {
      const { value: body, at: bAt } = this.deref(op.requestBody, ptr(at, "requestBody"));
      if (isObj(body) && isObj(body.content)) {
        for (const [ct, media] of Object.entries(body.content)) {
          const model = isObj(media) ? this.modelName(media.schema, ptr(bAt, "content", ct, "schema")) : undefined;
          if (model) requestModels[ct] = model;
        }
      }
    }
    const methodResponses: Record<string, { statusCode: string; responseParameters: Record<string, boolean>; responseModels: Record<string, string> }> = {};
    if (op.responses !== undefined) {
      const rAt = ptr(at, "responses");
      if (!isObj(op.responses)) throw new OpenApiImportError("expected an object keyed by status code", rAt);
      for (const [status, raw] of Object.entries(op.responses)) {
        if (status === "default") continue; // API Gateway method responses are per status code
        if (!/^[1-5]\d{2}$/.test(status)) throw new OpenApiImportError(`${JSON.stringify(status)} is not an HTTP status code`, ptr(rAt, status));
        const { value: r, at: sAt } = this.deref(raw, ptr(rAt, status));
        const responseParameters: Record<string, boolean> = {};
        const responseModels: Record<string, string> = {};
        if (isObj(r)) {
          if (isObj(r.headers)) for (const h of Object.keys(r.headers)) responseParameters[`method.response.header.${h}`] = false;
          if (this.v3 && isObj(r.content)) {
            for (const [ct, media] of Object.entries(r.content)) {
              const model = isObj(media) ? this.modelName(media.schema, ptr(sAt, "content", ct, "schema")) : undefined;
              if (model) responseModels[ct] = model;
            }
          } else if (!this.v3 && r.schema !== undefined) {
            const model = this.modelName(r.schema, ptr(sAt, "schema"));
            if (model) for (const ct of produces) responseModels[ct] = model;
          }
        }
        methodResponses[status] = { statusCode: status, responseParameters, responseModels };
      }
    }
    let authorizationType = "NONE";
    let authorizerId: string | undefined;
    let authorizationScopes: string[] = [];
    let apiKeyRequired = false;
    const security = op.security ?? this.doc.security;
    const secAt = op.security !== undefined ? ptr(at, "security") : "/security";
    if (security !== undefined) {
      if (!Array.isArray(security)) throw new OpenApiImportError("expected an array of security requirements", secAt);
      security.forEach((req, i) => {
        if (!isObj(req)) throw new OpenApiImportError("a security requirement must be an object", ptr(secAt, i));
        for (const [name, scopes] of Object.entries(req)) {
          const auth = this.authorizers.get(name);
          if (auth) {
            authorizationType = auth.type === "COGNITO_USER_POOLS" ? "COGNITO_USER_POOLS" : "CUSTOM";
            authorizerId = auth.id;
            if (Array.isArray(scopes)) authorizationScopes = scopes.filter((s): s is string => typeof s === "string");
          } else if (this.sigv4Schemes.has(name)) authorizationType = "AWS_IAM";
          else if (this.apiKeySchemes.has(name)) apiKeyRequired = true;
          else throw new OpenApiImportError(`security scheme ${JSON.stringify(name)} is not defined`, ptr(secAt, i, name));
        }
      });
    }
    const authExt = op["x-amazon-apigateway-auth"];
    if (isObj(authExt) && authExt.type !== undefined) {
      authorizationType = this.upper(authExt.type, ptr(at, "x-amazon-apigateway-auth", "type"), ["NONE", "AWS_IAM"])!;
    }
    const validatorName = op["x-amazon-apigateway-request-validator"] ?? this.doc["x-amazon-apigateway-request-validator"];
    let requestValidatorId: string | undefined;
    if (validatorName !== undefined) {
      const vAt = op["x-amazon-apigateway-request-validator"] !== undefined ? ptr(at, "x-amazon-apigateway-request-validator") : "/x-amazon-apigateway-request-validator";
      requestValidatorId = this.validatorIds.get(String(validatorName));
      if (!requestValidatorId) throw new OpenApiImportError(`request validator ${JSON.stringify(validatorName)} is not in x-amazon-apigateway-request-validators`, vAt);
    }
    const integration = op["x-amazon-apigateway-integration"];
    return {
      httpMethod: verb,
      authorizationType,
      authorizerId,
      authorizationScopes,
      apiKeyRequired,
      operationName: this.str(op.operationId, ptr(at, "operationId")),
      requestParameters,
      requestModels,
      requestValidatorId,
      methodResponses,
      integration: integration === undefined ? undefined : this.integration(integration, ptr(at, "x-amazon-apigateway-integration")),
    };
  }

  resources(): ApiDesign["resources"] {
    const root = { id: stableId("resource", "/"), parentId: null as string | null, pathPart: "", methods: {} as Record<string, unknown> };
    const byPath = new Map<string, typeof root>([["/", root]]);
    const ensure = (path: string, at: string): typeof root => {
      const known = byPath.get(path);
      if (known) return known;
      const cut = path.lastIndexOf("/");
      const parent = ensure(cut === 0 ? "/" : path.slice(0, cut), at);
      const pathPart = path.slice(cut + 1);
      if (!pathPart) throw new OpenApiImportError("a path can't have an empty segment", at);
      const r = { id: stableId("resource", path), parentId: parent.id, pathPart, methods: {} };
      byPath.set(path, r);
      return r;
    };
    const paths = this.doc.paths ?? {};
    if (!isObj(paths)) throw new OpenApiImportError("expected an object of paths", "/paths");
    for (const [rawPath, rawItem] of Object.entries(paths)) {
      const at = ptr("/paths", rawPath);
      if (!rawPath.startsWith("/")) throw new OpenApiImportError("a path must start with /", at);
      const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, "") : rawPath;
      const { value: item } = this.deref(rawItem, at);
      if (!isObj(item)) throw new OpenApiImportError("a path item must be an object", at);
      const resource = ensure(path, at);
      const pathParams = Array.isArray(item.parameters) ? item.parameters : [];
      for (const [key, op] of Object.entries(item)) {
        const verb = OPERATIONS[key];
        if (!verb) continue;
        const opAt = ptr(at, key);
        if (!isObj(op)) throw new OpenApiImportError("an operation must be an object", opAt);
        if (!(HTTP_METHODS as readonly string[]).includes(verb)) continue;
        resource.methods[verb] = this.method(verb, op, opAt, pathParams, ptr(at, "parameters"));
      }
    }
    return [...byPath.values()] as ApiDesign["resources"];
  }

  api(): Obj {
    const d = this.doc;
    const info = isObj(d.info) ? d.info : {};
    const endpoint = d["x-amazon-apigateway-endpoint-configuration"];
    let endpointType: string | undefined;
    let disableExecuteApiEndpoint = false;
    if (endpoint !== undefined) {
      const eAt = "/x-amazon-apigateway-endpoint-configuration";
      if (!isObj(endpoint)) throw new OpenApiImportError("expected an object", eAt);
      if (endpoint.types !== undefined) {
        if (!Array.isArray(endpoint.types) || endpoint.types.length !== 1) throw new OpenApiImportError("expected one endpoint type", ptr(eAt, "types"));
        endpointType = this.upper(endpoint.types[0], ptr(eAt, "types", 0), ["EDGE", "REGIONAL", "PRIVATE"]);
      }
      disableExecuteApiEndpoint = endpoint.disableExecuteApiEndpoint === true;
    }
    const binary = d["x-amazon-apigateway-binary-media-types"];
    if (binary !== undefined && (!Array.isArray(binary) || binary.some((b) => typeof b !== "string"))) throw new OpenApiImportError("expected an array of media types", "/x-amazon-apigateway-binary-media-types");
    const policy = d["x-amazon-apigateway-policy"];
    return {
      name: typeof info.title === "string" && info.title ? info.title : "Imported API",
      description: typeof info.description === "string" ? info.description : "",
      endpointType,
      binaryMediaTypes: binary ?? [],
      minimumCompressionSize: this.num(d["x-amazon-apigateway-minimum-compression-size"], "/x-amazon-apigateway-minimum-compression-size") ?? null,
      apiKeySource: this.upper(d["x-amazon-apigateway-api-key-source"], "/x-amazon-apigateway-api-key-source", ["HEADER", "AUTHORIZER"]),
      policy: policy === undefined || policy === null ? null : typeof policy === "string" ? policy : JSON.stringify(policy, null, 2),
      disableExecuteApiEndpoint,
    };
  }
}

/** Converts a parsed OpenAPI 3 or Swagger 2 document into a design. Throws OpenApiImportError. */
export function importOpenApi(doc: unknown): ApiDesign {
  if (!isOpenApiDocument(doc)) throw new OpenApiImportError('not an OpenAPI document: expected an "openapi": "3.x" or "swagger": "2.0" field', "");
  const im = new Importer(doc as Obj);
  const models = im.models();
  const requestValidators = im.validators();
  const authorizers = im.authorizersAndSchemes();
  const gatewayResponses = im.gatewayResponses();
  const design = { ...im.api(), resources: im.resources(), models, requestValidators, authorizers, gatewayResponses };
  try {
    return parseDesign(design);
  } catch (e) {
    if (e instanceof ZodError) {
      const issue = e.issues[0];
      throw new OpenApiImportError(`the imported design is invalid at /${issue.path.map((k) => escapePointer(String(k))).join("/")}: ${issue.message}`, "");
    }
    throw e;
  }
}
