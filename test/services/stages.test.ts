/**
 * Stage actions on both databases: settings (validated as AWS does, stored in AWS's shape, optimistic
 * version), point / rollback, promotion with the two-person rule on protected stages, canary
 * add / adjust / promote / remove, deployment history, undeployed changes and promotion preview.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import type { Role } from "../../lib/auth/roles";
import { seedDemo } from "../../lib/db/seed";
import { createDeployment } from "../../lib/deployment/service";
import { parseDesign } from "../../lib/model/design";
import { ConflictError, ForbiddenError, ValidationError } from "../../lib/errors";
import { findResourceByPath } from "../../lib/model/tree";
import { createRestApi, editDesign } from "../../lib/restapi/service";
import { parseStageSettings, throttleFor } from "../../lib/gateway/settings";
import { createStage } from "../../lib/stage/service";
import { addCanary, pointStage, promoteCanary, promoteStage, removeCanary, rollbackStage, updateCanary, updateStageSettings } from "../../lib/stage/changes";
import { approveChangeRequest, listChangeRequests, rejectChangeRequest } from "../../lib/stage/approvals";
import { promotionPreview, stageDeploymentHistory, undeployedChanges } from "../../lib/stage/insights";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { rejection } from "../helpers/rejection";
import { actorsOfEveryRole } from "../helpers/actors";

describe.each(DATABASE_KINDS)("stage actions on %s", (kind) => {
  let db: TestDatabase;
  const actors = {} as Record<Role, Actor>;
  let secondDeployer: Actor;
  const p = () => db.handle.prisma;
  const audits = () => p().auditEvent.count();
  const stageRow = (apiId: string, name: string) => p().stage.findFirstOrThrow({ where: { restApiId: apiId, name } });

  /** An API with GET /pets (MOCK) deployed as d1, then POST /pets deployed as d2; stages dev (d2) and prod (d1). */
  async function stagedApi(name: string) {
    const row = await createRestApi(p(), actors.editor, { name });
    let version = row.version;
    let design = parseDesign(row.design);
    const run = async (c: unknown) => ({ version, design } = await editDesign(p(), actors.editor, row.id, version, c));
    await run({ type: "addResourcePath", path: "/pets" });
    const pets = findResourceByPath(design, "/pets")!.id;
    await run({ type: "putMethod", resourceId: pets, method: { httpMethod: "GET" } });
    await run({ type: "putIntegration", resourceId: pets, httpMethod: "GET", integration: { type: "MOCK" } });
    const d1 = (await createDeployment(p(), actors.deployer, row.id, { description: "one" })).id;
    await run({ type: "putMethod", resourceId: pets, method: { httpMethod: "POST" } });
    await run({ type: "putIntegration", resourceId: pets, httpMethod: "POST", integration: { type: "MOCK" } });
    const d2 = (await createDeployment(p(), actors.deployer, row.id, { description: "two" })).id;
    await createStage(p(), actors.deployer, row.id, { name: "dev", deploymentId: d2, variables: { env: "dev" } });
    await createStage(p(), actors.deployer, row.id, { name: "prod", deploymentId: d1, variables: { env: "prod", url: "https://prod.example.com" } });
    return { id: row.id, d1, d2, pets, run };
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemo(p());
    const everyRole = await actorsOfEveryRole(p());
    Object.assign(actors, everyRole.actors);
    const user = await p().user.create({ data: { email: "second@example.com", name: "Second", passwordHash: "unused" } });
    await p().membership.create({ data: { workspaceId: everyRole.workspaceId, userId: user.id, role: "deployer" } });
    secondDeployer = { userId: user.id, email: user.email, workspaceId: everyRole.workspaceId, role: "deployer" };
  });
  afterAll(() => db?.drop());

  describe("settings", () => {
    let api: Awaited<ReturnType<typeof stagedApi>>;
    beforeAll(async () => {
      api = await stagedApi("Settings");
    });

    it.each([
      [
        "TTL above 3600",
        { methodSettings: { "*/*": { cacheTtlInSeconds: 5000 } } },
        "methodSettings.*/*.cacheTtlInSeconds",
        "TTL must be between 0 and 3600 seconds",
      ],
      [
        "negative rate",
        { methodSettings: { "/pets/GET": { throttlingRateLimit: -1 } } },
        "methodSettings./pets/GET.throttlingRateLimit",
        "Rate limit can't be negative",
      ],
      ["bad variable name", { variables: { "bad-name": "x" } }, "variables.bad-name", "Variable names are 1 to 64 characters of a-zA-Z0-9_"],
      ["bad variable value", { variables: { ok: "has space" } }, "variables.ok", "Variable values are 1 to 512 characters of a-zA-Z0-9-._~:/?#&=,"],
      [
        "cache size not offered by AWS",
        { cacheClusterEnabled: true, cacheClusterSize: "2" },
        "cacheClusterSize",
        "Cache size is one of 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237 GB",
      ],
      [
        "log format without request id",
        { accessLogSettings: { destinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:api", format: "$context.status" } },
        "accessLogSettings.format",
        "The log format must contain $context.requestId or $context.extendedRequestId",
      ],
      [
        "method the deployment lacks",
        { methodSettings: { "/pets/DELETE": {} } },
        "methodSettings./pets/DELETE",
        "/pets/DELETE is not a method of the stage's deployment (use */* or {resourcePath}/{VERB}, e.g. /pets/GET)",
      ],
      ["POST not in prod's deployment", { methodSettings: { "/pets/POST": {} } }, "methodSettings./pets/POST", expect.stringContaining("not a method")],
    ])("refuses %s with a field message and writes nothing", async (_what, input, field, message) => {
      const before = await stageRow(api.id, "prod");
      const count = await audits();
      const e = await rejection(
        updateStageSettings(p(), actors.deployer, api.id, "prod", before.version, { variables: { env: "prod" }, ...input }),
        ValidationError,
      );
      expect(e.issues).toContainEqual({ field, message });
      expect(await stageRow(api.id, "prod")).toEqual(before);
      expect(await audits()).toBe(count);
    });

    it("names every bad field at once", async () => {
      const s = await stageRow(api.id, "prod");
      const e = await rejection(
        updateStageSettings(p(), actors.deployer, api.id, "prod", s.version, {
          variables: { "bad-name": "x" },
          methodSettings: { "*/*": { cacheTtlInSeconds: 5000 } },
        }),
        ValidationError,
      );
      expect(e.issues.map((i) => i.field).sort()).toEqual(["methodSettings.*/*.cacheTtlInSeconds", "variables.bad-name"]);
      const c = await rejection(
        addCanary(p(), actors.deployer, api.id, "prod", { deploymentId: api.d2, percentTraffic: 150, stageVariableOverrides: { "no-dash": "x" } }),
        ValidationError,
      );
      expect(c.issues).toEqual([
        { field: "canarySettings.percentTraffic", message: "Percent of traffic must be between 0 and 100" },
        { field: "canarySettings.stageVariableOverrides.no-dash", message: "Variable names are 1 to 64 characters of a-zA-Z0-9_" },
      ]);
    });

    it("refuses more than 100 variables", async () => {
      const s = await stageRow(api.id, "prod");
      const variables = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`v${i}`, "x"]));
      const e = await rejection(updateStageSettings(p(), actors.deployer, api.id, "prod", s.version, { variables }), ValidationError);
      expect(e.issues).toContainEqual({ field: "variables", message: "A stage can have at most 100 variables" });
    });

    it("stores settings in AWS's Stage shape, which the local gateway reads, and bumps the version", async () => {
      const s = await stageRow(api.id, "prod");
      const result = await updateStageSettings(p(), actors.deployer, api.id, "prod", s.version, {
        description: "Production",
        variables: { env: "prod", url: "https://prod.example.com" },
        cacheClusterEnabled: true,
        tracingEnabled: true,
        accessLogSettings: { destinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:api-logs", format: '{"id":"$context.requestId"}' },
        webAclArn: "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api-acl/a1b2c3",
        methodSettings: {
          "*/*": { throttlingRateLimit: 100, throttlingBurstLimit: 50, loggingLevel: "ERROR", metricsEnabled: true },
          "/pets/GET": { cachingEnabled: true, throttlingRateLimit: 5, throttlingBurstLimit: 2 },
        },
      });
      expect(result).toMatchObject({ status: "applied", version: s.version + 1, aws: { status: "local" } });
      const row = await stageRow(api.id, "prod");
      expect(row.description).toBe("Production");
      expect(row.settings).toMatchObject({
        cacheClusterEnabled: true,
        cacheClusterSize: "0.5",
        tracingEnabled: true,
        methodSettings: {
          "*/*": {
            throttlingRateLimit: 100,
            throttlingBurstLimit: 50,
            loggingLevel: "ERROR",
            metricsEnabled: true,
            cachingEnabled: false,
            cacheTtlInSeconds: 300,
          },
          "/pets/GET": { cachingEnabled: true, cacheTtlInSeconds: 300, throttlingRateLimit: 5 },
        },
      });
      const gateway = parseStageSettings(row.settings);
      expect(throttleFor(gateway, "/pets", "GET")).toEqual({ rateLimit: 5, burstLimit: 2 });
      expect(throttleFor(gateway, "/pets", "POST")).toEqual({ rateLimit: 100, burstLimit: 50 });
      const audit = await p().auditEvent.findFirstOrThrow({ where: { restApiId: api.id, action: "stage.update" }, orderBy: { id: "desc" } });
      expect(audit).toMatchObject({ entityType: "stage", entityId: "prod", actorEmail: "deployer@example.com" });
    });

    it("answers 409 to a save based on an old version, nothing written", async () => {
      const s = await stageRow(api.id, "prod");
      const count = await audits();
      const e = await rejection(updateStageSettings(p(), actors.deployer, api.id, "prod", s.version - 1, { variables: {} }), ConflictError);
      expect(e.status).toBe(409);
      expect(await stageRow(api.id, "prod")).toEqual(s);
      expect(await audits()).toBe(count);
    });

    it("needs a deployer, and an admin to change protection", async () => {
      const s = await stageRow(api.id, "prod");
      for (const role of ["viewer", "editor"] as const) await rejection(updateStageSettings(p(), actors[role], api.id, "prod", s.version, {}), ForbiddenError);
      await rejection(updateStageSettings(p(), actors.deployer, api.id, "prod", s.version, { protected: true }), ForbiddenError);
      expect((await stageRow(api.id, "prod")).protected).toBe(false);
      await updateStageSettings(p(), actors.admin, api.id, "prod", s.version, { protected: true, variables: stageVars(s.variables) });
      expect((await stageRow(api.id, "prod")).protected).toBe(true);
    });
  });

  const stageVars = (v: unknown) => v as Record<string, string>;

  describe("point, roll back and history", () => {
    it("points a stage at a deployment and back in one step each, with who and when in its history", async () => {
      const api = await stagedApi("Rollback");
      await pointStage(p(), actors.deployer, api.id, "prod", api.d2);
      expect((await stageRow(api.id, "prod")).deploymentId).toBe(api.d2);
      await rollbackStage(p(), actors.admin, api.id, "prod", api.d1);
      expect((await stageRow(api.id, "prod")).deploymentId).toBe(api.d1);
      const history = await stageDeploymentHistory(p(), api.id, "prod");
      expect(history.map((h) => [h.action, h.deploymentId, h.by])).toEqual([
        ["stage.rollback", api.d1, "admin@gatehouse.local"],
        ["stage.deploy", api.d2, "deployer@example.com"],
        ["stage.create", api.d1, "deployer@example.com"],
      ]);
      const e = await rejection(pointStage(p(), actors.deployer, api.id, "prod", api.d1), ValidationError);
      expect(e.issues).toEqual([{ field: "deploymentId", message: "The stage already runs that deployment" }]);
      const other = await stagedApi("Other");
      const foreign = await rejection(pointStage(p(), actors.deployer, api.id, "prod", other.d1), ValidationError);
      expect(foreign.issues).toEqual([{ field: "deploymentId", message: "That deployment does not belong to this API" }]);
    });
  });

  describe("promotion and approval", () => {
    it("promotes dev to an unprotected prod at once: prod runs dev's exact deployment and keeps its own variables", async () => {
      const api = await stagedApi("Promote");
      const preview = await promotionPreview(p(), actors.deployer.workspaceId, api.id, "dev", "prod");
      expect(preview.receives.summary.methods.added).toBe(1);
      expect(preview.receives.entries.find((e) => e.entity === "method")).toMatchObject({ kind: "added", key: "/pets POST" });
      expect(preview.stays.variables).toEqual({ env: "prod", url: "https://prod.example.com" });
      expect(preview.stays.differences.fields.map((f) => f.path).sort()).toEqual(["variables.env", "variables.url"]);
      const r = await promoteStage(p(), actors.deployer, api.id, "dev", "prod");
      expect(r.status).toBe("applied");
      const prod = await stageRow(api.id, "prod");
      expect(prod.deploymentId).toBe(api.d2);
      expect(prod.variables).toEqual({ env: "prod", url: "https://prod.example.com" });
      expect((await p().auditEvent.findFirstOrThrow({ where: { restApiId: api.id }, orderBy: { id: "desc" } })).action).toBe("stage.promote");
    });

    it("on a protected stage: a request, refused to its requester, applied on a second person's approval, all audited", async () => {
      const api = await stagedApi("Protected");
      const prod0 = await stageRow(api.id, "prod");
      await updateStageSettings(p(), actors.admin, api.id, "prod", prod0.version, { protected: true, variables: stageVars(prod0.variables) });
      for (const role of ["viewer", "editor"] as const) await rejection(promoteStage(p(), actors[role], api.id, "dev", "prod"), ForbiddenError);

      const requested = await promoteStage(p(), actors.deployer, api.id, "dev", "prod");
      expect(requested).toMatchObject({ status: "requested", summary: `Promote stage dev to prod: deployment ${api.d2.slice(0, 8)}` });
      expect((await stageRow(api.id, "prod")).deploymentId).toBe(api.d1);
      await rejection(rollbackStage(p(), actors.admin, api.id, "prod", api.d2), ConflictError); // one pending change at a time

      const own = await rejection(approveChangeRequest(p(), actors.deployer, api.id, requested.requestId!), ForbiddenError);
      expect(own.message).toBe("You asked for this change: a different deployer or admin must approve it");
      await rejection(approveChangeRequest(p(), actors.editor, api.id, requested.requestId!), ForbiddenError);
      expect((await stageRow(api.id, "prod")).deploymentId).toBe(api.d1);

      const approved = await approveChangeRequest(p(), secondDeployer, api.id, requested.requestId!, "looks good");
      expect(approved.status).toBe("applied");
      expect((await stageRow(api.id, "prod")).deploymentId).toBe(api.d2);
      const req = await p().stageChangeRequest.findUniqueOrThrow({ where: { id: requested.requestId! } });
      expect(req).toMatchObject({
        status: "approved",
        decidedByEmail: "second@example.com",
        decisionNote: "looks good",
        requestedByEmail: "deployer@example.com",
      });
      await rejection(approveChangeRequest(p(), actors.admin, api.id, requested.requestId!), ConflictError);
      const actions = (await p().auditEvent.findMany({ where: { restApiId: api.id, entityId: "prod" }, orderBy: { id: "asc" } })).map((a) => [
        a.action,
        a.actorEmail,
      ]);
      expect(actions.slice(-3)).toEqual([
        ["stage.change_requested", "deployer@example.com"],
        ["stage.change_approved", "second@example.com"],
        ["stage.promote", "second@example.com"],
      ]);

      // Rolling back is a change of what prod runs too: rejected by another person, cancelled by its requester.
      const rb = await rollbackStage(p(), actors.deployer, api.id, "prod", api.d1);
      expect(rb.status).toBe("requested");
      await rejection(rejectChangeRequest(p(), actors.admin, api.id, rb.requestId!), ValidationError); // a reason is required
      expect(await rejectChangeRequest(p(), actors.admin, api.id, rb.requestId!, "not now")).toEqual({ status: "rejected" });
      expect((await stageRow(api.id, "prod")).deploymentId).toBe(api.d2);
      const rb2 = await rollbackStage(p(), actors.deployer, api.id, "prod", api.d1);
      expect(await rejectChangeRequest(p(), actors.deployer, api.id, rb2.requestId!)).toEqual({ status: "cancelled" });
      expect((await listChangeRequests(p(), api.id)).map((r) => r.status)).toEqual(["cancelled", "rejected", "approved"]);
      expect(await listChangeRequests(p(), api.id, { status: "pending" })).toEqual([]);
    });
  });

  describe("canary", () => {
    it("adds a canary with a new deployment of the draft, adjusts it, and promotes it as AWS does", async () => {
      const api = await stagedApi("Canary");
      await api.run({ type: "putMethod", resourceId: api.pets, method: { httpMethod: "DELETE" } });
      await api.run({ type: "putIntegration", resourceId: api.pets, httpMethod: "DELETE", integration: { type: "MOCK" } });
      const bad = await rejection(
        addCanary(p(), actors.deployer, api.id, "prod", { deployDraft: true, percentTraffic: 150, stageVariableOverrides: { "no-dash": "x" } }),
        ValidationError,
      );
      expect(bad.issues).toEqual(expect.arrayContaining([{ field: "canarySettings.percentTraffic", message: "Percent of traffic must be between 0 and 100" }]));
      expect(await p().deployment.count({ where: { restApiId: api.id } })).toBe(2);

      const added = await addCanary(p(), actors.deployer, api.id, "prod", {
        deployDraft: true,
        percentTraffic: 10,
        stageVariableOverrides: { url: "https://canary.example.com", extra: "1" },
      });
      expect(added.status).toBe("applied");
      let prod = await stageRow(api.id, "prod");
      expect(prod.settings).toMatchObject({
        canarySettings: {
          deploymentId: added.deploymentId,
          percentTraffic: 10,
          stageVariableOverrides: { url: "https://canary.example.com", extra: "1" },
          useStageCache: false,
        },
      });
      expect(parseStageSettings(prod.settings).canarySettings).toMatchObject({ deploymentId: added.deploymentId, percentTraffic: 10 });
      const refused = await rejection(pointStage(p(), actors.deployer, api.id, "prod", api.d2), ValidationError);
      expect(refused.issues).toEqual([{ field: "deploymentId", message: "This stage has a canary: promote or remove it first" }]);

      await updateCanary(p(), actors.deployer, api.id, "prod", {
        percentTraffic: 50,
        stageVariableOverrides: { url: "https://canary.example.com", extra: "1" },
      });
      expect((await stageRow(api.id, "prod")).settings).toMatchObject({ canarySettings: { percentTraffic: 50 } });

      await promoteCanary(p(), actors.deployer, api.id, "prod", { removeCanary: false });
      prod = await stageRow(api.id, "prod");
      expect(prod.deploymentId).toBe(added.deploymentId);
      expect(prod.variables).toEqual({ env: "prod", url: "https://canary.example.com", extra: "1" });
      expect(prod.settings).toMatchObject({ canarySettings: { percentTraffic: 0 } });
      await removeCanary(p(), actors.deployer, api.id, "prod");
      expect((await stageRow(api.id, "prod")).settings).not.toHaveProperty("canarySettings");
      const history = await stageDeploymentHistory(p(), api.id, "prod");
      expect(history.slice(0, 2).map((h) => [h.action, h.deploymentId])).toEqual([
        ["stage.canary_promote", added.deploymentId],
        ["stage.canary_create", added.deploymentId],
      ]);
    });

    it("cancels a canary: the stage keeps its deployment and variables", async () => {
      const api = await stagedApi("Cancel");
      await addCanary(p(), actors.deployer, api.id, "prod", { deploymentId: api.d2, percentTraffic: 5 });
      await removeCanary(p(), actors.deployer, api.id, "prod");
      const prod = await stageRow(api.id, "prod");
      expect(prod.deploymentId).toBe(api.d1);
      expect(prod.settings).not.toHaveProperty("canarySettings");
      await rejection(promoteCanary(p(), actors.deployer, api.id, "prod"), ValidationError);
    });
  });

  it("tells which stages run something other than the draft, and what", async () => {
    const api = await stagedApi("Undeployed");
    let u = await undeployedChanges(p(), actors.viewer.workspaceId, api.id);
    expect(u.stages.map((s) => [s.stageName, s.upToDate])).toEqual([
      ["dev", true],
      ["prod", false],
    ]);
    expect(u.stages[1].summary!.methods).toEqual({ added: 1, removed: 0, changed: 0 });
    await api.run({ type: "updateMethod", resourceId: api.pets, httpMethod: "GET", changes: { operationName: "listPets" } });
    u = await undeployedChanges(p(), actors.viewer.workspaceId, api.id);
    expect(u.stages[0]).toMatchObject({ stageName: "dev", upToDate: false, summary: { methods: { added: 0, removed: 0, changed: 1 } } });
  });
});
