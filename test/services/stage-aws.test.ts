/**
 * Stage actions on an API bound to AWS, against the fake control plane with the real SDK: settings
 * as UpdateStage patch operations, promotion and rollback as /deploymentId, canary add and AWS's
 * promotion, CreateStage for a new stage, a deployment never pushed, and an AWS refusal that
 * leaves Gatehouse unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import type { Role } from "../../lib/auth/roles";
import { createConnection } from "../../lib/connection/service";
import { seedDemo } from "../../lib/db/seed";
import { createDeployment } from "../../lib/deployment/service";
import { parseDesign } from "../../lib/model/design";
import { GatehouseError } from "../../lib/errors";
import { findResourceByPath } from "../../lib/model/tree";
import { createRestApi, editDesign } from "../../lib/restapi/service";
import { addCanary, pointStage, promoteCanary, promoteStage, rollbackStage, updateStageSettings } from "../../lib/stage/changes";
import { pushStage } from "../../lib/stage/push-service";
import { createStage } from "../../lib/stage/service";
import { type FakeApiGateway, startFakeApiGateway } from "../fakes/fake-apigateway";
import { actorsOfEveryRole } from "../helpers/actors";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { rejection } from "../helpers/rejection";

beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID = "AKIAH3STAGETESTKEY";
  process.env.AWS_SECRET_ACCESS_KEY = "h3-stage-test-secret";
  delete process.env.AWS_PROFILE;
});

describe.each(DATABASE_KINDS)("stage actions on AWS (%s)", (kind) => {
  let db: TestDatabase;
  let actors: Record<Role, Actor>;
  let fake: FakeApiGateway;
  const p = () => db.handle.prisma;
  let apiId: string;
  let awsApiId: string;
  let d1: string;
  let d2: string;
  let pets: string;
  let version: number;
  const awsStage = (name: string) => fake.state.restApis.get(awsApiId)!.stages.get(name);
  const stageRow = (name: string) => p().stage.findFirstOrThrow({ where: { restApiId: apiId, name } });
  const edit = async (c: unknown) => ({ version } = await editDesign(p(), actors.editor, apiId, version, c));

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemo(p());
    ({ actors } = await actorsOfEveryRole(p()));
    fake = await startFakeApiGateway({ quotas: false, totalQuota: null });
    const connection = await createConnection(p(), actors.admin, { name: "fake", region: "us-east-1", endpointUrl: fake.url });
    const row = await createRestApi(p(), actors.editor, { name: "OnAws" });
    apiId = row.id;
    version = row.version;
    await edit({ type: "addResourcePath", path: "/pets" });
    pets = findResourceByPath(parseDesign((await p().restApi.findUniqueOrThrow({ where: { id: apiId } })).design), "/pets")!.id;
    await edit({ type: "putMethod", resourceId: pets, method: { httpMethod: "GET" } });
    await edit({ type: "putIntegration", resourceId: pets, httpMethod: "GET", integration: { type: "MOCK" } });
    d1 = (await createDeployment(p(), actors.deployer, apiId, { description: "one" })).id;
    await edit({ type: "putMethod", resourceId: pets, method: { httpMethod: "POST" } });
    await edit({ type: "putIntegration", resourceId: pets, httpMethod: "POST", integration: { type: "MOCK" } });
    d2 = (await createDeployment(p(), actors.deployer, apiId, { description: "two" })).id;
    await createStage(p(), actors.deployer, apiId, { name: "prod", deploymentId: d1, variables: { env: "prod" } });
    await createStage(p(), actors.deployer, apiId, { name: "dev", deploymentId: d2, variables: { env: "dev" } });
    await pushStage(p(), actors.deployer, apiId, "prod", { connectionId: connection.id });
    await pushStage(p(), actors.deployer, apiId, "dev");
    awsApiId = (await p().restApi.findUniqueOrThrow({ where: { id: apiId } })).awsRestApiId!;
  }, 60_000);
  afterAll(async () => {
    await fake?.close();
    await db?.drop();
  });

  const awsDeploymentOf = async (name: string) => awsStage(name)!.deploymentId as string;

  it("sends settings as UpdateStage patch operations", async () => {
    const s = await stageRow("prod");
    const r = await updateStageSettings(p(), actors.deployer, apiId, "prod", s.version, {
      variables: { env: "prod", url: "https://prod.example.com" },
      tracingEnabled: true,
      methodSettings: { "*/*": { loggingLevel: "INFO", metricsEnabled: true }, "/pets/GET": { throttlingRateLimit: 5, throttlingBurstLimit: 2 } },
    });
    expect(r.aws.status).toBe("applied");
    expect(r.awsMessage).toMatch(/^Applied on AWS \(\w+\): UpdateStage with \d+ operations$/);
    const live = awsStage("prod")!;
    expect(live.variables).toEqual({ env: "prod", url: "https://prod.example.com" });
    expect(live.tracingEnabled).toBe(true);
    expect(live.methodSettings["*/*"]).toMatchObject({ loggingLevel: "INFO", metricsEnabled: true });
    // AWS stores the resource path escaped, as the patch path wrote it (AWS CLI get-stage example: "~1resource/GET").
    expect(live.methodSettings["~1pets/GET"]).toMatchObject({ throttlingRateLimit: 5, throttlingBurstLimit: 2 });
  });

  it("promotes and rolls back by pointing AWS's stage at the AWS deployment of the same snapshot", async () => {
    const awsD1 = await awsDeploymentOf("prod");
    const awsD2 = await awsDeploymentOf("dev");
    expect(awsD1).not.toBe(awsD2);
    const promoted = await promoteStage(p(), actors.deployer, apiId, "dev", "prod");
    expect(promoted.aws.status).toBe("applied");
    expect(await awsDeploymentOf("prod")).toBe(awsD2);
    expect(awsStage("prod")!.variables).toEqual({ env: "prod", url: "https://prod.example.com" });
    expect(await stageRow("prod")).toMatchObject({ deploymentId: d2, awsDeploymentId: awsD2 });
    await rollbackStage(p(), actors.deployer, apiId, "prod", d1);
    expect(await awsDeploymentOf("prod")).toBe(awsD1);
  });

  it("runs a canary on AWS and promotes it with AWS's operations", async () => {
    const awsD2 = await awsDeploymentOf("dev");
    await addCanary(p(), actors.deployer, apiId, "prod", {
      deploymentId: d2,
      percentTraffic: 20,
      stageVariableOverrides: { url: "https://canary.example.com" },
    });
    expect(awsStage("prod")!.canarySettings).toMatchObject({ deploymentId: awsD2, stageVariableOverrides: { url: "https://canary.example.com" } });
    expect(Number(awsStage("prod")!.canarySettings.percentTraffic)).toBe(20);
    const calls = fake.callsOf("UpdateStage").length;
    await promoteCanary(p(), actors.deployer, apiId, "prod", { removeCanary: true });
    const promote = fake.callsOf("UpdateStage").slice(calls);
    expect(promote).toHaveLength(1);
    expect((promote[0] as unknown as { body: { patchOperations: unknown[] } }).body.patchOperations.slice(0, 3)).toEqual([
      { op: "replace", path: "/canarySettings/percentTraffic", value: "0.0" },
      { op: "copy", from: "/canarySettings/stageVariableOverrides", path: "/variables" },
      { op: "copy", from: "/canarySettings/deploymentId", path: "/deploymentId" },
    ]);
    const live = awsStage("prod")!;
    expect(live.deploymentId).toBe(awsD2);
    expect(live.canarySettings).toBeUndefined();
    expect(live.variables).toEqual({ env: "prod", url: "https://canary.example.com" });
    expect((await stageRow("prod")).variables).toEqual(live.variables);
  });

  it("creates a new stage on AWS with CreateStage", async () => {
    const r = await createStage(p(), actors.deployer, apiId, { name: "qa", deploymentId: d1, variables: { env: "qa" } });
    expect(r.name).toBe("qa");
    expect(awsStage("qa")).toMatchObject({ deploymentId: expect.any(String), variables: { env: "qa" } });
  });

  it("says when a deployment was never pushed, and applies the change here", async () => {
    await edit({ type: "updateMethod", resourceId: pets, httpMethod: "GET", changes: { operationName: "listPets" } });
    const d3 = (await createDeployment(p(), actors.deployer, apiId, { description: "three" })).id;
    const before = await awsDeploymentOf("dev");
    const r = await pointStage(p(), actors.deployer, apiId, "dev", d3);
    expect(r.aws).toEqual({
      status: "skipped",
      message: `Deployment ${d3.slice(0, 8)} has never been pushed to AWS: push stage dev first (Push to AWS), then AWS runs it too.`,
    });
    expect((await stageRow("dev")).deploymentId).toBe(d3);
    expect(await awsDeploymentOf("dev")).toBe(before);
  });

  it("writes nothing when AWS refuses", async () => {
    const s = await stageRow("prod");
    const audits = await p().auditEvent.count();
    fake.faults.failNth("UpdateStage", 1, { status: 400, type: "BadRequestException", message: "Invalid method setting path" });
    const e = await rejection(updateStageSettings(p(), actors.deployer, apiId, "prod", s.version, { variables: { env: "changed" } }), GatehouseError);
    expect(e.status).toBe(502);
    expect(e.message).toContain("Invalid method setting path");
    expect(e.message).toContain("BadRequestException");
    expect(e.message).toContain("stage prod");
    expect(await stageRow("prod")).toEqual(s);
    expect(await p().auditEvent.count()).toBe(audits);
  });
});
