/**
 * Workspace-owned access tokens through /api/v1: an admin makes one for the team's pipelines; it
 * acts as itself (audited under its own name, no member's id), with its own role, keeps working
 * when its maker leaves the team, its requests can be approved by any deployer or admin, and only
 * an admin may make, see or revoke it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/audit/mutate";
import { createAccessToken, listAccessTokens, revokeAccessToken } from "@/lib/auth/access-tokens";
import type { Role } from "@/lib/auth/roles";
import type { DbHandle } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed";
import { createDeployment } from "@/lib/deployment/service";
import { GatehouseError, NotFoundError } from "@/lib/errors";
import { editDesign } from "@/lib/restapi/service";
import { approveChangeRequest } from "@/lib/stage/approvals";
import { createStage } from "@/lib/stage/service";
import { actorsOfEveryRole } from "@/test/helpers/actors";
import { openTestDatabase, type TestDatabase } from "@/test/helpers/databases";
import { rejection } from "@/test/helpers/rejection";

const state = vi.hoisted(() => ({ handle: undefined as DbHandle | undefined }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/db", () => ({ getDb: async () => state.handle }));

const deployments = await import("@/app/api/v1/apis/[apiId]/deployments/route");
const apis = await import("@/app/api/v1/apis/route");

const post = (path: string, token: string, body: unknown) =>
  new Request(`http://console.example/api/v1${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const get = (path: string, token: string) => new Request(`http://console.example/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });

describe("workspace access tokens", () => {
  let db: TestDatabase;
  let actors: Record<Role, Actor>;
  let apiId: string;
  const p = () => db.handle.prisma;

  beforeAll(async () => {
    db = await openTestDatabase("postgres", { migrate: true });
    state.handle = db.handle;
    await seedDemo(p());
    ({ actors } = await actorsOfEveryRole(p()));
    apiId = (await p().restApi.findFirstOrThrow({ where: { workspaceId: actors.admin.workspaceId } })).id;
    const first = await createDeployment(p(), actors.deployer, apiId, { description: "first" });
    await createStage(p(), actors.deployer, apiId, { name: "prod", deploymentId: first.id });
    await p().stage.updateMany({ where: { restApiId: apiId, name: "prod" }, data: { protected: true } });
    const api = await p().restApi.findUniqueOrThrow({ where: { id: apiId } });
    await editDesign(p(), actors.editor, apiId, api.version, { type: "addResourcePath", path: "/from-workspace-token" });
  }, 180_000);
  afterAll(() => db.drop());

  it("is an admin's to make: anyone else is refused on the owner field, and nothing is written", async () => {
    const before = await p().accessToken.count();
    const e = await rejection(createAccessToken(p(), actors.deployer, { name: "ci", role: "deployer", expiresInDays: 1, owner: "workspace" }), GatehouseError);
    expect(e.status).toBe(403);
    expect(e.issues.map((i) => i.field)).toEqual(["owner"]);
    expect(await p().accessToken.count()).toBe(before);
  });

  it("acts as itself, audited under its name, and its request is approved by its own maker", async () => {
    const { token, view } = await createAccessToken(p(), actors.admin, { name: "team-ci", role: "deployer", expiresInDays: 1, owner: "workspace" });
    expect(view).toMatchObject({ owner: "workspace", ownerEmail: actors.admin.email });
    const res = await deployments.POST(post(`/apis/${apiId}/deployments`, token, { stageName: "prod" }), { params: Promise.resolve({ apiId }) });
    expect(res.status).toBe(201);
    const { deploymentId, stage } = (await res.json()) as { deploymentId: string; stage: { status: string; requestId: string } };
    expect(stage.status).toBe("requested");
    const audit = await p().auditEvent.findFirstOrThrow({ where: { action: "deployment.create", entityId: deploymentId } });
    expect(audit).toMatchObject({ actorEmail: "team-ci (workspace token)", actorId: null });
    // The two-person rule holds between the token and a person: the admin who made it may approve.
    await approveChangeRequest(p(), actors.admin, apiId, stage.requestId);
    expect((await p().stage.findFirstOrThrow({ where: { restApiId: apiId, name: "prod" } })).deploymentId).toBe(deploymentId);
  });

  it("keeps working when its maker leaves the team, unlike the maker's own token", async () => {
    const admin2 = await p().user.create({ data: { email: "admin2@example.com", name: "admin2", passwordHash: "unused" } });
    await p().membership.create({ data: { workspaceId: actors.admin.workspaceId, userId: admin2.id, role: "admin" } });
    const maker: Actor = { userId: admin2.id, email: admin2.email, workspaceId: actors.admin.workspaceId, role: "admin" };
    const team = await createAccessToken(p(), maker, { name: "outlives", role: "viewer", expiresInDays: 1, owner: "workspace" });
    const own = await createAccessToken(p(), maker, { name: "personal", role: "viewer", expiresInDays: 1 });
    await p().membership.delete({ where: { workspaceId_userId: { workspaceId: maker.workspaceId, userId: admin2.id } } });
    expect((await apis.GET(get("/apis", team.token))).status).toBe(200);
    const refused = await apis.GET(get("/apis", own.token));
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: "TokenRevoked" });
  });

  it("is listed and revoked by admins only", async () => {
    const { token, view } = await createAccessToken(p(), actors.admin, { name: "to-revoke", role: "viewer", expiresInDays: 1, owner: "workspace" });
    expect((await listAccessTokens(p(), actors.deployer)).map((t) => t.id)).not.toContain(view.id);
    expect((await listAccessTokens(p(), actors.admin)).map((t) => t.id)).toContain(view.id);
    await rejection(revokeAccessToken(p(), actors.deployer, view.id), NotFoundError);
    await revokeAccessToken(p(), actors.admin, view.id);
    expect(await (await apis.GET(get("/apis", token))).json()).toMatchObject({ code: "TokenRevoked" });
  });
});
