import { describe, expect, it } from "vitest";
import { authorize, authorizerVariables } from "./authorize";
import type { SimulatedAuthorizer } from "./context";
import { invokeMethod } from "./index";
import { parseRequest } from "./parse";
import { routeRequest } from "./route";
import { contextFor, designOf, FIXED_NOW, request } from "../../test/helpers/invoke";

const AUTHORIZERS = {
  authorizers: [
    {
      id: "lam1",
      name: "TokenCheck",
      type: "TOKEN",
      authorizerUri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:auth/invocations",
    },
    { id: "cog1", name: "Users", type: "COGNITO_USER_POOLS", providerARNs: ["arn:aws:cognito-idp:us-east-1:1:userpool/us-east-1_x"] },
  ],
};

/** A MOCK method whose response template echoes `$context.authorizer`. */
function echoMethod(
  authorizationType: string,
  authorizerId?: string,
  template = '{"p": "$context.authorizer.principalId", "sub": "$context.authorizer.claims.sub", "tenant": "$context.authorizer.tenant"}',
) {
  return {
    authorizationType,
    ...(authorizerId ? { authorizerId } : {}),
    methodResponses: { "200": { statusCode: "200" } },
    integration: {
      type: "MOCK",
      requestTemplates: { "application/json": '{"statusCode": 200}' },
      integrationResponses: { "200": { statusCode: "200", responseTemplates: { "application/json": template } } },
    },
  };
}

const design = designOf(
  {
    "/lambda": { GET: echoMethod("CUSTOM", "lam1") },
    "/cognito": { GET: echoMethod("COGNITO_USER_POOLS", "cog1") },
    "/open": { GET: echoMethod("NONE") },
  },
  AUTHORIZERS,
);

const OPTIONS = { apiId: "abc123", requestId: "req-1", now: () => FIXED_NOW };

function routed(path: string, authorizer?: SimulatedAuthorizer) {
  const ctx = contextFor(design, { pathWithQueryString: path, authorizer });
  parseRequest(ctx);
  routeRequest(ctx);
  return ctx;
}

describe("authorize (simulated authorizer)", () => {
  it("fills $context.authorizer from a simulated Lambda authorizer result and says it is simulated", () => {
    const ctx = routed("/lambda", { principalId: "user-1", context: { tenant: "acme", admin: "true" } });
    authorize(ctx);
    expect(ctx.contextVariables.authorizer).toEqual({ principalId: "user-1", tenant: "acme", admin: "true" });
    const line = ctx.log.messages().at(-1)!;
    expect(line).toBe("Authorizer result (SIMULATED by Gatehouse, no authorizer ran): principalId=user-1, context={tenant=acme, admin=true}");
  });

  it("puts Cognito claims under $context.authorizer.claims", () => {
    const ctx = routed("/cognito", { claims: { sub: "abc", "cognito:groups": "admins" } });
    authorize(ctx);
    expect(ctx.contextVariables.authorizer).toEqual({ claims: { sub: "abc", "cognito:groups": "admins" } });
    expect(ctx.log.messages().at(-1)).toMatch(/^Authorizer result \(SIMULATED by Gatehouse.*principalId=\(none\), claims=\{sub=abc, cognito:groups=admins\}$/);
  });

  it("skips authorization without a simulated result, as TestInvokeMethod does, and logs it", () => {
    const ctx = routed("/lambda");
    authorize(ctx);
    expect(ctx.contextVariables.authorizer).toBeUndefined();
    expect(ctx.log.messages().at(-1)).toMatch(
      /^Authorization skipped: Gatehouse does not run the Lambda authorizer TokenCheck \(TestInvokeMethod skips authorization too\)/,
    );
    const cognito = routed("/cognito");
    authorize(cognito);
    expect(cognito.log.messages().at(-1)).toMatch(/Cognito user pool authorizer Users/);
  });

  it("writes nothing for NONE methods, and says a simulated result is ignored there", () => {
    const none = routed("/open");
    const before = none.log.messages().length;
    authorize(none);
    expect(none.log.messages().length).toBe(before);
    const ignored = routed("/open", { principalId: "x" });
    authorize(ignored);
    expect(ignored.contextVariables.authorizer).toBeUndefined();
    expect(ignored.log.messages().at(-1)).toBe("Simulated authorizer result ignored: the method's authorization type is NONE");
  });

  it("stringifies context values and lets principalId win over a context key of the same name", () => {
    expect(authorizerVariables({ principalId: "p", context: { principalId: "other", n: 1 as unknown as string } })).toEqual({ principalId: "p", n: "1" });
  });

  it("reaches mapping templates through invokeMethod", async () => {
    const lambda = await invokeMethod(
      design,
      request({ pathWithQueryString: "/lambda", authorizer: { principalId: "user-1", context: { tenant: "acme" } } }),
      OPTIONS,
    );
    expect(lambda.status).toBe(200);
    expect(JSON.parse(lambda.body)).toEqual({ p: "user-1", sub: "", tenant: "acme" });
    expect(lambda.log).toMatch(/Authorizer result \(SIMULATED by Gatehouse/);
    const cognito = await invokeMethod(
      design,
      request({ pathWithQueryString: "/cognito", authorizer: { principalId: "abc", claims: { sub: "abc" } } }),
      OPTIONS,
    );
    expect(JSON.parse(cognito.body)).toEqual({ p: "abc", sub: "abc", tenant: "" });
    const skipped = await invokeMethod(design, request({ pathWithQueryString: "/lambda" }), OPTIONS);
    expect(JSON.parse(skipped.body)).toEqual({ p: "", sub: "", tenant: "" });
    expect(skipped.steps.map((s) => s.name)).toContain("authorize");
  });
});
