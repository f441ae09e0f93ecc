/**
 * FAKE API Gateway: reads one OpenAPI operation (OpenAPI 3.0 or Swagger 2.0 + API Gateway's
 * extensions) into the bodies of PutMethod, PutMethodResponse, PutIntegration and
 * PutIntegrationResponse, as PutRestApi does. A test double; shares nothing with `lib/openapi`.
 */

export type Obj = Record<string, any>;

export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** AWS's answer to a body that is not an OpenAPI document at all (recorded, JSON and YAML alike). */
export class InvalidOpenApiInput extends Error {
  constructor() {
    super("Invalid OpenAPI input.");
  }
}

/** An error in the document: the whole call fails and nothing changes. */
export class ImportFailure extends Error {}

export interface PlannedOperation {
  path: string;
  verb: string;
  /** PutMethod's body, with `authorizerName` / `requestValidatorName` in place of ids. */
  method: Obj;
  responses: { statusCode: string; body: Obj }[];
  integration?: Obj;
  integrationResponses: { statusCode: string; body: Obj }[];
}

interface Context {
  models: Set<string>;
  schemes: Obj;
  warnings: string[];
}

const VERB_KEYS: Record<string, string> = {
  get: "GET",
  put: "PUT",
  post: "POST",
  delete: "DELETE",
  options: "OPTIONS",
  head: "HEAD",
  patch: "PATCH",
  "x-amazon-apigateway-any-method": "ANY",
};
const PARAM_SOURCE: Record<string, string> = { path: "path", query: "querystring", header: "header" };

/** `#/components/schemas/X` or `#/definitions/X` → X. */
export function refName(ref: unknown): string | undefined {
  if (typeof ref !== "string") return undefined;
  const m = /^#\/(?:components\/schemas|definitions)\/(.+)$/.exec(ref);
  return m ? decodeURIComponent(m[1]).replace(/~1/g, "/").replace(/~0/g, "~") : undefined;
}

