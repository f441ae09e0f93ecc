/**
 * ApiDesign → OpenAPI 3.0.1 with API Gateway's extensions, shaped as `GetExport` with
 * `exportType=oas30` and `extensions=apigateway` shapes it:
 * - one path per resource (a resource without methods is written as an empty path item, so the
 *   tree survives a round trip); ANY → `x-amazon-apigateway-any-method`;
 * - request parameters → `parameters` (`in: path|query|header`, `schema: {type: string}`);
 *   request models → `requestBody.content`; method responses → `responses` (headers, content);
 * - the integration → `x-amazon-apigateway-integration` with enums in lower case
 *   (`type: aws_proxy`, `passthroughBehavior: when_no_templates`) and `responses` keyed by
 *   selection pattern (`default` for the response without one);
 * - authorizers → `components.securitySchemes` (`type: apiKey` + `x-amazon-apigateway-authtype`
 *   + `x-amazon-apigateway-authorizer`); AWS_IAM → a `sigv4` scheme; API keys → `api_key`;
 * - models → `components.schemas` (their JSON Schema text parsed back into objects);
 * - validators, gateway responses, binary media types, minimum compression size, API key
 *   source, endpoint configuration and policy → the root `x-amazon-apigateway-*` extensions.
 * `importOpenApi(exportOpenApi(d))` gives back `d` (up to ids) for everything API Gateway's
 * extensions can say; with `{ lossless: true }` (the console's and the CLI's export) also models'
 * descriptions, content types and multi-value parameters: the round-trip tests prove both.
 */
import { stringify as toYaml } from "yaml";
import type { ApiDesign, Authorizer, Integration, Method, Resource } from "../model/design";

type Obj = Record<string, unknown>;

export type ExportFormat = "json" | "yaml";

export interface ExportOptions {
  /** `info.version`; AWS writes the deployment date. Defaults to "1.0". */
  version?: string;
  /** Adds `servers: [{ url }]`, e.g. the stage's invoke URL. */
  serverUrl?: string;
  /**
   * Also writes what OpenAPI and API Gateway's extensions can't say, as `x-gatehouse-*`
   * extensions AWS ignores, so that a Gatehouse export imports back with nothing lost:
   * models' descriptions, non-JSON content types and non-JSON schema text (root
   * `x-gatehouse-models`), and multi-value request parameters (`explode: true`, an array schema
   * and `x-gatehouse-multivalue: true`). Off by default: the plain export is what API Gateway
   * itself reads (PutRestApi pushes rely on that).
   */
  lossless?: boolean;
}

const OPERATION_KEY: Record<string, string> = {
  GET: "get",
  PUT: "put",
  POST: "post",
  DELETE: "delete",
  OPTIONS: "options",
  HEAD: "head",
  PATCH: "patch",
  ANY: "x-amazon-apigateway-any-method",
};
/** OpenAPI's own operation order, then ANY, as AWS writes them. */
const OPERATION_ORDER = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "ANY"];
const PARAM_IN: Record<string, string> = { path: "path", querystring: "query", header: "header" };

/** Names for the schemes AWS writes for API keys and IAM; suffixed if an authorizer already uses the name. */
function freeName(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
}

const modelRef = (name: string) => ({ $ref: `#/components/schemas/${name.replace(/~/g, "~0").replace(/\//g, "~1")}` });

function pathsOf(design: ApiDesign): Map<Resource, string> {
  const byId = new Map(design.resources.map((r) => [r.id, r]));
  const memo = new Map<Resource, string>();
  const pathOf = (r: Resource): string => {
    const known = memo.get(r);
    if (known !== undefined) return known;
    let path = "/";
    if (r.parentId !== null) {
      const parent = byId.get(r.parentId);
      if (!parent) throw new Error(`resource ${r.id} has no parent ${r.parentId}`);
      const above = pathOf(parent);
      path = above === "/" ? `/${r.pathPart}` : `${above}/${r.pathPart}`;
    }
    memo.set(r, path);
    return path;
  };
  for (const r of design.resources) pathOf(r);
  return memo;
}

function lower(v: string | undefined): string | undefined {
  return v === undefined ? undefined : v.toLowerCase();
}

/** Drops undefined values and empty objects/arrays, as AWS omits unset fields. */
function compact(o: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out;
}

function integrationExtension(i: Integration): Obj {
  const responses: Obj = {};
  for (const r of Object.values(i.integrationResponses)) {
    const key = r.selectionPattern ? r.selectionPattern : "default";
    responses[key] = compact({
      statusCode: r.statusCode,
      responseParameters: r.responseParameters,
      responseTemplates: r.responseTemplates,
      contentHandling: r.contentHandling,
    });
  }
  return compact({
    type: lower(i.type),
    httpMethod: i.httpMethod,
    uri: i.uri,
    connectionType: i.connectionType,
    connectionId: i.connectionId,
    credentials: i.credentials,
    requestParameters: i.requestParameters,
    requestTemplates: i.requestTemplates,
    responses,
    passthroughBehavior: lower(i.passthroughBehavior),
    contentHandling: i.contentHandling,
    timeoutInMillis: i.timeoutInMillis,
    cacheNamespace: i.cacheNamespace,
    cacheKeyParameters: i.cacheKeyParameters,
    tlsConfig: i.tlsConfig,
  });
}

