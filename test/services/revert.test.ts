/**
 * Reverting history entries on both databases: each kind of design change comes back as a new
 * audited change; a revert is refused when a later change touched the entity, for entries that
 * are not changes of a design or stage, for masked secrets, and for viewers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import { revertChange } from "../../lib/audit/revert-service";
import type { Role } from "../../lib/auth/roles";
import { createDeployment } from "../../lib/deployment/service";
import { parseDesign, type ApiDesign } from "../../lib/model/design";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../lib/errors";
import { findResourceByPath, rootResource } from "../../lib/model/tree";
import { createRestApi, editDesign } from "../../lib/restapi/service";
import { canonicalJson } from "../../lib/snapshot/snapshot";
import { createStage, setStageDeployment } from "../../lib/stage/service";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { rejection } from "../helpers/rejection";

const idOf = (d: ApiDesign, path: string) => {
  const r = findResourceByPath(d, path);
  if (!r) throw new Error(`no resource ${path}`);
  return r.id;
};

/** Canonical JSON of a design; with `anyResourceOrder`, the resource list is compared as a set (order carries no meaning, the content hash ignores it too). */
function designJson(d: ApiDesign, anyResourceOrder = false): string {
  return canonicalJson(anyResourceOrder ? { ...d, resources: [...d.resources].sort((a, b) => a.id.localeCompare(b.id)) } : d);
}

