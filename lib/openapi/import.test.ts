import { describe, expect, it } from "vitest";
import { resourcePath } from "../model/tree";
import { importOpenApi, importOpenApiDocument, OpenApiImportError } from "./import";
import { swaggerPetStore } from "./petstore.fixture";

const pathOf = (design: ReturnType<typeof importOpenApi>) => (path: string) => design.resources.find((r) => resourcePath(design, r) === path);

describe("importOpenApi (Swagger 2)", () => {
  const design = importOpenApi(swaggerPetStore);
  const at = pathOf(design);

  it("reads API-level settings from the extensions", () => {
    expect(design).toMatchObject({
      name: "PetStore",
      description: "Your first API with Amazon API Gateway.",
      endpointType: "REGIONAL",
      binaryMediaTypes: ["image/png"],
      minimumCompressionSize: 1024,
      apiKeySource: "HEADER",
      disableExecuteApiEndpoint: false,
    });
    expect(JSON.parse(design.policy!)).toEqual(swaggerPetStore["x-amazon-apigateway-policy"]);
  });

  it("creates a resource per path segment, intermediate ones without methods", () => {
    expect(design.resources.map((r) => resourcePath(design, r)).sort()).toEqual([
      "/",
      "/owners",
      "/owners/{ownerId}",
      "/owners/{ownerId}/pets",
      "/pets",
      "/pets/{petId}",
    ]);
    expect(at("/owners/{ownerId}")!.methods).toEqual({});
    expect(Object.keys(at("/pets")!.methods)).toEqual(["GET", "POST", "OPTIONS"]);
    expect(Object.keys(at("/owners/{ownerId}/pets")!.methods)).toEqual(["ANY"]);
  });

  it("maps parameters to method request parameters, path-level ones and $refs included", () => {
    expect(at("/pets")!.methods.GET.requestParameters).toEqual({ "method.request.querystring.type": false, "method.request.querystring.page": true });
    expect(at("/pets/{petId}")!.methods.GET.requestParameters).toEqual({ "method.request.path.petId": true, "method.request.header.X-Trace-Id": false });
    expect(at("/pets")!.methods.POST.requestModels).toEqual({ "application/json": "NewPet" });
  });

  it("maps the integration, upper-casing enums and keying responses by status with the pattern as selectionPattern", () => {
    const i = at("/pets")!.methods.GET.integration!;
    expect(i).toMatchObject({
      type: "HTTP",
      httpMethod: "GET",
      uri: "http://petstore.execute-api.us-east-1.amazonaws.com/petstore/pets",
      passthroughBehavior: "WHEN_NO_TEMPLATES",
      timeoutInMillis: 10000,
    });
    expect(i.requestParameters).toEqual({
      "integration.request.querystring.page": "method.request.querystring.page",
      "integration.request.querystring.type": "method.request.querystring.type",
    });
    expect(i.integrationResponses).toEqual({
      "200": {
        statusCode: "200",
        selectionPattern: "2\\d{2}",
        responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'*'" },
        responseTemplates: {},
      },
      "500": { statusCode: "500", responseParameters: {}, responseTemplates: {} },
    });
    expect(at("/")!.methods.GET.integration!.integrationResponses["200"].responseTemplates["text/html"]).toContain("Welcome");
    expect(at("/owners/{ownerId}/pets")!.methods.ANY.integration).toMatchObject({
      type: "AWS_PROXY",
      httpMethod: "POST",
      passthroughBehavior: "WHEN_NO_MATCH",
      timeoutInMillis: 29000,
    });
  });

  it("maps responses to method responses with header parameters and models", () => {
    expect(at("/pets")!.methods.GET.methodResponses).toEqual({
      "200": {
        statusCode: "200",
        responseParameters: { "method.response.header.Access-Control-Allow-Origin": false },
        responseModels: { "application/json": "Pets" },
      },
    });
  });

  it("reads authorizers, API keys, IAM auth and validators (root default and per operation)", () => {
    const [auth] = design.authorizers;
    expect(auth).toMatchObject({ name: "tokens", type: "TOKEN", identitySource: "method.request.header.Authorization", authorizerResultTtlInSeconds: 300 });
    const get = at("/pets")!.methods.GET;
    expect(get).toMatchObject({ authorizationType: "CUSTOM", authorizerId: auth.id, operationName: "listPets", apiKeyRequired: false });
    expect(at("/pets")!.methods.POST).toMatchObject({ authorizationType: "NONE", apiKeyRequired: true });
    expect(at("/owners/{ownerId}/pets")!.methods.ANY.authorizationType).toBe("AWS_IAM");
    const name = (id?: string) => design.requestValidators.find((v) => v.id === id)?.name;
    expect(name(get.requestValidatorId)).toBe("params");
    expect(name(at("/pets")!.methods.POST.requestValidatorId)).toBe("all");
    expect(design.requestValidators).toEqual([
      { id: expect.any(String), name: "all", validateRequestBody: true, validateRequestParameters: true },
      { id: expect.any(String), name: "params", validateRequestBody: false, validateRequestParameters: true },
    ]);
  });

  it("reads models as JSON text and gateway responses by type", () => {
    expect(design.models.map((m) => m.name)).toEqual(["Pets", "Pet", "NewPet", "NewPetResponse"]);
    expect(JSON.parse(design.models[1].schema)).toEqual(swaggerPetStore.definitions.Pet);
    expect(design.gatewayResponses).toEqual([
      {
        responseType: "DEFAULT_4XX",
        responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" },
        responseTemplates: { "application/json": '{"message":$context.error.messageString}' },
      },
      { responseType: "UNAUTHORIZED", statusCode: "401", responseParameters: {}, responseTemplates: { "application/json": '{"message":"Unauthorized"}' } },
    ]);
  });

  it("gives the same ids on every import", () => {
    expect(importOpenApi(swaggerPetStore)).toEqual(design);
  });
});

