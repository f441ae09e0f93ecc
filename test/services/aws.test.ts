/**
 * AWS services on both databases, against the fake control plane with the real SDK: import,
 * plan preview, push (and re-run after failures, a closed watcher, a dead process), drift
 * (adopt / overwrite), and no credential anywhere in the database or the logs.
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import type { Role } from "../../lib/auth/roles";
import { callApiGateway, createApiGatewayClient, shareLimiter } from "../../lib/aws/client";
import { ApiGatewayLimiter, ManualClock } from "../../lib/aws/limiter";
import { push, type CallRecord, type PushPlan } from "../../lib/aws/push";
import { callCounts, callCountText } from "../../lib/aws/push-counts";
import { acknowledgeDrift, adoptDrift, checkDrift } from "../../lib/connection/drift-service";
import { importRestApi, listImportableApis } from "../../lib/connection/import-service";
import { createConnection } from "../../lib/connection/service";
import { seedDemo } from "../../lib/db/seed";
import { createDeployment } from "../../lib/deployment/service";
import { parseDesign } from "../../lib/model/design";
import { ConflictError, ForbiddenError, GatehouseError, NotFoundError } from "../../lib/errors";
import { findResourceByPath } from "../../lib/model/tree";
import { editDesign } from "../../lib/restapi/service";
import { listPushes, planStagePush, pushStage } from "../../lib/stage/push-service";
import { type FakeApiGateway, startFakeApiGateway } from "../fakes/fake-apigateway";
import { actorsOfEveryRole } from "../helpers/actors";
import { fullDesign } from "../helpers/aws-designs";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { rejection } from "../helpers/rejection";

const ACCESS_KEY = "AKIAH4SERVICETESTKEY";
const SECRET_KEY = "h4-service-test-secret-value-do-not-store";
const SESSION_TOKEN = "h4-session-token-never-anywhere";

beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID = ACCESS_KEY;
  process.env.AWS_SECRET_ACCESS_KEY = SECRET_KEY;
  process.env.AWS_SESSION_TOKEN = SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
});
afterAll(() => {
  delete process.env.AWS_SESSION_TOKEN;
});

describe.each(DATABASE_KINDS)("AWS services on %s", (kind) => {
  let db: TestDatabase;
  let actors: Record<Role, Actor>;
  let fake: FakeApiGateway;
  let clock: ManualClock;
  let sdk: APIGatewayClient;
  let connectionId: string;
  let logged = "";
  const p = () => db.handle.prisma;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemo(p());
    ({ actors } = await actorsOfEveryRole(p()));
  });
  afterAll(() => db?.drop());

  beforeEach(async () => {
    clock = new ManualClock();
    fake = await startFakeApiGateway({ now: clock.now });
    const conn = { region: "us-east-1", endpointUrl: fake.url };
    // Every client the services make for this connection paces itself on the fake's virtual clock.
    shareLimiter(conn, new ApiGatewayLimiter({ clock }));
    sdk = createApiGatewayClient(conn, { limiter: new ApiGatewayLimiter({ clock }) });
    connectionId = (await createConnection(p(), actors.admin, { name: `fake-${fake.port}`, region: "us-east-1", endpointUrl: fake.url })).id;
    for (const stream of [process.stdout, process.stderr] as const)
      vi.spyOn(stream, "write").mockImplementation(((chunk: unknown) => {
        logged += String(chunk);
        return true;
      }) as never);
    for (const level of ["log", "info", "warn", "error", "debug"] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void (logged += args.map(String).join(" ") + "\n"));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    sdk.destroy();
    await fake.close();
  });

  /** A REST API on the fake with stages prod (variables, settings) and dev, made outside Gatehouse. */
  async function liveApi() {
    const first = await push(sdk, { design: fullDesign(), stageName: "prod", stageVariables: { backend: "orders.example.com" } });
    await callApiGateway(sdk, "UpdateStage", {
      restApiId: first.restApiId,
      stageName: "prod",
      patchOperations: [
        { op: "replace", path: "/*/*/throttling/rateLimit", value: "50" },
        { op: "replace", path: "/tracingEnabled", value: "true" },
      ],
    });
    await push(sdk, { design: fullDesign(), restApiId: first.restApiId, stageName: "dev" });
    return first;
  }

  const auditActions = async (restApiId: string) => (await p().auditEvent.findMany({ where: { restApiId }, orderBy: { id: "asc" } })).map((a) => a.action);

  it("imports an API with its stages, settings and deployment list in one audited change; pushing it back sends nothing", async () => {
    const live = await liveApi();
    const listed = await listImportableApis(p(), actors.deployer, connectionId);
    expect(listed).toEqual([expect.objectContaining({ id: live.restApiId, name: "orders", importedAs: null })]);

    const auditBefore = await p().auditEvent.count();
    const imported = await importRestApi(p(), actors.deployer, { connectionId, awsRestApiId: live.restApiId });
    expect(await p().auditEvent.count()).toBe(auditBefore + 1);
    expect(await auditActions(imported.id)).toEqual(["api.import"]);
    const row = await p().restApi.findUniqueOrThrow({ where: { id: imported.id }, include: { stages: { orderBy: { name: "asc" } }, deployments: true } });
    expect(row).toMatchObject({ name: "orders", awsConnectionId: connectionId, awsRestApiId: live.restApiId, version: 1 });
    expect(findResourceByPath(parseDesign(row.design), "/orders/{id}")?.methods.GET.integration?.uri).toBe("https://orders.example.com/{id}");
    expect(row.deployments).toHaveLength(1);
    expect(row.deployments[0].description).toContain("AWS keeps no readable definition per deployment");
    expect(row.stages.map((s) => [s.name, s.deploymentId, s.awsDeploymentId])).toEqual([
      ["dev", row.deployments[0].id, expect.stringMatching(/^[a-z0-9]{6}$/)],
      ["prod", row.deployments[0].id, live.deploymentId],
    ]);
    expect(row.stages[1].variables).toEqual({ backend: "orders.example.com" });
    expect(row.stages[1].settings).toMatchObject({ tracingEnabled: true, methodSettings: { "*/*": { throttlingRateLimit: 50 } } });
    expect((row.awsImport as { deployments: unknown[] }).deployments).toHaveLength(2);
    expect((await listImportableApis(p(), actors.deployer, connectionId))[0].importedAs).toBe(imported.id);

    // The plan of the imported stage: nothing differs, no entity call.
    const preview = await planStagePush(p(), actors.deployer, imported.id, "prod");
    expect(preview.liveFound).toBe(true);
    expect(preview.diff.entries).toEqual([]);
    expect(preview.plan.calls).toEqual([]);
    // Gatehouse cannot know what AWS deployment holds, so the first push deploys once…
    const deploysBefore = fake.callsOf("CreateDeployment").length;
    const firstPush = await pushStage(p(), actors.deployer, imported.id, "prod");
    expect(firstPush.calls).toBe(2);
    expect(fake.callsOf("CreateDeployment")).toHaveLength(deploysBefore + 1);
    // …and a second push of the same snapshot sends nothing at all.
    fake.reset();
    const again = await pushStage(p(), actors.deployer, imported.id, "prod");
    expect(again).toMatchObject({ calls: 0, awsDeploymentId: firstPush.awsDeploymentId });
    expect(fake.calls.filter((c) => !c.operation.startsWith("Get"))).toEqual([]);
    const history = await listPushes(p(), actors.viewer.workspaceId, imported.id);
    expect(history.map((h) => [h.status, h.awsDeploymentId])).toEqual([
      ["succeeded", firstPush.awsDeploymentId],
      ["succeeded", firstPush.awsDeploymentId],
    ]);
  });

  it("refuses import to roles below deployer, a second import of the same API, an unknown id, and writes nothing when AWS fails", async () => {
    const live = await liveApi();
    for (const role of ["viewer", "editor"] as const)
      await rejection(importRestApi(p(), actors[role], { connectionId, awsRestApiId: live.restApiId }), ForbiddenError);
    await rejection(importRestApi(p(), actors.deployer, { connectionId, awsRestApiId: "nosuchapi0" }), NotFoundError);
    const count = await p().restApi.count();
    const audits = await p().auditEvent.count();
    fake.faults.failNth("GetResources", 1, { status: 500 });
    const err = await rejection(importRestApi(p(), actors.deployer, { connectionId, awsRestApiId: live.restApiId }), GatehouseError);
    expect(err.status).toBe(502);
    expect(await p().restApi.count()).toBe(count);
    expect(await p().auditEvent.count()).toBe(audits);
    fake.faults.clear();
    await importRestApi(p(), actors.deployer, { connectionId, awsRestApiId: live.restApiId });
    await rejection(importRestApi(p(), actors.deployer, { connectionId, awsRestApiId: live.restApiId }), ConflictError);
  });

  it("detects drift with its direction, overwrites it on the next push, and adopts it into the draft", async () => {
    const live = await liveApi();
    const { id } = await importRestApi(p(), actors.deployer, { connectionId, awsRestApiId: live.restApiId });
    expect((await checkDrift(p(), actors.editor, id)).status).toBe("in-sync");
    const orders = fake.state.resourceByPath(live.restApiId, "/orders/{id}")!;
    const changeBehindTheBack = () =>
      callApiGateway(sdk, "UpdateIntegration", {
        restApiId: live.restApiId,
        resourceId: orders.id,
        httpMethod: "GET",
        patchOperations: [{ op: "replace", path: "/timeoutInMillis", value: "9000" }],
      });

    await changeBehindTheBack();
    const drift = await checkDrift(p(), actors.editor, id);
    expect(drift.status).toBe("drifted");
    expect(drift.acknowledged).toBe(false);
    expect(drift.entries).toEqual([
      {
        kind: "changed",
        entity: "integration",
        key: "/orders/{id} GET",
        fields: [expect.objectContaining({ path: "timeoutInMillis", before: 29000, after: 9000 })],
      },
    ]);

    // Overwrite: acknowledged until the next push, which puts the stage's design back.
    await rejection(acknowledgeDrift(p(), actors.editor, id), ForbiddenError);
    await acknowledgeDrift(p(), actors.deployer, id);
    expect((await checkDrift(p(), actors.editor, id)).acknowledged).toBe(true);
    await pushStage(p(), actors.deployer, id, "prod");
    expect(fake.state.resourceByPath(live.restApiId, "/orders/{id}")!.resourceMethods.GET.methodIntegration.timeoutInMillis).toBe(29000);
    expect((await checkDrift(p(), actors.editor, id)).status).toBe("in-sync");

    // Adopt: the live value goes into the draft, with the optimistic version check.
    await changeBehindTheBack();
    const version = (await p().restApi.findUniqueOrThrow({ where: { id } })).version;
    await rejection(adoptDrift(p(), actors.viewer, id, version), ForbiddenError);
    await rejection(adoptDrift(p(), actors.editor, id, version - 1), ConflictError);
    const adopted = await adoptDrift(p(), actors.editor, id, version);
    expect(adopted.version).toBe(version + 1);
    expect(findResourceByPath(adopted.design, "/orders/{id}")!.methods.GET.integration!.timeoutInMillis).toBe(9000);
    expect((await checkDrift(p(), actors.editor, id)).status).toBe("in-sync");
    expect(await auditActions(id)).toEqual(
      expect.arrayContaining(["api.import", "api.drift_overwrite", "stage.push_started", "stage.push", "api.drift_adopt"]),
    );
    await rejection(adoptDrift(p(), actors.editor, id, adopted.version), GatehouseError);
  });

  it("a push that fails at any step (500 or 503) converges on re-run without duplicates", async () => {
    const api = await p().restApi.findFirstOrThrow({ where: { name: "PetStore", workspaceId: actors.admin.workspaceId } });
    await createDeployment(p(), actors.deployer, api.id, { description: "v1" }).catch(() => undefined);
    const deployment = await p().deployment.findFirstOrThrow({ where: { restApiId: api.id }, orderBy: { createdAt: "desc" } });
    const stageName = `s${fake.port}`;
    await p().stage.create({ data: { restApiId: api.id, name: stageName, deploymentId: deployment.id } });
    await p().restApi.update({ where: { id: api.id }, data: { awsRestApiId: null, awsConnectionId: null } });

    // A new PetStore is fewer calls as CreateRestApi + one PutRestApi (overwrite) than per entity.
    const steps = ["CreateRestApi", "PutRestApi", "CreateDeployment", "CreateStage"];
    for (const [i, operation] of steps.entries()) {
      if (i % 2) fake.faults.failNth(operation, 1, { status: 503, message: "Service Unavailable" });
      else fake.faults.failNth(operation, 1, { status: 500 });
      const err = await rejection(pushStage(p(), actors.deployer, api.id, stageName, { connectionId }), GatehouseError);
      expect(err.message).toContain("Run it again");
      const failed = (await listPushes(p(), actors.admin.workspaceId, api.id))[0];
      expect(failed.status).toBe("failed");
      expect((failed.calls as { operation: string; ok: boolean }[]).at(-1)).toMatchObject({ operation, ok: false });
    }
    const ok = await pushStage(p(), actors.deployer, api.id, stageName, { connectionId });
    expect(fake.state.restApis.size).toBe(1);
    const lines = fake.state.describe(ok.awsRestApiId);
    expect(new Set(lines).size).toBe(lines.length);
    // The deployment made before CreateStage failed is reused, not made again.
    expect(fake.callsOf("CreateDeployment")).toHaveLength(1);
    expect(ok.calls).toBe(1);
    expect([...fake.state.restApis.get(ok.awsRestApiId)!.stages.keys()]).toEqual([stageName]);
    expect((await planStagePush(p(), actors.deployer, api.id, stageName)).plan.calls).toEqual([]);
  });

  /** PetStore with a new stage, on no AWS REST API and bound to no connection: its first push creates everything. */
  async function unboundStage() {
    const api = await p().restApi.findFirstOrThrow({ where: { name: "PetStore", workspaceId: actors.admin.workspaceId } });
    await createDeployment(p(), actors.deployer, api.id, { description: "v1" }).catch(() => undefined);
    const deployment = await p().deployment.findFirstOrThrow({ where: { restApiId: api.id }, orderBy: { createdAt: "desc" } });
    const stageName = `s${fake.port}`;
    await p().stage.create({ data: { restApiId: api.id, name: stageName, deploymentId: deployment.id } });
    await p().restApi.update({ where: { id: api.id }, data: { awsRestApiId: null, awsConnectionId: null } });
    return { apiId: api.id, stageName };
  }

  it("a first push can be previewed once a connection is chosen: it creates everything, and nothing is written or bound", async () => {
    const { apiId, stageName } = await unboundStage();
    await expect(planStagePush(p(), actors.deployer, apiId, stageName)).rejects.toThrow("Choose an AWS connection");
    const audits = await p().auditEvent.count();
    const preview = await planStagePush(p(), actors.deployer, apiId, stageName, connectionId);
    expect(preview.liveFound).toBe(false);
    expect(preview.plan.restApiId).toBeNull();
    expect(preview.plan.calls[0]).toMatchObject({ operation: "CreateRestApi", target: "API PetStore" });
    expect(preview.plan.deployment).toMatchObject({ stageExists: false });
    expect(preview.diff.entries.length).toBeGreaterThan(0);
    expect(preview.diff.entries.filter((e) => e.kind === "removed")).toEqual([]);
    expect(preview.diff.entries).toContainEqual(expect.objectContaining({ kind: "added", entity: "resource", key: "/pets" }));
    expect(fake.calls).toEqual([]);
    expect(await p().auditEvent.count()).toBe(audits);
    expect(await p().restApi.findUniqueOrThrow({ where: { id: apiId } })).toMatchObject({ awsConnectionId: null, awsRestApiId: null });
    await rejection(planStagePush(p(), actors.editor, apiId, stageName, connectionId), ForbiddenError);
  });

  it("a refused push keeps AWS's code and message with the call and entity, counts its calls one way, and resumes once the cause is fixed", async () => {
    const { apiId, stageName } = await unboundStage();
    // AWS's answer to a PutRestApi it cannot read (recorded: test_import_api_bad_file, put-rest-api-bad-json-file): 400 BadRequestException.
    const refusal = "Invalid OpenAPI input.";
    fake.faults.failNth("PutRestApi", 1, { status: 400, type: "BadRequestException", message: refusal });
    const err = await rejection(pushStage(p(), actors.deployer, apiId, stageName, { connectionId }), GatehouseError);
    expect(err.message).toMatch(
      /^Push failed: Overwrite the API with its OpenAPI document \([^)]*\) failed: PutRestApi \(API PetStore\): BadRequestException: /,
    );
    expect(err.message).toContain(refusal);
    expect(err.message).toMatch(/ Fix the cause, then push again: it continues from where it stopped\.$/);
    expect(err.message).not.toContain("Run it again");

    const failed = (await listPushes(p(), actors.admin.workspaceId, apiId))[0];
    const calls = failed.calls as unknown as CallRecord[];
    expect(calls.map((c) => [c.operation, c.ok])).toEqual([
      ["CreateRestApi", true],
      ["PutRestApi", false],
    ]);
    expect(calls[1].error).toEqual({ name: "BadRequestException", message: refusal, status: 400 });
    // The AWS tab's history and the audit history count the same way.
    const counted = callCountText(callCounts(failed.plan as unknown as PushPlan, calls));
    expect(counted).toBe("2 of 4 calls made (1 refused or failed)");
    const audit = await p().auditEvent.findFirstOrThrow({ where: { restApiId: apiId, action: "stage.push_failed" }, orderBy: { id: "desc" } });
    expect(audit.summary).toContain(`stopped, ${counted}: `);
    // Nothing past the refused step was recorded: the stage runs no AWS deployment yet.
    expect(await p().stage.findFirstOrThrow({ where: { restApiId: apiId, name: stageName } })).toMatchObject({ awsDeploymentId: null });

    const ok = await pushStage(p(), actors.deployer, apiId, stageName, { connectionId });
    expect(ok.awsRestApiId).toBe(failed.awsRestApiId);
    expect(fake.state.restApis.size).toBe(1);
    expect((await planStagePush(p(), actors.deployer, apiId, stageName)).plan.calls).toEqual([]);
  });

  it("without credentials, planning and pushing name what is missing and how to provide it, and never say to run it again", async () => {
    const { apiId, stageName } = await unboundStage();
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_SHARED_CREDENTIALS_FILE: "/nonexistent", AWS_CONFIG_FILE: "/nonexistent", AWS_EC2_METADATA_DISABLED: "true" });
    for (const k of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"]) delete process.env[k];
    try {
      const err = await rejection(pushStage(p(), actors.deployer, apiId, stageName, { connectionId }), GatehouseError);
      expect(err.message).toContain(
        "Push failed: Create REST API PetStore failed: CreateRestApi (API PetStore): No AWS credentials: no AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the environment",
      );
      expect(err.message).toContain("AWS_PROFILE naming a profile");
      expect(err.message).not.toMatch(/again/i);
      expect(fake.calls).toEqual([]);
      const row = (await listPushes(p(), actors.admin.workspaceId, apiId))[0];
      expect(row.error).toContain("No AWS credentials");
      // Bound to an AWS API, the plan reads it first: same message, from the read.
      await p().restApi.update({ where: { id: apiId }, data: { awsRestApiId: "abcdef1234", awsConnectionId: connectionId } });
      const planning = await rejection(planStagePush(p(), actors.deployer, apiId, stageName), GatehouseError);
      expect(planning.message).toMatch(/^Could not read the live API from AWS: GetRestApi: No AWS credentials: /);
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });

  it("a push whose call timed out after AWS applied it re-runs without creating it twice", async () => {
    const live = await liveApi();
    const { id } = await importRestApi(p(), actors.deployer, { connectionId, awsRestApiId: live.restApiId });
    // Add a resource to the draft and deploy it to prod through Gatehouse.
    const row = await p().restApi.findUniqueOrThrow({ where: { id } });
    await editDesign(p(), actors.editor, id, row.version, { type: "addResourcePath", path: "/orders/{id}/items" });
    const dep = await createDeployment(p(), actors.deployer, id, { description: "items" });
    await p().stage.update({ where: { restApiId_name: { restApiId: id, name: "prod" } }, data: { deploymentId: dep.id } });
    // A client that gives up after 200 ms; CreateResource is applied but its answer never comes.
    const conn = await p().awsConnection.findUniqueOrThrow({ where: { id: connectionId } });
    const shortTimeout = createApiGatewayClient(conn, { limiter: new ApiGatewayLimiter({ clock }), requestTimeoutMs: 200 });
    fake.faults.add({ operation: "CreateResource", nth: 1, timeout: "after" });
    const error = await push(shortTimeout, { design: parseDesign(dep.snapshot), restApiId: live.restApiId, stageName: "prod" }).catch((e) => e);
    shortTimeout.destroy();
    expect(error.name).toBe("PushError");
    expect(fake.state.resourceByPath(live.restApiId, "/orders/{id}/items")).toBeDefined(); // AWS did it
    await pushStage(p(), actors.deployer, id, "prod");
    expect([...fake.state.restApis.get(live.restApiId)!.resources.values()].filter((r) => r.path === "/orders/{id}/items")).toHaveLength(1);
    expect((await planStagePush(p(), actors.deployer, id, "prod")).plan.calls).toEqual([]);
  });

  it("no credential value reaches the database or the logs", async () => {
    const live = await liveApi();
    const { id } = await importRestApi(p(), actors.deployer, { connectionId, awsRestApiId: live.restApiId });
    await pushStage(p(), actors.deployer, id, "prod");
    await checkDrift(p(), actors.editor, id);
    fake.faults.failNth("GetRestApi", 1, { status: 500 });
    await pushStage(p(), actors.deployer, id, "prod").catch(() => undefined);
    // The fake saw the credentials: they were really used.
    expect(fake.calls.some((c) => c.accessKeyId === ACCESS_KEY)).toBe(true);
    const tables = await db.handle.sql.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    let dump = "";
    for (const { table_name } of tables) {
      const rows = await db.handle.sql.query<{ t: string }>(`SELECT row_to_json(x)::text AS t FROM "${table_name}" x`);
      dump += rows.map((r) => r.t).join("\n");
    }
    expect(dump).toContain(live.restApiId); // the dump is real
    for (const secret of [ACCESS_KEY, SECRET_KEY, SESSION_TOKEN]) {
      expect(dump).not.toContain(secret);
      expect(logged).not.toContain(secret);
    }
  });
  /** A push's progress stream as the push route makes it, whose reader (the browser) goes away after the first line. */
  function watcherThatLeaves() {
    const encoder = new TextEncoder();
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const reader = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) }).getReader();
    let lines = 0;
    const onProgress = (p: unknown) => {
      if (++lines === 1) void reader.read().then(() => reader.cancel());
      controller.enqueue(encoder.encode(JSON.stringify(p) + "\n"));
    };
    return { onProgress, lines: () => lines };
  }

  it("a push goes on when its watcher's stream closes: it completes and its row says succeeded", async () => {
    const { apiId, stageName } = await unboundStage();
    const watcher = watcherThatLeaves();
    const ok = await pushStage(p(), actors.deployer, apiId, stageName, { connectionId, onProgress: watcher.onProgress });
    expect(watcher.lines()).toBeGreaterThan(1); // the push went on reporting to a closed stream
    expect(ok.awsDeploymentId).toMatch(/^[a-z0-9]+$/);
    const row = (await listPushes(p(), actors.admin.workspaceId, apiId))[0];
    expect(row).toMatchObject({ status: "succeeded", error: null, awsDeploymentId: ok.awsDeploymentId });
    expect(await p().stage.findFirstOrThrow({ where: { restApiId: apiId, name: stageName } })).toMatchObject({ awsDeploymentId: ok.awsDeploymentId });
    const stageAudit = await p().auditEvent.findMany({ where: { restApiId: apiId, entityId: stageName }, orderBy: { id: "asc" } });
    expect(stageAudit.map((a) => a.action)).toEqual(["stage.push_started", "stage.push"]);
  });

  /**
   * What a server killed (kill -9) during a first push leaves behind: the REST API it created on
   * AWS, its push row still running with the calls made so far, and its lock on the stage.
   */
  async function deadPush(apiId: string, stageName: string, holder: string, lastSignOfLife: Date) {
    const created = (await callApiGateway(sdk, "CreateRestApi", { name: "PetStore" })) as { id: string };
    const stage = await p().stage.findFirstOrThrow({ where: { restApiId: apiId, name: stageName } });
    await p().restApi.update({ where: { id: apiId }, data: { awsConnectionId: connectionId } });
    const calls = [
      { operation: "CreateRestApi", target: "API PetStore", description: "Create REST API PetStore", ok: true, createdId: created.id, retries: 0 },
    ];
    const row = await p().push.create({
      data: {
        restApiId: apiId,
        stageId: stage.id,
        connectionId,
        plan: { calls: [], deployment: {}, summary: {} },
        calls,
        awsRestApiId: created.id,
        actorId: actors.deployer.userId,
        startedAt: lastSignOfLife,
        heartbeatAt: lastSignOfLife,
      },
    });
    await p().pushLock.create({
      data: {
        stageId: stage.id,
        restApiId: apiId,
        token: crypto.randomUUID(),
        holder,
        pushId: row.id,
        actorEmail: actors.deployer.email,
        startedAt: lastSignOfLife,
        heartbeatAt: lastSignOfLife,
      },
    });
    fake.reset();
    return { pushId: row.id, awsRestApiId: created.id };
  }

  /** A process id on this host that no longer runs. */
  const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid;

  for (const [why, holder, lastSignOfLife] of [
    ["its heartbeat is 10 minutes old", () => "other-host/4242/b00t", () => new Date(Date.now() - 10 * 60_000)],
    ["its process on this host is gone", () => `${hostname()}/${deadPid()}/b00t`, () => new Date()],
  ] as const) {
    it(`a push left running by a dead server (${why}) is shown as interrupted; pushing again takes over and continues on the REST API it made`, async () => {
      const { apiId, stageName } = await unboundStage();
      const dead = await deadPush(apiId, stageName, holder(), lastSignOfLife());
      const shown = (await listPushes(p(), actors.viewer.workspaceId, apiId)).find((row) => row.id === dead.pushId);
      expect(shown).toMatchObject({ status: "interrupted", pushingBy: null });

      const ok = await pushStage(p(), actors.deployer, apiId, stageName, { connectionId });
      expect(ok.awsRestApiId).toBe(dead.awsRestApiId);
      expect(fake.callsOf("CreateRestApi")).toEqual([]);
      expect(fake.state.restApis.size).toBe(1);
      const history = await listPushes(p(), actors.admin.workspaceId, apiId);
      expect(history[0]).toMatchObject({ id: ok.pushId, status: "succeeded" });
      expect(history.find((row) => row.id === dead.pushId)).toMatchObject({ status: "interrupted", error: expect.stringContaining("stopped") });
      expect(await p().push.findUniqueOrThrow({ where: { id: dead.pushId } })).toMatchObject({ status: "interrupted", finishedAt: expect.any(Date) });
      expect(await p().pushLock.count({ where: { restApiId: apiId } })).toBe(0);
      expect(await auditActions(apiId)).toContain("stage.push_interrupted");
    });
  }

  it("while another live server pushes a stage, a second push is refused with 409 naming who pushes and since when, and sends nothing", async () => {
    const { apiId, stageName } = await unboundStage();
    const since = new Date(Date.now() - 30_000);
    const live = await deadPush(apiId, stageName, "other-host/4242/b00t", since);
    await p().pushLock.updateMany({ where: { restApiId: apiId }, data: { heartbeatAt: new Date() } });
    await p().push.update({ where: { id: live.pushId }, data: { heartbeatAt: new Date() } });
    const shown = (await listPushes(p(), actors.viewer.workspaceId, apiId)).find((row) => row.id === live.pushId);
    expect(shown).toMatchObject({ status: "running", pushingBy: { actorEmail: actors.deployer.email, since } });

    const err = await rejection(pushStage(p(), actors.admin, apiId, stageName, { connectionId }), ConflictError);
    expect(err.status).toBe(409);
    expect(err.message).toContain(
      `Stage ${stageName} is already being pushed by ${actors.deployer.email} since ${since.toISOString().slice(0, 19).replace("T", " ")} UTC`,
    );
    expect(fake.calls).toEqual([]);
    expect(await p().push.count({ where: { restApiId: apiId, status: "running" } })).toBe(1);
  });
});
