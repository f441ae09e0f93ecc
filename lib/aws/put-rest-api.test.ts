/**
 * The PutRestApi strategy, with the real SDK against the fake control plane (which implements
 * PutRestApi overwrite / merge on its own state): chosen when it is fewer calls, converges (a second
 * plan is empty, per-entity or not), small changes stay per-entity, faults at and after it converge
 * on re-run, and what can't go in the document falls back to per-entity calls with the reason.
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeApiGateway, startFakeApiGateway } from "../../test/fakes/fake-apigateway";
import { type ApiDesign, parseDesign } from "../model/design";
import { exportOpenApi } from "../openapi/export";
import { generateDesign } from "../snapshot/sample-design";
import { createApiGatewayClient } from "./client";
import { BUILT_IN_MODEL_SCHEMAS } from "./import";
import { ApiGatewayLimiter, ManualClock } from "./limiter";
import { PushError, executePush, planPush, push } from "./push";
import { putRestApiDocument } from "./put-rest-api";

beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID = "AKIDFAKEFAKEFAKE";
  process.env.AWS_SECRET_ACCESS_KEY = "fake-secret";
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
});

function petsDesign(): ApiDesign {
  return parseDesign({
    name: "pets",
    description: "Pet store",
    endpointType: "REGIONAL",
    resources: [
      { id: "g-root", parentId: null, pathPart: "" },
      {
        id: "g-pets",
        parentId: "g-root",
        pathPart: "pets",
        methods: {
          GET: {
            httpMethod: "GET",
            requestParameters: { "method.request.querystring.type": false },
            methodResponses: { "200": { statusCode: "200", responseModels: { "application/json": "Empty" } } },
            integration: {
              type: "MOCK",
              requestTemplates: { "application/json": '{"statusCode": 200}' },
              integrationResponses: { "200": { statusCode: "200", responseTemplates: { "application/json": '[{"id":1}]' } } },
            },
          },
          POST: {
            httpMethod: "POST",
            authorizationType: "CUSTOM",
            authorizerId: "g-auth",
            requestValidatorId: "g-val",
            requestModels: { "application/json": "Pet" },
            methodResponses: { "201": { statusCode: "201" } },
            integration: {
              type: "MOCK",
              requestTemplates: { "application/json": '{"statusCode": 201}' },
              integrationResponses: { "201": { statusCode: "201" } },
            },
          },
        },
      },
      {
        id: "g-pet",
        parentId: "g-pets",
        pathPart: "{id}",
        methods: {
          GET: {
            httpMethod: "GET",
            requestParameters: { "method.request.path.id": true },
            methodResponses: { "200": { statusCode: "200", responseParameters: { "method.response.header.X-Pet": false } }, "404": { statusCode: "404" } },
            integration: {
              type: "HTTP",
              httpMethod: "GET",
              uri: "http://petstore.example.com/pets/{id}",
              requestParameters: { "integration.request.path.id": "method.request.path.id" },
              integrationResponses: {
                "200": { statusCode: "200", responseParameters: { "method.response.header.X-Pet": "integration.response.header.X-Pet" } },
                "404": { statusCode: "404", selectionPattern: "404" },
              },
            },
          },
        },
      },
    ],
    models: [{ id: "g-model", name: "Pet", description: "A pet", schema: '{"type":"object","properties":{"id":{"type":"integer"}}}' }],
    requestValidators: [{ id: "g-val", name: "body-only", validateRequestBody: true }],
    authorizers: [
      {
        id: "g-auth",
        name: "tokens",
        type: "TOKEN",
        authorizerUri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations",
        identitySource: "method.request.header.Authorization",
      },
    ],
    gatewayResponses: [
      {
        responseType: "DEFAULT_4XX",
        statusCode: "400",
        responseParameters: {},
        responseTemplates: { "application/json": '{"error":$context.error.messageString}' },
      },
    ],
  });
}

let fake: FakeApiGateway;
let clock: ManualClock;
let client: APIGatewayClient;
let limiter: ApiGatewayLimiter;

beforeEach(async () => {
  clock = new ManualClock();
  fake = await startFakeApiGateway({ now: clock.now });
  limiter = new ApiGatewayLimiter({ clock });
  client = createApiGatewayClient({ region: "us-east-1", endpointUrl: fake.url }, { limiter });
});
afterEach(async () => {
  client.destroy();
  await fake.close();
});

const WRITES = /^(Create|Put|Update|Delete)/;
const writes = (f: FakeApiGateway) => f.calls.filter((c) => WRITES.test(c.operation) && c.status > 0 && c.status < 300).map((c) => c.operation);

describe("push with PutRestApi", () => {
  it("a first push of a 300-resource API is CreateRestApi + one PutRestApi, and the next plan is empty", async () => {
    const design = generateDesign({ resources: 300, seed: 11 });
    const plan = await planPush(client, { design, stageName: "prod" });
    expect(plan.calls.map((c) => c.operation)).toEqual(["CreateRestApi", "PutRestApi"]);
    expect(plan.strategy.kind).toBe("put-rest-api");
    expect(plan.strategy.perEntityCalls).toBeGreaterThan(9000);
    expect(plan.strategy.reason).toBe(`PutRestApi: 2 calls instead of ${plan.strategy.perEntityCalls.toLocaleString("en-US")}`);
    expect(plan.strategy.bodyBytes).toBeGreaterThan(1_000_000);
    expect(plan.strategy.bodyBytes).toBeLessThan(6 * 1024 * 1024);
    const put = plan.calls[1];
    expect(put.params).toMatchObject({ restApiId: { ref: "restApi" }, mode: "overwrite", failOnWarnings: true });
    // The design's export, plus the built-in Empty model (the design defines Error) that an overwrite would otherwise remove.
    const sent = JSON.parse(put.params.body as string);
    const { Empty, ...designSchemas } = sent.components.schemas;
    expect({ ...sent, components: { ...sent.components, schemas: designSchemas } }).toEqual(exportOpenApi(design));
    expect(JSON.stringify(Empty)).toBe(BUILT_IN_MODEL_SCHEMAS.Empty);

    const t0 = clock.now();
    const result = await executePush(client, plan);
    expect(result.calls.map((c) => c.operation)).toEqual(["CreateRestApi", "PutRestApi", "CreateDeployment", "CreateStage"]);
    // The history keeps the document's size, not the document.
    expect(result.calls[1].params.body).toMatch(/^<OpenAPI document, \d+\.\d+ MB>$/);
    expect(fake.callsOf("PutRestApi")[0].query).toMatchObject({ mode: "overwrite", failonwarnings: "true" });
    expect(clock.now() - t0).toBeLessThan(5_000); // versus ~940 s of per-entity calls under the quotas

    const live = fake.state.restApis.get(result.restApiId)!;
    expect(live.resources.size).toBe(300);
    const again = await planPush(client, { design, restApiId: result.restApiId, stageName: "prod" });
    expect(again.calls).toEqual([]);
    expect(again.strategy.kind).toBe("per-entity");
  });

  it("leaves the API as a per-entity push does (every entity, reference and setting), both ways converged", async () => {
    const design = petsDesign();
    const viaPut = await push(client, { design, stageName: "dev" });
    expect(viaPut.plan.strategy.kind).toBe("put-rest-api");
    // The model's description is the one thing OpenAPI can't say: one UpdateModel after PutRestApi.
    expect(viaPut.plan.calls.map((c) => c.operation)).toEqual(["CreateRestApi", "PutRestApi", "UpdateModel"]);
    const viaEntities = await push(client, { design, stageName: "dev", strategy: "per-entity" });
    expect(viaEntities.plan.calls.length).toBeGreaterThan(15);
    expect(fake.state.describe(viaPut.restApiId)).toEqual(fake.state.describe(viaEntities.restApiId));
    const a = fake.state.restApis.get(viaPut.restApiId)!;
    const b = fake.state.restApis.get(viaEntities.restApiId)!;
    expect(a.api.endpointConfiguration).toEqual({ types: ["REGIONAL"], ipAddressType: "ipv4" }); // AWS answers the IP address type too
    expect(a.api).toMatchObject({ name: "pets", description: "Pet store" });
    expect(a.models.get("Pet")!.description).toBe("A pet");
    const post = (x: typeof a) => [...x.resources.values()].find((r) => r.path === "/pets")!.resourceMethods.POST;
    expect(a.authorizers.get(post(a).authorizerId)!.name).toBe("tokens");
    expect(a.requestValidators.get(post(a).requestValidatorId)!.name).toBe("body-only");
    // Ids differ (authorizer, validator, and the integration's cacheNamespace, which defaults to the resource id); nothing else.
    const shape = (m: Record<string, any>) => ({
      ...m,
      authorizerId: undefined,
      requestValidatorId: undefined,
      methodIntegration: { ...m.methodIntegration, cacheNamespace: undefined },
    });
    expect(shape(post(a))).toEqual(shape(post(b)));
    for (const id of [viaPut.restApiId, viaEntities.restApiId]) {
      expect((await planPush(client, { design, restApiId: id, stageName: "dev" })).calls).toEqual([]);
      expect((await planPush(client, { design, restApiId: id, stageName: "dev", strategy: "per-entity" })).calls).toEqual([]);
    }
  });

  it("overwrites an existing API: what the design dropped is gone, the endpoint type is set with UpdateRestApi", async () => {
    const first = await push(client, { design: petsDesign(), stageName: "dev" });
    const design = petsDesign();
    design.resources = design.resources.filter((r) => r.id !== "g-pet");
    design.resources[1].methods.GET.integration!.requestTemplates["application/json"] = '{"statusCode": 200} ## v2';
    design.endpointType = "EDGE";
    design.gatewayResponses = [];
    // Left to itself, a change this small to an API with content is made in place...
    const auto = await planPush(client, { design, restApiId: first.restApiId, stageName: "dev" });
    expect(auto.strategy.kind).toBe("per-entity");
    expect(auto.strategy.reason).toMatch(/changed in place/);
    // ...and an overwrite, when asked for, removes what the design dropped.
    const plan = await planPush(client, { design, restApiId: first.restApiId, stageName: "dev", strategy: "put-rest-api" });
    expect(plan.strategy.kind).toBe("put-rest-api");
    expect(plan.calls.map((c) => c.operation)).toEqual(["PutRestApi", "UpdateRestApi", "UpdateModel"]);
    expect(plan.calls[1].params.patchOperations).toEqual([{ op: "replace", path: "/endpointConfiguration/types/REGIONAL", value: "EDGE" }]);
    expect(plan.bindings).toEqual({ restApi: first.restApiId });
    await executePush(client, plan);
    const lines = fake.state.describe(first.restApiId);
    expect(lines).not.toContain("resource /pets/{id}");
    expect(lines).not.toContain("gateway-response DEFAULT_4XX");
    expect(fake.state.restApis.get(first.restApiId)!.api.endpointConfiguration.types).toEqual(["EDGE"]);
    expect((await planPush(client, { design, restApiId: first.restApiId, stageName: "dev" })).calls).toEqual([]);
  });

  it("small changes stay per-entity: a one-template change on the 300-resource API is one call", async () => {
    const design = generateDesign({ resources: 300, seed: 11 });
    const first = await push(client, { design, stageName: "prod" });
    const changed = structuredClone(design);
    const method = changed.resources.flatMap((r) => Object.values(r.methods)).find((m) => Object.keys(m.integration?.integrationResponses ?? {}).length)!;
    const ir = Object.values(method.integration!.integrationResponses)[0];
    ir.responseTemplates["application/json"] = `${ir.responseTemplates["application/json"] ?? ""}\n## changed`;
    fake.reset();
    const result = await push(client, { design: changed, restApiId: first.restApiId, stageName: "prod" });
    expect(result.plan.strategy.kind).toBe("per-entity");
    expect(result.plan.strategy.putRestApiCalls).toBe(1);
    expect(result.plan.calls.map((c) => c.operation)).toEqual(["PutIntegrationResponse"]);
    expect(writes(fake)).toEqual(["PutIntegrationResponse", "CreateDeployment", "UpdateStage"]);
  });

  it("a PutRestApi that fails leaves the API as it was; the re-run converges on the same API", async () => {
    fake.faults.failNth("PutRestApi", 1, { status: 500 });
    const err = (await push(client, { design: petsDesign(), stageName: "dev" }).catch((e) => e)) as PushError;
    expect(err).toBeInstanceOf(PushError);
    expect(err.failed.operation).toBe("PutRestApi");
    expect(err.failed.params.body).toMatch(/^<OpenAPI document/);
    expect(err.restApiId).toBeTruthy();
    expect(fake.state.describe(err.restApiId!)).toEqual(["model Empty", "model Error", "resource /"]);
    const ok = await push(client, { design: petsDesign(), restApiId: err.restApiId, stageName: "dev" });
    expect(ok.restApiId).toBe(err.restApiId);
    expect(ok.plan.calls.map((c) => c.operation)).toEqual(["PutRestApi", "UpdateModel"]);
    expect(fake.state.restApis.size).toBe(1);
    expect((await planPush(client, { design: petsDesign(), restApiId: ok.restApiId, stageName: "dev" })).calls).toEqual([]);
  });

  it("a PutRestApi that AWS applied but whose answer was lost, and a failure after it, converge on re-run", async () => {
    for (const [operation, fault] of [
      ["PutRestApi", { timeout: "after" as const }],
      ["CreateDeployment", { status: 500 }],
      ["CreateStage", { timeout: "after" as const }],
    ] as const) {
      fake.reset({ state: true });
      const shortTimeout = createApiGatewayClient({ region: "us-east-1", endpointUrl: fake.url }, { limiter, requestTimeoutMs: 150 });
      fake.faults.add({ operation, nth: 1, ...fault });
      const err = (await push(shortTimeout, { design: petsDesign(), stageName: "dev" }).catch((e) => e)) as PushError;
      shortTimeout.destroy();
      expect(err, operation).toBeInstanceOf(PushError);
      expect(err.failed.operation).toBe(operation);
      const ok = await push(client, { design: petsDesign(), restApiId: err.restApiId, stageName: "dev" });
      expect(fake.state.restApis.size, operation).toBe(1);
      const lines = fake.state.describe(ok.restApiId);
      expect(new Set(lines).size, operation).toBe(lines.length);
      expect(lines.filter((l) => l.startsWith("resource "))).toEqual(["resource /", "resource /pets", "resource /pets/{id}"]);
      expect([...fake.state.restApis.get(ok.restApiId)!.stages.keys()]).toEqual(["dev"]);
      expect((await planPush(client, { design: petsDesign(), restApiId: ok.restApiId, stageName: "dev" })).calls, operation).toEqual([]);
    }
  });

  it("falls back to per-entity calls, saying why, when the document can't carry the design", async () => {
    const design = petsDesign();
    // Multi-value query parameters have no OpenAPI spelling.
    design.resources[1].methods.GET.requestParameters["method.request.multivaluequerystring.tag"] = false;
    const plan = await planPush(client, { design, stageName: "dev" });
    expect(plan.strategy.kind).toBe("per-entity");
    expect(plan.calls[1].operation).not.toBe("PutRestApi");
    expect(plan.strategy.reason).toMatch(
      /PutRestApi \(2 calls\) not used because its OpenAPI document can't carry 1 part\(s\) of it \(first: method \/pets GET/,
    );
    expect(plan.notes).toContain(plan.strategy.reason);
    await executePush(client, plan);
  });

  it("AWS makes a schema's own description the model's: the push says what the model's is, or falls back when it has none", async () => {
    // test/contract/facts/put-rest-api.ts: "a schema's description is the model's" (recorded GetModels after an import).
    const design = petsDesign();
    design.models[0].schema = '{"type":"object","description":"Pet schema","properties":{"id":{"type":"integer"}}}';
    const viaPut = await push(client, { design, stageName: "dev" });
    expect(viaPut.plan.strategy.kind).toBe("put-rest-api");
    expect(fake.state.restApis.get(viaPut.restApiId)!.models.get("Pet")!.description).toBe("A pet");
    expect((await planPush(client, { design, restApiId: viaPut.restApiId, stageName: "dev", strategy: "per-entity" })).calls).toEqual([]);
    design.models[0].description = undefined;
    const check = putRestApiDocument(design);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toBe("model Pet has no description but its schema has one, which AWS would make the model's");
  });

  it("falls back when the document is over the 6 MB limit, and pushes per-entity if told to", async () => {
    const check = putRestApiDocument(petsDesign(), 1000);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(/^its OpenAPI document is \d+\.\d KB, over PutRestApi's 1000 B limit$/);
    expect(putRestApiDocument(petsDesign()).ok).toBe(true);
    const plan = await planPush(client, { design: petsDesign(), stageName: "dev", strategy: "per-entity" });
    expect(plan.strategy.kind).toBe("per-entity");
    expect(plan.calls.some((c) => c.operation === "PutRestApi")).toBe(false);
  });
});

describe("the fake's PutRestApi", () => {
  const put = (id: string, query: string, body: string, type = "application/json") =>
    fetch(`${fake.url}/restapis/${id}?${query}`, { method: "PUT", headers: { "content-type": type }, body });
  const doc = (design: ApiDesign) => JSON.stringify(exportOpenApi(design));

  it("merge keeps what the document doesn't mention; overwrite removes it; YAML bodies work", async () => {
    const first = await push(client, { design: petsDesign(), stageName: "dev" });
    const small = parseDesign({
      name: "pets",
      resources: [
        { id: "r", parentId: null, pathPart: "" },
        { id: "s", parentId: "r", pathPart: "status", methods: { GET: { httpMethod: "GET", integration: { type: "MOCK", integrationResponses: {} } } } },
      ],
    });
    clock.advance(2_000);
    const merged = await put(first.restApiId, "mode=merge", doc(small));
    expect(merged.status).toBe(200);
    const afterMerge = fake.state.describe(first.restApiId);
    expect(afterMerge).toContain("method GET /status");
    expect(afterMerge).toContain("method GET /pets/{id}");
    expect(afterMerge).toContain("model Pet");
    clock.advance(2_000);
    const { stringify } = await import("yaml");
    const over = await put(first.restApiId, "mode=overwrite", stringify(exportOpenApi(small)), "application/yaml");
    expect(over.status).toBe(200);
    // An overwrite removes the models its document lacks, the built-in Empty and Error too (test/contract/facts/put-rest-api.ts).
    expect(fake.state.describe(first.restApiId)).toEqual(["integration GET /status MOCK", "method GET /status", "resource /", "resource /status"]);
    expect(fake.state.restApis.get(first.restApiId)!.api.endpointConfiguration.types).toEqual(["REGIONAL"]); // never changed by an import
    expect(fake.state.restApis.get(first.restApiId)!.stages.has("dev")).toBe(true);
  });

  it("refuses warnings with failonwarnings=true and errors always, changing nothing; keeps its 1 per second quota", async () => {
    const first = await push(client, { design: petsDesign(), stageName: "dev" });
    const before = fake.state.describe(first.restApiId);
    const check = putRestApiDocument(petsDesign());
    if (!check.ok) throw new Error(check.reason);
    // AWS warns about an integration request parameter that isn't a string (recorded; test/contract/facts/put-rest-api.ts).
    const withDocs = JSON.parse(check.document.text);
    withDocs.paths["/pets"].get["x-amazon-apigateway-integration"].requestParameters = { "integration.request.header.nothing": true };
    clock.advance(2_000);
    const refused = await put(first.restApiId, "mode=overwrite&failonwarnings=true", JSON.stringify(withDocs));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toMatch(/^Warnings found during import:/);
    clock.advance(2_000);
    // A missing model is only a warning on AWS ("a missing model reference"); an HTTP integration without a URI is an error.
    const broken = await put(
      first.restApiId,
      "mode=overwrite",
      JSON.stringify({
        openapi: "3.0.1",
        info: { title: "x" },
        paths: { "/a": { get: { responses: { "200": { description: "ok" } }, "x-amazon-apigateway-integration": { type: "http", httpMethod: "GET" } } } },
      }),
    );
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { message: string }).message).toMatch(/^Errors found during import:/);
    expect(fake.state.describe(first.restApiId)).toEqual(before);
    clock.advance(2_000);
    const ok = await put(first.restApiId, "mode=overwrite&failonwarnings=false", JSON.stringify(withDocs));
    expect(ok.status).toBe(200);
    const throttled = await put(first.restApiId, "mode=overwrite", JSON.stringify(withDocs));
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("x-amzn-errortype")).toBe("TooManyRequestsException");
  });
});