describe("importOpenApi (OpenAPI 3)", () => {
  it("reads requestBody and response content models and components.schemas", () => {
    const design = importOpenApi({
      openapi: "3.0.1",
      info: { title: "Orders", version: "1" },
      components: {
        schemas: { Order: { type: "object", required: ["sku"], properties: { sku: { type: "string" } } } },
        securitySchemes: {
          pool: {
            type: "apiKey",
            name: "Authorization",
            in: "header",
            "x-amazon-apigateway-authorizer": {
              type: "cognito_user_pools",
              providerARNs: ["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_abc"],
            },
          },
        },
      },
      paths: {
        "/orders": {
          post: {
            security: [{ pool: ["orders/write"] }],
            requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Order" } } } },
            responses: {
              "201": {
                description: "created",
                headers: { Location: { schema: { type: "string" } } },
                content: { "application/json": { schema: { $ref: "#/components/schemas/Order" } } },
              },
              default: { description: "error" },
            },
            "x-amazon-apigateway-integration": {
              type: "aws",
              httpMethod: "POST",
              uri: "arn:aws:apigateway:eu-west-1:dynamodb:action/PutItem",
              requestTemplates: { "application/json": '{"TableName": "orders"}' },
              responses: { default: { statusCode: 201 } },
            },
          },
        },
      },
    });
    const post = design.resources.find((r) => r.pathPart === "orders")!.methods.POST;
    expect(post).toMatchObject({
      authorizationType: "COGNITO_USER_POOLS",
      authorizationScopes: ["orders/write"],
      requestModels: { "application/json": "Order" },
      methodResponses: {
        "201": { statusCode: "201", responseParameters: { "method.response.header.Location": false }, responseModels: { "application/json": "Order" } },
      },
    });
    expect(post.integration!.integrationResponses["201"]).toEqual({ statusCode: "201", responseParameters: {}, responseTemplates: {} });
    expect(design.authorizers[0]).toMatchObject({
      name: "pool",
      type: "COGNITO_USER_POOLS",
      providerARNs: ["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_abc"],
    });
    expect(design.models).toEqual([{ id: expect.any(String), name: "Order", contentType: "application/json", schema: expect.stringContaining('"sku"') }]);
  });
});

describe("importOpenApi errors", () => {
  const withIntegration = (integration: unknown) => ({
    openapi: "3.0.0",
    info: { title: "x" },
    paths: { "/a/b": { get: { responses: {}, "x-amazon-apigateway-integration": integration } } },
  });
  const error = (doc: unknown) => {
    try {
      importOpenApi(doc);
    } catch (e) {
      return e as OpenApiImportError;
    }
    throw new Error("expected an error");
  };

  it("points at an unknown integration type", () => {
    const e = error(withIntegration({ type: "lambda" }));
    expect(e).toBeInstanceOf(OpenApiImportError);
    expect(e.pointer).toBe("/paths/~1a~1b/get/x-amazon-apigateway-integration/type");
    expect(e.message).toContain('must be one of mock, http, http_proxy, aws, aws_proxy (got "lambda")');
  });

  it("points at a missing integration response status, an unknown validator, a dangling $ref", () => {
    expect(error(withIntegration({ type: "mock", responses: { default: {} } })).pointer).toBe(
      "/paths/~1a~1b/get/x-amazon-apigateway-integration/responses/default",
    );
    expect(error({ swagger: "2.0", paths: { "/a": { get: { "x-amazon-apigateway-request-validator": "nope" } } } }).message).toContain(
      'request validator "nope" is not in x-amazon-apigateway-request-validators',
    );
    expect(error({ swagger: "2.0", paths: { "/a": { get: { parameters: [{ $ref: "#/parameters/missing" }] } } } }).pointer).toBe(
      "/paths/~1a/get/parameters/0/$ref",
    );
  });

  it("refuses other documents and versions", () => {
    expect(error({ resources: [] }).message).toContain("not an OpenAPI document");
    expect(error({ openapi: "2.0" }).pointer).toBe("/openapi");
    expect(error({ swagger: "2.0", paths: { pets: {} } }).pointer).toBe("/paths/pets");
  });
});

