/**
 * FAKE API Gateway: the fake's own reader of an OpenAPI 3.0 / Swagger 2.0 document with API
 * Gateway's `x-amazon-apigateway-*` extensions, as PutRestApi reads it. A test double, not product
 * code: it deliberately shares nothing with Gatehouse's `lib/openapi` or `lib/model` (a test in this
 * folder checks the imports), so the PutRestApi push strategy is checked against an independent
 * reading of what AWS does.
 *
 * It turns a document into an `ImportPlan`: the per-entity calls' bodies (CreateModel, PutMethod,
 * PutIntegration …) by path, verb, status and name. `put-rest-api.ts` replays the plan through the
 * fake's own handlers. Facts it follows (test/contract/facts/put-rest-api.ts names their sources):
 * an unreadable body is `Invalid OpenAPI input.`; `info.title` names the API, `info.version` is its
 * `version`; a model's schema `description` is also the model's description; `$ref`s between models
 * become `https://apigateway.amazonaws.com/restapis/{id}/models/{name}`; base paths follow the
 * `basepath` parameter (ignore, prepend, split).
 */
import { parse as parseYaml } from "yaml";
import { type Obj, ImportFailure, InvalidOpenApiInput, isObj, readOperations, refName, type PlannedOperation } from "./openapi-operations";

export { ImportFailure, InvalidOpenApiInput };
export type { PlannedOperation };

export interface PlannedModel {
  name: string;
  contentType: string;
  description?: string;
  /** The schema with `$ref`s to other models as `{ "$ref": MODEL_REF(name) }` placeholders (the API id comes later). */
  schema: Obj;
}

export interface ImportPlan {
  title?: string;
  description?: string;
  version?: string;
  /** Root settings the document states (absent keys: not stated). */
  settings: { binaryMediaTypes?: string[]; minimumCompressionSize?: number; apiKeySource?: string; policy?: string };
  models: PlannedModel[];
  validators: { name: string; validateRequestBody: boolean; validateRequestParameters: boolean }[];
  /** CreateAuthorizer bodies, by scheme name. */
  authorizers: Obj[];
  gatewayResponses: { responseType: string; body: Obj }[];
  /** Every path the document names (after the base path), methods or not. */
  paths: string[];
  operations: PlannedOperation[];
  warnings: string[];
}

export type BasePathMode = "ignore" | "prepend" | "split";

/** Marks a reference to a model inside a schema until the API id is known. */
export const MODEL_REF_PREFIX = "model:";

function parseBody(raw: string): Obj {
  const text = raw.trim();
  let doc: unknown;
  try {
    doc = text.startsWith("{") ? JSON.parse(text) : parseYaml(text);
  } catch {
    throw new InvalidOpenApiInput();
  }
  if (!isObj(doc)) throw new InvalidOpenApiInput();
  const oas3 = typeof doc.openapi === "string" && doc.openapi.startsWith("3.");
  const swagger2 = String(doc.swagger) === "2.0";
  if (!oas3 && !swagger2) throw new InvalidOpenApiInput();
  return doc;
}

/** The document's base path: Swagger's `basePath`, or the path of OpenAPI 3's first server URL (variables at their defaults). */
function basePathOf(doc: Obj): string {
  if (typeof doc.basePath === "string") return doc.basePath;
  const server = Array.isArray(doc.servers) && isObj(doc.servers[0]) ? doc.servers[0] : undefined;
  if (!server || typeof server.url !== "string") return "";
  const variables = isObj(server.variables) ? server.variables : {};
  const url = server.url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = variables[name];
    return isObj(v) && v.default !== undefined ? String(v.default) : "";
  });
  const path = /^[a-z]+:\/\/[^/]*(\/.*)?$/i.exec(url)?.[1] ?? (url.startsWith("/") ? url : `/${url}`);
  return path;
}

function prefixFor(doc: Obj, mode: BasePathMode): string {
  const parts = basePathOf(doc).split("/").filter(Boolean);
  if (mode === "prepend") return parts.map((p) => `/${p}`).join("");
  if (mode === "split")
    return parts
      .slice(1)
      .map((p) => `/${p}`)
      .join("");
  return "";
}

function schemasOf(doc: Obj): Obj {
  const components = isObj(doc.components) ? doc.components : {};
  const schemas = doc.definitions ?? components.schemas ?? {};
  return isObj(schemas) ? schemas : {};
}

function withModelRefs(node: unknown, defined: Set<string>, owner: string): unknown {
  if (Array.isArray(node)) return node.map((n) => withModelRefs(n, defined, owner));
  if (!isObj(node)) return node;
  const out: Obj = {};
  for (const [k, v] of Object.entries(node)) {
    const name = k === "$ref" ? refName(v) : undefined;
    if (name !== undefined && !defined.has(name)) throw new ImportFailure(`Unable to create model for '${owner}': Invalid model name specified: ${name}`);
    out[k] = name !== undefined ? `${MODEL_REF_PREFIX}${name}` : withModelRefs(v, defined, owner);
  }
  return out;
}

