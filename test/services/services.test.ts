/**
 * The audited services on both databases: editing a design (roles, optimistic versions, validation),
 * deployments, stages, connections, and the demo seed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import { verifyPassword } from "../../lib/auth/password";
import type { Role } from "../../lib/auth/roles";
import { createConnection } from "../../lib/connection/service";
import { DEMO_ADMIN_EMAIL, DEMO_VIEWER_EMAIL, demoPassword, seedDemo } from "../../lib/db/seed";
import { createDeployment } from "../../lib/deployment/service";
import { parseDesign, type ApiDesign } from "../../lib/model/design";
import { ConflictError, ForbiddenError, GatehouseError, NotFoundError, ValidationError } from "../../lib/errors";
import { findResourceByPath, rootResource } from "../../lib/model/tree";
import { createRestApi, editDesign } from "../../lib/restapi/service";
import { createStage } from "../../lib/stage/service";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { rejection } from "../helpers/rejection";
import { actorsOfEveryRole } from "../helpers/actors";

describe.each(DATABASE_KINDS)("services on %s", (kind) => {
  let db: TestDatabase;
  let workspaceId: string;
  const actors = {} as Record<Role, Actor>;

  const p = () => db.handle.prisma;
  const auditCount = () => p().auditEvent.count();
  const apiRow = (id: string) => p().restApi.findUniqueOrThrow({ where: { id } });

  /** A fresh API, created by the editor, with its root resource id and current version. */
  async function freshApi(name: string) {
    const row = await createRestApi(p(), actors.editor, { name });
    const design = parseDesign(row.design);
    return { id: row.id, version: row.version, design, rootId: rootResource(design).id };
  }

  /** Applies commands in order as the editor and returns the API's latest version and design. */
  async function edit(apiId: string, version: number, ...commands: unknown[]): Promise<{ version: number; design: ApiDesign }> {
    let current = { version, design: parseDesign((await apiRow(apiId)).design) };
    for (const c of commands) current = await editDesign(p(), actors.editor, apiId, current.version, c);
    return current;
  }

  /** An API with GET /pets on a MOCK integration: deployable. */
  async function deployableApi(name: string) {
    const api = await freshApi(name);
    let r = await edit(api.id, api.version, { type: "addResourcePath", path: "/pets" });
    const pets = findResourceByPath(r.design, "/pets")!.id;
    r = await edit(
      api.id,
      r.version,
      { type: "putMethod", resourceId: pets, method: { httpMethod: "GET" } },
      { type: "putIntegration", resourceId: pets, httpMethod: "GET", integration: { type: "MOCK" } },
    );
    return { ...api, version: r.version, design: r.design, petsId: pets };
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    expect(await seedDemo(p())).toBe(true);
    const everyRole = await actorsOfEveryRole(p());
    workspaceId = everyRole.workspaceId;
    Object.assign(actors, everyRole.actors);
  });
  afterAll(() => db?.drop());

  describe("seedDemo", () => {
    it("is idempotent: a second call returns false and adds no users, workspaces or APIs", async () => {
      const counts = async () => [await p().user.count(), await p().workspace.count(), await p().restApi.count({ where: { name: "PetStore" } })];
      const before = await counts();
      expect(await seedDemo(p())).toBe(false);
      expect(await counts()).toEqual(before);
      expect(await p().user.count({ where: { email: { in: [DEMO_ADMIN_EMAIL, DEMO_VIEWER_EMAIL] } } })).toBe(2);
    });

    it("creates an admin and a viewer who can sign in with the demo password", async () => {
      const memberships = await p().membership.findMany({ where: { workspaceId }, include: { user: true } });
      const roles = Object.fromEntries(memberships.map((m) => [m.user.email, m.role]));
      expect(roles[DEMO_ADMIN_EMAIL]).toBe("admin");
      expect(roles[DEMO_VIEWER_EMAIL]).toBe("viewer");
      const admin = memberships.find((m) => m.user.email === DEMO_ADMIN_EMAIL)!.user;
      expect(await verifyPassword(demoPassword(), admin.passwordHash)).toBe(true);
    });

    it("creates PetStore with /pets GET on HTTP and /pets/{petId} GET on MOCK", async () => {
      const row = await p().restApi.findFirstOrThrow({ where: { workspaceId, name: "PetStore" } });
      const design = parseDesign(row.design);
      const list = findResourceByPath(design, "/pets")!.methods.GET;
      expect(list.integration).toMatchObject({ type: "HTTP", httpMethod: "GET", uri: expect.stringMatching(/^http:\/\//) });
      expect(Object.keys(list.methodResponses)).toEqual(["200"]);
      const one = findResourceByPath(design, "/pets/{petId}")!.methods.GET;
      expect(one.integration?.type).toBe("MOCK");
      expect(one.requestParameters).toEqual({ "method.request.path.petId": true });
      expect(Object.keys(one.integration!.integrationResponses).sort()).toEqual(["200", "404"]);
      expect(one.integration!.integrationResponses["404"].selectionPattern).toBe("404");
      // Every seeded edit went through the audited path.
      const events = await p().auditEvent.findMany({ where: { restApiId: row.id } });
      expect(events.map((e) => e.action)).toContain("api.create");
      expect(events).toHaveLength(row.version);
      expect(await p().auditEvent.count({ where: { workspaceId, action: "member.create" } })).toBe(2);
    });
  });

  describe("editDesign", () => {
    const addPets = (rootId: string) => ({ type: "addResource", parentId: rootId, pathPart: "pets" });

    it("refuses a viewer and writes nothing", async () => {
      const api = await freshApi("ViewerTarget");
      const audits = await auditCount();
      const e = await rejection(editDesign(p(), actors.viewer, api.id, api.version, addPets(api.rootId)), ForbiddenError);
      expect(e.status).toBe(403);
      const row = await apiRow(api.id);
      expect(row.version).toBe(api.version);
      expect(parseDesign(row.design)).toEqual(api.design);
      expect(await auditCount()).toBe(audits);
    });

    it("refuses a stale baseVersion with a 409 and leaves the design unchanged", async () => {
      const api = await freshApi("Stale");
      const first = await editDesign(p(), actors.editor, api.id, api.version, addPets(api.rootId));
      expect(first.version).toBe(api.version + 1);
      const audits = await auditCount();
      const e = await rejection(
        editDesign(p(), actors.admin, api.id, api.version, { type: "addResource", parentId: api.rootId, pathPart: "owners" }),
        ConflictError,
      );
      expect(e.status).toBe(409);
      const row = await apiRow(api.id);
      expect(row.version).toBe(first.version);
      expect(findResourceByPath(parseDesign(row.design), "/owners")).toBeUndefined();
      expect(parseDesign(row.design)).toEqual(first.design);
      expect(await auditCount()).toBe(audits);
    });

    it("lets exactly one of two concurrent edits from the same version win", async () => {
      const api = await freshApi("Race");
      const results = await Promise.allSettled([
        editDesign(p(), actors.editor, api.id, api.version, { type: "addResource", parentId: api.rootId, pathPart: "a" }),
        editDesign(p(), actors.admin, api.id, api.version, { type: "addResource", parentId: api.rootId, pathPart: "b" }),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0].reason).toBeInstanceOf(ConflictError);
      const row = await apiRow(api.id);
      expect(row.version).toBe(api.version + 1);
      expect(parseDesign(row.design).resources).toHaveLength(2);
      expect(await p().auditEvent.count({ where: { restApiId: api.id, action: "resource.create" } })).toBe(1);
    });

    it("refuses a malformed command with field issues and writes nothing", async () => {
      const api = await freshApi("Malformed");
      const audits = await auditCount();
      const e = await rejection(
        editDesign(p(), actors.editor, api.id, api.version, { type: "putMethod", resourceId: "", method: { httpMethod: "FETCH" } }),
        ValidationError,
      );
      expect(e.status).toBe(400);
      expect(e.issues.map((i) => i.field).sort()).toEqual(["method.httpMethod", "resourceId"]);
      expect((await apiRow(api.id)).version).toBe(api.version);
      expect(await auditCount()).toBe(audits);
    });

    it("refuses a command AWS would reject, rolls back, and writes no audit row", async () => {
      const api = await freshApi("Rejected");
      const after = await editDesign(p(), actors.editor, api.id, api.version, { type: "addResourcePath", path: "/files/{proxy+}" });
      const audits = await auditCount();
      const e = await rejection(
        editDesign(p(), actors.editor, api.id, after.version, { type: "addResourcePath", path: "/files/{proxy+}/more" }),
        ValidationError,
      );
      expect(e.issues[0].field).toBe("path");
      expect(e.issues[0].message).toMatch(/must be the last part/);
      const row = await apiRow(api.id);
      expect(row.version).toBe(after.version);
      expect(parseDesign(row.design)).toEqual(after.design);
      expect(await auditCount()).toBe(audits);
    });

    it("a successful edit bumps the version and writes exactly one audit row with before and after", async () => {
      const api = await freshApi("Success");
      const audits = await auditCount();
      const r = await editDesign(p(), actors.editor, api.id, api.version, { type: "addResourcePath", path: "/pets/{id}" });
      expect(r.version).toBe(api.version + 1);
      const row = await apiRow(api.id);
      expect(row.version).toBe(r.version);
      expect(parseDesign(row.design)).toEqual(r.design);
      expect(await auditCount()).toBe(audits + 1);

      const id = findResourceByPath(r.design, "/pets/{id}")!.id;
      const r2 = await editDesign(p(), actors.editor, api.id, r.version, {
        type: "putMethod",
        resourceId: id,
        method: { httpMethod: "GET", operationName: "GetPet" },
      });
      const r3 = await editDesign(p(), actors.editor, api.id, r2.version, {
        type: "updateMethod",
        resourceId: id,
        httpMethod: "GET",
        changes: { operationName: "FetchPet" },
      });
      expect(r3.version).toBe(api.version + 3);
      const events = await p().auditEvent.findMany({ where: { restApiId: api.id, action: "method.update" } });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actorId: actors.editor.userId,
        actorEmail: "editor@example.com",
        entityType: "method",
        entityId: "/pets/{id} GET",
        workspaceId,
      });
      expect(events[0].before).toMatchObject({ httpMethod: "GET", operationName: "GetPet" });
      expect(events[0].after).toMatchObject({ httpMethod: "GET", operationName: "FetchPet" });
    });

    it("renames through updateApi, keeping the row's name in step with the design", async () => {
      const api = await freshApi("Before");
      const r = await editDesign(p(), actors.editor, api.id, api.version, { type: "updateApi", name: "After", description: "renamed" });
      const row = await apiRow(api.id);
      expect(row).toMatchObject({ name: "After", description: "renamed", version: r.version });
    });

    it("does not reach an API in another workspace", async () => {
      const other = await p().workspace.create({ data: { name: "Other", slug: `other-${kind}` } });
      const stranger: Actor = { ...actors.admin, workspaceId: other.id };
      const api = await freshApi("Private");
      await rejection(editDesign(p(), stranger, api.id, api.version, addPets(api.rootId)), NotFoundError);
      expect((await apiRow(api.id)).version).toBe(api.version);
    });
  });

  describe("createDeployment", () => {
    it("refuses a design with no methods", async () => {
      const api = await freshApi("Empty");
      const e = await rejection(createDeployment(p(), actors.deployer, api.id, {}), ValidationError);
      expect(e.issues).toEqual([{ field: "design", message: "The REST API doesn't contain any methods" }]);
      expect(await p().deployment.count({ where: { restApiId: api.id } })).toBe(0);
    });

    it("refuses a method without an integration, naming it", async () => {
      const api = await freshApi("NoIntegration");
      const r = await edit(api.id, api.version, { type: "addResourcePath", path: "/pets" });
      await edit(api.id, r.version, { type: "putMethod", resourceId: findResourceByPath(r.design, "/pets")!.id, method: { httpMethod: "POST" } });
      const e = await rejection(createDeployment(p(), actors.deployer, api.id, {}), ValidationError);
      expect(e.issues).toEqual([{ field: "design", message: "No integration defined for method POST /pets" }]);
      expect(await p().deployment.count({ where: { restApiId: api.id } })).toBe(0);
    });

    it("lets a deployer and an admin deploy, but not an editor or a viewer", async () => {
      const api = await deployableApi("Roles");
      for (const role of ["viewer", "editor"] as const) {
        const e = await rejection(createDeployment(p(), actors[role], api.id, {}), ForbiddenError);
        expect(e.status).toBe(403);
      }
      expect(await p().deployment.count({ where: { restApiId: api.id } })).toBe(0);
      const d = await createDeployment(p(), actors.deployer, api.id, { description: " first " });
      expect(d).toMatchObject({
        restApiId: api.id,
        description: "first",
        createdById: actors.deployer.userId,
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(findResourceByPath(parseDesign(d.snapshot), "/pets")!.methods.GET.integration?.type).toBe("MOCK");
      const audit = await p().auditEvent.findMany({ where: { restApiId: api.id, action: "deployment.create" } });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ entityId: d.id, actorEmail: "deployer@example.com" });
    });

    it("refuses a second deployment with no change (409 NoChanges), and allows one after an edit", async () => {
      const api = await deployableApi("NoChanges");
      const first = await createDeployment(p(), actors.deployer, api.id, {});
      const audits = await auditCount();
      const e = await rejection(createDeployment(p(), actors.admin, api.id, { description: "again" }), GatehouseError);
      expect(e.status).toBe(409);
      expect(e.code).toBe("NoChanges");
      expect(await p().deployment.count({ where: { restApiId: api.id } })).toBe(1);
      expect(await auditCount()).toBe(audits);

      await edit(api.id, api.version, { type: "updateMethod", resourceId: api.petsId, httpMethod: "GET", changes: { apiKeyRequired: true } });
      const second = await createDeployment(p(), actors.deployer, api.id, {});
      expect(second.contentHash).not.toBe(first.contentHash);
      expect(await p().deployment.count({ where: { restApiId: api.id } })).toBe(2);
    });
  });

  describe("createStage", () => {
    let api: Awaited<ReturnType<typeof deployableApi>>;
    let deploymentId: string;
    beforeAll(async () => {
      api = await deployableApi("Staged");
      deploymentId = (await createDeployment(p(), actors.deployer, api.id, {})).id;
    });

    const stageCount = () => p().stage.count({ where: { restApiId: api.id } });

    it("requires a deployer", async () => {
      for (const role of ["viewer", "editor"] as const) {
        await rejection(createStage(p(), actors[role], api.id, { name: "dev", deploymentId }), ForbiddenError);
      }
      expect(await stageCount()).toBe(0);
    });

    it.each([["prod stage"], ["prod.v1"], [""], ["x".repeat(129)], ["ünïcode"]])("refuses stage name %j", async (name) => {
      const e = await rejection(createStage(p(), actors.deployer, api.id, { name, deploymentId }), ValidationError);
      expect(e.issues.map((i) => i.field)).toEqual(["name"]);
      expect(await stageCount()).toBe(0);
    });

    it("refuses bad variable names and values, field by field", async () => {
      const e = await rejection(
        createStage(p(), actors.deployer, api.id, {
          name: "vars",
          deploymentId,
          variables: { "bad-name": "ok", good: "has space", empty: "", [`n${"x".repeat(64)}`]: "v", fine: "x".repeat(513) },
        }),
        ValidationError,
      );
      expect(e.issues.map((i) => i.field).sort()).toEqual(
        ["variables.bad-name", "variables.empty", "variables.fine", "variables.good", `variables.n${"x".repeat(64)}`].sort(),
      );
      const tooMany = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`v${i}`, "1"]));
      const e2 = await rejection(createStage(p(), actors.deployer, api.id, { name: "vars", deploymentId, variables: tooMany }), ValidationError);
      expect(e2.issues.map((i) => i.field)).toEqual(["variables"]);
      expect(await stageCount()).toBe(0);
    });

    it("requires a deployment of this API", async () => {
      const missing = await rejection(createStage(p(), actors.deployer, api.id, { name: "dev", deploymentId: "" }), ValidationError);
      expect(missing.issues.map((i) => i.field)).toEqual(["deploymentId"]);
      const other = await deployableApi("OtherForStage");
      const otherDeployment = await createDeployment(p(), actors.deployer, other.id, {});
      const e = await rejection(createStage(p(), actors.deployer, api.id, { name: "dev", deploymentId: otherDeployment.id }), ValidationError);
      expect(e.issues).toEqual([{ field: "deploymentId", message: "That deployment does not belong to this API" }]);
      const bogus = await rejection(createStage(p(), actors.deployer, api.id, { name: "dev", deploymentId: "not-a-uuid" }), ValidationError);
      expect(bogus.issues.map((i) => i.field)).toEqual(["deploymentId"]);
      expect(await stageCount()).toBe(0);
    });

    it("creates a stage with its variables and an audit row", async () => {
      const s = await createStage(p(), actors.deployer, api.id, {
        name: " dev ",
        deploymentId,
        description: "Development",
        variables: { url: "https://example.com/a?b=c", Stage_1: "x" },
      });
      expect(s).toMatchObject({ name: "dev", deploymentId, description: "Development", variables: { url: "https://example.com/a?b=c", Stage_1: "x" } });
      const audit = await p().auditEvent.findMany({ where: { restApiId: api.id, action: "stage.create" } });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ entityId: "dev", after: { name: "dev", deploymentId } });
    });

    it("refuses a duplicate name with a 409", async () => {
      const e = await rejection(createStage(p(), actors.deployer, api.id, { name: "dev", deploymentId }), ConflictError);
      expect(e.status).toBe(409);
      expect(await stageCount()).toBe(1);
    });

    it("allows at most 10 stages per API", async () => {
      for (let i = await stageCount(); i < 10; i++) await createStage(p(), actors.deployer, api.id, { name: `s${i}`, deploymentId });
      expect(await stageCount()).toBe(10);
      const audits = await auditCount();
      const e = await rejection(createStage(p(), actors.admin, api.id, { name: "eleventh", deploymentId }), ValidationError);
      expect(e.issues).toEqual([{ field: "name", message: "An API can have at most 10 stages" }]);
      expect(await stageCount()).toBe(10);
      expect(await auditCount()).toBe(audits);
    });
  });

  describe("createConnection", () => {
    const good = { name: "local", region: "us-east-1", endpointUrl: "http://localhost:4566" };
    const connectionCount = () => p().awsConnection.count({ where: { workspaceId } });

    it("requires an admin", async () => {
      for (const role of ["viewer", "editor", "deployer"] as const) {
        const e = await rejection(createConnection(p(), actors[role], good), ForbiddenError);
        expect(e.status).toBe(403);
      }
      expect(await connectionCount()).toBe(0);
    });

    it.each(["US-EAST-1", "us-east", "useast1", "us-east-1a", "", "mars-north-1x"])("refuses region %j", async (region) => {
      const e = await rejection(createConnection(p(), actors.admin, { ...good, region }), ValidationError);
      expect(e.issues.map((i) => i.field)).toEqual(["region"]);
      expect(await connectionCount()).toBe(0);
    });

    it.each(["arn:aws:iam::123:role/Deployer", "arn:aws:iam::123456789012:user/Deployer", "arn:aws:iam::123456789012:role/", "Deployer"])(
      "refuses role ARN %j",
      async (roleArn) => {
        const e = await rejection(createConnection(p(), actors.admin, { ...good, roleArn }), ValidationError);
        expect(e.issues.map((i) => i.field)).toEqual(["roleArn"]);
      },
    );

    it.each(["not a url", "localhost:4566", "file:///etc/passwd", "ftp://localhost:4566", "//localhost"])("refuses endpoint URL %j", async (endpointUrl) => {
      const e = await rejection(createConnection(p(), actors.admin, { ...good, endpointUrl }), ValidationError);
      expect(e.issues.map((i) => i.field)).toEqual(["endpointUrl"]);
    });

    it("reports every bad field at once", async () => {
      const e = await rejection(createConnection(p(), actors.admin, { name: "", region: "x", roleArn: "y", endpointUrl: "z" }), ValidationError);
      expect(e.issues.map((i) => i.field).sort()).toEqual(["endpointUrl", "name", "region", "roleArn"]);
      expect(await connectionCount()).toBe(0);
    });

    it("creates a connection as admin, with an audit row, and refuses a duplicate name", async () => {
      const c = await createConnection(p(), actors.admin, { ...good, roleArn: "" });
      expect(c).toMatchObject({ workspaceId, name: "local", region: "us-east-1", endpointUrl: "http://localhost:4566", roleArn: null });
      const withRole = await createConnection(p(), actors.admin, {
        name: "gov",
        region: "us-gov-west-1",
        roleArn: "arn:aws-us-gov:iam::123456789012:role/Deployer",
      });
      expect(withRole.roleArn).toBe("arn:aws-us-gov:iam::123456789012:role/Deployer");
      const audit = await p().auditEvent.findMany({ where: { workspaceId, action: "connection.create" }, orderBy: { createdAt: "asc" } });
      expect(audit.map((a) => a.entityId)).toEqual(["local", "gov"]);
      const e = await rejection(createConnection(p(), actors.admin, { ...good, region: "eu-west-1" }), ConflictError);
      expect(e.status).toBe(409);
      expect(await connectionCount()).toBe(2);
    });
  });
});
