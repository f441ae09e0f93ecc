import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeApiGateway, startFakeApiGateway } from "../../test/fakes/fake-apigateway";
import { type ApiDesign, parseDesign } from "../model/design";
import { createApiGatewayClient } from "./client";
import { ApiGatewayLimiter, ManualClock } from "./limiter";
import { PushError, executePush, planPush, push } from "./push";

beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID = "AKIDFAKEFAKEFAKE";
  process.env.AWS_SECRET_ACCESS_KEY = "fake-secret";
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
});

/** /pets (GET MOCK), /pets/{id} (GET HTTP), plus a model and a validator. */
function petsDesign(): ApiDesign {
  return parseDesign({
    name: "pets",
    description: "Pet store",
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
            requestValidatorId: "g-val",
            methodResponses: {
              "200": { statusCode: "200", responseParameters: { "method.response.header.X-Pet": false } },
              "404": { statusCode: "404" },
            },
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
    models: [{ id: "g-model", name: "Pet", schema: '{"type":"object","properties":{"id":{"type":"integer"}}}' }],
    requestValidators: [{ id: "g-val", name: "params-only", validateRequestParameters: true }],
  });
}

let fake: FakeApiGateway;
let clock: ManualClock;
let client: APIGatewayClient;
let limiter: ApiGatewayLimiter;

beforeEach(async () => {
  // One virtual clock for the fake's quotas and our limiter: AWS's real quotas, no real waiting.
  clock = new ManualClock();
  fake = await startFakeApiGateway({ now: clock.now });
  limiter = new ApiGatewayLimiter({ clock });
  client = createApiGatewayClient({ region: "us-east-1", endpointUrl: fake.url }, { limiter });
});
afterEach(async () => {
  client.destroy();
  await fake.close();
});

const ENTITY_WRITES = /^(Create|Put|Update|Delete)/;
const writes = (f: FakeApiGateway) => f.calls.filter((c) => ENTITY_WRITES.test(c.operation) && c.status < 300);

