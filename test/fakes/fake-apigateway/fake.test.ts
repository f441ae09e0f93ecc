import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateModelCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteModelCommand,
  DeleteResourceCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetStageCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateIntegrationCommand,
  UpdateMethodCommand,
  UpdateStageCommand,
} from "@aws-sdk/client-api-gateway";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeApiGateway, type FakeApiGatewayOptions, startFakeApiGateway } from "./index";

beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID = "AKIDFAKEFAKEFAKE";
  process.env.AWS_SECRET_ACCESS_KEY = "fake-secret";
});

let fake: FakeApiGateway | undefined;
let client: APIGatewayClient | undefined;
afterEach(async () => {
  client?.destroy();
  await fake?.close();
  fake = client = undefined;
});

async function start(options: FakeApiGatewayOptions = {}) {
  fake = await startFakeApiGateway(options);
  client = new APIGatewayClient({ region: "us-east-1", endpoint: fake.url, maxAttempts: 1 });
  return { fake, client };
}

async function apiWithMethod(c: APIGatewayClient) {
  const api = await c.send(new CreateRestApiCommand({ name: "t", endpointConfiguration: { types: ["REGIONAL"] } }));
  const res = await c.send(new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: "pets" }));
  await c.send(new PutMethodCommand({ restApiId: api.id, resourceId: res.id, httpMethod: "GET", authorizationType: "NONE" }));
  return { api, res };
}

