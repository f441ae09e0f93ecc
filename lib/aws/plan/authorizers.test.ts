import { describe, expect, it } from "vitest";
import { parseDesign } from "../../model/design";
import type { LiveApi } from "../live";
import { authorizerIdFor, planAuthorizerDeletes, planAuthorizers } from "./authorizers";
import { planContext } from "./context";

const LAMBDA = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:auth/invocations";
const POOL = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_abc";

const design = (authorizers: unknown[]) => parseDesign({ name: "pets", resources: [{ id: "root", parentId: null, pathPart: "" }], authorizers });

function live(authorizers: LiveApi["authorizers"]): LiveApi {
  return { restApi: { id: "a1b2c3" }, resources: [], models: [], requestValidators: [], authorizers, gatewayResponses: [] };
}

describe("planAuthorizers", () => {
  it("creates an authorizer that is not live, with only the fields it has", () => {
    const ctx = planContext(
      design([{ id: "a1", name: "token", type: "TOKEN", authorizerUri: LAMBDA, identitySource: "method.request.header.Authorization" }]),
      null,
    );
    expect(planAuthorizers(ctx)).toEqual([
      {
        operation: "CreateAuthorizer",
        target: "authorizer token",
        description: "Create TOKEN authorizer token",
        kind: "create",
        binds: "authorizer:token",
        params: { restApiId: { ref: "restApi" }, name: "token", type: "TOKEN", authorizerUri: LAMBDA, identitySource: "method.request.header.Authorization" },
      },
    ]);
  });

  it("patches a live authorizer field by field; provider ARNs are added and removed by value", () => {
    const ctx = planContext(
      design([{ id: "a1", name: "pool", type: "COGNITO_USER_POOLS", identitySource: "method.request.header.Authorization", providerARNs: [POOL] }]),
      live([{ id: "la1", name: "pool", type: "COGNITO_USER_POOLS", identitySource: "method.request.header.Auth", providerARNs: ["arn:old"] }]),
    );
    expect(planAuthorizers(ctx)).toEqual([
      {
        operation: "UpdateAuthorizer",
        target: "authorizer pool",
        description: "Update authorizer pool (identitySource, providerARNs)",
        kind: "update",
        params: {
          restApiId: "a1b2c3",
          authorizerId: "la1",
          patchOperations: [
            { op: "replace", path: "/identitySource", value: "method.request.header.Authorization" },
            { op: "add", path: "/providerARNs", value: POOL },
            { op: "remove", path: "/providerARNs", value: "arn:old" },
          ],
        },
      },
    ]);
    expect(ctx.bindings["authorizer:pool"]).toBe("la1");
  });

  it("compares the result TTL with AWS's default of 300 only when the design sets one", () => {
    const base = { id: "a1", name: "token", type: "TOKEN", authorizerUri: LAMBDA, identitySource: "method.request.header.Authorization" };
    const liveOne: LiveApi["authorizers"] = [
      {
        id: "la1",
        name: "token",
        type: "TOKEN",
        authorizerUri: LAMBDA,
        identitySource: "method.request.header.Authorization",
        authorizerResultTtlInSeconds: 60,
      },
    ];
    expect(planAuthorizers(planContext(design([base]), live(liveOne)))).toEqual([]);
    const ops = planAuthorizers(planContext(design([{ ...base, authorizerResultTtlInSeconds: 300 }]), live(liveOne)))[0].params.patchOperations;
    expect(ops).toEqual([{ op: "replace", path: "/authorizerResultTtlInSeconds", value: "300" }]);
  });

  it("deletes the live authorizers the design dropped", () => {
    const ctx = planContext(design([]), live([{ id: "la1", name: "gone" }]));
    expect(planAuthorizerDeletes(ctx)).toEqual([
      {
        operation: "DeleteAuthorizer",
        target: "authorizer gone",
        description: "Delete authorizer gone",
        kind: "delete",
        params: { restApiId: "a1b2c3", authorizerId: "la1" },
      },
    ]);
  });
});

describe("authorizerIdFor", () => {
  const ctx = planContext(
    design([{ id: "a1", name: "token", type: "TOKEN", authorizerUri: LAMBDA, identitySource: "method.request.header.Authorization" }]),
    null,
  );

  it("names the authorizer of a CUSTOM method by its binding, and none for other authorization types", () => {
    expect(authorizerIdFor(ctx, { authorizationType: "CUSTOM", authorizerId: "a1" } as never)).toEqual({ ref: "authorizer:token" });
    expect(authorizerIdFor(ctx, { authorizationType: "AWS_IAM", authorizerId: "a1" } as never)).toBeUndefined();
  });

  it("refuses a CUSTOM method whose authorizer is missing from the design", () => {
    expect(() => authorizerIdFor(ctx, { authorizationType: "CUSTOM" } as never)).toThrow("Method uses authorizer (none), which is not in the design");
    expect(() => authorizerIdFor(ctx, { authorizationType: "COGNITO_USER_POOLS", authorizerId: "x" } as never)).toThrow(
      "Method uses authorizer x, which is not in the design",
    );
  });
});