describe("importOpenApi: every problem, with its pointer, nothing returned", () => {
  const errorsOf = (doc: unknown) => {
    try {
      importOpenApi(doc);
    } catch (e) {
      if (e instanceof OpenApiImportError) return e.issues;
      throw e;
    }
    throw new Error("expected an error");
  };
  const mock = { type: "mock", requestTemplates: { "application/json": '{"statusCode": 200}' }, responses: { default: { statusCode: "200" } } };

  it("lists the problems of several operations, models and settings at once", () => {
    const issues = errorsOf({
      openapi: "3.0.1",
      info: { title: "Broken", version: "1" },
      "x-amazon-apigateway-api-key-source": "COOKIE",
      "x-amazon-apigateway-gateway-responses": { NOT_A_TYPE: { statusCode: "400" } },
      components: { schemas: { "Bad-Name": { type: "object" }, Ok: { type: "object" } } },
      paths: {
        "/pets": {
          get: { responses: {}, "x-amazon-apigateway-integration": { ...mock, type: "lambda" } },
          post: { responses: {}, "x-amazon-apigateway-integration": { type: "http", httpMethod: "POST", uri: "https://example.com", timeoutInMillis: 30000 } },
          put: { requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Missing" } } } }, responses: {} },
        },
        "/pets/{a}/x": { get: { responses: {} } },
        "/pets/{b}": { get: { responses: {} } },
        "/files/{proxy+}/more": { get: { responses: {} } },
        "/bad path": { get: { responses: {} } },
        "/lambda": {
          post: {
            responses: {},
            "x-amazon-apigateway-integration": {
              type: "aws_proxy",
              httpMethod: "GET",
              uri: "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:f/invocations",
            },
          },
        },
        "/regex": { get: { responses: {}, "x-amazon-apigateway-integration": { ...mock, responses: { "([": { statusCode: "500" } } } } },
      },
    });
    const at = (pointer: string) => issues.filter((i) => i.pointer === pointer).map((i) => i.message);
    expect(at("/components/schemas/Bad-Name")).toEqual(["a model name must be alphanumeric (API Gateway refuses other names)"]);
    expect(at("/x-amazon-apigateway-api-key-source")).toEqual(['must be one of header, authorizer (got "COOKIE")']);
    expect(at("/x-amazon-apigateway-gateway-responses/NOT_A_TYPE")).toEqual(["Unknown gateway response type NOT_A_TYPE"]);
    expect(at("/paths/~1pets/get/x-amazon-apigateway-integration/type")).toEqual(['must be one of mock, http, http_proxy, aws, aws_proxy (got "lambda")']);
    expect(at("/paths/~1pets/post/x-amazon-apigateway-integration/timeoutInMillis")).toEqual(["Timeout must be between 50 ms and 29000 ms"]);
    expect(at("/paths/~1pets/put/requestBody/content/application~1json/schema/$ref")).toEqual(['model "Missing" is not defined in components.schemas']);
    expect(at("/paths/~1pets~1{b}")[0]).toContain("already has a variable path part");
    expect(at("/paths/~1files~1{proxy+}~1more")[0]).toContain("must be the last part of a path");
    expect(at("/paths/~1bad path")[0]).toContain("path part only allow");
    expect(at("/paths/~1lambda/post/x-amazon-apigateway-integration/httpMethod")).toEqual(["A Lambda integration must use POST as the backend method"]);
    expect(at("/paths/~1regex/get/x-amazon-apigateway-integration/responses/([")[0]).toContain("Invalid selection pattern");
    expect(issues).toHaveLength(11);
  });

  it("refuses more than 300 resources", () => {
    const paths = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`/r${i}`, { get: { responses: {} } }]));
    expect(errorsOf({ openapi: "3.0.1", info: { title: "big" }, paths })).toEqual([
      { pointer: "/paths/~1r299", message: "An API can have at most 300 resources" },
    ]);
  });

  it("warns about, and skips, extensions a REST API doesn't use", () => {
    const { design, warnings } = importOpenApiDocument({
      openapi: "3.0.1",
      info: { title: "w" },
      "x-amazon-apigateway-cors": { allowOrigins: ["*"] },
      "x-amazon-apigateway-importexport-version": "1.0",
      "x-amazon-apigateway-made-up": true,
      paths: { "/a": { get: { responses: {}, "x-amazon-apigateway-integration": { ...mock, payloadFormatVersion: "2.0" } } } },
    });
    expect(design.resources).toHaveLength(2);
    expect(warnings.map((w) => w.pointer).sort()).toEqual([
      "/paths/~1a/get/x-amazon-apigateway-integration/payloadFormatVersion",
      "/x-amazon-apigateway-cors",
      "/x-amazon-apigateway-importexport-version",
      "/x-amazon-apigateway-made-up",
    ]);
  });
});
