/**
 * Small OpenAPI documents (our own) for the PutRestApi facts, each exercising one thing AWS was
 * recorded doing with a document of that kind (test/contract/facts/put-rest-api.ts says which).
 */
import { stringify as toYaml } from "yaml";

type Obj = Record<string, unknown>;

const mock = (statusCode: string | number = "200", extra: Obj = {}) => ({
  type: "mock",
  requestTemplates: { "application/json": '{"statusCode": 200}' },
  responses: { default: { statusCode } },
  ...extra,
});

const ok = (extra: Obj = {}) => ({ "200": { description: "ok", ...extra } });

export function oas3(paths: Obj, more: Obj = {}): Obj {
  return { openapi: "3.0.1", info: { title: "shop", version: "1.0" }, paths, ...more };
}

/** PutRestApi's body as sent (the SDK takes the text as it is). */
export const bytes = (doc: Obj | string) => (typeof doc === "string" ? doc : JSON.stringify(doc));

/** GET /pets (MOCK, a header and a model) and GET /pets/{petId} (HTTP with a path parameter); models Pet and PetList. */
export const petsDocument = oas3(
  {
    "/pets": {
      get: {
        operationId: "ListPets",
        parameters: [{ name: "type", in: "query", schema: { type: "string" } }],
        responses: ok({
          headers: { "X-Count": { schema: { type: "string" } } },
          content: { "application/json": { schema: { $ref: "#/components/schemas/PetList" } } },
        }),
        "x-amazon-apigateway-integration": mock("200", { passthroughBehavior: "when_no_templates" }),
      },
    },
    "/pets/{petId}": {
      get: {
        parameters: [{ name: "petId", in: "path", required: true, schema: { type: "string" } }],
        responses: ok(),
        "x-amazon-apigateway-integration": {
          type: "http",
          httpMethod: "GET",
          uri: "http://petstore.example.com/pets/{petId}",
          requestParameters: { "integration.request.path.petId": "method.request.path.petId" },
          responses: { default: { statusCode: "200" } },
        },
      },
    },
  },
  {
    info: { title: "pets", description: "Pet shop", version: "2.1" },
    components: {
      schemas: {
        Pet: { type: "object", description: "A pet", properties: { name: { type: "string" } } },
        PetList: { type: "array", items: { $ref: "#/components/schemas/Pet" } },
      },
    },
  },
);

/** AWS's own merge example: GET /a answering 200 and 400. */
export const mergeExampleDocument = oas3({
  "/a": { get: { responses: { "200": { description: "ok" }, "400": { description: "bad" } }, "x-amazon-apigateway-integration": mock() } },
});

/** Only a title, a version and binary media types. */
export const binaryDocument = oas3({}, { info: { title: "renamed", version: "1.0.0" }, "x-amazon-apigateway-binary-media-types": ["image/png", "image/jpg"] });

/** YAML with integer status codes (method response key and integration response statusCode). */
export const integerStatusYaml = `openapi: 3.0.1
info:
  title: integers
  version: '2.0'
paths:
  /test:
    get:
      responses:
        200:
          description: ok
          headers:
            Access-Control-Allow-Origin:
              schema:
                type: string
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: '{"statusCode": 200}'
        responses:
          default:
            statusCode: 200
            responseParameters:
              method.response.header.Access-Control-Allow-Origin: "'*'"
`;

const cognitoScheme = (header: string) => ({
  type: "apiKey",
  name: header,
  in: "header",
  "x-amazon-apigateway-authtype": "cognito_user_pools",
  "x-amazon-apigateway-authorizer": { type: "cognito_user_pools", providerARNs: ["arn:aws:cognito-idp:us-east-1:111111111111:userpool/us-east-1_ABC123"] },
});
const httpGet = { type: "http", httpMethod: "GET", uri: "http://petstore.example.com/pets", responses: { default: { statusCode: "200" } } };

/** Two Cognito schemes (identity from the scheme's header name), a document-wide requirement with a scope, operations overriding it. */
export const cognitoDocument = oas3(
  {
    "/inherits": { get: { responses: ok(), "x-amazon-apigateway-integration": httpGet } },
    "/no-scope": { get: { security: [{ users: [] }], responses: ok(), "x-amazon-apigateway-integration": httpGet } },
    "/other": { get: { security: [{ admins: ["email", "openid"] }], responses: ok(), "x-amazon-apigateway-integration": httpGet } },
  },
  { components: { securitySchemes: { users: cognitoScheme("UserToken"), admins: cognitoScheme("UserToken") } }, security: [{ users: ["email"] }] },
);

/** A REQUEST authorizer required document-wide, API keys from the authorizer, and an ANY method. */
export const requestAuthorizerDocument = oas3(
  {
    "/echo/{data}": {
      "x-amazon-apigateway-any-method": {
        parameters: [{ name: "data", in: "path", required: true, schema: { type: "string" } }],
        responses: ok(),
        "x-amazon-apigateway-integration": mock(),
      },
    },
  },
  {
    components: {
      securitySchemes: {
        gate: {
          type: "apiKey",
          name: "X-Api-Key",
          in: "header",
          "x-amazon-apigateway-authtype": "custom",
          "x-amazon-apigateway-authorizer": {
            type: "request",
            authorizerUri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:111111111111:function:gate/invocations",
            identitySource: "method.request.header.Custom-Authorization",
            authorizerResultTtlInSeconds: 300,
          },
        },
      },
    },
    security: [{ gate: [] }],
    "x-amazon-apigateway-api-key-source": "AUTHORIZER",
  },
);