describe("fake API Gateway speaks the SDK's REST-JSON", () => {
  it("creates an API with a root resource and AWS's default models", async () => {
    const { fake, client } = await start({ quotas: false });
    const api = await client.send(new CreateRestApiCommand({ name: "pets", description: "d" }));
    expect(api.id).toMatch(/^[a-z0-9]{10}$/);
    expect(api.rootResourceId).toMatch(/^[a-z0-9]{10}$/);
    expect(api.createdDate).toBeInstanceOf(Date);
    const got = await client.send(new GetRestApiCommand({ restApiId: api.id }));
    expect(got.name).toBe("pets");
    expect(fake.state.describe(api.id!)).toEqual(["model Empty", "model Error", "resource /"]);
    expect(fake.calls[0]).toMatchObject({
      operation: "CreateRestApi",
      method: "POST",
      path: "/restapis",
      body: { name: "pets", description: "d" },
      status: 201,
    });
  });

  it("pages GetResources with limit/position and embeds methods on request", async () => {
    const { client } = await start({ quotas: false });
    const { api } = await apiWithMethod(client);
    for (let i = 0; i < 6; i++) await client.send(new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: `r${i}` }));
    const page1 = await client.send(new GetResourcesCommand({ restApiId: api.id, limit: 5 }));
    expect(page1.items).toHaveLength(5);
    expect(page1.position).toBeTruthy();
    const page2 = await client.send(new GetResourcesCommand({ restApiId: api.id, limit: 5, position: page1.position }));
    expect(page2.items).toHaveLength(3);
    expect(page2.position).toBeUndefined();
    const plain = [...page1.items!, ...page2.items!].find((r) => r.path === "/pets")!;
    expect(plain.resourceMethods).toEqual({ GET: {} });
    const embedded = await client.send(new GetResourcesCommand({ restApiId: api.id, limit: 500, embed: ["methods"] }));
    expect(embedded.items!.find((r) => r.path === "/pets")!.resourceMethods!.GET).toMatchObject({
      httpMethod: "GET",
      authorizationType: "NONE",
      apiKeyRequired: false,
    });
  });

  it("maps errors to the SDK's exception classes", async () => {
    const { client } = await start({ quotas: false });
    const { api, res } = await apiWithMethod(client);
    const conflict = await client
      .send(new PutMethodCommand({ restApiId: api.id, resourceId: res.id, httpMethod: "GET", authorizationType: "NONE" }))
      .catch((e) => e);
    expect(conflict.name).toBe("ConflictException");
    expect(conflict.message).toBe("Method already exists for this resource");
    expect(conflict.$metadata.httpStatusCode).toBe(409);
    const nf = await client.send(new GetRestApiCommand({ restApiId: "nope" })).catch((e) => e);
    expect(nf.name).toBe("NotFoundException");
    const bad = await client.send(new CreateDeploymentCommand({ restApiId: api.id })).catch((e) => e);
    expect(bad.name).toBe("BadRequestException");
    expect(bad.message).toBe("No integration defined for method");
    const dup = await client.send(new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: "pets" })).catch((e) => e);
    expect(dup.name).toBe("ConflictException");
    const noMr = await client
      .send(new PutIntegrationResponseCommand({ restApiId: api.id, resourceId: res.id, httpMethod: "GET", statusCode: "200" }))
      .catch((e) => e);
    expect(noMr.name).toBe("NotFoundException");
  });

  it("applies patch operations to methods, integrations and stages", async () => {
    const { fake, client } = await start({ quotas: false });
    const { api, res } = await apiWithMethod(client);
    await client.send(
      new UpdateMethodCommand({
        restApiId: api.id,
        resourceId: res.id,
        httpMethod: "GET",
        patchOperations: [
          { op: "replace", path: "/apiKeyRequired", value: "true" },
          { op: "add", path: "/requestParameters/method.request.querystring.q", value: "false" },
        ],
      }),
    );
    await client.send(
      new PutIntegrationCommand({
        restApiId: api.id,
        resourceId: res.id,
        httpMethod: "GET",
        type: "HTTP",
        integrationHttpMethod: "GET",
        uri: "http://a.example.com",
      }),
    );
    const upd = await client.send(
      new UpdateIntegrationCommand({
        restApiId: api.id,
        resourceId: res.id,
        httpMethod: "GET",
        patchOperations: [
          { op: "replace", path: "/uri", value: "http://b.example.com" },
          { op: "add", path: "/requestTemplates/application~1json", value: "{}" },
        ],
      }),
    );
    expect(upd).toMatchObject({
      type: "HTTP",
      httpMethod: "GET",
      uri: "http://b.example.com",
      requestTemplates: { "application/json": "{}" },
      timeoutInMillis: 29000,
    });
    const m = fake.state.resourceByPath(api.id!, "/pets")!.resourceMethods.GET;
    expect(m).toMatchObject({ apiKeyRequired: true, requestParameters: { "method.request.querystring.q": false } });

    const dep = await client.send(new CreateDeploymentCommand({ restApiId: api.id, description: "one" }));
    await client.send(new CreateStageCommand({ restApiId: api.id, stageName: "dev", deploymentId: dep.id, variables: { a: "1" } }));
    const stage = await client.send(
      new UpdateStageCommand({
        restApiId: api.id,
        stageName: "dev",
        patchOperations: [
          { op: "replace", path: "/variables/b", value: "2" },
          { op: "remove", path: "/variables/a" },
          { op: "replace", path: "/*/*/logging/loglevel", value: "INFO" },
          { op: "replace", path: "/~1pets/GET/throttling/rateLimit", value: "5.5" },
        ],
      }),
    );
    expect(stage.variables).toEqual({ b: "2" });
    expect(stage.methodSettings!["*/*"].loggingLevel).toBe("INFO");
    // AWS stores the method-setting key as written in the path, `/` still escaped.
    expect(stage.methodSettings!["~1pets/GET"].throttlingRateLimit).toBe(5.5);
    const bad = await client
      .send(new UpdateStageCommand({ restApiId: api.id, stageName: "dev", patchOperations: [{ op: "replace", path: "/deploymentId", value: "nope" }] }))
      .catch((e) => e);
    expect(bad.name).toBe("BadRequestException");
    expect((await client.send(new GetStageCommand({ restApiId: api.id, stageName: "dev" }))).deploymentId).toBe(dep.id);
  });

  it("deletes a resource with its subtree and refuses to delete a model in use", async () => {
    const { fake, client } = await start({ quotas: false });
    const { api, res } = await apiWithMethod(client);
    await client.send(new CreateResourceCommand({ restApiId: api.id, parentId: res.id, pathPart: "{id}" }));
    await client.send(new CreateModelCommand({ restApiId: api.id, name: "Pet", contentType: "application/json", schema: "{}" }));
    await client.send(
      new PutMethodResponseCommand({
        restApiId: api.id,
        resourceId: res.id,
        httpMethod: "GET",
        statusCode: "200",
        responseModels: { "application/json": "Pet" },
      }),
    );
    const inUse = await client.send(new DeleteModelCommand({ restApiId: api.id, modelName: "Pet" })).catch((e) => e);
    expect(inUse.name).toBe("ConflictException");
    await client.send(new DeleteResourceCommand({ restApiId: api.id, resourceId: res.id }));
    expect(fake.state.describe(api.id!).filter((l) => l.startsWith("resource"))).toEqual(["resource /"]);
  });
});

