/**
 * Races that used to break a rule (issue #16 items 3, 10, 14 and 11's createStage), run as real
 * concurrent calls. On PostgreSQL each call has its own pooled connection, so the calls truly
 * overlap; PGlite has one connection and runs transactions one after another, so there the same
 * assertions check that serialised calls also keep the rule.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import type { Role } from "../../lib/auth/roles";
import { seedDemo } from "../../lib/db/seed";
import { createDeployment } from "../../lib/deployment/service";
import { parseDesign } from "../../lib/model/design";
import { ConflictError, GatehouseError, ValidationError } from "../../lib/errors";
import { findResourceByPath } from "../../lib/model/tree";
import { createRestApi, editDesign } from "../../lib/restapi/service";
import { MAX_STAGES_PER_API } from "../../lib/stage/rules";
import { createStage } from "../../lib/stage/service";
import { changeMemberRole, findInvitation, inviteMember, removeMember } from "../../lib/workspace/members";
import { actorsOfEveryRole } from "../helpers/actors";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";

/** Runs every call at once and sorts the outcomes. */
async function together<T>(calls: (() => Promise<T>)[]) {
  const settled = await Promise.allSettled(calls.map((call) => call()));
  const fulfilled = settled.filter((s): s is PromiseFulfilledResult<Awaited<T>> => s.status === "fulfilled").map((s) => s.value);
  const rejected = settled.filter((s): s is PromiseRejectedResult => s.status === "rejected").map((s) => s.reason as Error);
  return { fulfilled, rejected };
}

