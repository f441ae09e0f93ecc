/**
 * PutRestApi — what AWS does with an OpenAPI document in merge / overwrite mode, and what
 * GetResources (embed=methods), GetModels, GetAuthorizers … return afterwards.
 * Sources: "rec <test>/<step>" = /work/shared/reference/aws-recorded/control-plane-import.json (the
 * requests and documents are in LocalStack's tests/aws/services/apigateway/test_apigateway_import.py
 * and tests/aws/files/; our documents in put-rest-api-documents.ts are our own, smaller ones
 * exercising the same facts); "doc import-update" = AWS Developer Guide, "Import an OpenAPI file to
 * update an existing API definition"; "doc import-errors" = "Errors and warnings from importing
 * your API into API Gateway"; "doc PutRestApi" = API reference. "GUESS" marks what no source states.
 */
import { expect } from "vitest";
import type { Fact, Ids, World } from "../run-facts";
import * as d from "./put-rest-api-documents";

const put =
  (mode: "merge" | "overwrite", body: string, extra: Record<string, unknown> = {}) =>
  (ids: Ids) => ({ restApiId: ids.api, mode, body, ...extra });
const resourcesOf = (ids: Ids) => ({ restApiId: ids.api, embed: ["methods"] });
const modelsOf = (ids: Ids) => ({ restApiId: ids.api });
/** GetResources' items, in any order, exactly these paths. */
const onlyPaths = (...items: Record<string, unknown>[]) => ({ item: expect.arrayContaining(items.map((i) => expect.objectContaining(i))) });
/** GetResources has this method on this path with (at least) these fields. */
const method = (path: string, verb: string, fields: Record<string, unknown>) =>
  onlyPaths({ path, resourceMethods: expect.objectContaining({ [verb]: expect.objectContaining(fields) }) });
const named = (...names: string[]) => names.map((name) => expect.objectContaining({ name }));
/** A matcher for what `expect.objectContaining` can't say (e.g. "exactly these paths, in any order"); never throws. */
const satisfies = (what: string, test: (v: any) => boolean) => ({
  asymmetricMatch: (v: unknown) => {
    try {
      return test(v);
    } catch {
      return false;
    }
  },
  toString: () => what,
  toAsymmetricMatcher: () => what,
});
const pathsAre = (...paths: string[]) =>
  satisfies(
    `paths ${paths.join(" ")}`,
    (items: { path: string }[]) =>
      items
        .map((i) => i.path)
        .sort()
        .join(" ") === [...paths].sort().join(" "),
  );
const bad = (message: string | RegExp) => ({ status: 400, error: { code: "BadRequestException", message } });

/** A new REST API (`ids.api`, root `ids.root`), as CreateRestApi makes it. */
export async function withApi(world: World): Promise<void> {
  const api = await world.send("CreateRestApi", { name: "contract" });
  Object.assign(world.ids, { api: api.id, root: api.rootResourceId });
}

/** An API that already has GET /old, a resource /pets (`ids.pets`), a validator and binary media type image/heif. */
export async function withContent(world: World): Promise<void> {
  const api = await world.send("CreateRestApi", {
    name: "before",
    description: "old description",
    binaryMediaTypes: ["image/heif"],
    endpointConfiguration: { types: ["REGIONAL"] },
  });
  Object.assign(world.ids, { api: api.id, root: api.rootResourceId });
  const old = await world.send("CreateResource", { restApiId: api.id, parentId: api.rootResourceId, pathPart: "old" });
  const pets = await world.send("CreateResource", { restApiId: api.id, parentId: api.rootResourceId, pathPart: "pets" });
  world.ids.pets = pets.id;
  await world.send("PutMethod", { restApiId: api.id, resourceId: old.id, httpMethod: "GET", authorizationType: "NONE" });
  await world.send("CreateRequestValidator", { restApiId: api.id, name: "old-validator", validateRequestBody: true });
  await world.send("CreateModel", { restApiId: api.id, name: "Old", contentType: "application/json", schema: '{"type":"object"}' });
}

