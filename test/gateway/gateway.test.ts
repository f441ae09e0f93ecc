/**
 * The local gateway on both databases: a PetStore-like API deployed to a stage through the
 * services, then served as execute-api would — MOCK and HTTP methods, stage variables, the canary
 * split, method throttling, the API-key check, and AWS's errors for unknown APIs and stages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor, type Actor } from "../../lib/audit/mutate";
import { DEMO_PET_REQUEST_TEMPLATE, DEMO_PET_RESPONSE_TEMPLATE, seedDemo } from "../../lib/db/seed";
import { createDeployment } from "../../lib/deployment/service";
import {
  ThrottleRegistry,
  chooseCanary,
  clearSnapshotCache,
  resolveStageTarget,
  seededRandom,
  serveGatewayRequest,
  type GatewayRequest,
} from "../../lib/gateway/index";
import { designOf, startServer, type TestServer } from "../helpers/invoke";
import { findResourceByPath } from "../../lib/model/tree";
import { createRestApi, editDesign } from "../../lib/restapi/service";
import { createStage } from "../../lib/stage/service";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";

const mock = (template: string, extra: Record<string, unknown> = {}) => ({
  methodResponses: { "200": { statusCode: "200" } },
  integration: {
    type: "MOCK",
    requestTemplates: { "application/json": '{"statusCode": 200}' },
    integrationResponses: { "200": { statusCode: "200", responseTemplates: { "application/json": template } } },
  },
  ...extra,
});

function petStore() {
  return designOf({
    "/pets": {
      GET: {
        methodResponses: { "200": { statusCode: "200" } },
        integration: {
          type: "HTTP",
          httpMethod: "GET",
          uri: "http://${stageVariables.backendHost}/petstore/pets",
          requestParameters: { "integration.request.header.Cookie": "method.request.header.Cookie" },
          integrationResponses: { "200": { statusCode: "200", responseTemplates: {} } },
        },
      },
    },
    "/pets/{petId}": {
      GET: {
        requestParameters: { "method.request.path.petId": true },
        methodResponses: { "200": { statusCode: "200" }, "404": { statusCode: "404" } },
        integration: {
          type: "MOCK",
          passthroughBehavior: "WHEN_NO_TEMPLATES",
          requestTemplates: { "application/json": DEMO_PET_REQUEST_TEMPLATE },
          integrationResponses: {
            "200": { statusCode: "200", responseTemplates: { "application/json": DEMO_PET_RESPONSE_TEMPLATE } },
            "404": {
              statusCode: "404",
              selectionPattern: "404",
              responseTemplates: { "application/json": `{"message": "Pet $input.params('petId') was not found"}` },
            },
          },
        },
      },
    },
    "/version": { GET: mock('{"canary": $context.isCanaryRequest, "color": "$stageVariables.color", "stage": "$context.stage"}') },
    "/secret": { GET: mock('{"secret": true, "key": "$context.identity.apiKey"}', { apiKeyRequired: true }) },
    "/limited": { GET: mock('{"ok": true}'), POST: mock('{"ok": "post"}') },
  });
}

const get = (path: string, extra: Partial<GatewayRequest> = {}): GatewayRequest => {
  const q = path.indexOf("?");
  return { httpMethod: "GET", path: q >= 0 ? path.slice(0, q) : path, query: q >= 0 ? path.slice(q + 1) : "", headers: {}, body: "", ...extra };
};

describe.each(DATABASE_KINDS)("local gateway on %s", (kind) => {
  let db: TestDatabase;
  let actor: Actor;
  let backend: TestServer;
  let apiId: string;
  let baseDeploymentId: string;
  let canaryDeploymentId: string;
  const p = () => db.handle.prisma;
  const setSettings = (settings: object) => p().stage.updateMany({ where: { restApiId: apiId, name: "prod" }, data: { settings } });
  const serve = (req: GatewayRequest, options: Parameters<typeof serveGatewayRequest>[4] = {}) =>
    serveGatewayRequest(p(), apiId, "prod", req, { throttles: new ThrottleRegistry(), stageCacheMs: 0, ...options });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemo(p());
    const ws = await p().workspace.findUniqueOrThrow({ where: { slug: "demo" } });
    actor = systemActor(ws.id);
    backend = await startServer((req, _body, res) => {
      res.writeHead(200, { "Content-Type": "application/json", "X-Backend": "yes" });
      res.end(JSON.stringify([{ id: 1, type: "dog", url: req.url, cookie: req.headers.cookie ?? null }]));
    });
    const api = await createRestApi(p(), actor, { name: "PetStore", design: petStore() });
    apiId = api.id;
    baseDeploymentId = (await createDeployment(p(), actor, apiId, { description: "v1" })).id;
    await createStage(p(), actor, apiId, {
      name: "prod",
      deploymentId: baseDeploymentId,
      variables: { backendHost: backend.url.replace("http://", ""), color: "blue" },
    });
    // A second deployment with one more route, for the canary.
    const row = await p().restApi.findUniqueOrThrow({ where: { id: apiId } });
    let r = await editDesign(p(), actor, apiId, row.version, { type: "addResourcePath", path: "/new" });
    const newId = findResourceByPath(r.design, "/new")!.id;
    r = await editDesign(p(), actor, apiId, r.version, { type: "putMethod", resourceId: newId, method: { httpMethod: "GET" } });
    r = await editDesign(p(), actor, apiId, r.version, {
      type: "putIntegration",
      resourceId: newId,
      httpMethod: "GET",
      integration: { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } },
    });
    r = await editDesign(p(), actor, apiId, r.version, { type: "putMethodResponse", resourceId: newId, httpMethod: "GET", response: { statusCode: "200" } });
    r = await editDesign(p(), actor, apiId, r.version, {
      type: "putIntegrationResponse",
      resourceId: newId,
      httpMethod: "GET",
      response: { statusCode: "200", responseTemplates: { "application/json": '{"new": true}' } },
    });
    canaryDeploymentId = (await createDeployment(p(), actor, apiId, { description: "v2" })).id;
  });
  afterAll(async () => {
    await backend?.close();
    await db?.drop();
    clearSnapshotCache();
  });

  it("MOCK: 200 or 404 as the request template chooses, with $context from the stage", async () => {
    const ok = await serve(get("/pets/7"));
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ id: "7", type: "dog", resourcePath: "/pets/{petId}", requestId: ok.requestId });
    expect(ok.headers["x-amzn-RequestId"]).toBe(ok.requestId);
    // The extended request id, on every answer (AWS knowledge center: "collect API Gateway extended request IDs").
    expect(ok.headers["x-amz-apigw-id"]).toBeTruthy();
    expect(ok.headers["x-amzn-ErrorType"]).toBeUndefined();
    expect(ok.headers["Content-Type"]).toBe("application/json");
    const missing = await serve(get("/pets/0"));
    expect(missing.status).toBe(404);
    expect(missing.body).toBe('{"message": "Pet 0 was not found"}');
    const version = await serve(get("/version"));
    expect(JSON.parse(version.body)).toEqual({ canary: false, color: "blue", stage: "prod" });
  });

  it("HTTP: calls the backend named by a stage variable and never forwards the console's session cookie", async () => {
    const { withoutCookies } = await import("../../lib/gateway/index");
    const res = await serve(get("/pets?limit=2", { headers: withoutCookies({ Cookie: "gatehouse_session=secret; theme=dark" }, ["gatehouse_session"]) }));
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body[0]).toMatchObject({ id: 1, url: "/petstore/pets" });
    expect(body[0].cookie).toBe("theme=dark");
    expect(res.headers["X-Amzn-Trace-Id"]).toMatch(/^Root=1-/);
    expect(backend.requests.at(-1)!.url).toBe("/petstore/pets");
  });

  it("answers AWS's errors: unknown route 403 Missing Authentication Token, unknown stage or API 403 Forbidden", async () => {
    const noRoute = await serve(get("/nope"));
    expect([noRoute.status, noRoute.body]).toEqual([403, '{"message":"Missing Authentication Token"}']);
    expect(noRoute.headers["x-amzn-ErrorType"]).toBe("MissingAuthenticationTokenException");
    expect(noRoute.headers["x-amz-apigw-id"]).toBeTruthy();
    for (const [api, stage] of [
      [apiId, "nostage"],
      ["00000000-0000-4000-8000-000000000000", "prod"],
      ["abc123xyz9", "prod"],
      ["../../etc", "prod"],
      [apiId, "bad stage!"],
    ]) {
      const res = await serveGatewayRequest(p(), api, stage, get("/pets/1"), { stageCacheMs: 0 });
      expect([res.status, res.body]).toEqual([403, '{"message":"Forbidden"}']);
      expect(res.headers).toMatchObject({ "x-amzn-ErrorType": "ForbiddenException", "x-amzn-RequestId": res.requestId });
      expect(res.headers["x-amz-apigw-id"]).toBeTruthy();
    }
  });

  it("finds the API by the AWS REST API id it was pushed to", async () => {
    await p().restApi.update({ where: { id: apiId }, data: { awsRestApiId: "a1b2c3d4e5" } });
    const target = await resolveStageTarget(p(), "a1b2c3d4e5", "prod");
    expect(target?.restApiId).toBe(apiId);
    expect(target?.contextApiId).toBe("a1b2c3d4e5");
    const res = await serveGatewayRequest(p(), "a1b2c3d4e5", "prod", get("/pets/3"), { stageCacheMs: 0 });
    expect(res.status).toBe(200);
    await p().restApi.update({ where: { id: apiId }, data: { awsRestApiId: null } });
  });

  it("apiKeyRequired: 403 Forbidden without a key or with an unlisted one, 200 with a key from settings.apiKeys", async () => {
    await setSettings({ apiKeys: ["k-123"] });
    for (const headers of [{}, { "x-api-key": "wrong" }] as Record<string, string>[]) {
      const res = await serve(get("/secret", { headers }));
      expect([res.status, res.body]).toEqual([403, '{"message":"Forbidden"}']);
      expect(res.headers["x-amzn-ErrorType"]).toBe("ForbiddenException");
    }
    const ok = await serve(get("/secret", { headers: { "X-API-Key": "k-123" } }));
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ secret: true, key: "k-123" });
    await setSettings({});
  });

  it("throttles per method: 429 Too Many Requests after the burst, refilled at the rate; */* is the default", async () => {
    let t = 1_000_000;
    const throttles = new ThrottleRegistry({ now: () => t });
    await setSettings({
      methodSettings: { "*/*": { throttling: { rateLimit: 100, burstLimit: 100 } }, "limited/GET": { throttling: { rateLimit: 1, burstLimit: 2 } } },
    });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await serve(get("/limited"), { throttles })).status);
    expect(statuses).toEqual([200, 200, 429]);
    const throttled = await serve(get("/limited"), { throttles });
    expect([throttled.status, throttled.body]).toEqual([429, '{"message":"Too Many Requests"}']);
    expect(throttled.headers["x-amzn-ErrorType"]).toBe("TooManyRequestsException");
    // POST on the same resource has its own bucket, from */*.
    expect((await serve(get("/limited", { httpMethod: "POST" }), { throttles })).status).toBe(200);
    t += 1000;
    expect((await serve(get("/limited"), { throttles })).status).toBe(200);
    expect((await serve(get("/limited"), { throttles })).status).toBe(429);
    // AWS's flat spelling and a zero limit: every call throttled.
    await setSettings({ methodSettings: { "~1pets~1{petId}/GET": { throttlingRateLimit: 0, throttlingBurstLimit: 0 } } });
    expect((await serve(get("/pets/1"), { throttles })).status).toBe(429);
    expect((await serve(get("/version"), { throttles })).status).toBe(200);
    await setSettings({});
  });

  it("the API's THROTTLED gateway response shapes the 429", async () => {
    const row = await p().restApi.findUniqueOrThrow({ where: { id: apiId } });
    await editDesign(p(), actor, apiId, row.version, {
      type: "putGatewayResponse",
      response: {
        responseType: "THROTTLED",
        statusCode: "429",
        responseParameters: { "gatewayresponse.header.Retry-After": "'1'" },
        responseTemplates: { "application/json": '{"error":"slow down","stage":"$context.stage"}' },
      },
    });
    const dep = await createDeployment(p(), actor, apiId, { description: "throttled response" });
    await p().stage.updateMany({
      where: { restApiId: apiId, name: "prod" },
      data: { deploymentId: dep.id, settings: { methodSettings: { "*/*": { throttling: { rateLimit: 0, burstLimit: 0 } } } } },
    });
    const res = await serve(get("/version"));
    expect(res.status).toBe(429);
    expect(res.body).toBe('{"error":"slow down","stage":"prod"}');
    expect(res.headers["Retry-After"]).toBe("1");
    // A customised response still names the error, as AWS's do.
    expect(res.headers["x-amzn-ErrorType"]).toBe("TooManyRequestsException");
    await p().stage.updateMany({ where: { restApiId: apiId, name: "prod" }, data: { deploymentId: baseDeploymentId, settings: {} } });
  });

  it("splits traffic to the canary by percentTraffic, with its deployment and variable overrides", async () => {
    await setSettings({ canarySettings: { deploymentId: canaryDeploymentId, percentTraffic: 25, stageVariableOverrides: { color: "green" } } });
    const random = seededRandom(42);
    let canary = 0;
    const N = 400;
    for (let i = 0; i < N; i++) {
      const res = await serve(get("/version"), { random });
      const body = JSON.parse(res.body);
      expect(body.canary).toBe(res.isCanaryRequest);
      expect(body.color).toBe(res.isCanaryRequest ? "green" : "blue");
      expect(res.deploymentId).toBe(res.isCanaryRequest ? canaryDeploymentId : baseDeploymentId);
      if (res.isCanaryRequest) canary++;
    }
    expect(canary / N).toBeGreaterThan(0.18);
    expect(canary / N).toBeLessThan(0.32);
    // Only the canary deployment has /new.
    expect((await serve(get("/new"), { random: () => 0 })).status).toBe(200);
    expect((await serve(get("/new"), { random: () => 0.99 })).status).toBe(403);
    await setSettings({});
  });

  it("reuses a resolved stage for stageCacheMs, sharing one read between concurrent requests; past it, the next request reads it again", async () => {
    clearSnapshotCache();
    const { resolveStageTargetCached } = await import("../../lib/gateway/index");
    const [a, b] = await Promise.all([resolveStageTargetCached(p(), apiId, "prod", 1000, 5_000), resolveStageTargetCached(p(), apiId, "prod", 1000, 5_100)]);
    expect(a).toBe(b);
    await setSettings({ apiKeys: ["cached"] });
    expect((await resolveStageTargetCached(p(), apiId, "prod", 1000, 5_900))!.settings.apiKeys).toEqual([]);
    // Expired: the next request reads the stage again and gets the change; requests meanwhile share that read.
    const [fresh, meanwhile] = await Promise.all([
      resolveStageTargetCached(p(), apiId, "prod", 1000, 6_001),
      resolveStageTargetCached(p(), apiId, "prod", 1000, 6_002),
    ]);
    expect(fresh!.settings.apiKeys).toEqual(["cached"]);
    expect(meanwhile).toBe(fresh);
    // The deployment's snapshot is not read again: the design object is the one cached by deployment id.
    expect(fresh!.design).toBe(a!.design);
    await setSettings({});
    clearSnapshotCache();
  });

  it("bad requests get AWS's answers, not crashes", async () => {
    const res = await serve(get("/pets/%E0%A4%A"));
    expect(res.status).toBeLessThan(500);
    const big = await serve(get("/version", { bodyTooLarge: true, httpMethod: "GET" }));
    expect([big.status, big.body]).toEqual([413, '{"message":"Request Too Long"}']);
    await p().stage.updateMany({
      where: { restApiId: apiId, name: "prod" },
      data: { settings: { methodSettings: "nonsense", canarySettings: { percentTraffic: "x" }, apiKeys: 7 } },
    });
    expect((await serve(get("/pets/1"))).status).toBe(200);
    await setSettings({});
  });
});

describe("chooseCanary", () => {
  it("never picks a canary at 0 %, always at 100 %, and the seeded share in between", () => {
    const settings = { deploymentId: "d2", percentTraffic: 0, stageVariableOverrides: { a: "1" } };
    expect(chooseCanary(settings, () => 0).isCanaryRequest).toBe(false);
    expect(chooseCanary({ ...settings, percentTraffic: 100 }, () => 0.9999)).toEqual({
      isCanaryRequest: true,
      deploymentId: "d2",
      stageVariableOverrides: { a: "1" },
    });
    expect(chooseCanary(null, () => 0).isCanaryRequest).toBe(false);
    const random = seededRandom(7);
    let n = 0;
    for (let i = 0; i < 10_000; i++) if (chooseCanary({ ...settings, percentTraffic: 10 }, random).isCanaryRequest) n++;
    expect(n).toBeGreaterThan(900);
    expect(n).toBeLessThan(1100);
  });
});