describe.each(DATABASE_KINDS)("revert on %s", (kind) => {
  let db: TestDatabase;
  let workspaceId: string;
  const actors = {} as Record<Role, Actor>;
  const p = () => db.handle.prisma;
  const auditCount = () => p().auditEvent.count();
  const apiRow = async (id: string) => {
    const row = await p().restApi.findUniqueOrThrow({ where: { id } });
    return { ...row, design: parseDesign(row.design) };
  };
  const latestEntry = (restApiId: string) => p().auditEvent.findFirstOrThrow({ where: { restApiId }, orderBy: { id: "desc" } });

  /** Applies commands as the editor, each built from the design so far. */
  async function edit(apiId: string, ...commands: ((d: ApiDesign) => unknown)[]) {
    for (const c of commands) {
      const row = await apiRow(apiId);
      await editDesign(p(), actors.editor, apiId, row.version, c(row.design));
    }
    return apiRow(apiId);
  }

  /** `/pets/{id}` GET on MOCK (method responses 200/404, integration response 200), `/owners`, a gateway response. */
  async function petApi(name: string) {
    const api = await createRestApi(p(), actors.editor, { name, description: "before" });
    const pet = (d: ApiDesign) => idOf(d, "/pets/{id}");
    await edit(
      api.id,
      () => ({ type: "addResourcePath", path: "/pets/{id}" }),
      (d) => ({ type: "addResource", parentId: rootResource(d).id, pathPart: "owners" }),
      (d) => ({
        type: "putMethod",
        resourceId: pet(d),
        method: { httpMethod: "GET", operationName: "GetPet", requestParameters: { "method.request.path.id": true } },
      }),
      (d) => ({ type: "putMethodResponse", resourceId: pet(d), httpMethod: "GET", response: { statusCode: "200" } }),
      (d) => ({ type: "putMethodResponse", resourceId: pet(d), httpMethod: "GET", response: { statusCode: "404" } }),
      (d) => ({
        type: "putIntegration",
        resourceId: pet(d),
        httpMethod: "GET",
        integration: { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } },
      }),
      (d) => ({
        type: "putIntegrationResponse",
        resourceId: pet(d),
        httpMethod: "GET",
        response: { statusCode: "200", responseTemplates: { "application/json": '{"id": "$input.params(\'id\')"}' } },
      }),
      () => ({ type: "putGatewayResponse", response: { responseType: "THROTTLED", statusCode: "429" } }),
      () => ({
        type: "putGatewayResponse",
        response: { responseType: "DEFAULT_4XX", responseTemplates: { "application/json": '{"m": $context.error.messageString}' } },
      }),
    );
    return api.id;
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const ws = await p().workspace.create({ data: { name: "Revert", slug: "revert" } });
    workspaceId = ws.id;
    for (const role of ["viewer", "editor", "deployer", "admin"] as const) {
      const user = await p().user.create({ data: { email: `${role}@example.com`, name: role, passwordHash: "unused" } });
      await p().membership.create({ data: { workspaceId, userId: user.id, role } });
      actors[role] = { userId: user.id, email: user.email, workspaceId, role };
    }
  });
  afterAll(() => db?.drop());

  describe("each kind of design change", () => {
    let apiId: string;
    beforeAll(async () => {
      apiId = await petApi("Kinds");
    });
    const pet = (d: ApiDesign) => idOf(d, "/pets/{id}");

    const cases: [string, string, (d: ApiDesign) => unknown, boolean?][] = [
      ["resource create (removes it)", "resource.create", (d) => ({ type: "addResource", parentId: pet(d), pathPart: "toys" })],
      ["resource delete (restores the subtree with its methods)", "resource.delete", (d) => ({ type: "deleteResource", resourceId: idOf(d, "/pets") }), true],
      ["method create", "method.create", (d) => ({ type: "putMethod", resourceId: pet(d), method: { httpMethod: "DELETE", apiKeyRequired: true } })],
      [
        "method update",
        "method.update",
        (d) => ({ type: "updateMethod", resourceId: pet(d), httpMethod: "GET", changes: { operationName: "FetchPet", authorizationType: "AWS_IAM" } }),
      ],
      ["method delete", "method.delete", (d) => ({ type: "deleteMethod", resourceId: pet(d), httpMethod: "GET" })],
      [
        "integration update (template restored)",
        "integration.update",
        (d) => ({
          type: "putIntegration",
          resourceId: pet(d),
          httpMethod: "GET",
          integration: { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 404}' } },
        }),
      ],
      [
        "integration response create",
        "integrationResponse.create",
        (d) => ({ type: "putIntegrationResponse", resourceId: pet(d), httpMethod: "GET", response: { statusCode: "404", selectionPattern: "404" } }),
      ],
      [
        "integration response update",
        "integrationResponse.update",
        (d) => ({
          type: "putIntegrationResponse",
          resourceId: pet(d),
          httpMethod: "GET",
          response: { statusCode: "200", responseTemplates: { "application/json": "{}" } },
        }),
      ],
      [
        "method response create",
        "methodResponse.create",
        (d) => ({ type: "putMethodResponse", resourceId: pet(d), httpMethod: "GET", response: { statusCode: "500" } }),
      ],
      [
        "gateway response put (update)",
        "gatewayResponse.update",
        () => ({ type: "putGatewayResponse", response: { responseType: "DEFAULT_4XX", statusCode: "418" } }),
      ],
      [
        "gateway response put (create)",
        "gatewayResponse.create",
        () => ({ type: "putGatewayResponse", response: { responseType: "ACCESS_DENIED", statusCode: "403" } }),
      ],
      ["api rename", "api.update", () => ({ type: "updateApi", name: "Renamed", description: "after" })],
    ];

    it.each(cases)("%s", async (_name, action, command, anyResourceOrder) => {
      const before = await apiRow(apiId);
      await editDesign(p(), actors.editor, apiId, before.version, command(before.design));
      const changed = await apiRow(apiId);
      expect(designJson(changed.design, anyResourceOrder)).not.toBe(designJson(before.design, anyResourceOrder));
      const entry = await latestEntry(apiId);
      expect(entry.action).toBe(action);

      const audits = await auditCount();
      const result = await revertChange(p(), actors.editor, entry.id.toString());
      expect(result).toEqual({ reverted: entry.id.toString(), version: before.version + 2 });

      const after = await apiRow(apiId);
      expect(after.version).toBe(before.version + 2);
      expect(designJson(after.design, anyResourceOrder)).toBe(designJson(before.design, anyResourceOrder));
      expect({ name: after.name, description: after.description }).toEqual({ name: before.name, description: before.description });

      expect(await auditCount()).toBe(audits + 1);
      const revert = await latestEntry(apiId);
      expect(revert).toMatchObject({
        action: `${entry.entityType}.revert`,
        entityType: entry.entityType,
        entityId: entry.entityId,
        restApiId: apiId,
        actorId: actors.editor.userId,
        actorEmail: "editor@example.com",
        summary: `Reverted #${entry.id}: ${entry.summary}`,
      });
      expect(revert.before).toEqual(entry.after);
      expect(revert.after).toEqual(entry.before);

      // A revert is not itself revertable (revert the original's later changes instead).
      await rejection(revertChange(p(), actors.editor, revert.id.toString()), ValidationError);
    });

    it("restores a deleted subtree exactly: ids, parents and every method", async () => {
      const before = await apiRow(apiId);
      await edit(apiId, (d) => ({ type: "deleteResource", resourceId: idOf(d, "/pets") }));
      expect(findResourceByPath((await apiRow(apiId)).design, "/pets/{id}")).toBeUndefined();
      await revertChange(p(), actors.deployer, (await latestEntry(apiId)).id.toString());
      const after = await apiRow(apiId);
      const restored = findResourceByPath(after.design, "/pets/{id}")!;
      expect(restored.id).toBe(idOf(before.design, "/pets/{id}"));
      expect(canonicalJson(restored)).toBe(canonicalJson(findResourceByPath(before.design, "/pets/{id}")));
      expect(restored.methods.GET.integration?.requestTemplates["application/json"]).toBe('{"statusCode": 200}');
    });
  });

  describe("refusals", () => {
    let apiId: string;
    beforeAll(async () => {
      apiId = await petApi("Refusals");
    });
    const putTemplate = (template: string) => (d: ApiDesign) => ({
      type: "putIntegration",
      resourceId: idOf(d, "/pets/{id}"),
      httpMethod: "GET",
      integration: { type: "MOCK", requestTemplates: { "application/json": template } },
    });
    const template = async () => findResourceByPath((await apiRow(apiId)).design, "/pets/{id}")!.methods.GET.integration!.requestTemplates["application/json"];

    /** Expects the revert to fail with `kind` and leave the API and the history as they were. */
    async function refused<E extends Error>(actor: Actor, entryId: string, kind: new (...args: never[]) => E): Promise<E> {
      const [row, audits] = [await apiRow(apiId), await auditCount()];
      const e = await rejection(revertChange(p(), actor, entryId), kind);
      const now = await apiRow(apiId);
      expect(now.version).toBe(row.version);
      expect(designJson(now.design)).toBe(designJson(row.design));
      expect(await auditCount()).toBe(audits);
      return e;
    }

    it("refuses with 409 when a later change touched the entity; reverting newest-first works", async () => {
      await edit(apiId, putTemplate('{"statusCode": 201}'));
      const first = await latestEntry(apiId);
      await edit(apiId, putTemplate('{"statusCode": 202}'));
      const second = await latestEntry(apiId);

      const e = await refused(actors.editor, first.id.toString(), ConflictError);
      expect(e.status).toBe(409);
      expect(await template()).toBe('{"statusCode": 202}');

      await revertChange(p(), actors.editor, second.id.toString());
      expect(await template()).toBe('{"statusCode": 201}');
      await revertChange(p(), actors.editor, first.id.toString());
      expect(await template()).toBe('{"statusCode": 200}');
      // Reverting the same entry twice: the entity no longer looks as that change left it.
      await refused(actors.editor, first.id.toString(), ConflictError);
    });

    it("an unrelated later change does not block a revert", async () => {
      await edit(apiId, putTemplate('{"statusCode": 203}'));
      const entry = await latestEntry(apiId);
      await edit(apiId, (d) => ({ type: "addResource", parentId: rootResource(d).id, pathPart: "unrelated" }));
      await revertChange(p(), actors.editor, entry.id.toString());
      expect(await template()).toBe('{"statusCode": 200}');
      expect(findResourceByPath((await apiRow(apiId)).design, "/unrelated")).toBeDefined();
    });

    it("refuses entries that are not revertable design changes with a ValidationError", async () => {
      const create = await p().auditEvent.findFirstOrThrow({ where: { restApiId: apiId, action: "api.create" } });
      await refused(actors.editor, create.id.toString(), ValidationError);
      const invoke = await p().auditEvent.create({
        data: {
          workspaceId,
          restApiId: apiId,
          actorEmail: "editor@example.com",
          action: "method.test_invoke",
          entityType: "method",
          entityId: "/pets/{id} GET",
          summary: "Tested GET /pets/{id}",
          before: undefined,
          after: { status: 200 },
        },
      });
      await refused(actors.editor, invoke.id.toString(), ValidationError);
      const member = await p().auditEvent.create({
        data: {
          workspaceId,
          actorEmail: "admin@example.com",
          action: "member.role",
          entityType: "member",
          entityId: "x@example.com",
          before: { role: "viewer" },
          after: { role: "admin" },
        },
      });
      await refused(actors.admin, member.id.toString(), ValidationError);
    });

    it("answers 404 for unknown, malformed and other workspaces' entries", async () => {
      await refused(actors.editor, "999999999", NotFoundError);
      await refused(actors.editor, "abc", NotFoundError);
      await refused(actors.editor, "-1", NotFoundError);
      await edit(apiId, putTemplate('{"statusCode": 204}'));
      const entry = await latestEntry(apiId);
      const other = await p().workspace.create({ data: { name: "Other", slug: "other" } });
      await refused({ ...actors.admin, workspaceId: other.id }, entry.id.toString(), NotFoundError);
      await revertChange(p(), actors.editor, entry.id.toString());
    });

    it("does not let a viewer revert", async () => {
      await edit(apiId, putTemplate('{"statusCode": 205}'));
      const entry = await latestEntry(apiId);
      const e = await refused(actors.viewer, entry.id.toString(), ForbiddenError);
      expect(e.status).toBe(403);
      expect(await template()).toBe('{"statusCode": 205}');
      await revertChange(p(), actors.editor, entry.id.toString());
    });

    it("refuses entries whose before holds masked secrets", async () => {
      await edit(apiId, (d) => ({
        type: "putIntegration",
        resourceId: idOf(d, "/pets/{id}"),
        httpMethod: "GET",
        integration: {
          type: "HTTP",
          httpMethod: "GET",
          uri: "https://backend.example/pets",
          requestParameters: { "integration.request.header.Authorization": "'Bearer s3cr3t'" },
        },
      }));
      await edit(apiId, putTemplate('{"statusCode": 206}'));
      const entry = await latestEntry(apiId);
      expect(JSON.stringify(entry.before)).toContain('"****"');
      expect(JSON.stringify(entry.before)).not.toContain("s3cr3t");
      const e = await refused(actors.editor, entry.id.toString(), ValidationError);
      expect(e.issues.map((i) => i.field)).toEqual(["entry"]);
      expect(e.message).toMatch(/masked secrets/);
    });

    it("an ordinary method's history is not masked, so it stays revertable", async () => {
      await edit(apiId, (d) => ({ type: "updateMethod", resourceId: idOf(d, "/pets/{id}"), httpMethod: "GET", changes: { apiKeyRequired: true } }));
      const entry = await latestEntry(apiId);
      expect(entry.before).toMatchObject({ authorizationType: "NONE", apiKeyRequired: false });
      expect(JSON.stringify(entry.before)).not.toContain("****");
      await revertChange(p(), actors.editor, entry.id.toString());
      expect(findResourceByPath((await apiRow(apiId)).design, "/pets/{id}")!.methods.GET.apiKeyRequired).toBe(false);
    });
  });

  describe("stage.deploy", () => {
    let apiId: string;
    let d1: string;
    let d2: string;
    const stage = () => p().stage.findFirstOrThrow({ where: { restApiId: apiId, name: "prod" } });

    beforeAll(async () => {
      apiId = await petApi("Staged");
      d1 = (await createDeployment(p(), actors.deployer, apiId, { description: "one" })).id;
      await createStage(p(), actors.deployer, apiId, { name: "prod", deploymentId: d1 });
      await edit(apiId, (d) => ({ type: "updateMethod", resourceId: idOf(d, "/pets/{id}"), httpMethod: "GET", changes: { operationName: "Changed" } }));
      d2 = (await createDeployment(p(), actors.deployer, apiId, { description: "two" })).id;
    });

    it("points the stage back at the deployment it ran before, as a new audited change", async () => {
      await setStageDeployment(p(), actors.deployer, apiId, "prod", d2);
      const entry = await latestEntry(apiId);
      expect(entry.action).toBe("stage.deploy");
      const s = await stage();
      expect(s.deploymentId).toBe(d2);

      for (const role of ["viewer", "editor"] as const) await rejection(revertChange(p(), actors[role], entry.id.toString()), ForbiddenError);
      expect((await stage()).deploymentId).toBe(d2);

      const audits = await auditCount();
      expect(await revertChange(p(), actors.deployer, entry.id.toString())).toEqual({ reverted: entry.id.toString() });
      const back = await stage();
      expect(back.deploymentId).toBe(d1);
      expect(back.version).toBe(s.version + 1);
      expect(await auditCount()).toBe(audits + 1);
      const revert = await latestEntry(apiId);
      expect(revert).toMatchObject({
        action: "stage.revert",
        entityType: "stage",
        entityId: "prod",
        actorEmail: "deployer@example.com",
        before: { deploymentId: d2 },
        after: { deploymentId: d1 },
      });
      await rejection(revertChange(p(), actors.deployer, revert.id.toString()), ValidationError);
    });

    it("is refused (409, nothing written) when the stage was pointed elsewhere since", async () => {
      await setStageDeployment(p(), actors.deployer, apiId, "prod", d2);
      const entry = await latestEntry(apiId);
      await setStageDeployment(p(), actors.deployer, apiId, "prod", d1);
      const s = await stage();
      const audits = await auditCount();
      const e = await rejection(revertChange(p(), actors.admin, entry.id.toString()), ConflictError);
      expect(e.status).toBe(409);
      expect(await stage()).toMatchObject({ deploymentId: d1, version: s.version });
      expect(await auditCount()).toBe(audits);
    });

    it("on a protected stage only asks for approval: a revert is no way around the two-person rule", async () => {
      await setStageDeployment(p(), actors.deployer, apiId, "prod", d2);
      const entry = await latestEntry(apiId);
      await p().stage.updateMany({ where: { restApiId: apiId, name: "prod" }, data: { protected: true } });
      const outcome = await revertChange(p(), actors.deployer, entry.id.toString());
      expect(outcome).toMatchObject({ reverted: entry.id.toString(), status: "requested" });
      expect((await stage()).deploymentId).toBe(d2);
      const requests = await p().stageChangeRequest.findMany({ where: { restApiId: apiId, status: "pending" } });
      expect(requests).toHaveLength(1);
      expect(requests[0].change).toMatchObject({ kind: "deploy", deploymentId: d1 });
    });
  });
});
