/**
 * The AWS adapter against moto (`python3 -m moto.server`), an implementation of API Gateway that
 * Gatehouse did not write: push per entity, read back with the SDK, equal; import, plan again,
 * nothing to send. Where moto is known to differ from AWS (MOTO.md, moto-gaps.ts) the suite
 * takes a documented detour instead of bending Gatehouse. Skipped, loudly, where python3 cannot
 * import moto.
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiGatewayClient } from "../../lib/aws/client";
import { diffStageDrift, gatehouseStageView, liveStageView } from "../../lib/aws/stage-drift";
import { liveToDesign, stageFromAws, withAwsDefaults } from "../../lib/aws/import";
import { readLiveApi, readStage } from "../../lib/aws/live";
import { executePush, planPush, push } from "../../lib/aws/push";
import { stageUpdateOps, updateAwsStage } from "../../lib/aws/stage-sync";
import type { ApiDesign } from "../../lib/model/design";
import { findResourceByPath } from "../../lib/model/tree";
import { diffDesigns } from "../../lib/snapshot/diff";
import { fullDesign, petStoreDesign } from "./designs";
import { createRestApiAsPlanned, isMotoEndpoint, withoutMotoGaps } from "./moto-gaps";
import { type MotoServer, motoUnavailableReason, startMotoServer } from "./moto-server";

const unavailable = motoUnavailableReason();
if (unavailable)
  console.warn(
    `\n[moto suite] SKIPPED: ${unavailable}. The adapter is then checked against the fake control plane only; install moto (pip install 'moto[server]') to run it.\n`,
  );
const suite = unavailable ? describe.skip : describe;

suite("the AWS adapter against moto, an independent API Gateway", () => {
  let moto: MotoServer;
  let client: APIGatewayClient;

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = "moto-test";
    process.env.AWS_SECRET_ACCESS_KEY = "moto-test";
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    moto = await startMotoServer();
    client = createApiGatewayClient({ region: "us-east-1", endpointUrl: moto.url });
  });
  afterAll(async () => {
    client?.destroy();
    await moto?.stop();
  });

  it("is detected as moto by its endpoint (the suites' detours depend on it)", async () => {
    expect(await isMotoEndpoint(moto.url)).toBe(true);
  });

  describe.each<[string, () => ApiDesign]>([
    ["AWS's PetStore example", () => petStoreDesign()],
    ["every entity kind a push writes", () => fullDesign()],
  ])("%s", (_label, makeDesign) => {
    it("pushes per entity, reads back what was pushed, and plans nothing for the imported API", async () => {
      const design = makeDesign();
      const restApiId = await createRestApiAsPlanned(client, design);
      const pushed = await push(client, { design, restApiId, stageName: "dev", strategy: "per-entity" });
      expect(pushed.calls.filter((c) => !c.ok)).toEqual([]);
      expect((await readStage(client, restApiId, "dev"))?.deploymentId).toBe(pushed.deploymentId);

      const imported = liveToDesign((await readLiveApi(client, restApiId))!);
      expect(withoutMotoGaps(diffDesigns(withAwsDefaults(design), imported).entries)).toEqual([]);
      expect(imported.resources.length).toBe(design.resources.length);

      const again = await planPush(client, { design: imported, restApiId, stageName: "dev", strategy: "per-entity" });
      expect(again.calls).toEqual([]);
      // The stage already runs this design: a push with nothing to change sends nothing.
      const rerun = await planPush(client, {
        design: imported,
        restApiId,
        stageName: "dev",
        strategy: "per-entity",
        deployedDeploymentId: pushed.deploymentId,
      });
      expect(rerun.deployment.upToDate).toEqual({ deploymentId: pushed.deploymentId });
    }, 120_000);
  });

  it("pushes a changed design in place with only the calls for what changed (create, update and delete of every kind moto has)", async () => {
    const design = fullDesign();
    const restApiId = await createRestApiAsPlanned(client, design);
    await push(client, { design, restApiId, stageName: "dev", strategy: "per-entity" });

    // Edited from the imported API (as a user edits after an import), so moto's own gaps are not re-sent.
    const changed = liveToDesign((await readLiveApi(client, restApiId))!);
    changed.requestValidators[0].validateRequestBody = false;
    changed.authorizers[0].authorizerResultTtlInSeconds = 60;
    changed.gatewayResponses = [];
    changed.models.push({ id: "item", name: "Item", contentType: "application/json", schema: '{"type":"object","properties":{"sku":{"type":"string"}}}' });
    const order = findResourceByPath(changed, "/orders/{id}")!;
    delete (order.methods as Record<string, unknown>).DELETE;
    const rootGet = findResourceByPath(changed, "/")!.methods.GET;
    changed.resources.push({
      id: "items",
      parentId: order.id,
      pathPart: "items",
      methods: { GET: { ...structuredClone(rootGet), operationName: "ListItems" } },
    });

    const plan = await planPush(client, { design: changed, restApiId, stageName: "dev", strategy: "per-entity" });
    expect(plan.calls.map((c) => c.operation).sort()).toEqual(
      [
        "CreateModel",
        "UpdateRequestValidator",
        "UpdateAuthorizer",
        "CreateResource",
        "PutMethod",
        "PutMethodResponse",
        "PutIntegration",
        "PutIntegrationResponse",
        "DeleteMethod",
        "DeleteGatewayResponse",
      ].sort(),
    );
    await executePush(client, plan);

    const imported = liveToDesign((await readLiveApi(client, restApiId))!);
    expect(withoutMotoGaps(diffDesigns(withAwsDefaults(changed), imported).entries)).toEqual([]);
    expect((await planPush(client, { design: imported, restApiId, stageName: "dev", strategy: "per-entity" })).calls).toEqual([]);
  }, 120_000);

  it("stage method settings: sent with Gatehouse's patch paths, stored under AWS's escaped keys, imported with no drift and nothing to send", async () => {
    const design = petStoreDesign();
    const restApiId = await createRestApiAsPlanned(client, design);
    await push(client, { design, restApiId, stageName: "dev", strategy: "per-entity" });
    const stageTarget = { client, connection: { region: "us-east-1", endpointUrl: moto.url }, restApiId, stageName: "dev" };
    const before = liveStageView((await readStage(client, restApiId, "dev"))!);
    const ops = stageUpdateOps(before, { ...before, methodSettings: { "/pets/{petId}/GET": { throttlingRateLimit: 10, throttlingBurstLimit: 5 } } });
    expect(ops.map((o) => o.path).sort()).toEqual(["/~1pets~1{petId}/GET/throttling/burstLimit", "/~1pets~1{petId}/GET/throttling/rateLimit"]);
    await updateAwsStage(stageTarget, ops);

    const live = (await readStage(client, restApiId, "dev"))!;
    expect(Object.keys(live.methodSettings ?? {})).toEqual(["~1pets~1{petId}/GET"]);
    const imported = stageFromAws(live);
    const gatehouse = gatehouseStageView(imported, () => undefined, live.deploymentId!);
    expect(diffStageDrift(gatehouse, liveStageView(live))).toEqual([]);
    expect(stageUpdateOps(liveStageView(live), gatehouse)).toEqual([]);

    // One edit after the import: one patch, escaped once, applied to the same setting.
    const edited = structuredClone(gatehouse);
    edited.methodSettings["/pets/{petId}/GET"].throttlingRateLimit = 20;
    const edit = stageUpdateOps(liveStageView(live), edited);
    expect(edit).toEqual([{ op: "replace", path: "/~1pets~1{petId}/GET/throttling/rateLimit", value: "20" }]);
    await updateAwsStage(stageTarget, edit);
    expect((await readStage(client, restApiId, "dev"))!.methodSettings).toMatchObject({
      "~1pets~1{petId}/GET": { throttlingRateLimit: 20, throttlingBurstLimit: 5 },
    });
  }, 120_000);
});
