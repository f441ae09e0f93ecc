/**
 * The local gateway's Lambda wiring: a stage whose API is bound to an AWS connection invokes
 * Lambda integrations through it (here a FAKE Lambda endpoint on loopback, dummy credentials);
 * unbound, the integration answers that it needs AWS.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { designOf } from "../../test/helpers/invoke";
import { serveStageTarget } from "./serve";
import { parseStageSettings } from "./settings";
import type { StageTarget } from "./target";

const saved = { ...process.env };
let server: Server;
let url: string;
const events: Record<string, unknown>[] = [];

beforeAll(async () => {
  process.env.AWS_CONFIG_FILE = "/nonexistent/gatehouse-test-config";
  process.env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/gatehouse-test-credentials";
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  process.env.AWS_ACCESS_KEY_ID = "AKIDFAKEFAKEFAKE";
  process.env.AWS_SECRET_ACCESS_KEY = "fake-secret-value";
  // FAKE Lambda Invoke endpoint: answers every invocation with a proxy response echoing the path.
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const event = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
      events.push(event);
      if (decodeURIComponent(req.url ?? "").includes("function:auth")) {
        // FAKE authorizer: allows the token "allow" on every method of the API, with a usage key.
        const allow = event.authorizationToken === "allow";
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(
          JSON.stringify({
            principalId: "p-1",
            usageIdentifierKey: "key-from-authorizer",
            context: { tier: "gold" },
            policyDocument: {
              Version: "2012-10-17",
              Statement: [{ Action: "execute-api:Invoke", Effect: allow ? "Allow" : "Deny", Resource: "arn:aws:execute-api:us-east-1:123456789012:*" }],
            },
          }),
        );
        return;
      }
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(
        JSON.stringify({
          statusCode: 200,
          headers: { "Content-Type": "text/plain" },
          body: `hello ${String(event.path)} on ${String((event.requestContext as Record<string, unknown>)?.stage)}`,
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  process.env = saved;
});

const FN = "arn:aws:lambda:us-east-1:123456789012:function:hello";
const design = designOf({
  "/{proxy+}": {
    ANY: { integration: { type: "AWS_PROXY", httpMethod: "POST", uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FN}/invocations` } },
  },
});

function target(awsConnection: StageTarget["awsConnection"], d = design, settings: object = {}): StageTarget {
  return {
    restApiId: "r1",
    contextApiId: "abc123",
    stageName: "prod",
    deploymentId: "d1",
    design: d,
    variables: {},
    settings: parseStageSettings(settings),
    canary: null,
    awsConnection,
  };
}

const AUTH_URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations";
const guarded = designOf(
  {
    "/secure": {
      GET: {
        authorizationType: "CUSTOM",
        authorizerId: "a1",
        apiKeyRequired: true,
        methodResponses: { "200": { statusCode: "200" } },
        integration: {
          type: "MOCK",
          requestTemplates: { "application/json": '{"statusCode": 200}' },
          integrationResponses: {
            "200": {
              statusCode: "200",
              responseTemplates: {
                "application/json": '{"who": "$context.authorizer.principalId", "tier": "$context.authorizer.tier", "key": "$context.identity.apiKey"}',
              },
            },
          },
        },
      },
    },
  },
  { apiKeySource: "AUTHORIZER", authorizers: [{ id: "a1", name: "auth", type: "TOKEN", authorizerUri: AUTH_URI, authorizerResultTtlInSeconds: 0 }] },
);

describe("local gateway → Lambda", () => {
  it("invokes through the API's AWS connection when bound", async () => {
    const res = await serveStageTarget(target({ region: "us-east-1", endpointUrl: url }), { httpMethod: "GET", path: "/pets/1", headers: {}, body: "" });
    expect(res.status).toBe(200);
    expect(res.body).toBe("hello /pets/1 on prod");
    expect(events.at(-1)).toMatchObject({ resource: "/{proxy+}", pathParameters: { proxy: "pets/1" } });
  });

  it("answers that the integration needs AWS when the API is not bound", async () => {
    const res = await serveStageTarget(target(null), { httpMethod: "GET", path: "/pets/1", headers: {}, body: "" });
    expect(res.status).toBe(500);
    expect(res.log).toMatch(/AWS_PROXY integrations call AWS services .*need an AWS connection/);
  });

  it("prefers an injected LambdaInvoker (tests, benchmarks)", async () => {
    const res = await serveStageTarget(
      target({ region: "us-east-1", endpointUrl: url }),
      { httpMethod: "GET", path: "/x", headers: {}, body: "" },
      {
        lambda: async () => ({ statusCode: 200, payload: JSON.stringify({ statusCode: 202, body: "injected" }) }),
      },
    );
    expect([res.status, res.body]).toEqual([202, "injected"]);
  });

  it("runs a CUSTOM method's Lambda authorizer through the connection; apiKeySource AUTHORIZER takes its usageIdentifierKey", async () => {
    const conn = { region: "us-east-1", endpointUrl: url };
    const ok = await serveStageTarget(target(conn, guarded, { apiKeys: ["key-from-authorizer"] }), {
      httpMethod: "GET",
      path: "/secure",
      headers: { Authorization: "allow" },
      body: "",
    });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ who: "p-1", tier: "gold", key: "key-from-authorizer" });
    expect(events.find((e) => e.type === "TOKEN")).toEqual({
      type: "TOKEN",
      authorizationToken: "allow",
      methodArn: "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/secure",
    });
    const denied = await serveStageTarget(target(conn, guarded, { apiKeys: ["key-from-authorizer"] }), {
      httpMethod: "GET",
      path: "/secure",
      headers: { Authorization: "deny" },
      body: "",
    });
    expect([denied.status, denied.body, denied.headers["x-amzn-ErrorType"]]).toEqual([
      403,
      '{"Message":"User is not authorized to access this resource with an explicit deny"}',
      "AccessDeniedException",
    ]);
    const noToken = await serveStageTarget(target(conn, guarded, { apiKeys: ["key-from-authorizer"] }), {
      httpMethod: "GET",
      path: "/secure",
      headers: {},
      body: "",
    });
    expect([noToken.status, noToken.body, noToken.headers["x-amzn-ErrorType"]]).toEqual([401, '{"message":"Unauthorized"}', "UnauthorizedException"]);
    // The authorizer's key is not one of the stage's keys: 403 Forbidden.
    const unknownKey = await serveStageTarget(target(conn, guarded, { apiKeys: ["other"] }), {
      httpMethod: "GET",
      path: "/secure",
      headers: { Authorization: "allow" },
      body: "",
    });
    expect([unknownKey.status, unknownKey.body]).toEqual([403, '{"message":"Forbidden"}']);
  });
});
