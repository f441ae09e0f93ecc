import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { describe, expect, it } from "vitest";
import { parseDesign } from "../../model/design";
import type { LiveApi } from "../live";
import { planContext } from "./context";
import { planEntityCalls, planPush } from "./plan-push";

/** Every kind of entity, each with something to create. */
const design = parseDesign({
  name: "pets",
  resources: [
    { id: "root", parentId: null, pathPart: "" },
    {
      id: "pets",
      parentId: "root",
      pathPart: "pets",
      methods: {
        GET: {
          httpMethod: "GET",
          authorizationType: "CUSTOM",
          authorizerId: "auth",
          requestValidatorId: "val",
          methodResponses: { "200": { statusCode: "200", responseModels: { "application/json": "Pet" } } },
          integration: { type: "MOCK", integrationResponses: { "200": { statusCode: "200" } } },
        },
      },
    },
  ],
  models: [{ id: "m", name: "Pet", schema: '{"type":"object"}' }],
  requestValidators: [{ id: "val", name: "params", validateRequestParameters: true }],
  authorizers: [
    {
      id: "auth",
      name: "token",
      type: "TOKEN",
      authorizerUri: "arn:aws:apigateway:eu-west-1:lambda:path/fn",
      identitySource: "method.request.header.Authorization",
    },
  ],
  gatewayResponses: [{ responseType: "UNAUTHORIZED", statusCode: "401" }],
});

/** The client is only used to read; a plan for a new API reads nothing. */
const noClient = {} as APIGatewayClient;

describe("planPush", () => {
  it("on a new API lists the creates in AWS's dependency order: API, components methods refer to, resources, methods", async () => {
    const plan = await planPush(noClient, { design, stageName: "dev", strategy: "per-entity", stageVariables: { a: "1" } });
    expect(plan.calls.map((c) => c.operation)).toEqual([
      "CreateRestApi",
      "CreateModel",
      "CreateRequestValidator",
      "CreateAuthorizer",
      "PutGatewayResponse",
      "CreateResource",
      "PutMethod",
      "PutMethodResponse",
      "PutIntegration",
      "PutIntegrationResponse",
    ]);
    expect(plan.calls[6].params).toMatchObject({ authorizerId: { ref: "authorizer:token" }, requestValidatorId: { ref: "validator:params" } });
    expect(plan).toMatchObject({
      restApiId: null,
      apiName: "pets",
      stageName: "dev",
      bindings: {},
      summary: { creates: 10, updates: 0, deletes: 0 },
      deployment: { stageExists: false, variables: { a: "1" }, stagePatchOperations: [] },
      notes: [],
    });
  });

  it("refuses a stage name AWS would refuse, before reading anything", async () => {
    await expect(planPush(noClient, { design, stageName: "dev stage" })).rejects.toThrow("Stage name only allows a-zA-Z0-9_- and must be 1 to 128 characters");
  });

  it("notes an API id that is not live and plans a new API", async () => {
    const plan = await planPush(noClient, { design, restApiId: "gone12", live: null, stageName: "dev", strategy: "per-entity" });
    expect(plan.calls[0].operation).toBe("CreateRestApi");
    expect(plan.notes).toEqual(["REST API gone12 was not found in this account and Region; the push creates a new one."]);
  });
});

describe("planEntityCalls", () => {
  it("deletes methods, then resources, then gateway responses, authorizers, validators and models nothing refers to", () => {
    const empty = parseDesign({ name: "pets", resources: [{ id: "root", parentId: null, pathPart: "" }] });
    const live: LiveApi = {
      restApi: { id: "a1b2c3", name: "pets", endpointConfiguration: { types: ["REGIONAL"] } },
      resources: [
        { id: "r0", path: "/", resourceMethods: { GET: { httpMethod: "GET" } } },
        { id: "r1", path: "/pets" },
      ],
      models: [{ name: "Pet" }, { name: "Empty" }],
      requestValidators: [{ id: "v", name: "params" }],
      authorizers: [{ id: "a", name: "token" }],
      gatewayResponses: [{ responseType: "UNAUTHORIZED" }],
    };
    const calls = planEntityCalls(planContext(empty, live));
    expect(calls.map((c) => `${c.operation} ${c.target}`)).toEqual([
      "DeleteMethod GET /",
      "DeleteResource /pets",
      "DeleteGatewayResponse gateway response UNAUTHORIZED",
      "DeleteAuthorizer authorizer token",
      "DeleteRequestValidator validator params",
      "DeleteModel model Pet",
    ]);
  });
});
