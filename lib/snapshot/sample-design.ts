/**
 * Deterministic, realistic designs for diff tests and the diff benchmark: a pet-store-like API
 * with HTTP, Lambda (AWS) and MOCK integrations, VTL templates, validators, an authorizer,
 * models and gateway responses. `generateDesign({ resources: 300 })` gives 300 resources with
 * four methods each on the leaves (1,200 methods for 300 resources); ids come from a seed, so
 * two calls with different seeds give the same API under different ids.
 */
import type { ApiDesign, Integration, Method, Resource } from "../model/design";

/** A small seeded PRNG (mulberry32), so generated designs are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function idMaker(seed: number): () => string {
  const rnd = seededRandom(seed);
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return () => {
    let s = "";
    for (let i = 0; i < 10; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
    return s;
  };
}

const NOUNS = ["pets", "owners", "orders", "stores", "vets", "visits", "toys", "foods", "invoices", "reviews", "bookings", "clinics"];

export function requestTemplate(resource: string, verb: string): string {
  return [
    "#set($inputRoot = $input.path('$'))",
    "{",
    `  "resource": "${resource}",`,
    `  "operation": "${verb.toLowerCase()}",`,
    '  "id": "$util.escapeJavaScript($input.params(\'id\'))",',
    "  \"limit\": #if($input.params('limit') != \"\")$input.params('limit')#{else}25#end,",
    '  "caller": "$context.identity.sourceIp",',
    '  "stage": "$context.stage",',
    "  \"body\": $input.json('$')",
    "}",
  ].join("\n");
}

export function responseTemplate(resource: string): string {
  return [
    "#set($inputRoot = $input.path('$'))",
    "{",
    `  "${resource}": [`,
    "#foreach($item in $inputRoot.items)",
    '    { "id": "$item.id", "name": "$util.escapeJavaScript($item.name)" }#if($foreach.hasNext),#end',
    "#end",
    "  ],",
    '  "next": "$inputRoot.nextToken"',
    "}",
  ].join("\n");
}

function integrationFor(kind: number, path: string, verb: string, noun: string): Integration {
  const base = {
    requestParameters: {} as Record<string, string>,
    requestTemplates: {} as Record<string, string>,
    passthroughBehavior: "WHEN_NO_TEMPLATES" as const,
    timeoutInMillis: 29000,
    cacheKeyParameters: [] as string[],
    integrationResponses: {} as Integration["integrationResponses"],
  };
  if (kind === 0) {
    return {
      ...base,
      type: "HTTP",
      httpMethod: verb,
      uri: `https://backend.example.com/v1${path}`,
      connectionType: "INTERNET",
      requestParameters: path.includes("{id}")
        ? { "integration.request.path.id": "method.request.path.id", "integration.request.header.X-Caller": "context.identity.sourceIp" }
        : { "integration.request.querystring.limit": "method.request.querystring.limit" },
      requestTemplates: { "application/json": requestTemplate(noun, verb) },
      integrationResponses: {
        "200": {
          statusCode: "200",
          selectionPattern: "2\\d{2}",
          responseParameters: { "method.response.header.X-Request-Id": "integration.response.header.x-request-id" },
          responseTemplates: { "application/json": responseTemplate(noun) },
        },
        "404": { statusCode: "404", selectionPattern: "404", responseParameters: {}, responseTemplates: { "application/json": '{ "message": "not found" }' } },
        "500": {
          statusCode: "500",
          responseParameters: {},
          responseTemplates: { "application/json": '{ "message": "$util.escapeJavaScript($input.path(\'$.errorMessage\'))" }' },
        },
      },
    };
  }
  if (kind === 1) {
    return {
      ...base,
      type: "AWS",
      httpMethod: "POST",
      uri: `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:${noun}-${verb.toLowerCase()}/invocations`,
      credentials: "arn:aws:iam::123456789012:role/apigw-invoke",
      requestTemplates: { "application/json": requestTemplate(noun, verb) },
      integrationResponses: {
        "200": { statusCode: "200", responseParameters: {}, responseTemplates: { "application/json": responseTemplate(noun) } },
        "400": {
          statusCode: "400",
          selectionPattern: ".*\\[BadRequest\\].*",
          responseParameters: {},
          responseTemplates: { "application/json": '{ "message": "$input.path(\'$.errorMessage\')" }' },
        },
      },
    };
  }
  return {
    ...base,
    type: "MOCK",
    passthroughBehavior: "WHEN_NO_MATCH",
    requestTemplates: { "application/json": '{ "statusCode": 200 }' },
    integrationResponses: {
      "200": {
        statusCode: "200",
        responseParameters: {
          "method.response.header.Access-Control-Allow-Origin": "'*'",
          "method.response.header.Access-Control-Allow-Methods": "'GET,POST,PUT,DELETE,OPTIONS'",
        },
        responseTemplates: { "application/json": "" },
      },
    },
  };
}

function methodFor(
  verb: "GET" | "POST" | "PUT" | "DELETE" | "OPTIONS",
  path: string,
  noun: string,
  n: number,
  ids: { validator: string; bodyValidator: string; authorizer: string },
): Method {
  const cors = verb === "OPTIONS";
  const kind = cors ? 2 : n % 5 === 0 ? 1 : 0;
  const requestParameters: Record<string, boolean> = {};
  if (path.includes("{id}")) requestParameters["method.request.path.id"] = true;
  if (verb === "GET") requestParameters["method.request.querystring.limit"] = false;
  const writes = verb === "POST" || verb === "PUT";
  return {
    httpMethod: verb,
    authorizationType: cors ? "NONE" : "CUSTOM",
    authorizerId: cors ? undefined : ids.authorizer,
    authorizationScopes: [],
    apiKeyRequired: !cors && n % 3 === 0,
    operationName: cors ? undefined : `${verb.toLowerCase()}${noun[0].toUpperCase()}${noun.slice(1)}${n}`,
    requestParameters,
    requestModels: writes ? { "application/json": "Pet" } : {},
    requestValidatorId: cors ? undefined : writes ? ids.bodyValidator : ids.validator,
    methodResponses: cors
      ? {
          "200": {
            statusCode: "200",
            responseParameters: { "method.response.header.Access-Control-Allow-Origin": false, "method.response.header.Access-Control-Allow-Methods": false },
            responseModels: {},
          },
        }
      : {
          "200": { statusCode: "200", responseParameters: { "method.response.header.X-Request-Id": false }, responseModels: { "application/json": "PetList" } },
          "400": { statusCode: "400", responseParameters: {}, responseModels: { "application/json": "Error" } },
          "404": { statusCode: "404", responseParameters: {}, responseModels: { "application/json": "Error" } },
          "500": { statusCode: "500", responseParameters: {}, responseModels: { "application/json": "Error" } },
        },
    integration: integrationFor(kind, path, verb, noun),
  };
}

const PET_SCHEMA = JSON.stringify(
  {
    $schema: "http://json-schema.org/draft-04/schema#",
    title: "Pet",
    type: "object",
    required: ["name"],
    properties: { id: { type: "string" }, name: { type: "string" }, tag: { type: "string" } },
  },
  null,
  2,
);

/**
 * A design with `resources` resources (root included). Resources form collections
 * `/{noun}{k}` with an item `/{noun}{k}/{id}` below; every resource gets four methods
 * (root and collections GET/POST/OPTIONS/PUT, items GET/PUT/DELETE/OPTIONS), so 300 resources have 1,200 methods.
 */