describe.each(DATABASE_KINDS)("races that must not break a rule, on %s", (kind) => {
  let db: TestDatabase;
  let actors: Record<Role, Actor>;
  const p = () => db.handle.prisma;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemo(p());
    actors = (await actorsOfEveryRole(p())).actors;
  });
  afterAll(() => db?.drop());

  /** A fresh workspace whose only admins are the two returned. */
  async function workspaceWithTwoAdmins(tag: string): Promise<[Actor, Actor]> {
    const ws = await p().workspace.create({ data: { name: tag, slug: tag } });
    const admins: Actor[] = [];
    for (const n of [1, 2]) {
      const user = await p().user.create({ data: { email: `${tag}-admin${n}@example.com`, name: `admin ${n}`, passwordHash: "unused" } });
      await p().membership.create({ data: { workspaceId: ws.id, userId: user.id, role: "admin" } });
      admins.push({ userId: user.id, email: user.email, workspaceId: ws.id, role: "admin" });
    }
    return [admins[0], admins[1]];
  }

  const adminCount = (workspaceId: string) => p().membership.count({ where: { workspaceId, role: "admin" } });

  describe("never the last admin (item 3)", () => {
    // Several rounds, each in a fresh workspace: one lucky interleaving must not hide the race.
    for (const round of [1, 2, 3, 4, 5]) {
      it(`two admins demoting each other at once leave exactly one admin (round ${round})`, async () => {
        const [a, b] = await workspaceWithTwoAdmins(`demote-${kind}-${round}`);
        const { fulfilled, rejected } = await together([
          () => changeMemberRole(p(), a, b.userId!, "editor"),
          () => changeMemberRole(p(), b, a.userId!, "editor"),
        ]);
        expect(fulfilled).toHaveLength(1);
        expect(rejected).toHaveLength(1);
        expect(rejected[0]).toBeInstanceOf(ValidationError);
        expect(rejected[0].message).toBe("role: The workspace needs at least one admin");
        expect(await adminCount(a.workspaceId)).toBe(1);
      });

      it(`two admins removing each other at once leave exactly one admin (round ${round})`, async () => {
        const [a, b] = await workspaceWithTwoAdmins(`remove-${kind}-${round}`);
        const { fulfilled, rejected } = await together([() => removeMember(p(), a, b.userId!), () => removeMember(p(), b, a.userId!)]);
        expect(fulfilled).toHaveLength(1);
        expect(rejected).toHaveLength(1);
        expect(rejected[0]).toBeInstanceOf(ValidationError);
        expect(await adminCount(a.workspaceId)).toBe(1);
        expect(await p().membership.count({ where: { workspaceId: a.workspaceId } })).toBe(1);
      });
    }
  });

  describe("one usable invitation per email (item 14)", () => {
    it("10 concurrent invitations of one email leave exactly one usable link", async () => {
      const email = `race-${kind}@example.com`;
      const { fulfilled, rejected } = await together(
        Array.from(
          { length: 10 },
          (_, i) => () => inviteMember(p(), actors.admin, { email, role: i % 2 ? "viewer" : "editor" }, { baseUrl: "http://x", mail: {} }),
        ),
      );
      expect(rejected).toEqual([]);
      expect(fulfilled).toHaveLength(10);
      const usable = [];
      for (const r of fulfilled) if (await findInvitation(p(), r.link.split("/invite/")[1])) usable.push(r.id);
      expect(usable).toHaveLength(1);
      expect(await p().invitation.count({ where: { email, acceptedAt: null, revokedAt: null } })).toBe(1);
      expect(await p().auditEvent.count({ where: { action: "member.invite", entityId: email } })).toBe(10);
    });

    it("the database itself refuses a second pending invitation of one email (partial unique index)", async () => {
      const pending = (tokenHash: string) => ({
        workspaceId: actors.admin.workspaceId,
        email: `direct-${kind}@example.com`,
        role: "viewer" as const,
        tokenHash,
        expiresAt: new Date(Date.now() + 60_000),
      });
      await p().invitation.create({ data: pending(`h1-${kind}`) });
      await expect(p().invitation.create({ data: pending(`h2-${kind}`) })).rejects.toMatchObject({ code: "P2002" });
      // A revoked or accepted one does not count.
      await p().invitation.updateMany({ where: { tokenHash: `h1-${kind}` }, data: { revokedAt: new Date() } });
      await expect(p().invitation.create({ data: pending(`h2-${kind}`) })).resolves.toHaveProperty("id");
    });
  });

  /** An API with GET /pets on a MOCK integration: deployable. */
  async function deployableApi(name: string) {
    const row = await createRestApi(p(), actors.editor, { name });
    let r = await editDesign(p(), actors.editor, row.id, row.version, { type: "addResourcePath", path: "/pets" });
    const pets = findResourceByPath(parseDesign(r.design), "/pets")!.id;
    r = await editDesign(p(), actors.editor, row.id, r.version, { type: "putMethod", resourceId: pets, method: { httpMethod: "GET" } });
    await editDesign(p(), actors.editor, row.id, r.version, { type: "putIntegration", resourceId: pets, httpMethod: "GET", integration: { type: "MOCK" } });
    return row.id;
  }

  describe("nothing to deploy (item 10)", () => {
    it("10 concurrent deploys of one draft make exactly one deployment; the others answer 409 NoChanges", async () => {
      const apiId = await deployableApi(`Deploy race ${kind}`);
      const { fulfilled, rejected } = await together(Array.from({ length: 10 }, () => () => createDeployment(p(), actors.deployer, apiId, {})));
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(9);
      for (const e of rejected) {
        expect(e).toBeInstanceOf(GatehouseError);
        expect((e as GatehouseError).status).toBe(409);
        expect((e as GatehouseError).code).toBe("NoChanges");
      }
      expect(await p().deployment.count({ where: { restApiId: apiId } })).toBe(1);
      expect(await p().auditEvent.count({ where: { restApiId: apiId, action: "deployment.create" } })).toBe(1);
    });

    it("a draft edited back to an earlier deployment's content can still be deployed (the rule is 'same as the latest', so no unique hash per API)", async () => {
      const apiId = await deployableApi(`Back and forth ${kind}`);
      const first = await createDeployment(p(), actors.deployer, apiId, {});
      const setKeyRequired = async (apiKeyRequired: boolean) => {
        const row = await p().restApi.findUniqueOrThrow({ where: { id: apiId } });
        const pets = findResourceByPath(parseDesign(row.design), "/pets")!.id;
        await editDesign(p(), actors.editor, apiId, row.version, { type: "updateMethod", resourceId: pets, httpMethod: "GET", changes: { apiKeyRequired } });
      };
      await setKeyRequired(true);
      await createDeployment(p(), actors.deployer, apiId, {});
      await setKeyRequired(false);
      const third = await createDeployment(p(), actors.deployer, apiId, {});
      expect(third.contentHash).toBe(first.contentHash);
      expect(await p().deployment.count({ where: { restApiId: apiId } })).toBe(3);
    });
  });

  describe("createStage (item 11)", () => {
    let apiId: string;
    let deploymentId: string;
    beforeAll(async () => {
      apiId = await deployableApi(`Stage race ${kind}`);
      deploymentId = (await createDeployment(p(), actors.deployer, apiId, {})).id;
    });

    it("10 concurrent creations of one stage name make it once; the others answer 409", async () => {
      const { fulfilled, rejected } = await together(
        Array.from({ length: 10 }, () => () => createStage(p(), actors.deployer, apiId, { name: "prod", deploymentId })),
      );
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(9);
      for (const e of rejected) {
        expect(e).toBeInstanceOf(ConflictError);
        expect(e.message).toBe("Stage prod already exists");
      }
      expect(await p().stage.count({ where: { restApiId: apiId, name: "prod" } })).toBe(1);
    });

    it(`concurrent creations of different names never pass ${MAX_STAGES_PER_API} stages`, async () => {
      const { fulfilled, rejected } = await together(
        Array.from({ length: 15 }, (_, i) => () => createStage(p(), actors.deployer, apiId, { name: `s${i}`, deploymentId })),
      );
      // "prod" already exists, so 9 more fit.
      expect(fulfilled).toHaveLength(MAX_STAGES_PER_API - 1);
      expect(rejected).toHaveLength(15 - (MAX_STAGES_PER_API - 1));
      for (const e of rejected) expect(e).toBeInstanceOf(ValidationError);
      expect(await p().stage.count({ where: { restApiId: apiId } })).toBe(MAX_STAGES_PER_API);
    });
  });
});
