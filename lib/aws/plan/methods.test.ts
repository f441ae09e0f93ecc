import type { Method as AwsMethod } from "@aws-sdk/client-api-gateway";
import { describe, expect, it } from "vitest";
import { parseDesign } from "../../model/design";
import type { LiveApi } from "../live";
import { planContext } from "./context";
import { planMethods } from "./methods";
import { resourceTree } from "./resources";

const design = (methods: Record<string, unknown>) =>
  parseDesign({
    name: "pets",
    resources: [
      { id: "g-root", parentId: null, pathPart: "" },
      { id: "g-pets", parentId: "g-root", pathPart: "pets", methods },
    ],
    requestValidators: [{ id: "g-val", name: "params", validateRequestParameters: true }],
  });

function live(methods: Record<string, AwsMethod>): LiveApi {
  return {
    restApi: { id: "a1b2c3" },
    resources: [
      { id: "r0", path: "/" },
      { id: "r1", path: "/pets", resourceMethods: methods },
    ],
    models: [],
    requestValidators: [{ id: "lv", name: "params", validateRequestParameters: true }],
    authorizers: [],
    gatewayResponses: [],
  };
}

const plan = (d: ReturnType<typeof design>, l: LiveApi | null) => {
  const ctx = planContext(d, l);
  if (l) ctx.bindings["resource:/pets"] = "r1"; // what the resource planner binds before methods are planned
  return planMethods(ctx, resourceTree(d, l));
};

describe("planMethods", () => {
  it("puts a new method, then its responses, then its integration, verbs in the console's order", () => {
    const d = design({
      POST: { httpMethod: "POST" },
      GET: {
        httpMethod: "GET",
        requestValidatorId: "g-val",
        methodResponses: { "200": { statusCode: "200" } },
        integration: { type: "MOCK", integrationResponses: { "200": { statusCode: "200" } } },
      },
    });
    const { changes, deletes } = plan(d, null);
    expect(changes.map((c) => `${c.operation} ${c.target}`)).toEqual([
      "PutMethod GET /pets",
      "PutMethodResponse GET /pets",
      "PutIntegration GET /pets",
      "PutIntegrationResponse GET /pets",
      "PutMethod POST /pets",
    ]);
    expect(changes[0].params).toEqual({
      restApiId: { ref: "restApi" },
      resourceId: { ref: "resource:/pets" },
      httpMethod: "GET",
      authorizationType: "NONE",
      apiKeyRequired: false,
      requestValidatorId: { ref: "validator:params" },
    });
    expect(deletes).toEqual([]);
  });

  it("on a live method removes dropped integration responses before patching the method and deleting method responses", () => {
    const l = live({
      GET: {
        httpMethod: "GET",
        authorizationType: "NONE",
        methodResponses: { "200": { statusCode: "200" }, "500": { statusCode: "500" } },
        methodIntegration: {
          type: "MOCK",
          passthroughBehavior: "WHEN_NO_MATCH",
          timeoutInMillis: 29000,
          integrationResponses: { "200": { statusCode: "200" }, "500": { statusCode: "500" } },
        },
      },
    });
    const d = design({
      GET: {
        httpMethod: "GET",
        apiKeyRequired: true,
        methodResponses: { "200": { statusCode: "200" } },
        integration: { type: "MOCK", integrationResponses: { "200": { statusCode: "200" } } },
      },
    });
    const { changes } = plan(d, l);
    expect(changes.map((c) => [c.operation, c.params.statusCode ?? c.params.patchOperations])).toEqual([
      ["DeleteIntegrationResponse", "500"],
      ["UpdateMethod", [{ op: "replace", path: "/apiKeyRequired", value: "true" }]],
      ["DeleteMethodResponse", "500"],
    ]);
    expect(changes[0].params.resourceId).toBe("r1");
  });

  it("plans nothing for a live method equal to the design's, and deletes live methods the design dropped apart", () => {
    const l = live({ GET: { httpMethod: "GET", authorizationType: "NONE" }, DELETE: { httpMethod: "DELETE", authorizationType: "NONE" } });
    const { changes, deletes } = plan(design({ GET: { httpMethod: "GET" } }), l);
    expect(changes).toEqual([]);
    expect(deletes).toEqual([
      {
        operation: "DeleteMethod",
        target: "DELETE /pets",
        description: "Delete method DELETE /pets",
        kind: "delete",
        params: { restApiId: "a1b2c3", resourceId: "r1", httpMethod: "DELETE" },
      },
    ]);
  });

  it("sends authorization scopes only for a Cognito method, and removes live ones from a method that is no longer Cognito", () => {
    const d = parseDesign({
      name: "pets",
      resources: [
        { id: "g-root", parentId: null, pathPart: "" },
        {
          id: "g-pets",
          parentId: "g-root",
          pathPart: "pets",
          methods: { GET: { httpMethod: "GET", authorizationType: "AWS_IAM", authorizationScopes: ["read"] } },
        },
      ],
    });
    const l = live({ GET: { httpMethod: "GET", authorizationType: "AWS_IAM", authorizationScopes: ["read"] } });
    expect(plan(d, l).changes[0].params.patchOperations).toEqual([{ op: "remove", path: "/authorizationScopes", value: "read" }]);
    expect(plan(d, null).changes[0].params).not.toHaveProperty("authorizationScopes");
  });
});
