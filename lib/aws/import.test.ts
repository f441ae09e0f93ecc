import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeApiGateway, startFakeApiGateway } from "../../test/fakes/fake-apigateway";
import { fullDesign } from "../../test/helpers/aws-designs";
import { diffDesigns } from "../snapshot/diff";
import { callApiGateway, createApiGatewayClient } from "./client";
import { designFingerprint, liveToDesign, stageFromAws, withAwsDefaults } from "./import";
import { ApiGatewayLimiter, ManualClock } from "./limiter";
import { listLiveRestApis, readLiveApi, readLiveDeployments, readLiveStages } from "./live";
import { planPush, push } from "./push";

beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID = "AKIDFAKEFAKEFAKE";
  process.env.AWS_SECRET_ACCESS_KEY = "fake-secret";
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
});

let fake: FakeApiGateway;
let clock: ManualClock;
let client: APIGatewayClient;

beforeEach(async () => {
  clock = new ManualClock();
  fake = await startFakeApiGateway({ now: clock.now });
  client = createApiGatewayClient({ region: "us-east-1", endpointUrl: fake.url }, { limiter: new ApiGatewayLimiter({ clock }) });
});
afterEach(async () => {
  client.destroy();
  await fake.close();
});

describe("import from the fake API Gateway", () => {
  it("maps every entity back: the imported design equals the pushed one and push(import(x)) plans no call", async () => {
    const design = fullDesign();
    // Per-entity, so model schema texts arrive as sent (a PutRestApi document re-serialises them, as AWS does).
    const pushed = await push(client, { design, stageName: "prod", strategy: "per-entity" });
    const live = (await readLiveApi(client, pushed.restApiId))!;
    const imported = liveToDesign(live);
    expect(diffDesigns(withAwsDefaults(design), imported).entries).toEqual([]);
    expect(imported.models.map((m) => m.name)).toEqual(["Order"]); // Empty and Error as AWS made them are left out
    // Ids are AWS's, so references still resolve.
    const method = imported.resources.find((r) => r.pathPart === "{id}")!.methods.GET;
    expect(imported.authorizers.find((a) => a.id === method.authorizerId)?.name).toBe("tokens");
    expect(imported.requestValidators.find((v) => v.id === method.requestValidatorId)?.name).toBe("all");

    const plan = await planPush(client, { design: imported, restApiId: pushed.restApiId, stageName: "prod" });
    expect(plan.calls).toEqual([]);
    expect(designFingerprint(imported)).toBe(designFingerprint(withAwsDefaults(design)));
    expect(designFingerprint(imported)).not.toBe(designFingerprint(design)); // the defaults do count
  });

  it("keeps an edited built-in model, and the fingerprint tells a change apart", async () => {
    const pushed = await push(client, { design: fullDesign(), stageName: "prod" });
    const before = liveToDesign((await readLiveApi(client, pushed.restApiId))!);
    await callApiGateway(client, "UpdateModel", {
      restApiId: pushed.restApiId,
      modelName: "Error",
      patchOperations: [{ op: "replace", path: "/schema", value: '{"type":"object","properties":{"code":{"type":"string"}}}' }],
    });
    const after = liveToDesign((await readLiveApi(client, pushed.restApiId))!);
    expect(after.models.map((m) => m.name).sort()).toEqual(["Error", "Order"]);
    expect(designFingerprint(after)).not.toBe(designFingerprint(before));
  });

  it("lists REST APIs across pages and reads stages with their settings and the deployment list", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await callApiGateway<{ id: string }>(client, "CreateRestApi", { name: `api-${i}` })).id);
    const pages: unknown[] = [];
    const all = await listLiveRestApis(client);
    expect(all.map((a) => a.id).sort()).toEqual([...ids].sort());
    // Pagination is followed: with a page size of 2 the fake needs two pages.
    let position: string | undefined;
    do {
      const page = await callApiGateway<{ items?: unknown[]; position?: string }>(client, "GetRestApis", { limit: 2, ...(position ? { position } : {}) });
      pages.push(page.items);
      position = page.position;
    } while (position);
    expect(pages).toHaveLength(2);

    const first = await push(client, { design: fullDesign(), stageName: "prod", stageVariables: { backend: "orders.example.com" } });
    await callApiGateway(client, "UpdateStage", {
      restApiId: first.restApiId,
      stageName: "prod",
      patchOperations: [
        { op: "replace", path: "/*/*/throttling/rateLimit", value: "50" },
        { op: "replace", path: "/tracingEnabled", value: "true" },
      ],
    });
    await push(client, { design: fullDesign(), restApiId: first.restApiId, stageName: "dev" });
    const stages = await readLiveStages(client, first.restApiId);
    expect(stages.map((s) => s.stageName).sort()).toEqual(["dev", "prod"]);
    const prod = stageFromAws(stages.find((s) => s.stageName === "prod")!);
    expect(prod.variables).toEqual({ backend: "orders.example.com" });
    expect(prod.awsDeploymentId).toBe(first.deploymentId);
    expect(prod.settings).toMatchObject({ tracingEnabled: true, methodSettings: { "*/*": { throttlingRateLimit: 50 } } });
    expect(prod.settings).not.toHaveProperty("deploymentId");
    const deployments = await readLiveDeployments(client, first.restApiId);
    expect(deployments).toHaveLength(2);
    expect(deployments.map((d) => d.id)).toContain(first.deploymentId);
  });

  /** A pushed API grown to `total` resources behind the fake's back (pushing hundreds through HTTP would take the test's time, not the import's). */
  async function bigApi(total: number) {
    const pushed = await push(client, { design: fullDesign(), stageName: "prod" });
    const state = fake.state.restApis.get(pushed.restApiId)!;
    const root = fake.state.resourceByPath(pushed.restApiId, "/")!;
    const template = fake.state.resourceByPath(pushed.restApiId, "/orders/{id}")!.resourceMethods;
    for (let i = state.resources.size; i < total; i++) {
      const id = `bulk${i}`;
      state.resources.set(id, { id, parentId: root.id, pathPart: `bulk${i}`, path: `/bulk${i}`, resourceMethods: structuredClone(template) });
    }
    fake.reset();
    return pushed.restApiId;
  }

  it("reads a 300-resource API within the GetResources quota: one page, no throttling, no waiting", async () => {
    const restApiId = await bigApi(300);
    const t0 = clock.now();
    const live = (await readLiveApi(client, restApiId))!;
    expect(live.resources).toHaveLength(300);
    expect(fake.calls.filter((c) => c.operation === "GetResources")).toHaveLength(1);
    expect(fake.calls.filter((c) => c.status === 429)).toEqual([]);
    expect(clock.now() - t0).toBe(0);
    const design = liveToDesign(live);
    expect(design.resources).toHaveLength(300);
    expect(design.resources.find((r) => r.pathPart === "bulk299")!.methods.GET.integration?.uri).toBe("https://orders.example.com/{id}");
  });

  it("follows embed=methods pagination for an API over 500 resources (a raised resource quota)", async () => {
    const restApiId = await bigApi(1_300);
    const t0 = clock.now();
    const live = (await readLiveApi(client, restApiId))!;
    const pages = fake.calls.filter((c) => c.operation === "GetResources");
    expect(pages).toHaveLength(3);
    expect(pages.every((p) => String(p.query.embed).includes("methods") && p.query.limit === "500")).toBe(true);
    expect(new Set(live.resources.map((r) => r.id)).size).toBe(1_300);
    expect(live.resources.filter((r) => r.resourceMethods?.GET?.methodIntegration)).toHaveLength(1_299);
    expect(fake.calls.filter((c) => c.status === 429)).toEqual([]);
    expect(clock.now() - t0).toBe(0); // three pages stay inside GetResources' burst of 5
  });
});
