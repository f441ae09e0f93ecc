/**
 * Deleting a stage, a deployment, an API and an AWS connection, and editing a connection, on both
 * databases: who may, what refuses (status and message), that a refusal writes nothing, and that
 * the audit rows outlive what they describe.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import type { Role } from "../../lib/auth/roles";
import { listHistory } from "../../lib/audit/history";
import { createConnection, deleteConnection, updateConnection } from "../../lib/connection/service";
import { seedDemo } from "../../lib/db/seed";
import { createDeployment, deleteDeployment } from "../../lib/deployment/service";
import { ConflictError, ForbiddenError, GatehouseError, NotFoundError, ValidationError } from "../../lib/errors";
import { parseDesign } from "../../lib/model/design";
import { findResourceByPath } from "../../lib/model/tree";
import { createRestApi, deleteRestApi, editDesign } from "../../lib/restapi/service";
import { addCanary, pointStage } from "../../lib/stage/changes";
import { createStage, deleteStage } from "../../lib/stage/service";
import { actorsOfEveryRole } from "../helpers/actors";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { rejection } from "../helpers/rejection";

describe.each(DATABASE_KINDS)("deleting on %s", (kind) => {
  let db: TestDatabase;
  const actors = {} as Record<Role, Actor>;
  const p = () => db.handle.prisma;

  /** Every row a delete could touch, to show a refusal left all of them. */
  const rowCounts = async () => ({
    apis: await p().restApi.count(),
    stages: await p().stage.count(),
    deployments: await p().deployment.count(),
    testCases: await p().testCase.count(),
    connections: await p().awsConnection.count(),
    changeRequests: await p().stageChangeRequest.count(),
    audits: await p().auditEvent.count(),
  });

  /** An API with GET /pets deployed as d1, POST /pets added and deployed as d2; stage dev on d2 and a saved test case. */
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
    await createStage(p(), actors.deployer, row.id, { name: "dev", deploymentId: d2 });
    await p().testCase.create({
      data: { restApiId: row.id, resourcePath: "/pets", httpMethod: "GET", name: "lists", request: { pathWithQueryString: "/pets" } },
    });
    return { id: row.id, name, d1, d2 };
  }

  /** A push lock held by a live process on another host, as a push in progress leaves it. */
  async function holdPushLock(restApiId: string, stageName: string) {
    const stage = await p().stage.findFirstOrThrow({ where: { restApiId, name: stageName } });
    await p().pushLock.create({
      data: { stageId: stage.id, restApiId, token: crypto.randomUUID(), holder: "other-host/4242/abcd1234", actorEmail: "pusher@example.com" },
    });
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemo(p());
    Object.assign(actors, (await actorsOfEveryRole(p())).actors);
  });
  afterAll(() => db?.drop());

  describe("a stage", () => {
    it("is deleted by a deployer, with an audit row holding what it was; the deployment stays", async () => {
      const api = await stagedApi("Stage delete");
      await deleteStage(p(), actors.deployer, api.id, "dev");
      expect(await p().stage.count({ where: { restApiId: api.id } })).toBe(0);
      expect(await p().deployment.count({ where: { id: api.d2 } })).toBe(1);
      const audit = await p().auditEvent.findFirstOrThrow({ where: { restApiId: api.id, action: "stage.delete" } });
      expect(audit.entityId).toBe("dev");
      expect(audit.before).toMatchObject({ name: "dev", deploymentId: api.d2 });
      expect(audit.after).toBeNull();
      expect(audit.summary).toContain("left as it is");
    });

    it("is refused to an editor (403) and writes nothing", async () => {
      const api = await stagedApi("Stage delete editor");
      const before = await rowCounts();
      const e = await rejection(deleteStage(p(), actors.editor, api.id, "dev"), ForbiddenError);
      expect(e.status).toBe(403);
      expect(await rowCounts()).toEqual(before);
    });

    it("when protected, only by an admin", async () => {
      const api = await stagedApi("Stage delete protected");
      await p().stage.updateMany({ where: { restApiId: api.id, name: "dev" }, data: { protected: true } });
      const before = await rowCounts();
      const e = await rejection(deleteStage(p(), actors.deployer, api.id, "dev"), ForbiddenError);
      expect(e.message).toContain("needs admin");
      expect(await rowCounts()).toEqual(before);
      await deleteStage(p(), actors.admin, api.id, "dev");
      expect(await p().stage.count({ where: { restApiId: api.id } })).toBe(0);
    });

    it("is refused (409) while a change waits for approval, and writes nothing", async () => {
      const api = await stagedApi("Stage delete pending");
      await p().stage.updateMany({ where: { restApiId: api.id, name: "dev" }, data: { protected: true } });
      expect((await pointStage(p(), actors.deployer, api.id, "dev", api.d1)).status).toBe("requested");
      const before = await rowCounts();
      const e = await rejection(deleteStage(p(), actors.admin, api.id, "dev"), ConflictError);
      expect(e.status).toBe(409);
      expect(e.message).toMatch(/Stage dev has a change waiting for approval .*Approve, reject or cancel it/);
      expect(await rowCounts()).toEqual(before);
    });

    it("is refused (409) while a push runs, not once its holder is silent", async () => {
      const api = await stagedApi("Stage delete pushing");
      await holdPushLock(api.id, "dev");
      const before = await rowCounts();
      const e = await rejection(deleteStage(p(), actors.deployer, api.id, "dev"), ConflictError);
      expect(e.message).toBe("Stage dev is being pushed to AWS by pusher@example.com: wait for the push to finish before deleting the stage.");
      expect(await rowCounts()).toEqual(before);
      await p().pushLock.updateMany({ where: { restApiId: api.id }, data: { heartbeatAt: new Date(Date.now() - 10 * 60_000) } });
      await deleteStage(p(), actors.deployer, api.id, "dev");
      expect(await p().pushLock.count({ where: { restApiId: api.id } })).toBe(0);
    });

    it("answers 404 for a stage that is not there", async () => {
      const api = await stagedApi("Stage delete missing");
      const e = await rejection(deleteStage(p(), actors.deployer, api.id, "nope"), NotFoundError);
      expect(e.status).toBe(404);
    });
  });

  describe("a deployment", () => {
    it("is deleted by a deployer when nothing points at it", async () => {
      const api = await stagedApi("Deployment delete");
      await deleteDeployment(p(), actors.deployer, api.id, api.d1);
      expect(await p().deployment.count({ where: { id: api.d1 } })).toBe(0);
      const audit = await p().auditEvent.findFirstOrThrow({ where: { restApiId: api.id, action: "deployment.delete" } });
      expect(audit.before).toMatchObject({ id: api.d1, description: "one" });
    });

    it("is refused (409) naming the stages that point at it, writing nothing", async () => {
      const api = await stagedApi("Deployment delete in use");
      await createStage(p(), actors.deployer, api.id, { name: "prod", deploymentId: api.d2 });
      const before = await rowCounts();
      const e = await rejection(deleteDeployment(p(), actors.deployer, api.id, api.d2), GatehouseError);
      expect(e.status).toBe(409);
      expect(e.message).toBe(
        `Deployment ${api.d2.slice(0, 8)} cannot be deleted: stages dev, prod point at it. Point them at another deployment or delete them first.`,
      );
      expect(await rowCounts()).toEqual(before);
    });

    it("is refused (409) while a stage's canary runs it", async () => {
      const api = await stagedApi("Deployment delete canary");
      await addCanary(p(), actors.deployer, api.id, "dev", { deploymentId: api.d1, percentTraffic: 10 });
      const before = await rowCounts();
      const e = await rejection(deleteDeployment(p(), actors.deployer, api.id, api.d1), GatehouseError);
      expect(e.status).toBe(409);
      expect(e.message).toContain("stage dev (canary) points at it");
      expect(await rowCounts()).toEqual(before);
    });

    it("is refused (409) while a change waiting for approval would point at it", async () => {
      const api = await stagedApi("Deployment delete pending");
      await p().stage.updateMany({ where: { restApiId: api.id, name: "dev" }, data: { protected: true } });
      await pointStage(p(), actors.deployer, api.id, "dev", api.d1);
      const before = await rowCounts();
      const e = await rejection(deleteDeployment(p(), actors.deployer, api.id, api.d1), GatehouseError);
      expect(e.status).toBe(409);
      expect(e.message).toContain("a change waiting for approval on stage dev would point at it");
      expect(await rowCounts()).toEqual(before);
    });

    it.runIf(kind === "postgres")("is refused (409), not failed, when a stage is pointed at it while it is being deleted", async () => {
      const api = await stagedApi("Deployment delete race");
      const dev = await p().stage.findFirstOrThrow({ where: { restApiId: api.id, name: "dev" } });
      // Another transaction points dev at d1 and holds its commit until the delete has checked and is waiting.
      const other = new pg.Client({ connectionString: db.url });
      await other.connect();
      try {
        await other.query("BEGIN");
        await other.query(`UPDATE "stages" SET "deployment_id" = $1 WHERE "id" = $2`, [api.d1, dev.id]);
        const deleting = deleteDeployment(p(), actors.deployer, api.id, api.d1).then(
          () => null,
          (e: unknown) => e,
        );
        await new Promise((r) => setTimeout(r, 500));
        await other.query("COMMIT");
        const e = (await deleting) as GatehouseError;
        expect(e).toBeInstanceOf(GatehouseError);
        expect(e.status).toBe(409);
        expect(e.message).toContain("a stage was pointed at it meanwhile");
      } finally {
        await other.end();
      }
      expect(await p().deployment.count({ where: { id: api.d1 } })).toBe(1);
    });

    it("is refused to an editor (403) and answers 404 for another API's deployment", async () => {
      const api = await stagedApi("Deployment delete roles");
      const other = await stagedApi("Deployment delete other");
      await rejection(deleteDeployment(p(), actors.editor, api.id, api.d1), ForbiddenError);
      const e = await rejection(deleteDeployment(p(), actors.deployer, api.id, other.d1), NotFoundError);
      expect(e.status).toBe(404);
      expect(await p().deployment.count({ where: { id: { in: [api.d1, other.d1] } } })).toBe(2);
    });
  });

  describe("an API", () => {
    it("goes with its stages, deployments and test cases in one transaction; its history stays", async () => {
      const api = await stagedApi("API delete");
      await p().stage.updateMany({ where: { restApiId: api.id }, data: { protected: true } });
      await pointStage(p(), actors.deployer, api.id, "dev", api.d1);
      const historyBefore = await p().auditEvent.count({ where: { restApiId: api.id } });
      const result = await deleteRestApi(p(), actors.admin, api.id, api.name);
      expect(result).toMatchObject({ stages: 1, deployments: 2, testCases: 1 });
      for (const count of [
        p().restApi.count({ where: { id: api.id } }),
        p().stage.count({ where: { restApiId: api.id } }),
        p().deployment.count({ where: { restApiId: api.id } }),
        p().testCase.count({ where: { restApiId: api.id } }),
        p().stageChangeRequest.count({ where: { restApiId: api.id } }),
      ]) {
        expect(await count).toBe(0);
      }
      // Every earlier row stays, plus the delete's own.
      expect(await p().auditEvent.count({ where: { restApiId: api.id } })).toBe(historyBefore + 1);
      const audit = await p().auditEvent.findFirstOrThrow({ where: { restApiId: api.id, action: "api.delete" } });
      expect(audit.before).toMatchObject({ name: api.name, stages: 1, deployments: 2, testCases: 1 });
      // Readable in the workspace history, which is what the console shows once the API's pages are gone.
      const history = await listHistory(p(), { workspaceId: actors.admin.workspaceId, restApiId: api.id, limit: 500 });
      expect(history.map((e) => e.action)).toEqual(expect.arrayContaining(["api.delete", "api.create", "deployment.create", "stage.create"]));
    });

    it("needs the name typed to confirm (400, nothing written)", async () => {
      const api = await stagedApi("API delete confirm");
      const before = await rowCounts();
      const e = await rejection(deleteRestApi(p(), actors.admin, api.id, "API delete"), ValidationError);
      expect(e.status).toBe(400);
      expect(e.issues).toEqual([{ field: "confirmName", message: "Type API delete confirm to confirm" }]);
      expect(await rowCounts()).toEqual(before);
    });

    it("is refused to a deployer (403) and while a push runs (409), writing nothing", async () => {
      const api = await stagedApi("API delete refused");
      const before = await rowCounts();
      const forbidden = await rejection(deleteRestApi(p(), actors.deployer, api.id, api.name), ForbiddenError);
      expect(forbidden.message).toContain("needs admin");
      await holdPushLock(api.id, "dev");
      const busy = await rejection(deleteRestApi(p(), actors.admin, api.id, api.name), ConflictError);
      expect(busy.message).toContain("Stage dev of API delete refused is being pushed to AWS by pusher@example.com");
      expect(await rowCounts()).toEqual(before);
    });

    it("answers 404 for an API of another workspace or none", async () => {
      await rejection(deleteRestApi(p(), actors.admin, "not-a-uuid", "x"), NotFoundError);
      await rejection(deleteRestApi(p(), actors.admin, crypto.randomUUID(), "x"), NotFoundError);
    });
  });

  describe("an AWS connection", () => {
    const input = { name: "Edit me", region: "us-east-1", endpointUrl: "http://localhost:4566", profile: "dev" };

    it("is edited by an admin, validated as on creation, with before and after in the history", async () => {
      const conn = await createConnection(p(), actors.admin, input);
      await createConnection(p(), actors.admin, { name: "Taken", region: "eu-west-1" });
      const before = await rowCounts();
      const bad = await rejection(updateConnection(p(), actors.admin, conn.id, { ...input, region: "mars-1" }), ValidationError);
      expect(bad.issues).toEqual([{ field: "region", message: "Enter an AWS region such as us-east-1" }]);
      const taken = await rejection(updateConnection(p(), actors.admin, conn.id, { ...input, name: "Taken" }), ConflictError);
      expect(taken.message).toBe("A connection named Taken already exists");
      await rejection(updateConnection(p(), actors.deployer, conn.id, input), ForbiddenError);
      expect(await rowCounts()).toEqual(before);

      const roleArn = "arn:aws:iam::123456789012:role/Deployer";
      await updateConnection(p(), actors.admin, conn.id, { name: "Edited", region: "eu-central-1", roleArn, endpointUrl: "", profile: "" });
      expect(await p().awsConnection.findUniqueOrThrow({ where: { id: conn.id } })).toMatchObject({
        name: "Edited",
        region: "eu-central-1",
        roleArn,
        endpointUrl: null,
        profile: null,
      });
      const audit = await p().auditEvent.findFirstOrThrow({ where: { action: "connection.update" }, orderBy: { id: "desc" } });
      expect(audit.before).toMatchObject({ name: "Edit me", region: "us-east-1", endpointUrl: "http://localhost:4566" });
      expect(audit.after).toMatchObject({ name: "Edited", region: "eu-central-1", roleArn });
    });

    it("is refused deletion (409) while APIs are bound to it, naming them; deleted once they are gone", async () => {
      const conn = await createConnection(p(), actors.admin, { name: "Bound", region: "us-east-1" });
      const a = await stagedApi("Bound one");
      const b = await stagedApi("Bound two");
      await p().restApi.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { awsConnectionId: conn.id } });
      const before = await rowCounts();
      const e = await rejection(deleteConnection(p(), actors.admin, conn.id), ConflictError);
      expect(e.status).toBe(409);
      expect(e.message).toBe("Connection Bound cannot be deleted: APIs Bound one, Bound two are bound to it. Delete them first.");
      await rejection(deleteConnection(p(), actors.deployer, conn.id), ForbiddenError);
      expect(await rowCounts()).toEqual(before);

      await deleteRestApi(p(), actors.admin, a.id, a.name);
      await deleteRestApi(p(), actors.admin, b.id, b.name);
      await deleteConnection(p(), actors.admin, conn.id);
      expect(await p().awsConnection.count({ where: { id: conn.id } })).toBe(0);
      const audit = await p().auditEvent.findFirstOrThrow({ where: { action: "connection.delete" }, orderBy: { id: "desc" } });
      expect(audit.before).toMatchObject({ name: "Bound", region: "us-east-1" });
    });

    it("answers 404 for a connection that is not there", async () => {
      await rejection(deleteConnection(p(), actors.admin, crypto.randomUUID()), NotFoundError);
      await rejection(updateConnection(p(), actors.admin, "nope", input), NotFoundError);
    });
  });
});