interface SchemeNames {
  authorizers: Map<string, string>;
  apiKey: string;
  sigv4: string;
  usedApiKey: boolean;
  usedSigv4: boolean;
}

function operation(m: Method, schemes: SchemeNames, validatorNames: Map<string, string>, lossless: boolean): Obj {
  const parameters: Obj[] = [];
  for (const [key, required] of Object.entries(m.requestParameters)) {
    const match = /^method\.request\.(path|querystring|header)\.(.+)$/.exec(key);
    const multi = /^method\.request\.multivalue(querystring|header)\.(.+)$/.exec(key);
    if (match)
      parameters.push(
        compact({ name: match[2], in: PARAM_IN[match[1]], required: match[1] === "path" ? true : required || undefined, schema: { type: "string" } }),
      );
    // Multi-value forms have no API Gateway OpenAPI spelling (AWS's export leaves them out): only a lossless export writes them.
    else if (multi && lossless) {
      parameters.push(
        compact({
          name: multi[2],
          in: PARAM_IN[multi[1]],
          required: required || undefined,
          explode: multi[1] === "querystring" ? true : undefined,
          schema: { type: "array", items: { type: "string" } },
          "x-gatehouse-multivalue": true,
        }),
      );
    }
  }
  const requestContent: Obj = {};
  for (const [ct, model] of Object.entries(m.requestModels)) requestContent[ct] = { schema: modelRef(model) };
  const responses: Obj = {};
  for (const r of Object.values(m.methodResponses).sort((a, b) => a.statusCode.localeCompare(b.statusCode))) {
    const headers: Obj = {};
    for (const [key, required] of Object.entries(r.responseParameters)) {
      const h = /^method\.response\.header\.(.+)$/.exec(key);
      if (h) headers[h[1]] = compact({ required: required || undefined, schema: { type: "string" } });
    }
    const content: Obj = {};
    for (const [ct, model] of Object.entries(r.responseModels)) content[ct] = { schema: modelRef(model) };
    responses[r.statusCode] = compact({ description: `${r.statusCode} response`, headers, content });
  }
  const requirement: Record<string, string[]> = {};
  if (m.authorizationType === "AWS_IAM") {
    requirement[schemes.sigv4] = [];
    schemes.usedSigv4 = true;
  } else if ((m.authorizationType === "CUSTOM" || m.authorizationType === "COGNITO_USER_POOLS") && m.authorizerId) {
    const name = schemes.authorizers.get(m.authorizerId);
    if (name) requirement[name] = m.authorizationScopes;
  }
  if (m.apiKeyRequired) {
    requirement[schemes.apiKey] = [];
    schemes.usedApiKey = true;
  }
  return compact({
    operationId: m.operationName,
    parameters,
    requestBody: Object.keys(requestContent).length ? { content: requestContent, required: true } : undefined,
    responses,
    security: Object.keys(requirement).length ? [requirement] : undefined,
    "x-amazon-apigateway-request-validator": m.requestValidatorId ? validatorNames.get(m.requestValidatorId) : undefined,
    "x-amazon-apigateway-integration": m.integration ? integrationExtension(m.integration) : undefined,
  });
}

function securityScheme(a: Authorizer): Obj {
  const header = /^method\.request\.header\.(.+)$/.exec(a.identitySource ?? "");
  // The extension carries identitySource whenever the scheme's header can't say it alone.
  const sourceInExtension = a.type === "REQUEST" || !header ? a.identitySource : undefined;
  return {
    type: "apiKey",
    name: header ? header[1] : "Unused",
    in: "header",
    "x-amazon-apigateway-authtype": a.type === "COGNITO_USER_POOLS" ? "cognito_user_pools" : "custom",
    "x-amazon-apigateway-authorizer": compact({
      type: a.type.toLowerCase(),
      authorizerUri: a.authorizerUri,
      authorizerCredentials: a.authorizerCredentials,
      identitySource: sourceInExtension,
      identityValidationExpression: a.identityValidationExpression,
      authorizerResultTtlInSeconds: a.authorizerResultTtlInSeconds,
      providerARNs: a.providerARNs,
    }),
  };
}

