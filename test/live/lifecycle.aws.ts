/**
 * `npm run test:aws`: one REST API's whole life against a real account, LocalStack or moto
 * (aws-target.ts says how to choose). Never part of `vitest run` (its own config,
 * vitest.aws.config.ts). It creates a throwaway API named `gatehouse-test-<random>`, pushes AWS's
 * PetStore (per entity unless GATEHOUSE_TEST_AWS_STRATEGY says otherwise), reads it back (equal), changes a template and pushes only that, checks
 * drift (none; then a change made behind Gatehouse's back is reported and pushed over), puts a
 * canary on the stage, removes it, puts it back and promotes it, rolls the stage back to the first
 * deployment, and deletes everything it made in afterAll, also when a step failed.
 *
 * The steps share one API and run in order; after a failed step the rest are skipped (they would
 * only fail for the same reason). On moto, steps moto can't do are skipped with the reason (MOTO.md).
 */
import type { APIGatewayClient, Stage as AwsStage } from "@aws-sdk/client-api-gateway";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { callApiGateway, createApiGatewayClient } from "../../lib/aws/client";
import { diffDrift } from "../../lib/aws/drift";
import { liveStageView } from "../../lib/aws/stage-drift";
import { liveToDesign, withAwsDefaults } from "../../lib/aws/import";
import { listLiveRestApis, readLiveApi, readStage } from "../../lib/aws/live";
import { PushError, executePush, planPush, push } from "../../lib/aws/push";
import { canaryPromoteOps, stageUpdateOps, updateAwsStage, type AwsCanary, type AwsStageView, type StageTarget } from "../../lib/aws/stage-sync";
import type { ApiDesign } from "../../lib/model/design";
import { diffDesigns } from "../../lib/snapshot/diff";
import { type AwsTarget, resolveAwsTarget } from "./aws-target";
import { petStoreDesign } from "./designs";
import { createRestApiAsPlanned, withoutMotoGaps } from "./moto-gaps";

const STAGE = "test";
const API_NAME = `gatehouse-test-${randomBytes(4).toString("hex")}`;

// Refuses (fails the run with what is missing) before any test is collected.
const target: AwsTarget = await resolveAwsTarget();
console.info(`[test:aws] target: ${target.label}; throwaway API ${API_NAME}`);

let client: APIGatewayClient;
/** Every REST API this run made (deleted in afterAll). */
const made = new Set<string>();
/** What the steps hand on to each other. */
const s: { design?: ApiDesign; restApiId?: string; deployments: string[] } = { deployments: [] };
let failedStep: string | null = null;

/** One step of the life: skipped once an earlier step failed. */
function step(name: string, fn: (ctx: TestContext) => Promise<void>, timeoutMs = 300_000) {
  it(
    name,
    async (ctx) => {
      if (failedStep) ctx.skip(`the step "${failedStep}" failed`);
      try {
        await fn(ctx);
      } catch (e) {
        if ((e as { code?: string })?.code === "VITEST_PENDING") throw e; // ctx.skip(), not a failure
        failedStep = name;
        throw e;
      }
    },
    timeoutMs,
  );
}

/** The live API as Gatehouse imports it, compared with what it should be (moto's known gaps left out on moto). */
async function liveDifferences(expected: ApiDesign) {
  const live = liveToDesign((await readLiveApi(client, s.restApiId!))!);
  const entries = diffDesigns(withAwsDefaults(expected), live).entries;
  return target.isMoto ? withoutMotoGaps(entries) : entries;
}

async function liveStage(): Promise<AwsStage> {
  const stage = await readStage(client, s.restApiId!, STAGE);
  if (!stage) throw new Error(`stage ${STAGE} is missing on ${s.restApiId}`);
  return stage;
}

/** Where stage actions go, as lib/stage/aws-sync.ts builds it. */
function stageTarget(): StageTarget {
  return { client, connection: connection(), restApiId: s.restApiId!, stageName: STAGE };
}

function connection() {
  return { region: target.region, endpointUrl: target.endpoint, profile: target.profile };
}

function rootGet(design: ApiDesign) {
  const root = design.resources.find((r) => r.parentId === null)!;
  return root.methods.GET;
}

