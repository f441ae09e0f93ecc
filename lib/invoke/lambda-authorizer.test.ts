/**
 * Lambda authorizers run for real (callAuthorizer) through a LambdaInvoker — here a fake function
 * in-process; lib/gateway/lambda-wiring.test.ts runs one through the SDK against a fake endpoint.
 * Covers AWS's event shapes, identity checks before any call, the policy decision against the
 * method ARN, errors, `$context.authorizer`, and the result cache.
 */
import { describe, expect, it } from "vitest";
import { AuthorizerCache } from "./authorizer-cache";
import type { LambdaInvoker } from "./context";
import { invokeMethod } from "./index";
import { parseAuthorizerOutput } from "./lambda-authorizer";
import { arnMatches, evaluatePolicy, parsePolicyDocument } from "./policy";
import { designOf, FIXED_NOW, request } from "../../test/helpers/invoke";

const AUTH_FN = "arn:aws:lambda:us-east-1:123456789012:function:auth";
const AUTH_URI = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${AUTH_FN}/invocations`;
const OPTIONS = { apiId: "abc123", requestId: "req-1", now: () => FIXED_NOW };
const ARN_PREFIX = "arn:aws:execute-api:us-east-1:123456789012:abc123/test-invoke-stage";

const policy = (effect: "Allow" | "Deny", resource: string | string[]) => ({
  Version: "2012-10-17",
  Statement: [{ Action: "execute-api:Invoke", Effect: effect, Resource: resource }],
});

const echo = (authorizationType: string, authorizerId: string) => ({
  authorizationType,
  authorizerId,
  methodResponses: { "200": { statusCode: "200" } },
  integration: {
    type: "MOCK",
    requestTemplates: { "application/json": '{"statusCode": 200}' },
    integrationResponses: {
      "200": {
        statusCode: "200",
        responseTemplates: {
          "application/json": '{"p": "$context.authorizer.principalId", "tenant": "$context.authorizer.tenant", "n": "$context.authorizer.n"}',
        },
      },
    },
  },
});

function designWith(authorizer: Record<string, unknown>) {
  return designOf(
    {
      "/pets/{id}": { GET: echo("CUSTOM", "a1"), DELETE: echo("CUSTOM", "a1") },
      "/users": { GET: echo("COGNITO_USER_POOLS", "c1") },
    },
    {
      authorizers: [
        { id: "a1", name: "Auth", authorizerUri: AUTH_URI, ...authorizer },
        { id: "c1", name: "Users", type: "COGNITO_USER_POOLS", providerARNs: ["arn:aws:cognito-idp:us-east-1:1:userpool/x"] },
      ],
    },
  );
}

type Reply = { payload: string; functionError?: string };
function fakeAuthorizer(reply: (event: Record<string, unknown>) => Reply): LambdaInvoker & { events: Record<string, unknown>[] } {
  const events: Record<string, unknown>[] = [];
  const fn = async (_arn: string, payload: string) => {
    const event = JSON.parse(payload) as Record<string, unknown>;
    events.push(event);
    const r = reply(event);
    return { statusCode: 200, payload: r.payload, functionError: r.functionError };
  };
  return Object.assign(fn, { events });
}

const allowAll = fakeAuthorizerFactory("Allow", `${ARN_PREFIX}/*`);
function fakeAuthorizerFactory(effect: "Allow" | "Deny", resource: string | string[], extra: Record<string, unknown> = {}) {
  return () =>
    fakeAuthorizer(() => ({
      payload: JSON.stringify({ principalId: "user-42", policyDocument: policy(effect, resource), context: { tenant: "acme", n: 7 }, ...extra }),
    }));
}

const get = (path: string, headers: Record<string, string> = {}) => request({ pathWithQueryString: path, headers, callAuthorizer: true });

describe("IAM policy evaluation", () => {
  it("matches ARNs with * (any run, across / and :) and ? (one character)", () => {
    expect(arnMatches("arn:aws:execute-api:*:*:abc/*/GET/pets/*", "arn:aws:execute-api:us-east-1:1:abc/prod/GET/pets/7")).toBe(true);
    expect(arnMatches("arn:aws:execute-api:us-east-1:1:abc/prod/GET/pets/?", "arn:aws:execute-api:us-east-1:1:abc/prod/GET/pets/7")).toBe(true);
    expect(arnMatches("arn:aws:execute-api:us-east-1:1:abc/prod/GET/pets/?", "arn:aws:execute-api:us-east-1:1:abc/prod/GET/pets/77")).toBe(false);
    expect(arnMatches("arn:aws:execute-api:us-east-1:1:abc/prod/GET/pets", "arn:aws:execute-api:us-east-1:1:abc/prod/GET/pets/7")).toBe(false);
    expect(arnMatches("arn:aws:execute-api:us-east-1:1:abc/prod/GET/a.b", "arn:aws:execute-api:us-east-1:1:abc/prod/GET/aXb")).toBe(false);
  });

  it("an applicable Deny wins over an Allow; no applicable Allow is an implicit deny; Action wildcards apply", () => {
    const arn = "arn:aws:execute-api:us-east-1:1:abc/prod/DELETE/pets/7";
    const statements = parsePolicyDocument({
      Statement: [
        { Effect: "Allow", Action: "execute-api:*", Resource: "arn:aws:execute-api:us-east-1:1:abc/prod/*" },
        { Effect: "Deny", Action: ["execute-api:Invoke"], Resource: ["arn:aws:execute-api:us-east-1:1:abc/prod/DELETE/*"] },
      ],
    })!;
    expect(evaluatePolicy(statements, arn)).toBe("explicit-deny");
    expect(evaluatePolicy(statements, arn.replace("DELETE", "GET"))).toBe("allow");
    expect(evaluatePolicy(statements, arn.replace("/prod/", "/dev/"))).toBe("implicit-deny");
    expect(evaluatePolicy(parsePolicyDocument({ Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } })!, arn)).toBe("implicit-deny");
  });

  it.each([
    ["not JSON", "nope", /not JSON/],
    ["no principalId", JSON.stringify({ policyDocument: policy("Allow", "*") }), /principalId/],
    ["no policy", JSON.stringify({ principalId: "u" }), /policyDocument/],
    ["a statement without Effect", JSON.stringify({ principalId: "u", policyDocument: { Statement: [{ Action: "*", Resource: "*" }] } }), /policyDocument/],
    ["an object in context", JSON.stringify({ principalId: "u", policyDocument: policy("Allow", "*"), context: { a: { b: 1 } } }), /context\.a/],
  ])("refuses an authorizer answer with %s", (_, payload, why) => {
    expect(parseAuthorizerOutput(payload)).toMatch(why);
  });
});

describe("TOKEN authorizer through AWS", () => {
  it("sends AWS's TOKEN event, allows by the policy, and fills $context.authorizer (context values stringified)", async () => {
    const lambda = allowAll();
    const result = await invokeMethod(designWith({ type: "TOKEN" }), get("/pets/7", { Authorization: "Bearer abc" }), { ...OPTIONS, lambda });
    expect(lambda.events).toEqual([{ type: "TOKEN", authorizationToken: "Bearer abc", methodArn: `${ARN_PREFIX}/GET/pets/7` }]);
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ p: "user-42", tenant: "acme", n: "7" });
    const log = result.log;
    expect(log).toMatch(/Starting authorizer: a1 for request: req-1/);
    expect(log).toMatch(/Incoming identity: \*\*\*\*abc/);
    expect(log).toMatch(/Authorizer result body before parsing: \{"principalId":"user-42"/);
    expect(log).toMatch(/Using valid authorizer policy for principal: \*\*\*\*-42/);
    expect(log).toMatch(/Successfully completed authorizer execution/);
  });

  it("answers 401 Unauthorized without calling the function when the token is missing or fails the validation expression", async () => {
    const lambda = allowAll();
    const design = designWith({ type: "TOKEN", identitySource: "method.request.header.X-Token", identityValidationExpression: "^Bearer [a-z]+$" });
    const missing = await invokeMethod(design, get("/pets/7"), { ...OPTIONS, lambda });
    expect([missing.status, missing.body]).toEqual([401, '{"message":"Unauthorized"}']);
    const invalid = await invokeMethod(design, get("/pets/7", { "X-Token": "Bearer ABC1" }), { ...OPTIONS, lambda });
    expect(invalid.status).toBe(401);
    expect(lambda.events).toHaveLength(0);
    const valid = await invokeMethod(design, get("/pets/7", { "X-Token": "Bearer abc" }), { ...OPTIONS, lambda });
    expect(valid.status).toBe(200);
  });

  it("answers an explicit Deny with 403 and AWS's message; a policy that does not cover the method with 403 too", async () => {
    const deny = await invokeMethod(designWith({ type: "TOKEN" }), get("/pets/7", { Authorization: "t" }), {
      ...OPTIONS,
      lambda: fakeAuthorizerFactory("Deny", `${ARN_PREFIX}/*`)(),
    });
    expect([deny.status, deny.body]).toEqual([403, '{"Message":"User is not authorized to access this resource with an explicit deny"}']);
    const other = await invokeMethod(designWith({ type: "TOKEN" }), get("/pets/7", { Authorization: "t" }), {
      ...OPTIONS,
      lambda: fakeAuthorizerFactory("Allow", `${ARN_PREFIX}/GET/users`)(),
    });
    expect([other.status, other.body]).toEqual([403, '{"Message":"User is not authorized to access this resource"}']);
  });

  it("a function failing with Unauthorized → 401; any other failure or a malformed answer → 500 with a null message", async () => {
    const design = designWith({ type: "TOKEN" });
    const run = (reply: Reply) => invokeMethod(design, get("/pets/7", { Authorization: "t" }), { ...OPTIONS, lambda: fakeAuthorizer(() => reply) });
    const refused = await run({ payload: JSON.stringify({ errorMessage: "Unauthorized", errorType: "Error" }), functionError: "Unhandled" });
    expect([refused.status, refused.body]).toEqual([401, '{"message":"Unauthorized"}']);
    const crashed = await run({ payload: JSON.stringify({ errorMessage: "boom" }), functionError: "Unhandled" });
    expect([crashed.status, crashed.body]).toEqual([500, '{"message": null}']);
    expect(crashed.log).toMatch(/Execution failed due to configuration error: Authorizer error/);
    const malformed = await run({ payload: JSON.stringify({ allow: true }) });
    expect([malformed.status, malformed.body]).toEqual([500, '{"message": null}']);
    const failed = await invokeMethod(design, get("/pets/7", { Authorization: "t" }), {
      ...OPTIONS,
      lambda: async () => {
        throw Object.assign(new Error("denied"), { name: "AccessDeniedException" });
      },
    });
    expect(failed.status).toBe(500);
    expect(failed.log).toMatch(/Invalid permissions on Lambda function/);
  });

  it("caches the result per identity for the TTL and evaluates the cached policy per method ARN", async () => {
    let now = 0;
    const cache = new AuthorizerCache(() => now);
    const lambda = fakeAuthorizerFactory("Allow", `${ARN_PREFIX}/GET/pets/*`)();
    const design = designWith({ type: "TOKEN", authorizerResultTtlInSeconds: 60 });
    const call = (method: string, token: string) =>
      invokeMethod(design, request({ httpMethod: method, pathWithQueryString: "/pets/7", headers: { Authorization: token }, callAuthorizer: true }), {
        ...OPTIONS,
        lambda,
        authorizerCache: cache,
      });
    expect((await call("GET", "one")).status).toBe(200);
    const cached = await call("GET", "one");
    expect(cached.status).toBe(200);
    expect(cached.log).toMatch(/Using cached authorizer result/);
    expect(lambda.events).toHaveLength(1);
    // Same identity, another method: the cached policy does not cover DELETE.
    expect((await call("DELETE", "one")).status).toBe(403);
    expect(lambda.events).toHaveLength(1);
    expect((await call("GET", "two")).status).toBe(200);
    expect(lambda.events).toHaveLength(2);
    now = 61_000;
    await call("GET", "one");
    expect(lambda.events).toHaveLength(3);
  });

  it("does not cache with a TTL of 0", async () => {
    const cache = new AuthorizerCache();
    const lambda = allowAll();
    const design = designWith({ type: "TOKEN", authorizerResultTtlInSeconds: 0 });
    for (let i = 0; i < 2; i++) await invokeMethod(design, get("/pets/7", { Authorization: "t" }), { ...OPTIONS, lambda, authorizerCache: cache });
    expect(lambda.events).toHaveLength(2);
  });
});

describe("REQUEST authorizer through AWS", () => {
  it("sends AWS's REQUEST event with headers, query string, path parameters, stage variables and requestContext", async () => {
    const lambda = allowAll();
    const design = designWith({ type: "REQUEST", identitySource: "method.request.header.X-Key, method.request.querystring.tenant" });
    const result = await invokeMethod(
      design,
      request({
        pathWithQueryString: "/pets/7?tenant=acme&tenant=beta",
        headers: { "X-Key": "k1" },
        multiValueHeaders: { "X-Tag": ["a", "b"] },
        stageVariables: { env: "dev" },
        callAuthorizer: true,
      }),
      { ...OPTIONS, lambda },
    );
    expect(result.status).toBe(200);
    const event = lambda.events[0];
    expect(event).toMatchObject({
      type: "REQUEST",
      methodArn: `${ARN_PREFIX}/GET/pets/7`,
      resource: "/pets/{id}",
      path: "/pets/7",
      httpMethod: "GET",
      headers: { "X-Tag": "b", "X-Key": "k1" },
      multiValueHeaders: { "X-Tag": ["a", "b"], "X-Key": ["k1"] },
      queryStringParameters: { tenant: "beta" },
      multiValueQueryStringParameters: { tenant: ["acme", "beta"] },
      pathParameters: { id: "7" },
      stageVariables: { env: "dev" },
      requestContext: { resourcePath: "/pets/{id}", httpMethod: "GET", apiId: "abc123" },
    });
    expect(event).not.toHaveProperty("body");
  });

  it("requires every identity source when results are cached (401, no call), none when the TTL is 0", async () => {
    const lambda = allowAll();
    const sources = { type: "REQUEST", identitySource: "method.request.header.X-Key" };
    const cached = await invokeMethod(designWith({ ...sources, authorizerResultTtlInSeconds: 300 }), get("/pets/7"), { ...OPTIONS, lambda });
    expect(cached.status).toBe(401);
    expect(lambda.events).toHaveLength(0);
    const uncached = await invokeMethod(designWith({ ...sources, authorizerResultTtlInSeconds: 0 }), get("/pets/7"), { ...OPTIONS, lambda });
    expect(uncached.status).toBe(200);
    expect(lambda.events).toHaveLength(1);
  });
});

describe("choosing how authorizers run", () => {
  it("a simulated result wins over calling the authorizer; without an AWS connection calling it says what it needs", async () => {
    const lambda = allowAll();
    const design = designWith({ type: "TOKEN" });
    const sim = await invokeMethod(design, request({ pathWithQueryString: "/pets/7", callAuthorizer: true, authorizer: { principalId: "sim" } }), {
      ...OPTIONS,
      lambda,
    });
    expect(JSON.parse(sim.body).p).toBe("sim");
    expect(sim.log).toMatch(/SIMULATED/);
    expect(lambda.events).toHaveLength(0);
    const noAws = await invokeMethod(design, get("/pets/7", { Authorization: "t" }), OPTIONS);
    expect(noAws.status).toBe(500);
    expect(noAws.log).toMatch(/needs an AWS connection/);
  });

  it("Cognito user pool authorizers are not called: skipped with a log line saying so", async () => {
    const lambda = allowAll();
    const result = await invokeMethod(designWith({ type: "TOKEN" }), get("/users"), { ...OPTIONS, lambda });
    expect(result.status).toBe(200);
    expect(result.log).toMatch(/Cognito user pool authorizers are not called by Gatehouse/);
    expect(lambda.events).toHaveLength(0);
  });

  it("the Lambda proxy event carries the real authorizer's principalId and context in requestContext.authorizer", async () => {
    const FN = "arn:aws:lambda:us-east-1:123456789012:function:pets";
    const design = designOf(
      {
        "/p": {
          GET: {
            authorizationType: "CUSTOM",
            authorizerId: "a1",
            integration: { type: "AWS_PROXY", httpMethod: "POST", uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FN}/invocations` },
          },
        },
      },
      { authorizers: [{ id: "a1", name: "Auth", type: "TOKEN", authorizerUri: AUTH_URI }] },
    );
    const events: Record<string, unknown>[] = [];
    const lambda: LambdaInvoker = async (arn, payload) => {
      events.push(JSON.parse(payload));
      if (arn === AUTH_FN)
        return { statusCode: 200, payload: JSON.stringify({ principalId: "u1", policyDocument: policy("Allow", "*"), context: { role: "admin" } }) };
      return { statusCode: 200, payload: JSON.stringify({ statusCode: 200, body: "ok" }) };
    };
    const result = await invokeMethod(design, get("/p", { Authorization: "t" }), { ...OPTIONS, lambda });
    expect(result.status).toBe(200);
    expect((events[1].requestContext as Record<string, unknown>).authorizer).toMatchObject({ principalId: "u1", role: "admin" });
  });
});