/** Person ↔ House refer to each other; POST /person validates its body with the "strict" validator. */
export const circularDocument = oas3(
  {
    "/person": {
      post: {
        operationId: "CreatePerson",
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Person" } } } },
        responses: ok(),
        "x-amazon-apigateway-request-validator": "strict",
        "x-amazon-apigateway-integration": mock(),
      },
    },
  },
  {
    info: { title: "circles", version: "1.0" },
    "x-amazon-apigateway-request-validators": { strict: { validateRequestBody: true, validateRequestParameters: true } },
    components: {
      schemas: {
        Person: { type: "object", description: "Someone", properties: { home: { $ref: "#/components/schemas/House" } } },
        House: { type: "object", description: "Somewhere", properties: { owners: { type: "array", items: { $ref: "#/components/schemas/Person" } } } },
      },
    },
  },
);

/** An integration request parameter given as a boolean, which AWS warns about and leaves out. */
export const warningDocument = oas3({
  "/test": {
    get: {
      responses: ok(),
      "x-amazon-apigateway-integration": mock("200", {
        requestParameters: { "integration.request.header.kept": "'yes'", "integration.request.header.nothing": true },
      }),
    },
  },
});

/** A document with an HTTP integration missing its URI (an error, not a warning). */
export const brokenDocument = oas3({
  "/ok": { get: { responses: ok(), "x-amazon-apigateway-integration": mock() } },
  "/broken": {
    get: { responses: ok(), "x-amazon-apigateway-integration": { type: "http", httpMethod: "GET", responses: { default: { statusCode: "200" } } } },
  },
});

const baseTest = { "/test": { get: { responses: ok(), "x-amazon-apigateway-integration": mock() } } };

/** Swagger 2.0 with `basePath: /base`. */
export const swaggerBasePathDocument = { swagger: "2.0", info: { title: "base", version: "2" }, basePath: "/base", paths: baseTest };

/** OpenAPI 3 whose server URL has a two-part path. */
export const serverUrlYaml = toYaml(oas3(baseTest, { servers: [{ url: "https://example.com/base-url/part/" }] }));

/** OpenAPI 3 whose server URL takes the base path from a variable's default. */
export const serverVariableYaml = toYaml(
  oas3(baseTest, { servers: [{ url: "https://example.com/{basePath}", variables: { basePath: { default: "base-var" } } }] }),
);

/** Not JSON at all, and not YAML either. */
export const badJson = '{"openapi": "3.0.1", "info": {"title": "x"';
export const badYaml = "openapi: 3.0.1\ninfo:\n  title: [unclosed\n paths: {";

const tokenScheme = (ttl?: number) => ({
  type: "apiKey",
  name: "Authorization",
  in: "header",
  "x-amazon-apigateway-authtype": "oauth2",
  "x-amazon-apigateway-authorizer": {
    type: "token",
    authorizerUri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:111111111111:function:auth/invocations",
    identityValidationExpression: "^x-[a-z]+",
    ...(ttl === undefined ? {} : { authorizerResultTtlInSeconds: ttl }),
  },
});

/** Swagger 2.0: a body parameter and response schemas by `consumes`/`produces`, a used and an unused TOKEN authorizer, documentation parts. */
export const swaggerDocument = {
  swagger: "2.0",
  info: { title: "swagger shop", version: "1.0" },
  paths: {
    "/pets": {
      post: {
        operationId: "CreatePet",
        consumes: ["application/json"],
        produces: ["application/json"],
        parameters: [{ in: "body", name: "NewPet", required: true, schema: { $ref: "#/definitions/NewPet" } }],
        responses: { "200": { description: "ok", schema: { $ref: "#/definitions/Pet" }, headers: { "Access-Control-Allow-Origin": { type: "string" } } } },
        security: [{ "used-authorizer": [] }],
        "x-amazon-apigateway-integration": mock(),
      },
    },
  },
  securityDefinitions: { "used-authorizer": tokenScheme(60), "unused-authorizer": tokenScheme() },
  definitions: {
    NewPet: { type: "object", properties: { kind: { type: "string" } } },
    Pet: { type: "object", properties: { id: { type: "integer" } } },
  },
  "x-amazon-apigateway-documentation": { version: "1", documentationParts: [{ location: { type: "API" }, properties: { info: { description: "docs" } } }] },
};

/** A response whose schema refers to a model the document doesn't define. */
export const missingModelDocument = oas3({
  "/test": {
    get: {
      responses: ok({ content: { "application/json": { schema: { $ref: "#/components/schemas/Nowhere" } } } }),
      "x-amazon-apigateway-integration": mock(),
    },
  },
});