export function generateDesign(options: { resources?: number; seed?: number } = {}): ApiDesign {
  const count = options.resources ?? 300;
  const nextId = idMaker(options.seed ?? 1);
  const ids = { validator: nextId(), bodyValidator: nextId(), authorizer: nextId() };
  const root: Resource = { id: nextId(), parentId: null, pathPart: "", methods: {} };
  for (const verb of ["GET", "POST", "PUT", "OPTIONS"] as const) root.methods[verb] = methodFor(verb, "/", "root", 0, ids);
  const resources: Resource[] = [root];
  let n = 0;
  while (resources.length < count) {
    const noun = `${NOUNS[n % NOUNS.length]}${Math.floor(n / NOUNS.length) || ""}`;
    const collection: Resource = { id: nextId(), parentId: root.id, pathPart: noun, methods: {} };
    const cPath = `/${noun}`;
    for (const verb of ["GET", "POST", "PUT", "OPTIONS"] as const) collection.methods[verb] = methodFor(verb, cPath, noun, n, ids);
    resources.push(collection);
    if (resources.length < count) {
      const item: Resource = { id: nextId(), parentId: collection.id, pathPart: "{id}", methods: {} };
      const iPath = `${cPath}/{id}`;
      for (const verb of ["GET", "PUT", "DELETE", "OPTIONS"] as const) item.methods[verb] = methodFor(verb, iPath, noun, n + 1, ids);
      resources.push(item);
    }
    n++;
  }
  return {
    name: "PetStore",
    description: "Generated pet store",
    endpointType: "REGIONAL",
    binaryMediaTypes: ["image/png"],
    minimumCompressionSize: null,
    apiKeySource: "HEADER",
    policy: null,
    disableExecuteApiEndpoint: false,
    resources,
    models: [
      { id: nextId(), name: "Pet", contentType: "application/json", schema: PET_SCHEMA },
      { id: nextId(), name: "PetList", contentType: "application/json", schema: JSON.stringify({ type: "array", items: { $ref: "Pet" } }) },
      { id: nextId(), name: "Error", contentType: "application/json", schema: JSON.stringify({ type: "object", properties: { message: { type: "string" } } }) },
    ],
    requestValidators: [
      { id: ids.validator, name: "params-only", validateRequestBody: false, validateRequestParameters: true },
      { id: ids.bodyValidator, name: "body-and-params", validateRequestBody: true, validateRequestParameters: true },
    ],
    authorizers: [
      {
        id: ids.authorizer,
        name: "token-auth",
        type: "TOKEN",
        authorizerUri: "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:auth/invocations",
        identitySource: "method.request.header.Authorization",
        authorizerResultTtlInSeconds: 300,
        providerARNs: [],
      },
    ],
    gatewayResponses: [
      {
        responseType: "DEFAULT_4XX",
        statusCode: undefined,
        responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" },
        responseTemplates: { "application/json": '{"message":$context.error.messageString}' },
      },
      { responseType: "UNAUTHORIZED", statusCode: "401", responseParameters: {}, responseTemplates: { "application/json": '{"message":"Unauthorized"}' } },
    ],
  };
}