beforeAll(() => {
  client = createApiGatewayClient(connection());
});

afterAll(async () => {
  // Also APIs a failed push made before it could say so: found by this run's unique name.
  try {
    for (const api of await listLiveRestApis(client)) if (api.name === API_NAME && api.id) made.add(api.id);
  } catch (e) {
    console.error(`[test:aws] could not list REST APIs to find leftovers named ${API_NAME}: ${(e as Error).message}`);
  }
  for (const restApiId of made) {
    try {
      await callApiGateway(client, "DeleteRestApi", { restApiId });
      console.info(`[test:aws] deleted REST API ${restApiId} (${API_NAME}) with its stages and deployments`);
    } catch (e) {
      console.error(`[test:aws] could NOT delete REST API ${restApiId} (${API_NAME}); delete it yourself: ${(e as Error).message}`);
    }
  }
  client?.destroy();
  await target.stop();
}, 300_000);

describe(`a REST API's life on ${target.label}`, () => {
  step(`pushes AWS's PetStore to a new API (${target.strategy}), deploys it and points a stage at it`, async () => {
    const design = petStoreDesign(API_NAME);
    let restApiId: string | null = null;
    try {
      // moto makes no built-in models and has no UpdateModel: the API is created first, as the plan would (MOTO.md).
      if (target.isMoto) made.add((restApiId = await createRestApiAsPlanned(client, design)));
      const result = await push(client, { design, restApiId, stageName: STAGE, stageVariables: { backend: "v1" }, strategy: target.strategy });
      made.add(result.restApiId);
      expect(result.calls.every((c) => c.ok)).toBe(true);
      expect(result.calls.map((c) => c.operation)).toContain("CreateDeployment");
      Object.assign(s, { design, restApiId: result.restApiId });
      s.deployments.push(result.deploymentId);
    } catch (e) {
      if (e instanceof PushError && e.restApiId) made.add(e.restApiId);
      throw e;
    }
    const stage = await liveStage();
    expect(stage.deploymentId).toBe(s.deployments[0]);
    expect(stage.variables).toEqual({ backend: "v1" });
  });

  step("reads it back with the SDK: the live API is the design that was pushed, and a new plan sends nothing", async () => {
    expect(await liveDifferences(s.design!)).toEqual([]);
    const live = liveToDesign((await readLiveApi(client, s.restApiId!))!);
    const plan = await planPush(client, {
      design: live,
      restApiId: s.restApiId,
      stageName: STAGE,
      stageVariables: { backend: "v1" },
      deployedDeploymentId: s.deployments[0],
    });
    expect(plan.calls).toEqual([]);
    expect(plan.deployment.upToDate).toEqual({ deploymentId: s.deployments[0] });
    // Pushing the same design again sends nothing either: what AWS answers matches what Gatehouse sent.
    const again = await planPush(client, {
      design: s.design!,
      restApiId: s.restApiId,
      stageName: STAGE,
      stageVariables: { backend: "v1" },
      strategy: "per-entity",
      deployedDeploymentId: s.deployments[0],
    });
    expect(again.calls.map((c) => c.description)).toEqual([]);
  });

  step("changes a template and pushes only the changed calls", async () => {
    const design = structuredClone(s.design!);
    const get = rootGet(design);
    get.integration!.integrationResponses["200"].responseTemplates["text/html"] += "\n<!-- changed by gatehouse test:aws -->";
    // moto has no UpdateIntegration (MOTO.md): there only the integration response template changes.
    if (!target.isMoto) get.integration!.requestTemplates["application/json"] = '{"statusCode": 200, "changed": true}';
    const plan = await planPush(client, {
      design,
      restApiId: s.restApiId,
      stageName: STAGE,
      stageVariables: { backend: "v1" },
      strategy: "per-entity",
      deployedDeploymentId: s.deployments[0],
    });
    const expected = target.isMoto ? ["PutIntegrationResponse"] : ["UpdateIntegration", "PutIntegrationResponse"];
    expect(plan.calls.map((c) => c.operation)).toEqual(expected);
    if (!target.isMoto)
      expect(plan.calls[0].params.patchOperations).toEqual([
        { op: "replace", path: "/requestTemplates/application~1json", value: '{"statusCode": 200, "changed": true}' },
      ]);

    const result = await executePush(client, plan);
    expect(result.calls.map((c) => c.operation)).toEqual([...expected, "CreateDeployment", "UpdateStage"]);
    s.design = design;
    s.deployments.push(result.deploymentId);
    expect((await liveStage()).deploymentId).toBe(result.deploymentId);
    expect(await liveDifferences(design)).toEqual([]);
  });

  step("drift: none after the push; a change made outside Gatehouse is reported, then pushed over", async () => {
    const baseline = liveToDesign((await readLiveApi(client, s.restApiId!))!);
    expect(diffDrift(baseline, liveToDesign((await readLiveApi(client, s.restApiId!))!)).entries).toEqual([]);

    // Behind Gatehouse's back, straight through the SDK.
    await callApiGateway(client, "UpdateRestApi", {
      restApiId: s.restApiId,
      patchOperations: [{ op: "replace", path: "/description", value: "changed outside Gatehouse" }],
    });
    const root = baseline.resources.find((r) => r.parentId === null)!;
    await callApiGateway(client, "CreateResource", { restApiId: s.restApiId, parentId: root.id, pathPart: "outside" });

    const drift = diffDrift(baseline, liveToDesign((await readLiveApi(client, s.restApiId!))!)).entries;
    expect(drift.map((e) => [e.kind, e.entity, e.key])).toEqual(
      expect.arrayContaining([
        ["changed", "api", "api"],
        ["added", "resource", "/outside"],
      ]),
    );
    expect(drift).toHaveLength(2);
    expect(drift.find((e) => e.entity === "api")!.fields).toEqual([expect.objectContaining({ path: "description", after: "changed outside Gatehouse" })]);

    // Overwrite: the next push puts the design back, and only that.
    const plan = await planPush(client, {
      design: s.design!,
      restApiId: s.restApiId,
      stageName: STAGE,
      stageVariables: { backend: "v1" },
      strategy: "per-entity",
      deployedDeploymentId: s.deployments[1],
    });
    expect(plan.calls.map((c) => `${c.operation} ${c.target}`)).toEqual([`UpdateRestApi API ${API_NAME}`, "DeleteResource /outside"]);
    const result = await executePush(client, plan);
    s.deployments.push(result.deploymentId);
    expect(await liveDifferences(s.design!)).toEqual([]);
  });

  step("canary: put on the stage, removed, put back and promoted (the stage then runs the canary's deployment)", async (ctx) => {
    // moto keeps no canary: /canarySettings/deploymentId replaces the stage's own deploymentId (MOTO.md).
    if (target.isMoto) ctx.skip("moto has no canary settings (MOTO.md)");
    const canary: AwsCanary = { deploymentId: s.deployments[1], percentTraffic: 10, stageVariableOverrides: { backend: "canary" }, useStageCache: false };
    const base: AwsStageView = liveStageView(await liveStage());
    expect(base.canarySettings).toBeUndefined();

    await updateAwsStage(stageTarget(), stageUpdateOps(base, { ...base, canarySettings: canary }));
    expect(liveStageView(await liveStage()).canarySettings).toEqual(canary);

    await updateAwsStage(stageTarget(), stageUpdateOps({ ...base, canarySettings: canary }, base));
    expect((await liveStage()).canarySettings).toBeUndefined();

    await updateAwsStage(stageTarget(), stageUpdateOps(base, { ...base, canarySettings: canary }));
    await updateAwsStage(stageTarget(), canaryPromoteOps(base.variables, canary, true));
    const promoted = liveStageView(await liveStage());
    expect(promoted.deploymentId).toBe(canary.deploymentId);
    expect(promoted.variables).toEqual({ backend: "canary" });
    expect(promoted.canarySettings).toBeUndefined();
  });

  step("rolls the stage back to the first deployment (UpdateStage /deploymentId)", async () => {
    const before = liveStageView(await liveStage());
    const ops = stageUpdateOps(before, { ...before, deploymentId: s.deployments[0] });
    expect(ops).toEqual([{ op: "replace", path: "/deploymentId", value: s.deployments[0] }]);
    await updateAwsStage(stageTarget(), ops);
    expect((await liveStage()).deploymentId).toBe(s.deployments[0]);
  });
});