/** This API's model URLs (`…/restapis/{restapi_id}/models/Pet`) back to `#/components/schemas/Pet`, as GetExport writes them. */
function localRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(localRefs);
  if (node === null || typeof node !== "object") return node;
  const out: Obj = {};
  for (const [k, v] of Object.entries(node)) {
    const m = k === "$ref" && typeof v === "string" ? /^https?:\/\/apigateway\.amazonaws\.com\/restapis\/\{restapi_id\}\/models\/([^/#]+)$/.exec(v) : null;
    out[k] = m ? modelRef(decodeURIComponent(m[1])).$ref : localRefs(v);
  }
  return out;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function parsedSchema(text: string): unknown {
  try {
    return localRefs(JSON.parse(text));
  } catch {
    // A model that isn't JSON can't be embedded as a schema; keep its text so nothing is lost silently.
    return { description: "Gatehouse: this model's schema is not valid JSON", "x-gatehouse-schema-text": text };
  }
}

/** The design as an OpenAPI 3.0.1 document (a plain object) with API Gateway's extensions. */
export function exportOpenApi(design: ApiDesign, options: ExportOptions = {}): Obj {
  const taken = new Set(design.authorizers.map((a) => a.name));
  const schemes: SchemeNames = {
    authorizers: new Map(design.authorizers.map((a) => [a.id, a.name])),
    apiKey: freeName("api_key", taken),
    sigv4: freeName("sigv4", taken),
    usedApiKey: false,
    usedSigv4: false,
  };
  const validatorNames = new Map(design.requestValidators.map((v) => [v.id, v.name]));
  const paths: Obj = {};
  const byPath = pathsOf(design);
  const ordered = [...byPath.entries()].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  for (const [resource, path] of ordered) {
    const item: Obj = {};
    const verbs = Object.keys(resource.methods).sort((a, b) => OPERATION_ORDER.indexOf(a) - OPERATION_ORDER.indexOf(b));
    for (const verb of verbs) item[OPERATION_KEY[verb]] = operation(resource.methods[verb], schemes, validatorNames, options.lossless === true);
    paths[path] = item;
  }
  const securitySchemes: Obj = {};
  if (schemes.usedApiKey) securitySchemes[schemes.apiKey] = { type: "apiKey", name: "x-api-key", in: "header" };
  if (schemes.usedSigv4) securitySchemes[schemes.sigv4] = { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" };
  for (const a of design.authorizers) securitySchemes[a.name] = securityScheme(a);
  const schemas: Obj = {};
  const modelExtras: Obj = {};
  for (const m of design.models) {
    const jsonText = isJson(m.schema);
    schemas[m.name] = options.lossless && !jsonText ? {} : parsedSchema(m.schema);
    if (!options.lossless) continue;
    const extra = compact({
      description: m.description || undefined,
      contentType: m.contentType !== "application/json" ? m.contentType : undefined,
      schemaText: jsonText ? undefined : m.schema,
    });
    if (Object.keys(extra).length) modelExtras[m.name] = extra;
  }
  const validators: Obj = {};
  for (const v of design.requestValidators)
    validators[v.name] = { validateRequestBody: v.validateRequestBody, validateRequestParameters: v.validateRequestParameters };
  const gatewayResponses: Obj = {};
  for (const g of design.gatewayResponses)
    gatewayResponses[g.responseType] = compact({ statusCode: g.statusCode, responseParameters: g.responseParameters, responseTemplates: g.responseTemplates });
  let policy: unknown;
  if (design.policy) {
    try {
      policy = JSON.parse(design.policy);
    } catch {
      policy = design.policy;
    }
  }
  return compact({
    openapi: "3.0.1",
    info: compact({ title: design.name, description: design.description || undefined, version: options.version ?? "1.0" }),
    servers: options.serverUrl ? [{ url: options.serverUrl }] : undefined,
    paths,
    components: compact({ schemas, securitySchemes }),
    "x-amazon-apigateway-gateway-responses": gatewayResponses,
    "x-amazon-apigateway-request-validators": validators,
    "x-amazon-apigateway-binary-media-types": design.binaryMediaTypes,
    "x-amazon-apigateway-minimum-compression-size": design.minimumCompressionSize ?? undefined,
    "x-amazon-apigateway-api-key-source": design.apiKeySource,
    "x-amazon-apigateway-endpoint-configuration": compact({
      types: [design.endpointType],
      disableExecuteApiEndpoint: design.disableExecuteApiEndpoint || undefined,
    }),
    "x-amazon-apigateway-policy": policy,
    "x-gatehouse-models": modelExtras,
  });
}

/** The export as text: JSON (2-space indented) or YAML. */
export function formatOpenApi(doc: Obj, format: ExportFormat): string {
  if (format === "yaml") return toYaml(doc, { lineWidth: 0, aliasDuplicateObjects: false });
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** exportOpenApi + formatOpenApi. */
export function exportOpenApiText(design: ApiDesign, format: ExportFormat, options: ExportOptions = {}): string {
  return formatOpenApi(exportOpenApi(design, options), format);
}