/** AWS's merge example: GET /a and POST /a, each answering 200 and 206. */
async function withMergeExample(world: World): Promise<void> {
  const a = await world.send("CreateResource", { restApiId: world.ids.api, parentId: world.ids.root, pathPart: "a" });
  for (const httpMethod of ["GET", "POST"]) {
    const key = { restApiId: world.ids.api, resourceId: a.id, httpMethod };
    await world.send("PutMethod", { ...key, authorizationType: "NONE" });
    for (const statusCode of ["200", "206"]) await world.send("PutMethodResponse", { ...key, statusCode });
  }
}

const statuses = (...codes: string[]) => Object.fromEntries(codes.map((c) => [c, { statusCode: c }]));

export const modeFacts: Fact[] = [
  {
    name: "overwrite: the API becomes the document; resources, methods, models and validators it lacks are gone",
    source: "doc import-update (overwrite: items not in the imported definition are deleted; configuration not in the body is reset to its default)",
    given: withContent,
    op: "PutRestApi",
    input: put("overwrite", d.bytes(d.petsDocument)),
    status: 200,
    returns: { name: "pets", description: "Pet shop", version: "2.1", endpointConfiguration: { types: ["REGIONAL"] } },
    absent: ["warnings"],
    followedBy: [
      {
        op: "GetResources",
        input: resourcesOf,
        status: 200,
        returns: {
          item: pathsAre("/", "/pets", "/pets/{petId}"),
        },
      },
      { op: "GetRequestValidators", input: modelsOf, status: 200, returns: { item: [] } },
    ],
  },
  {
    name: "overwrite: built-in Empty and Error go too when the document doesn't define them",
    source:
      "GUESS from doc import-update (everything not in the document is deleted) and rec test_import_and_validate_rest_api[swagger-mock-cors.json]/get-models (an API made from a document without models has no models, not even Empty)",
    given: withContent,
    op: "PutRestApi",
    input: put("overwrite", d.bytes(d.petsDocument)),
    status: 200,
    followedBy: [
      {
        op: "GetModels",
        input: modelsOf,
        status: 200,
        returns: {
          item: satisfies(
            "models Pet and PetList only",
            (items: { name: string }[]) =>
              items
                .map((m) => m.name)
                .sort()
                .join() === "Pet,PetList",
          ),
        },
      },
    ],
  },
  {
    name: "overwrite: a resource on a path the document keeps keeps its id",
    source:
      "rec test_import_rest_api_with_base_path_oas30[ignore]/get-resources-oas30-srv-var and get-resources-oas30-srv-url (/test is <id:3> after both overwrites)",
    given: withContent,
    op: "PutRestApi",
    input: put("overwrite", d.bytes(d.petsDocument)),
    status: 200,
    followedBy: [{ op: "GetResources", input: resourcesOf, status: 200, returns: (ids) => onlyPaths({ path: "/pets", id: ids.pets }) }],
  },
  {
    name: "merge: the document's methods replace the same methods; other methods stay (AWS's GET /a, POST /a example)",
    source: "doc import-update (merge example: GET /a returns 200 and 400, POST /a still 200 and 206)",
    given: withMergeExample,
    op: "PutRestApi",
    input: put("merge", d.bytes(d.mergeExampleDocument)),
    status: 200,
    followedBy: [
      {
        op: "GetResources",
        input: resourcesOf,
        status: 200,
        returns: onlyPaths({
          path: "/a",
          resourceMethods: {
            GET: expect.objectContaining({ methodResponses: statuses("200", "400") }),
            POST: expect.objectContaining({ methodResponses: statuses("200", "206") }),
          },
        }),
      },
    ],
  },
  {
    name: "merge: what the document doesn't define stays (resources, models including Empty and Error, validators, description)",
    source: "doc import-update (merge: items not specifically defined in the imported definition are left alone)",
    given: withContent,
    op: "PutRestApi",
    input: put("merge", d.bytes(d.mergeExampleDocument)),
    status: 200,
    returns: { name: "shop", description: "old description", version: "1.0" },
    followedBy: [
      {
        op: "GetResources",
        input: resourcesOf,
        status: 200,
        returns: onlyPaths({ path: "/old", resourceMethods: { GET: expect.anything() } }, { path: "/a" }, { path: "/pets" }),
      },
      { op: "GetModels", input: modelsOf, status: 200, returns: { item: expect.arrayContaining(named("Empty", "Error", "Old")) } },
      { op: "GetRequestValidators", input: modelsOf, status: 200, returns: { item: named("old-validator") } },
    ],
  },
  {
    name: "merge adds the document's binary media types to the API's",
    source: "rec test_put_rest_api_mode_binary_media_types[merge]/put-api",
    given: withContent,
    op: "PutRestApi",
    input: put("merge", d.bytes(d.binaryDocument)),
    status: 200,
    returns: { name: "renamed", version: "1.0.0", binaryMediaTypes: ["image/heif", "image/png", "image/jpg"], apiKeySource: "HEADER" },
  },
  {
    name: "overwrite replaces the API's binary media types with the document's; the description goes back to none",
    source: "rec test_put_rest_api_mode_binary_media_types[overwrite]/put-api; doc import-update (reset to default)",
    given: withContent,
    op: "PutRestApi",
    input: put("overwrite", d.bytes(d.binaryDocument)),
    status: 200,
    returns: { name: "renamed", version: "1.0.0", binaryMediaTypes: ["image/png", "image/jpg"], endpointConfiguration: { types: ["REGIONAL"] } },
    absent: ["description"],
  },
  {
    name: "a refused document changes nothing: the API keeps its name, resources and models",
    source: "doc import-errors (when an error occurs, the new API definition is discarded and no change is made to the existing API)",
    given: withContent,
    op: "PutRestApi",
    input: put("overwrite", d.bytes(d.brokenDocument)),
    // GUESS: the wording after the prefix (AWS's exact text for each refused entity is not recorded).
    ...bad(/^Errors found during import:\n\t.*'\/broken'/),
    followedBy: [
      { op: "GetRestApi", input: modelsOf, status: 200, returns: { name: "before", description: "old description" } },
      { op: "GetResources", input: resourcesOf, status: 200, returns: onlyPaths({ path: "/old" }, { path: "/pets" }) },
      { op: "GetModels", input: modelsOf, status: 200, returns: { item: expect.arrayContaining(named("Empty", "Error", "Old")) } },
    ],
  },
];