/** Follows a local `$ref` (`#/components/parameters/X`, `#/parameters/X` …) once. */
function deref(doc: Obj, node: unknown): unknown {
  if (!isObj(node) || typeof node.$ref !== "string" || !node.$ref.startsWith("#/")) return node;
  let at: unknown = doc;
  for (const part of node.$ref.slice(2).split("/")) at = isObj(at) ? at[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  return at;
}

class OperationReader {
  constructor(
    private doc: Obj,
    private ctx: Context,
    private path: string,
    private verb: string,
  ) {}

  private where = () => `resource '${this.path}' and method '${this.verb}'`;

  /** A `$ref` to a model; a model the document doesn't define is a warning and is left out. */
  model(schema: unknown): string | undefined {
    const name = isObj(schema) ? refName(schema.$ref) : undefined;
    if (name === undefined) return undefined;
    if (this.ctx.models.has(name)) return name;
    this.ctx.warnings.push(`Model '${name}' is not defined (${this.where()}). Ignoring it.`);
    return undefined;
  }

  requestParameters(params: unknown[]): Obj {
    const out: Obj = {};
    for (const p of params.map((x) => deref(this.doc, x))) {
      if (!isObj(p) || typeof p.name !== "string") continue;
      const source = PARAM_SOURCE[String(p.in)];
      if (source) out[`method.request.${source}.${p.name}`] = source === "path" ? true : p.required === true;
    }
    return out;
  }

  requestModels(op: Obj, params: unknown[]): Obj {
    const out: Obj = {};
    const body = deref(this.doc, op.requestBody);
    if (isObj(body) && isObj(body.content))
      for (const [ct, media] of Object.entries(body.content)) {
        const name = isObj(media) ? this.model(media.schema) : undefined;
        if (name) out[ct] = name;
      }
    const swaggerBody = params.map((x) => deref(this.doc, x)).find((p) => isObj(p) && p.in === "body");
    if (isObj(swaggerBody)) {
      const name = this.model(swaggerBody.schema);
      const types = op.consumes ?? this.doc.consumes ?? ["application/json"];
      if (name) for (const ct of types) out[String(ct)] = name;
    }
    return out;
  }

  methodResponses(op: Obj): PlannedOperation["responses"] {
    const out: PlannedOperation["responses"] = [];
    for (const [code, given] of Object.entries(isObj(op.responses) ? op.responses : {})) {
      const r = deref(this.doc, given);
      if (!/^\d{3}$/.test(code) || !isObj(r)) continue;
      const responseParameters: Obj = {};
      for (const [h, spec] of Object.entries(isObj(r.headers) ? r.headers : {}))
        responseParameters[`method.response.header.${h}`] = isObj(spec) && spec.required === true;
      const responseModels: Obj = {};
      const content = isObj(r.content)
        ? r.content
        : r.schema
          ? Object.fromEntries((op.produces ?? this.doc.produces ?? ["application/json"]).map((ct: string) => [ct, { schema: r.schema }]))
          : {};
      for (const [ct, media] of Object.entries(content)) {
        const name = isObj(media) ? this.model(media.schema) : undefined;
        if (name) responseModels[ct] = name;
      }
      out.push({ statusCode: code, body: { responseParameters, responseModels } });
    }
    return out;
  }

  /** `security` (the operation's, else the document's) → authorization type, authorizer, scopes, API key. */
  security(op: Obj): Obj {
    const out: Obj = { authorizationType: "NONE", apiKeyRequired: false };
    const requirements = Array.isArray(op.security) ? op.security : Array.isArray(this.doc.security) ? this.doc.security : [];
    const first = isObj(requirements[0]) ? requirements[0] : {};
    for (const [name, scopes] of Object.entries(first)) {
      const scheme = this.ctx.schemes[name];
      if (!isObj(scheme)) {
        this.ctx.warnings.push(`Security scheme '${name}' is not defined (${this.where()}). Ignoring it.`);
        continue;
      }
      const authorizer = scheme["x-amazon-apigateway-authorizer"];
      if (isObj(authorizer)) {
        const cognito = String(authorizer.type).toLowerCase() === "cognito_user_pools";
        out.authorizationType = cognito ? "COGNITO_USER_POOLS" : "CUSTOM";
        out.authorizerName = name;
        if (cognito && Array.isArray(scopes) && scopes.length) out.authorizationScopes = scopes.map(String);
      } else if (String(scheme["x-amazon-apigateway-authtype"]).toLowerCase() === "awssigv4") out.authorizationType = "AWS_IAM";
      else if (scheme.type === "apiKey" && String(scheme.name).toLowerCase() === "x-api-key") out.apiKeyRequired = true;
    }
    const auth = op["x-amazon-apigateway-auth"];
    if (isObj(auth) && typeof auth.type === "string") out.authorizationType = auth.type.toUpperCase();
    return out;
  }

  /** Integration request parameters must be strings: AWS warns about others and leaves them out (recorded). */
  integrationRequestParameters(given: unknown): Obj | undefined {
    if (!isObj(given)) return undefined;
    const out: Obj = {};
    for (const [key, value] of Object.entries(given)) {
      if (typeof value === "string") out[key] = value;
      else this.ctx.warnings.push(`Invalid format for 'requestParameters'. Expected type string for property '${key}' of ${this.where()} but got '${value}'`);
    }
    return out;
  }

  integration(x: Obj): Pick<PlannedOperation, "integration" | "integrationResponses"> {
    const upper = (v: unknown) => (v === undefined ? undefined : String(v).toUpperCase());
    const integration = {
      type: upper(x.type),
      httpMethod: x.httpMethod === undefined ? undefined : String(x.httpMethod).toUpperCase(),
      uri: x.uri,
      connectionType: upper(x.connectionType),
      connectionId: x.connectionId,
      credentials: x.credentials,
      requestParameters: this.integrationRequestParameters(x.requestParameters),
      requestTemplates: x.requestTemplates,
      passthroughBehavior: upper(x.passthroughBehavior),
      contentHandling: x.contentHandling,
      timeoutInMillis: x.timeoutInMillis === undefined ? undefined : Number(x.timeoutInMillis),
      cacheNamespace: x.cacheNamespace,
      cacheKeyParameters: x.cacheKeyParameters,
      tlsConfig: x.tlsConfig,
    };
    const integrationResponses: PlannedOperation["integrationResponses"] = [];
    for (const [pattern, r] of Object.entries(isObj(x.responses) ? x.responses : {})) {
      if (!isObj(r)) continue;
      // YAML may give the status as a number; AWS stores the string (recorded).
      const statusCode = String(r.statusCode);
      integrationResponses.push({
        statusCode,
        body: {
          selectionPattern: pattern === "default" ? undefined : pattern,
          responseParameters: r.responseParameters,
          responseTemplates: r.responseTemplates,
          contentHandling: r.contentHandling,
        },
      });
    }
    return { integration, integrationResponses };
  }

  read(op: Obj, pathParams: unknown[]): PlannedOperation {
    const params = [...pathParams, ...(Array.isArray(op.parameters) ? op.parameters : [])];
    const validator = op["x-amazon-apigateway-request-validator"] ?? this.doc["x-amazon-apigateway-request-validator"];
    const method = {
      ...this.security(op),
      operationName: typeof op.operationId === "string" ? op.operationId : undefined,
      requestParameters: this.requestParameters(params),
      requestModels: this.requestModels(op, params),
      requestValidatorName: typeof validator === "string" ? validator : undefined,
    };
    const planned: PlannedOperation = { path: this.path, verb: this.verb, method, responses: this.methodResponses(op), integrationResponses: [] };
    const x = op["x-amazon-apigateway-integration"];
    return isObj(x) ? { ...planned, ...this.integration(x) } : planned;
  }
}

/** Every path item's operations, under `prefix` (the base path as the `basepath` parameter keeps it). */
export function readOperations(doc: Obj, paths: Obj, prefix: string, ctx: Context): { operations: PlannedOperation[]; allPaths: string[] } {
  const operations: PlannedOperation[] = [];
  const allPaths: string[] = [];
  for (const [rawPath, item] of Object.entries(paths)) {
    const path = prefix + (rawPath === "/" ? "" : rawPath.replace(/\/+$/, "")) || "/";
    allPaths.push(path);
    if (!isObj(item)) continue;
    const pathParams = Array.isArray(item.parameters) ? item.parameters : [];
    for (const [key, op] of Object.entries(item)) {
      const verb = VERB_KEYS[key];
      if (verb && isObj(op)) operations.push(new OperationReader(doc, ctx, path, verb).read(op, pathParams));
    }
  }
  return { operations, allPaths };
}