function readModels(doc: Obj): PlannedModel[] {
  const schemas = schemasOf(doc);
  const defined = new Set(Object.keys(schemas));
  return Object.entries(schemas).map(([name, schema]) => {
    if (!isObj(schema)) throw new ImportFailure(`Unable to create model for '${name}': the schema must be an object`);
    const description = typeof schema.description === "string" ? schema.description : undefined;
    return { name, contentType: "application/json", description, schema: withModelRefs(schema, defined, name) as Obj };
  });
}

function readValidators(doc: Obj): ImportPlan["validators"] {
  const v = doc["x-amazon-apigateway-request-validators"];
  if (!isObj(v)) return [];
  return Object.entries(v).map(([name, x]) => ({
    name,
    validateRequestBody: isObj(x) && x.validateRequestBody === true,
    validateRequestParameters: isObj(x) && x.validateRequestParameters === true,
  }));
}

function securitySchemesOf(doc: Obj): Obj {
  const components = isObj(doc.components) ? doc.components : {};
  const schemes = doc.securityDefinitions ?? components.securitySchemes ?? {};
  return isObj(schemes) ? schemes : {};
}

/** A scheme with `x-amazon-apigateway-authorizer` becomes an authorizer; TOKEN and Cognito ones read their header from the scheme's `name`. */
function readAuthorizers(doc: Obj): Obj[] {
  const out: Obj[] = [];
  for (const [name, scheme] of Object.entries(securitySchemesOf(doc))) {
    if (!isObj(scheme) || !isObj(scheme["x-amazon-apigateway-authorizer"])) continue;
    const a = scheme["x-amazon-apigateway-authorizer"];
    const type = String(a.type ?? "token").toUpperCase();
    const headerSource = typeof scheme.name === "string" && scheme.in === "header" ? `method.request.header.${scheme.name}` : undefined;
    out.push(
      defined({
        name,
        type,
        authType: scheme["x-amazon-apigateway-authtype"],
        authorizerUri: a.authorizerUri,
        authorizerCredentials: a.authorizerCredentials,
        identitySource: a.identitySource ?? (type === "REQUEST" ? undefined : headerSource),
        identityValidationExpression: a.identityValidationExpression,
        authorizerResultTtlInSeconds: a.authorizerResultTtlInSeconds,
        providerARNs: a.providerARNs,
      }),
    );
  }
  return out;
}

function readGatewayResponses(doc: Obj): ImportPlan["gatewayResponses"] {
  const g = doc["x-amazon-apigateway-gateway-responses"];
  if (!isObj(g)) return [];
  return Object.entries(g).map(([responseType, x]) => {
    const body = isObj(x) ? x : {};
    return {
      responseType,
      body: defined({
        statusCode: body.statusCode === undefined ? undefined : String(body.statusCode),
        responseParameters: body.responseParameters,
        responseTemplates: body.responseTemplates,
      }),
    };
  });
}

function readSettings(doc: Obj): ImportPlan["settings"] {
  const settings: ImportPlan["settings"] = {};
  const binary = doc["x-amazon-apigateway-binary-media-types"];
  if (Array.isArray(binary)) settings.binaryMediaTypes = binary.map(String);
  const compression = doc["x-amazon-apigateway-minimum-compression-size"];
  if (compression !== undefined) settings.minimumCompressionSize = Number(compression);
  const keySource = doc["x-amazon-apigateway-api-key-source"];
  if (keySource !== undefined) settings.apiKeySource = String(keySource).toUpperCase();
  const policy = doc["x-amazon-apigateway-policy"];
  if (policy !== undefined) settings.policy = typeof policy === "string" ? policy : JSON.stringify(policy);
  return settings;
}

export function defined(o: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

/** Reads PutRestApi's body; throws `InvalidOpenApiInput` or `ImportFailure` for what AWS refuses. */
export function readOpenApi(raw: string, basePath: BasePathMode): ImportPlan {
  const doc = parseBody(raw);
  const info = isObj(doc.info) ? doc.info : {};
  const warnings: string[] = [];
  const prefix = prefixFor(doc, basePath);
  const paths = isObj(doc.paths) ? doc.paths : {};
  const models = readModels(doc);
  const { operations, allPaths } = readOperations(doc, paths, prefix, {
    models: new Set(models.map((m) => m.name)),
    schemes: securitySchemesOf(doc),
    warnings,
  });
  return {
    title: typeof info.title === "string" ? info.title : undefined,
    description: typeof info.description === "string" ? info.description : undefined,
    version: info.version === undefined ? undefined : String(info.version),
    settings: readSettings(doc),
    models,
    validators: readValidators(doc),
    authorizers: readAuthorizers(doc),
    gatewayResponses: readGatewayResponses(doc),
    paths: allPaths,
    operations,
    warnings,
  };
}