export const badBodyFacts: Fact[] = [
  {
    name: "an unreadable JSON body is AWS's own 'Invalid OpenAPI input.'",
    source: "rec test_import_api_bad_file/put-rest-api-bad-json-file",
    op: "PutRestApi",
    input: put("overwrite", d.bytes(d.badJson)),
    ...bad("Invalid OpenAPI input."),
  },
  {
    name: "an unreadable YAML body is AWS's own 'Invalid OpenAPI input.'",
    source: "rec test_import_api_bad_file/put-rest-api-bad-yaml-file",
    op: "PutRestApi",
    input: put("merge", d.bytes(d.badYaml)),
    ...bad("Invalid OpenAPI input."),
  },
  {
    name: "a body over 6 MB is refused and changes nothing",
    source: "doc PutRestApi (the maximum size of the API definition file is 6MB); status, code and message: GUESS",
    op: "PutRestApi",
    // Built when the fact runs, not when the list is read.
    input: (ids) => put("overwrite", d.bytes({ ...d.oas3({}), "x-padding": "x".repeat(6 * 1024 * 1024) }))(ids),
    ...bad("Request body is larger than the maximum allowed (6 MB)"),
    followedBy: [{ op: "GetRestApi", input: modelsOf, status: 200, returns: { name: "contract" } }],
  },
  {
    name: "warnings come back in the RestApi's warnings (the non-string parameter left out) when failonwarnings is false",
    source: "rec test_import_rest_api_with_base_path_oas30[ignore]/put-rest-api-oas30-srv-url and srv-url-method-test-get; doc import-errors",
    op: "PutRestApi",
    input: put("overwrite", d.bytes(d.warningDocument)),
    status: 200,
    returns: {
      warnings: [
        "Invalid format for 'requestParameters'. Expected type string for property 'integration.request.header.nothing' of resource '/test' and method 'GET' but got 'true'",
      ],
    },
    followedBy: [
      {
        op: "GetResources",
        input: resourcesOf,
        status: 200,
        returns: onlyPaths({
          path: "/test",
          resourceMethods: {
            GET: expect.objectContaining({ methodIntegration: expect.objectContaining({ requestParameters: { "integration.request.header.kept": "'yes'" } }) }),
          },
        }),
      },
    ],
  },
  {
    name: "a reference to a model the document doesn't define is a warning; the method is imported without it",
    source: "doc import-errors (warnings for minor issues like a missing model reference); the warning's wording: GUESS",
    op: "PutRestApi",
    input: put("overwrite", d.bytes(d.missingModelDocument)),
    status: 200,
    returns: { warnings: [expect.stringContaining("Nowhere")] },
    followedBy: [
      { op: "GetResources", input: resourcesOf, status: 200, returns: method("/test", "GET", { methodResponses: { "200": { statusCode: "200" } } }) },
    ],
  },
  {
    name: "with failonwarnings=true a warning fails the call and nothing changes",
    source: "doc import-errors (otherwise the updates are rolled back; warnings are returned as a message in the exception); the message's prefix: GUESS",
    op: "PutRestApi",
    input: put("overwrite", d.bytes(d.warningDocument), { failOnWarnings: true }),
    ...bad(
      "Warnings found during import:\n\tInvalid format for 'requestParameters'. Expected type string for property 'integration.request.header.nothing' of resource '/test' and method 'GET' but got 'true'",
    ),
    followedBy: [{ op: "GetResources", input: resourcesOf, status: 200, returns: { item: [expect.objectContaining({ path: "/" })] } }],
  },
];

