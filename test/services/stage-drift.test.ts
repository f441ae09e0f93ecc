/**
 * Stage drift on both databases, against the fake control plane with the real SDK: a stage's
 * settings changed on AWS outside Gatehouse (variables, method settings, tracing, access log)
 * show with direction (Gatehouse → live); adopt writes them into the stage through the stage
 * service (validated, audited); overwrite puts Gatehouse's back on AWS with UpdateStage.
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import type { Role } from "../../lib/auth/roles";
import { callApiGateway, createApiGatewayClient, shareLimiter } from "../../lib/aws/client";
import { ApiGatewayLimiter, ManualClock } from "../../lib/aws/limiter";
import { push } from "../../lib/aws/push";
import { adoptStageDrift, checkDrift, overwriteStageDrift } from "../../lib/connection/drift-service";
import { importRestApi } from "../../lib/connection/import-service";
import { createConnection } from "../../lib/connection/service";
import { seedDemo } from "../../lib/db/seed";
import { updateStageSettings } from "../../lib/stage/changes";
import { ForbiddenError, GatehouseError, ValidationError } from "../../lib/errors";
import { type FakeApiGateway, startFakeApiGateway } from "../fakes/fake-apigateway";
import { actorsOfEveryRole } from "../helpers/actors";
import { fullDesign } from "../helpers/aws-designs";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { rejection } from "../helpers/rejection";

beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID = "AKIAH4BSTAGEDRIFT";
  process.env.AWS_SECRET_ACCESS_KEY = "stage-drift-secret";
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
});

describe.each(DATABASE_KINDS)("stage drift on %s", (kind) => {
  let db: TestDatabase;
  let actors: Record<Role, Actor>;
  let fake: FakeApiGateway;
  let sdk: APIGatewayClient;
  let connectionId: string;
  const p = () => db.handle.prisma;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemo(p());
    ({ actors } = await actorsOfEveryRole(p()));
  });
  afterAll(() => db?.drop());
  beforeEach(async () => {
    const clock = new ManualClock();
    fake = await startFakeApiGateway({ now: clock.now });
    const conn = { region: "us-east-1", endpointUrl: fake.url };
    shareLimiter(conn, new ApiGatewayLimiter({ clock }));
    sdk = createApiGatewayClient(conn, { limiter: new ApiGatewayLimiter({ clock }) });
    connectionId = (await createConnection(p(), actors.admin, { name: `fake-${fake.port}`, region: "us-east-1", endpointUrl: fake.url })).id;
  });
  afterEach(async () => {
    sdk.destroy();
    await fake.close();
  });

  /** An API pushed and imported (so Gatehouse's stage prod matches AWS), then prod changed on AWS behind Gatehouse's back. */
  async function drifted() {
    const live = await push(sdk, { design: fullDesign(), stageName: "prod", stageVariables: { backend: "orders.example.com" } });
    await callApiGateway(sdk, "UpdateStage", {
      restApiId: live.restApiId,
      stageName: "prod",
      patchOperations: [{ op: "replace", path: "/*/*/logging/loglevel", value: "ERROR" }],
    });
    const { id } = await importRestApi(p(), actors.deployer, { connectionId, awsRestApiId: live.restApiId });
    expect((await checkDrift(p(), actors.editor, id)).stages).toEqual([{ stageName: "prod", status: "in-sync", changes: [] }]);
    await callApiGateway(sdk, "UpdateStage", {
      restApiId: live.restApiId,
      stageName: "prod",
      patchOperations: [
        { op: "replace", path: "/variables/backend", value: "other.example.com" },
        { op: "replace", path: "/variables/extra", value: "1" },
        { op: "replace", path: "/*/*/throttling/rateLimit", value: "25" },
        { op: "replace", path: "/tracingEnabled", value: "true" },
      ],
    });
    return { id, awsRestApiId: live.restApiId };
  }

  it("shows the stage settings changed on AWS with direction, and adopts them into the stage (audited)", async () => {
    const { id } = await drifted();
    const report = await checkDrift(p(), actors.editor, id);
    expect(report.status).toBe("in-sync"); // the API itself did not change
    expect(report.stages).toHaveLength(1);
    expect(report.stages[0]).toMatchObject({ stageName: "prod", status: "drifted" });
    expect(report.stages[0].changes.map((c) => [c.path, c.before, c.after])).toEqual(
      expect.arrayContaining([
        ["variables.backend", "orders.example.com", "other.example.com"],
        ["variables.extra", undefined, "1"],
        // AWS holds an override's unset throttling at the account default (10000 requests/s).
        ["methodSettings.*/*.throttlingRateLimit", 10000, 25],
        ["tracingEnabled", false, true],
      ]),
    );
    expect(report.stages[0].changes).toHaveLength(4);

    await rejection(adoptStageDrift(p(), actors.viewer, id, "prod"), ForbiddenError);
    const adopted = await adoptStageDrift(p(), actors.deployer, id, "prod");
    expect(adopted.adopted).toBe(4);
    const stage = await p().stage.findFirstOrThrow({ where: { restApiId: id, name: "prod" } });
    expect(stage.variables).toEqual({ backend: "other.example.com", extra: "1" });
    expect(stage.settings).toMatchObject({ tracingEnabled: true, methodSettings: { "*/*": { throttlingRateLimit: 25, loggingLevel: "ERROR" } } });
    const audit = await p().auditEvent.findFirstOrThrow({ where: { restApiId: id, action: "stage.update" }, orderBy: { id: "desc" } });
    expect(audit.entityId).toBe("prod");
    expect((await checkDrift(p(), actors.editor, id)).stages[0]).toEqual({ stageName: "prod", status: "in-sync", changes: [] });
    await rejection(adoptStageDrift(p(), actors.deployer, id, "prod"), GatehouseError);
  });

  it("a method's own settings survive import: no drift, no calls, and an edit sends AWS's escaped path once", async () => {
    const live = await push(sdk, { design: fullDesign(), stageName: "prod" });
    await callApiGateway(sdk, "UpdateStage", {
      restApiId: live.restApiId,
      stageName: "prod",
      patchOperations: [
        { op: "replace", path: "/~1orders~1{id}/GET/throttling/rateLimit", value: "10" },
        { op: "replace", path: "/~1/GET/logging/loglevel", value: "INFO" },
      ],
    });
    const { id } = await importRestApi(p(), actors.deployer, { connectionId, awsRestApiId: live.restApiId });
    const stage = await p().stage.findFirstOrThrow({ where: { restApiId: id, name: "prod" } });
    expect(Object.keys((stage.settings as { methodSettings: object }).methodSettings).sort()).toEqual(["//GET", "/orders/{id}/GET"]);
    expect((await checkDrift(p(), actors.editor, id)).stages).toEqual([{ stageName: "prod", status: "in-sync", changes: [] }]);

    fake.reset();
    const settings = structuredClone(stage.settings) as { methodSettings: Record<string, Record<string, unknown>> };
    settings.methodSettings["/orders/{id}/GET"].throttlingRateLimit = 20;
    const r = await updateStageSettings(p(), actors.deployer, id, "prod", stage.version, {
      variables: stage.variables,
      methodSettings: settings.methodSettings,
    });
    expect(r.aws.status).toBe("applied");
    const sent = fake.calls.filter((c) => c.operation === "UpdateStage");
    expect(sent.map((c) => c.body!.patchOperations)).toEqual([[{ op: "replace", path: "/~1orders~1{id}/GET/throttling/rateLimit", value: "20" }]]);
    expect((await checkDrift(p(), actors.editor, id)).stages).toEqual([{ stageName: "prod", status: "in-sync", changes: [] }]);
  });

  it("overwrites the live stage with Gatehouse's settings (UpdateStage, audited), leaving its deployment alone", async () => {
    const { id, awsRestApiId } = await drifted();
    const deploymentBefore = fake.state.restApis.get(awsRestApiId)!.stages.get("prod")!.deploymentId;
    await rejection(overwriteStageDrift(p(), actors.editor, id, "prod"), ForbiddenError);
    fake.reset();
    const r = await overwriteStageDrift(p(), actors.deployer, id, "prod");
    expect(r.overwritten).toBe(4);
    expect(fake.calls.filter((c) => c.operation === "UpdateStage")).toHaveLength(1);
    const live = fake.state.restApis.get(awsRestApiId)!.stages.get("prod")!;
    expect(live.variables).toEqual({ backend: "orders.example.com" });
    expect(live.tracingEnabled).toBe(false);
    expect(live.methodSettings["*/*"].throttlingRateLimit).toBe(10000); // back to AWS's default, as Gatehouse's stage has no limit
    expect(live.methodSettings["*/*"].loggingLevel).toBe("ERROR");
    expect(live.deploymentId).toBe(deploymentBefore);
    expect(await p().auditEvent.count({ where: { restApiId: id, action: "stage.drift_overwrite" } })).toBe(1);
    expect((await checkDrift(p(), actors.editor, id)).stages[0].status).toBe("in-sync");
  });

  it("adopting a live value the stage rules refuse names the field and writes nothing", async () => {
    const { id, awsRestApiId } = await drifted();
    await callApiGateway(sdk, "UpdateStage", {
      restApiId: awsRestApiId,
      stageName: "prod",
      patchOperations: [{ op: "replace", path: "/*/*/caching/ttlInSeconds", value: "99999" }],
    });
    const before = await p().stage.findFirstOrThrow({ where: { restApiId: id, name: "prod" } });
    const err = await rejection(adoptStageDrift(p(), actors.deployer, id, "prod"), ValidationError);
    expect(err.issues.map((i) => i.field)).toContain("methodSettings.*/*.cacheTtlInSeconds");
    const after = await p().stage.findFirstOrThrow({ where: { restApiId: id, name: "prod" } });
    expect(after.version).toBe(before.version);
  });
});