// These tests pin the per-entity strategy (PutRestApi is covered in put-rest-api.test.ts).
describe("push to the fake API Gateway", () => {
  it("creates everything for a fresh design, then deploys and creates the stage", async () => {
    const plan = await planPush(client, {
      design: petsDesign(),
      restApiId: null,
      stageName: "dev",
      strategy: "per-entity",
      stageVariables: { backend: "petstore.example.com" },
    });
    expect(plan.restApiId).toBeNull();
    expect(plan.calls[0].operation).toBe("CreateRestApi");
    expect(plan.calls.map((c) => c.operation)).toEqual([
      "CreateRestApi",
      "CreateModel",
      "CreateRequestValidator",
      "CreateResource",
      "CreateResource",
      "PutMethod",
      "PutMethodResponse",
      "PutIntegration",
      "PutIntegrationResponse",
      "PutMethod",
      "PutMethodResponse",
      "PutMethodResponse",
      "PutIntegration",
      "PutIntegrationResponse",
      "PutIntegrationResponse",
    ]);
    expect(plan.calls.find((c) => c.operation === "CreateResource")?.description).toBe("Create resource /pets");

    const progress: number[] = [];
    const result = await executePush(client, plan, { onProgress: (done, total) => progress.push(done * 100 + total) });
    expect(result.calls.map((c) => c.operation).slice(-2)).toEqual(["CreateDeployment", "CreateStage"]);
    expect(progress.at(-1)).toBe(17 * 100 + 17);

    const api = fake.state.restApis.get(result.restApiId)!;
    expect(api.api.name).toBe("pets");
    expect(fake.state.describe(result.restApiId)).toEqual(
      [
        "resource /",
        "resource /pets",
        "resource /pets/{id}",
        "method GET /pets",
        "method-response GET /pets 200",
        "integration GET /pets MOCK",
        "integration-response GET /pets 200",
        "method GET /pets/{id}",
        "method-response GET /pets/{id} 200",
        "method-response GET /pets/{id} 404",
        "integration GET /pets/{id} HTTP",
        "integration-response GET /pets/{id} 200",
        "integration-response GET /pets/{id} 404",
        "model Empty",
        "model Error",
        "model Pet",
        "validator params-only",
      ].sort(),
    );
    const pet = fake.state.resourceByPath(result.restApiId, "/pets/{id}")!;
    const validatorId = [...api.requestValidators.values()][0].id;
    expect(pet.resourceMethods.GET.requestValidatorId).toBe(validatorId);
    expect(pet.resourceMethods.GET.methodIntegration).toMatchObject({ type: "HTTP", httpMethod: "GET", uri: "http://petstore.example.com/pets/{id}" });
    const stage = api.stages.get("dev")!;
    expect(stage.deploymentId).toBe(result.deploymentId);
    expect(stage.variables).toEqual({ backend: "petstore.example.com" });
    expect(api.deployments.get(result.deploymentId)!.apiSummary["/pets"].GET.authorizationType).toBe("NONE");
  });

  it("plans zero entity calls when nothing changed, and the next push only redeploys", async () => {
    const first = await push(client, { design: petsDesign(), stageName: "dev", strategy: "per-entity" });
    const plan = await planPush(client, { design: petsDesign(), restApiId: first.restApiId, stageName: "dev", strategy: "per-entity" });
    expect(plan.calls).toEqual([]);
    expect(plan.summary).toEqual({ creates: 0, updates: 0, deletes: 0 });
    expect(plan.deployment.stageExists).toBe(true);

    fake.reset();
    const second = await executePush(client, plan);
    expect(writes(fake).map((c) => c.operation)).toEqual(["CreateDeployment", "UpdateStage"]);
    expect(second.deploymentId).not.toBe(first.deploymentId);
    expect(fake.state.restApis.get(first.restApiId)!.stages.get("dev")!.deploymentId).toBe(second.deploymentId);
  });

  it("a change produces only the calls it needs", async () => {
    const first = await push(client, { design: petsDesign(), stageName: "dev", strategy: "per-entity", stageVariables: { a: "1", b: "2" } });
    const design = petsDesign();
    const pet = design.resources.find((r) => r.id === "g-pet")!;
    pet.methods.GET.integration!.uri = "http://petstore-v2.example.com/pets/{id}";
    pet.methods.GET.integration!.integrationResponses["404"].responseTemplates = { "application/json": '{"message":"no such pet"}' };
    pet.methods.GET.apiKeyRequired = true;
    delete pet.methods.GET.methodResponses["200"].responseParameters["method.response.header.X-Pet"];
    pet.methods.GET.methodResponses["200"].responseParameters["method.response.header.X-Pet-Id"] = true;
    pet.methods.GET.integration!.integrationResponses["200"].responseParameters = { "method.response.header.X-Pet-Id": "integration.response.header.X-Pet-Id" };
    design.models[0].schema = '{"type":"object"}';
    design.resources.push({ id: "g-owner", parentId: "g-pet", pathPart: "owner", methods: {} });

    const plan = await planPush(client, { design, restApiId: first.restApiId, stageName: "dev", strategy: "per-entity", stageVariables: { a: "1", c: "3" } });
    expect(plan.calls.map((c) => `${c.operation} ${c.target}`)).toEqual([
      "UpdateModel model Pet",
      "CreateResource /pets/{id}/owner",
      "UpdateMethod GET /pets/{id}",
      "UpdateMethodResponse GET /pets/{id}",
      "UpdateIntegration GET /pets/{id}",
      "PutIntegrationResponse GET /pets/{id}",
      "PutIntegrationResponse GET /pets/{id}",
    ]);
    const um = plan.calls.find((c) => c.operation === "UpdateMethod")!;
    expect(um.params.patchOperations).toEqual([{ op: "replace", path: "/apiKeyRequired", value: "true" }]);
    const umr = plan.calls.find((c) => c.operation === "UpdateMethodResponse")!;
    expect(umr.params.patchOperations).toEqual([
      { op: "add", path: "/responseParameters/method.response.header.X-Pet-Id", value: "true" },
      { op: "remove", path: "/responseParameters/method.response.header.X-Pet" },
    ]);
    expect(plan.calls.find((c) => c.operation === "UpdateIntegration")!.params.patchOperations).toEqual([
      { op: "replace", path: "/uri", value: "http://petstore-v2.example.com/pets/{id}" },
    ]);
    expect(plan.deployment.stagePatchOperations).toEqual([
      { op: "replace", path: "/variables/c", value: "3" },
      { op: "remove", path: "/variables/b" },
    ]);

    await executePush(client, plan);
    const stage = fake.state.restApis.get(first.restApiId)!.stages.get("dev")!;
    expect(stage.variables).toEqual({ a: "1", c: "3" });
    const after = await planPush(client, { design, restApiId: first.restApiId, stageName: "dev", strategy: "per-entity", stageVariables: { a: "1", c: "3" } });
    expect(after.calls).toEqual([]);
    expect(after.deployment.stagePatchOperations).toEqual([]);
  });

  it("removes what the design no longer has: children before parents, references before referents", async () => {
    const first = await push(client, { design: petsDesign(), stageName: "dev", strategy: "per-entity" });
    const design = petsDesign();
    design.resources = design.resources.filter((r) => r.id !== "g-pet");
    design.requestValidators = [];
    design.models = [];
    design.resources.find((r) => r.id === "g-pets")!.methods.GET.methodResponses["200"].responseModels = {};
    const plan = await planPush(client, { design, restApiId: first.restApiId, stageName: "dev", strategy: "per-entity" });
    expect(plan.calls.map((c) => `${c.operation} ${c.target}`)).toEqual([
      "UpdateMethodResponse GET /pets",
      "DeleteResource /pets/{id}",
      "DeleteRequestValidator validator params-only",
      "DeleteModel model Pet",
    ]);
    await executePush(client, plan);
    expect((await planPush(client, { design, restApiId: first.restApiId, stageName: "dev", strategy: "per-entity" })).calls).toEqual([]);
    expect(fake.state.describe(first.restApiId)).not.toContain("resource /pets/{id}");
  });

  it("switching an integration's type re-puts it with its responses", async () => {
    const first = await push(client, { design: petsDesign(), stageName: "dev", strategy: "per-entity" });
    const design = petsDesign();
    const pets = design.resources.find((r) => r.id === "g-pets")!;
    pets.methods.GET.integration = {
      ...pets.methods.GET.integration!,
      type: "AWS_PROXY",
      httpMethod: "POST",
      uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:pets/invocations",
      requestTemplates: {},
    };
    const plan = await planPush(client, { design, restApiId: first.restApiId, stageName: "dev", strategy: "per-entity" });
    expect(plan.calls.map((c) => c.operation)).toEqual(["PutIntegration", "PutIntegrationResponse"]);
    await executePush(client, plan);
    expect((await planPush(client, { design, restApiId: first.restApiId, stageName: "dev", strategy: "per-entity" })).calls).toEqual([]);
  });

  it("a throttled call (429) is retried after retryAfterSeconds and the push succeeds", async () => {
    await fake.close();
    // The fake is stricter than AWS for PutMethod, so our limiter (which keeps AWS's quotas) gets 429s.
    fake = await startFakeApiGateway({ now: clock.now, quotas: { PutMethod: { burst: 1, ratePerSecond: 0.5 } } });
    client = createApiGatewayClient({ region: "us-east-1", endpointUrl: fake.url }, { limiter });
    const t0 = clock.now();
    const result = await push(client, { design: petsDesign(), stageName: "dev", strategy: "per-entity" });
    const throttled = fake.calls.filter((c) => c.status === 429);
    expect(throttled.map((c) => c.operation)).toEqual(["PutMethod"]);
    expect(result.calls.find((c) => c.operation === "PutMethod" && c.retries > 0)).toBeDefined();
    expect(clock.now() - t0).toBeGreaterThanOrEqual(2000);
    expect(fake.state.describe(result.restApiId).filter((l) => l.startsWith("method "))).toHaveLength(2);
  });

  it("a fault midway stops with PushError; planning again resumes without duplicates", async () => {
    fake.faults.failNth("PutIntegration", 2, { status: 500, message: "We encountered an internal error. Please try again." });
    const plan = await planPush(client, { design: petsDesign(), stageName: "dev", strategy: "per-entity" });
    let error: PushError | undefined;
    try {
      await executePush(client, plan);
    } catch (e) {
      error = e as PushError;
    }
    expect(error).toBeInstanceOf(PushError);
    expect(error!.failed.operation).toBe("PutIntegration");
    expect(error!.failed.target).toBe("GET /pets/{id}");
    expect(error!.failed.error?.status).toBe(500);
    expect(error!.completed.map((c) => c.operation)).toEqual(plan.calls.slice(0, 12).map((c) => c.operation));
    expect(error!.restApiId).toBeTruthy();
    expect(error!.message).toContain("Set HTTP integration of GET /pets/{id}");

    const again = await planPush(client, { design: petsDesign(), restApiId: error!.restApiId, stageName: "dev", strategy: "per-entity" });
    expect(again.calls.map((c) => c.operation)).toEqual(["PutIntegration", "PutIntegrationResponse", "PutIntegrationResponse"]);
    const result = await executePush(client, again);
    expect(result.restApiId).toBe(error!.restApiId);
    expect(fake.state.restApis.size).toBe(1);
    const lines = fake.state.describe(result.restApiId);
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines.filter((l) => l.startsWith("resource "))).toEqual(["resource /", "resource /pets", "resource /pets/{id}"]);
    expect((await planPush(client, { design: petsDesign(), restApiId: result.restApiId, stageName: "dev", strategy: "per-entity" })).calls).toEqual([]);
  });

  it("a failure while deploying keeps the entity calls as completed", async () => {
    const plan = await planPush(client, { design: petsDesign(), stageName: "dev", strategy: "per-entity" });
    fake.faults.failNth("CreateDeployment", 1, { status: 400, type: "BadRequestException", message: "No integration defined for method" });
    const err = (await executePush(client, plan).catch((e) => e)) as PushError;
    expect(err).toBeInstanceOf(PushError);
    expect(err.failed.operation).toBe("CreateDeployment");
    expect(err.failed.error).toMatchObject({ name: "BadRequestException", status: 400 });
    expect(err.completed).toHaveLength(plan.calls.length);
    const again = await planPush(client, { design: petsDesign(), restApiId: err.restApiId, stageName: "dev", strategy: "per-entity" });
    expect(again.calls).toEqual([]);
    expect(again.deployment.stageExists).toBe(false);
    const ok = await executePush(client, again);
    expect(ok.calls.map((c) => c.operation)).toEqual(["CreateDeployment", "CreateStage"]);
  });

  it("keeps CreateDeployment at one per 5 s across pushes", async () => {
    const first = await push(client, { design: petsDesign(), stageName: "dev", strategy: "per-entity" });
    await push(client, { design: petsDesign(), restApiId: first.restApiId, stageName: "dev", strategy: "per-entity" });
    await push(client, { design: petsDesign(), restApiId: first.restApiId, stageName: "prod", strategy: "per-entity" });
    const at = fake.calls.filter((c) => c.operation === "CreateDeployment").map((c) => c.at);
    expect(at).toHaveLength(3);
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(5000);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(5000);
    expect(fake.calls.filter((c) => c.status === 429)).toEqual([]);
  });

  it("creates a new API when the given id does not exist", async () => {
    const plan = await planPush(client, { design: petsDesign(), restApiId: "doesnotexist", stageName: "dev", strategy: "per-entity" });
    expect(plan.restApiId).toBeNull();
    expect(plan.notes[0]).toContain("was not found");
    expect(plan.calls[0].operation).toBe("CreateRestApi");
  });

  it("updates API settings with patch operations", async () => {
    const first = await push(client, { design: petsDesign(), stageName: "dev", strategy: "per-entity" });
    const design = petsDesign();
    design.description = "Pets v2";
    design.binaryMediaTypes = ["image/png"];
    design.endpointType = "EDGE";
    const plan = await planPush(client, { design, restApiId: first.restApiId, stageName: "dev", strategy: "per-entity" });
    expect(plan.calls).toHaveLength(1);
    expect(plan.calls[0].params.patchOperations).toEqual([
      { op: "replace", path: "/description", value: "Pets v2" },
      { op: "add", path: "/binaryMediaTypes/image~1png" },
      { op: "replace", path: "/endpointConfiguration/types/REGIONAL", value: "EDGE" },
    ]);
    await executePush(client, plan);
    expect((await planPush(client, { design, restApiId: first.restApiId, stageName: "dev", strategy: "per-entity" })).calls).toEqual([]);
  });

  it("pushes authorizers and gateway responses and maps design ids to AWS ids by name", async () => {
    const design = petsDesign();
    design.authorizers = [
      {
        id: "g-auth",
        name: "token-auth",
        type: "TOKEN",
        authorizerUri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations",
        identitySource: "method.request.header.Authorization",
        providerARNs: [],
      },
    ];
    design.gatewayResponses = [
      {
        responseType: "DEFAULT_4XX",
        statusCode: "400",
        responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" },
        responseTemplates: {},
      },
    ];
    const pets = design.resources.find((r) => r.id === "g-pets")!;
    pets.methods.GET.authorizationType = "CUSTOM";
    pets.methods.GET.authorizerId = "g-auth";
    const first = await push(client, { design, stageName: "dev", strategy: "per-entity" });
    const api = fake.state.restApis.get(first.restApiId)!;
    const authId = [...api.authorizers.values()][0].id;
    expect(fake.state.resourceByPath(first.restApiId, "/pets")!.resourceMethods.GET.authorizerId).toBe(authId);
    expect(api.gatewayResponses.get("DEFAULT_4XX")!.statusCode).toBe("400");
    expect((await planPush(client, { design, restApiId: first.restApiId, stageName: "dev", strategy: "per-entity" })).calls).toEqual([]);

    pets.methods.GET.authorizationType = "NONE";
    delete pets.methods.GET.authorizerId;
    design.authorizers = [];
    design.gatewayResponses = [];
    const plan = await planPush(client, { design, restApiId: first.restApiId, stageName: "dev", strategy: "per-entity" });
    expect(plan.calls.map((c) => c.operation)).toEqual(["UpdateMethod", "DeleteGatewayResponse", "DeleteAuthorizer"]);
    await executePush(client, plan);
    expect((await planPush(client, { design, restApiId: first.restApiId, stageName: "dev", strategy: "per-entity" })).calls).toEqual([]);
  });

  it("creates models that others refer to first", async () => {
    const design = petsDesign();
    design.models = [
      {
        id: "g-list",
        name: "PetList",
        contentType: "application/json",
        schema: '{"type":"array","items":{"$ref":"https://apigateway.amazonaws.com/restapis/x/models/Pet"}}',
      },
      { id: "g-model", name: "Pet", contentType: "application/json", schema: '{"type":"object"}' },
    ];
    const plan = await planPush(client, { design, stageName: "dev", strategy: "per-entity" });
    expect(plan.calls.filter((c) => c.operation === "CreateModel").map((c) => c.target)).toEqual(["model Pet", "model PetList"]);
    const result = await executePush(client, plan);
    expect(fake.state.describe(result.restApiId)).toContain("model PetList");
  });

  it("a new API's Empty and Error models are updated, not created again, when the design has them", async () => {
    const design = petsDesign();
    design.models.push({ id: "g-err", name: "Error", contentType: "application/json", schema: '{"type":"object","properties":{"code":{"type":"string"}}}' });
    const result = await push(client, { design, stageName: "dev", strategy: "per-entity" });
    expect(result.plan.calls.filter((c) => c.target === "model Error").map((c) => c.operation)).toEqual(["UpdateModel"]);
    expect(fake.state.restApis.get(result.restApiId)!.models.get("Error")!.schema).toContain("code");
  });

  it("sends nothing when the stage already runs a deployment known to hold this design", async () => {
    const first = await push(client, { design: petsDesign(), stageName: "dev", strategy: "per-entity" });
    fake.reset();
    const plan = await planPush(client, {
      design: petsDesign(),
      restApiId: first.restApiId,
      stageName: "dev",
      strategy: "per-entity",
      deployedDeploymentId: first.deploymentId,
    });
    expect(plan.deployment.upToDate).toEqual({ deploymentId: first.deploymentId });
    const again = await executePush(client, plan);
    expect(again).toMatchObject({ deploymentId: first.deploymentId, calls: [] });
    expect(fake.calls.filter((c) => !c.operation.startsWith("Get"))).toEqual([]);
    // A deployment id that is not the stage's own does not count.
    expect(
      (await planPush(client, { design: petsDesign(), restApiId: first.restApiId, stageName: "dev", strategy: "per-entity", deployedDeploymentId: "other1" }))
        .deployment.upToDate,
    ).toBeUndefined();
  });

  it("a call that times out after AWS applied it, at each kind of step, converges on re-run without duplicates", async () => {
    for (const operation of ["CreateResource", "PutMethod", "PutIntegration", "PutIntegrationResponse", "CreateDeployment", "CreateStage"]) {
      fake.reset({ state: true });
      const shortTimeout = createApiGatewayClient({ region: "us-east-1", endpointUrl: fake.url }, { limiter, requestTimeoutMs: 150 });
      fake.faults.add({ operation, nth: 1, timeout: "after" });
      const err = (await push(shortTimeout, { design: petsDesign(), stageName: "dev", strategy: "per-entity" }).catch((e) => e)) as PushError;
      shortTimeout.destroy();
      expect(err, operation).toBeInstanceOf(PushError);
      expect(err.failed.operation).toBe(operation);
      const ok = await push(client, { design: petsDesign(), restApiId: err.restApiId, stageName: "dev", strategy: "per-entity" });
      expect(fake.state.restApis.size, operation).toBe(1);
      const lines = fake.state.describe(ok.restApiId);
      expect(new Set(lines).size, operation).toBe(lines.length);
      expect(lines.filter((l) => l.startsWith("resource "))).toEqual(["resource /", "resource /pets", "resource /pets/{id}"]);
      expect([...fake.state.restApis.get(ok.restApiId)!.stages.keys()]).toEqual(["dev"]);
      expect((await planPush(client, { design: petsDesign(), restApiId: ok.restApiId, stageName: "dev", strategy: "per-entity" })).calls).toEqual([]);
    }
  });
});