export const documentFacts: Fact[] = [
  {
    name: "methods, parameters, responses and integrations as GetResources(embed=methods) returns them, with AWS's integration defaults",
    source:
      "rec test_import_with_circular_models/method-person-post, test_import_with_global_api_key_authorizer/method-pets-get (defaults: cacheNamespace = resource id, cacheKeyParameters [], timeoutInMillis 29000, connectionType INTERNET for HTTP)",
    op: "PutRestApi",
    input: put("overwrite", d.bytes(d.petsDocument)),
    status: 200,
    followedBy: [
      {
        op: "GetResources",
        input: resourcesOf,
        status: 200,
        returns: onlyPaths(
          {
            path: "/pets",
            resourceMethods: {
              GET: expect.objectContaining({
                httpMethod: "GET",
                authorizationType: "NONE",
                apiKeyRequired: false,
                operationName: "ListPets",
                requestParameters: { "method.request.querystring.type": false },
                methodResponses: {
                  "200": {
                    statusCode: "200",
                    responseParameters: { "method.response.header.X-Count": false },
                    responseModels: { "application/json": "PetList" },
                  },
                },
                methodIntegration: expect.objectContaining({
                  type: "MOCK",
                  passthroughBehavior: "WHEN_NO_TEMPLATES",
                  timeoutInMillis: 29000,
                  cacheKeyParameters: [],
                  integrationResponses: { "200": { statusCode: "200" } },
                }),
              }),
            },
          },
          {
            path: "/pets/{petId}",
            resourceMethods: {
              GET: expect.objectContaining({
                requestParameters: { "method.request.path.petId": true },
                methodIntegration: expect.objectContaining({
                  type: "HTTP",
                  httpMethod: "GET",
                  connectionType: "INTERNET",
                  passthroughBehavior: "WHEN_NO_MATCH",
                  uri: "http://petstore.example.com/pets/{petId}",
                }),
              }),
            },
          },
        ),
      },
    ],
  },
  {
    name: "integer status codes in YAML are stored as strings",
    source: "rec test_import_with_integer_http_status_code/method-test-get",
    op: "PutRestApi",
    input: put("overwrite", d.bytes(d.integerStatusYaml)),
    status: 200,
    returns: { name: "integers", version: "2.0" },
    followedBy: [
      {
        op: "GetResources",
        input: resourcesOf,
        status: 200,
        returns: method("/test", "GET", {
          methodResponses: { "200": { statusCode: "200", responseParameters: { "method.response.header.Access-Control-Allow-Origin": false } } },
          methodIntegration: expect.objectContaining({
            integrationResponses: { "200": { statusCode: "200", responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'*'" } } },
          }),
        }),
      },
    ],
  },
  {
    name: "Cognito schemes become authorizers reading the scheme's header, without a TTL",
    source: "rec test_import_with_cognito_auth_identity_source/get-authorizers",
    op: "PutRestApi",
    input: put("overwrite", d.bytes(d.cognitoDocument)),
    status: 200,
    followedBy: [
      {
        op: "GetAuthorizers",
        input: modelsOf,
        status: 200,
        returns: {
          item: expect.arrayContaining(
            ["users", "admins"].map((name) =>
              expect.objectContaining({
                name,
                type: "COGNITO_USER_POOLS",
                authType: "cognito_user_pools",
                identitySource: "method.request.header.UserToken",
                providerARNs: ["arn:aws:cognito-idp:us-east-1:111111111111:userpool/us-east-1_ABC123"],
              }),
            ),
          ),
        },
      },
      {
        op: "GetAuthorizers",
        input: modelsOf,
        status: 200,
        returns: { item: satisfies("no authorizerResultTtlInSeconds", (items: object[]) => items.every((a) => !("authorizerResultTtlInSeconds" in a))) },
      },
    ],
  },
  {
    name: "the document's security applies where an operation has none; an operation's own requirement (and scopes) wins",
    source: "rec test_import_with_cognito_auth_identity_source/method-pets-get, method-default-no-scope-get, method-non-default-authorizer-get",
    op: "PutRestApi",
    input: put("overwrite", d.bytes(d.cognitoDocument)),
    status: 200,
    followedBy: [
      {
        op: "GetResources",
        input: resourcesOf,
        status: 200,
        returns: method("/inherits", "GET", { authorizationType: "COGNITO_USER_POOLS", authorizerId: expect.any(String), authorizationScopes: ["email"] }),
      },
      { op: "GetResources", input: resourcesOf, status: 200, returns: method("/other", "GET", { authorizationScopes: ["email", "openid"] }) },
      {
        op: "GetResources",
        input: resourcesOf,
        status: 200,
        returns: onlyPaths({
          path: "/no-scope",
          resourceMethods: { GET: satisfies("Cognito, no scopes", (m) => m.authorizationType === "COGNITO_USER_POOLS" && !("authorizationScopes" in m)) },
        }),
      },
    ],
  },
  {
    name: "a REQUEST authorizer required document-wide, API keys from the authorizer, and ANY from x-amazon-apigateway-any-method",
    source: "rec test_import_with_global_api_key_authorizer/import-swagger, get-authorizers, method-echo/{data}-any",
    op: "PutRestApi",
    input: put("overwrite", d.bytes(d.requestAuthorizerDocument)),
    status: 200,
    returns: { apiKeySource: "AUTHORIZER" },
    followedBy: [
      {
        op: "GetAuthorizers",
        input: modelsOf,
        status: 200,
        returns: {
          item: [
            expect.objectContaining({
              name: "gate",
              type: "REQUEST",
              authType: "custom",
              identitySource: "method.request.header.Custom-Authorization",
              authorizerResultTtlInSeconds: 300,
            }),
          ],
        },
      },
      {
        op: "GetResources",
        input: resourcesOf,
        status: 200,
        returns: method("/echo/{data}", "ANY", {
          authorizationType: "CUSTOM",
          authorizerId: expect.any(String),
          requestParameters: { "method.request.path.data": true },
        }),
      },
    ],
  },
  {
    name: "Swagger 2.0: body parameter and response schema models by consumes/produces; every scheme with an authorizer is created, TTL only where given; documentation is no warning",
    source:
      "rec test_import_swagger_api/get-authorizers (test-authorizer-not-used has no TTL), method-pets-post (imported with failOnWarnings=True from a document with x-amazon-apigateway-documentation)",
    op: "PutRestApi",
    input: put("overwrite", d.bytes(d.swaggerDocument), { failOnWarnings: true }),
    status: 200,
    returns: { name: "swagger shop" },
    absent: ["warnings"],
    followedBy: [
      {
        op: "GetAuthorizers",
        input: modelsOf,
        status: 200,
        returns: {
          item: expect.arrayContaining([
            expect.objectContaining({
              name: "used-authorizer",
              type: "TOKEN",
              authType: "oauth2",
              identitySource: "method.request.header.Authorization",
              identityValidationExpression: "^x-[a-z]+",
              authorizerResultTtlInSeconds: 60,
            }),
            satisfies("unused-authorizer without a TTL", (a) => a.name === "unused-authorizer" && a.type === "TOKEN" && !("authorizerResultTtlInSeconds" in a)),
          ]),
        },
      },
      {
        op: "GetResources",
        input: resourcesOf,
        status: 200,
        returns: method("/pets", "POST", {
          operationName: "CreatePet",
          authorizationType: "CUSTOM",
          requestModels: { "application/json": "NewPet" },
          methodResponses: {
            "200": {
              statusCode: "200",
              responseModels: { "application/json": "Pet" },
              responseParameters: { "method.response.header.Access-Control-Allow-Origin": false },
            },
          },
        }),
      },
    ],
  },
  {
    name: "circular model references are accepted; $refs become model URLs with the API's id; a schema's description is the model's",
    source:
      "rec test_import_with_circular_models/get-models, test_import_with_circular_models_and_request_validation/request-validators and method-person-post",
    op: "PutRestApi",
    input: put("overwrite", d.bytes(d.circularDocument)),
    status: 200,
    followedBy: [
      {
        op: "GetModels",
        input: modelsOf,
        status: 200,
        returns: (ids) => ({
          item: expect.arrayContaining([
            expect.objectContaining({
              name: "Person",
              description: "Someone",
              contentType: "application/json",
              schema: expect.stringContaining(`"https://apigateway.amazonaws.com/restapis/${ids.api}/models/House"`),
            }),
            expect.objectContaining({
              name: "House",
              description: "Somewhere",
              schema: expect.stringContaining(`"https://apigateway.amazonaws.com/restapis/${ids.api}/models/Person"`),
            }),
          ]),
        }),
      },
      {
        op: "GetRequestValidators",
        input: modelsOf,
        status: 200,
        returns: { item: [expect.objectContaining({ name: "strict", validateRequestBody: true, validateRequestParameters: true })] },
      },
      {
        op: "GetResources",
        input: resourcesOf,
        status: 200,
        returns: method("/person", "POST", {
          operationName: "CreatePerson",
          requestModels: { "application/json": "Person" },
          requestValidatorId: expect.any(String),
        }),
      },
    ],
  },
];

const basePath = (mode: string, body: string, ...paths: string[]): Fact => ({
  name: `basepath=${mode}: ${paths.join(", ")}`,
  source: "",
  op: "PutRestApi",
  input: put("overwrite", body, { parameters: { basepath: mode } }),
  status: 200,
  followedBy: [
    {
      op: "GetResources",
      input: resourcesOf,
      status: 200,
      returns: { item: pathsAre("/", ...paths) },
    },
  ],
});

export const basePathFacts: Fact[] = [
  {
    ...basePath("ignore", d.bytes(d.swaggerBasePathDocument), "/test"),
    source: "rec test_import_rest_apis_with_base_path_swagger[ignore]/get-resources-swagger-json",
  },
  {
    ...basePath("prepend", d.bytes(d.swaggerBasePathDocument), "/base", "/base/test"),
    source: "rec test_import_rest_apis_with_base_path_swagger[prepend]/get-resources-swagger-json",
  },
  {
    ...basePath("split", d.bytes(d.swaggerBasePathDocument), "/test"),
    source: "rec test_import_rest_apis_with_base_path_swagger[split]/get-resources-swagger-json",
  },
  {
    ...basePath("prepend", d.bytes(d.serverUrlYaml), "/base-url", "/base-url/part", "/base-url/part/test"),
    source: "rec test_import_rest_api_with_base_path_oas30[prepend]/get-resources-oas30-srv-url",
  },
  {
    ...basePath("split", d.bytes(d.serverUrlYaml), "/part", "/part/test"),
    source: "rec test_import_rest_api_with_base_path_oas30[split]/get-resources-oas30-srv-url",
  },
  { ...basePath("ignore", d.bytes(d.serverUrlYaml), "/test"), source: "rec test_import_rest_api_with_base_path_oas30[ignore]/get-resources-oas30-srv-url" },
  {
    ...basePath("prepend", d.bytes(d.serverVariableYaml), "/base-var", "/base-var/test"),
    source: "rec test_import_rest_api_with_base_path_oas30[prepend]/get-resources-oas30-srv-var",
  },
];