describe("fake API Gateway quotas", () => {
  it("answers 429 TooManyRequestsException with Retry-After when CreateDeployment comes faster than 1 per 5 s", async () => {
    let t = 1_000_000;
    const { fake, client } = await start({ now: () => t });
    const { api, res } = await apiWithMethod(client);
    await client.send(new PutIntegrationCommand({ restApiId: api.id, resourceId: res.id, httpMethod: "GET", type: "MOCK" }));
    await client.send(new CreateDeploymentCommand({ restApiId: api.id }));
    t += 2000;
    const err = await client.send(new CreateDeploymentCommand({ restApiId: api.id })).catch((e) => e);
    expect(err.name).toBe("TooManyRequestsException");
    expect(err.$metadata.httpStatusCode).toBe(429);
    expect(err.retryAfterSeconds).toBe("3");
    const throttled = fake.calls.at(-1)!;
    expect(throttled).toMatchObject({ operation: "CreateDeployment", status: 429, errorType: "TooManyRequestsException" });
    t += 3000;
    await client.send(new CreateDeploymentCommand({ restApiId: api.id }));
    expect(fake.callsOf("CreateDeployment")).toHaveLength(2);
  });

  it("enforces the total of 10 rps with burst 40", async () => {
    let t = 0;
    const { client } = await start({ now: () => t, quotas: {} });
    const api = await client.send(new CreateRestApiCommand({ name: "t" }));
    for (let i = 0; i < 39; i++) await client.send(new GetRestApiCommand({ restApiId: api.id }));
    const err = await client.send(new GetRestApiCommand({ restApiId: api.id })).catch((e) => e);
    expect(err.name).toBe("TooManyRequestsException");
    expect(err.retryAfterSeconds).toBe("1");
    t += 100;
    await client.send(new GetRestApiCommand({ restApiId: api.id }));
  });

  it("enforces GetResources 5 per 2 s and accepts per-test overrides", async () => {
    let t = 0;
    const { client } = await start({ now: () => t, quotas: { CreateRestApi: null } });
    const api = await client.send(new CreateRestApiCommand({ name: "a" }));
    await client.send(new CreateRestApiCommand({ name: "b" })); // CreateRestApi quota removed by the override
    for (let i = 0; i < 5; i++) await client.send(new GetResourcesCommand({ restApiId: api.id }));
    expect((await client.send(new GetResourcesCommand({ restApiId: api.id })).catch((e) => e)).name).toBe("TooManyRequestsException");
    t += 400;
    await client.send(new GetResourcesCommand({ restApiId: api.id }));
  });

  it("timeScale speeds the quota clock up", async () => {
    const { client } = await start({ timeScale: 1000 });
    const a = await client.send(new CreateRestApiCommand({ name: "a" }));
    await new Promise((r) => setTimeout(r, 10)); // 10 ms wall = 10 s fake: CreateRestApi (1 per 3 s) has refilled
    const b = await client.send(new CreateRestApiCommand({ name: "b" }));
    expect(a.id).not.toBe(b.id);
  });
});

describe("fake API Gateway fault injection", () => {
  it("fails the nth call of an operation once", async () => {
    const { fake, client } = await start({ quotas: false });
    const api = await client.send(new CreateRestApiCommand({ name: "t" }));
    fake.faults.failNth("CreateResource", 2);
    await client.send(new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: "a" }));
    const err = await client.send(new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: "b" })).catch((e) => e);
    expect(err.$metadata.httpStatusCode).toBe(500);
    expect(err.name).toBe("InternalServerError");
    await client.send(new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: "b" }));
    expect(fake.callsOf("CreateResource")).toHaveLength(2);
  });

  it("fails every call after n, with a chosen error", async () => {
    const { fake, client } = await start({ quotas: false });
    const api = await client.send(new CreateRestApiCommand({ name: "t" }));
    fake.faults.failAfter("*", 1, { status: 400, type: "BadRequestException", message: "injected" });
    await client.send(new GetRestApiCommand({ restApiId: api.id }));
    for (let i = 0; i < 2; i++) {
      const err = await client.send(new GetRestApiCommand({ restApiId: api.id })).catch((e) => e);
      expect(err.name).toBe("BadRequestException");
      expect(err.message).toBe("injected");
    }
    fake.faults.clear();
    await client.send(new GetRestApiCommand({ restApiId: api.id }));
  });

  it("holds a call unanswered until released, then answers it normally", async () => {
    const { fake, client } = await start({ quotas: false });
    let release = () => {};
    fake.faults.add({ operation: "CreateRestApi", nth: 1, hold: new Promise<void>((r) => (release = r)) });
    let answered = false;
    const held = client.send(new CreateRestApiCommand({ name: "held" })).then((api) => {
      answered = true;
      return api;
    });
    await expect.poll(() => fake.calls.length).toBe(1);
    // Another call is answered meanwhile; the held one is not (and has not been applied).
    await client.send(new CreateRestApiCommand({ name: "other" }));
    expect(answered).toBe(false);
    expect([...fake.state.restApis.values()].map((a) => a.api.name)).toEqual(["other"]);
    release();
    expect((await held).name).toBe("held");
    expect(fake.callsOf("CreateRestApi")).toHaveLength(2);
  });
});
