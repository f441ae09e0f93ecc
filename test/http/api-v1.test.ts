/**
 * The pipeline API (/api/v1) through its route handlers on a real database: only an access token
 * opens it (a session cookie does not), each refusal has its status and code, a token's role is
 * enforced, a protected stage's promotion becomes an approval request, and every route is described
 * by /api/v1/openapi.json.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/audit/mutate";
import { createAccessToken } from "@/lib/auth/access-tokens";
import type { Role } from "@/lib/auth/roles";
import type { DbHandle } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed";
import { API_V1_DOCUMENT } from "@/lib/api-v1/document";
import { createDeployment } from "@/lib/deployment/service";
import { editDesign } from "@/lib/restapi/service";
import { createStage } from "@/lib/stage/service";
import { actorsOfEveryRole } from "@/test/helpers/actors";
import { openTestDatabase, type TestDatabase } from "@/test/helpers/databases";

const state = vi.hoisted(() => ({ handle: undefined as DbHandle | undefined }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/db", () => ({ getDb: async () => state.handle }));

const apis = await import("@/app/api/v1/apis/route");
const stages = await import("@/app/api/v1/apis/[apiId]/stages/route");
const deployments = await import("@/app/api/v1/apis/[apiId]/deployments/route");
const promote = await import("@/app/api/v1/apis/[apiId]/stages/[stageName]/promote/route");
const historyRoute = await import("@/app/api/v1/history/route");

const request = (path: string, token?: string, body?: unknown, extra: Record<string, string> = {}) =>
  new Request(`http://console.example/api/v1${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }), ...extra },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
const params = <T>(p: T) => ({ params: Promise.resolve(p) });

describe("/api/v1", () => {
  let db: TestDatabase;
  const actors = {} as Record<Role, Actor>;
  const tokens = {} as Record<Role, string>;
  let apiId: string;

  beforeAll(async () => {
    db = await openTestDatabase("postgres", { migrate: true });
    state.handle = db.handle;
    await seedDemo(db.handle.prisma);
    Object.assign(actors, (await actorsOfEveryRole(db.handle.prisma)).actors);
    for (const role of ["viewer", "deployer", "admin"] as const) {
      tokens[role] = (await createAccessToken(db.handle.prisma, actors[role], { name: `ci-${role}`, role, expiresInDays: 1 })).token;
    }
    apiId = (await db.handle.prisma.restApi.findFirstOrThrow({ where: { workspaceId: actors.admin.workspaceId } })).id;
  }, 180_000);
  afterAll(() => db.drop());

  it("answers 401 with a code a pipeline's log can act on, and never data, without a valid token", async () => {
    const missing = await apis.GET(request("/apis"));
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toContain("Bearer");
    expect(await missing.json()).toMatchObject({ code: "TokenMissing" });
    const cookieOnly = await apis.GET(request("/apis", undefined, undefined, { cookie: "gatehouse_session=whatever" }));
    expect(cookieOnly.status).toBe(401);
    const wrong = await apis.GET(request("/apis", "gh_pat_wrong"));
    expect(await wrong.json()).toMatchObject({ code: "TokenInvalid" });
    expect(JSON.stringify(await (await apis.GET(request("/apis", "gh_pat_wrong"))).json())).not.toContain("PetStore");
  });

  it("lists APIs and an API's stages", async () => {
    const list = await apis.GET(request("/apis", tokens.viewer));
    expect(list.status).toBe(200);
    const body = (await list.json()) as { id: string; name: string }[];
    expect(body.map((a) => a.id)).toContain(apiId);
    const st = await stages.GET(request(`/apis/${apiId}/stages`, tokens.viewer), params({ apiId }));
    expect(st.status).toBe(200);
    expect(Array.isArray(await st.json())).toBe(true);
    const missing = await stages.GET(
      request("/apis/00000000-0000-4000-8000-000000000000/stages", tokens.viewer),
      params({ apiId: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(missing.status).toBe(404);
  });

  it("refuses a viewer's token a deploy (403), and takes a deployer's", async () => {
    const refused = await deployments.POST(request(`/apis/${apiId}/deployments`, tokens.viewer, { description: "from CI" }), params({ apiId }));
    expect(refused.status).toBe(403);
    const ok = await deployments.POST(request(`/apis/${apiId}/deployments`, tokens.deployer, { description: "from CI" }), params({ apiId }));
    expect(ok.status).toBe(201);
    const { deploymentId } = (await ok.json()) as { deploymentId: string };
    const row = await db.handle.prisma.deployment.findUniqueOrThrow({ where: { id: deploymentId } });
    expect(row.description).toBe("from CI");
    const audit = await db.handle.prisma.auditEvent.findFirstOrThrow({ where: { entityId: deploymentId }, orderBy: { id: "desc" } });
    expect(audit.actorEmail).toBe(actors.deployer.email);
  });

  it("names every bad field (400) and writes nothing", async () => {
    const before = await db.handle.prisma.deployment.count();
    const bad = await deployments.POST(
      request(`/apis/${apiId}/deployments`, tokens.deployer, { stageName: "no spaces allowed", description: 5 }),
      params({ apiId }),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(((await bad.json()) as { fieldErrors: object }).fieldErrors).sort()).toEqual(["description", "stageName"]);
    const notJson = await deployments.POST(request(`/apis/${apiId}/deployments`, tokens.deployer, "{oops"), params({ apiId }));
    expect(notJson.status).toBe(400);
    expect(await db.handle.prisma.deployment.count()).toBe(before);
    const badFilter = await historyRoute.GET(request("/history?from=not-a-date", tokens.viewer));
    expect(badFilter.status).toBe(400);
  });

  it("promotes to a protected stage as an approval request, not a change", async () => {
    const p = db.handle.prisma;
    const latest = await p.deployment.findFirst({ where: { restApiId: apiId }, orderBy: { createdAt: "desc" } });
    const deploymentId = latest?.id ?? (await createDeployment(p, actors.deployer, apiId, { description: "first" })).id;
    await createStage(p, actors.deployer, apiId, { name: "ci-dev", deploymentId });
    await createStage(p, actors.admin, apiId, { name: "ci-prod", deploymentId });
    // Protection is an admin's stage setting; set directly here, it is only the premise.
    await p.stage.updateMany({ where: { restApiId: apiId, name: "ci-prod" }, data: { protected: true } });
    // A change to the draft, deployed to ci-dev through the API: ci-prod still runs the older one.
    const api = await p.restApi.findUniqueOrThrow({ where: { id: apiId } });
    await editDesign(p, actors.editor, apiId, api.version, { type: "addResourcePath", path: "/ci-check" });
    const second = await deployments.POST(request(`/apis/${apiId}/deployments`, tokens.deployer, { stageName: "ci-dev" }), params({ apiId }));
    expect(second.status).toBe(201);
    expect(await second.json()).toMatchObject({ stage: { name: "ci-dev", status: "applied" } });
    const res = await promote.POST(
      request(`/apis/${apiId}/stages/ci-prod/promote`, tokens.deployer, { from: "ci-dev" }),
      params({ apiId, stageName: "ci-prod" }),
    );
    expect(res.status).toBe(200);
    const { requestId } = (await res.json()) as { status: string; requestId: string };
    const waiting = await p.stageChangeRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(waiting.status).toBe("pending");
    // Not applied: ci-prod still runs what it ran.
    expect((await p.stage.findFirstOrThrow({ where: { restApiId: apiId, name: "ci-prod" } })).deploymentId).toBe(deploymentId);
  });

  it("reads the history, newest first", async () => {
    const res = await historyRoute.GET(request(`/history?apiId=${apiId}&limit=5`, tokens.viewer));
    expect(res.status).toBe(200);
    const rows = (await res.json()) as { id: string; createdAt: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(5);
    expect(Number(rows[0].id)).toBeGreaterThan(Number(rows[rows.length - 1].id));
  });
});

describe("/api/v1/openapi.json", () => {
  const APP_V1 = join(__dirname, "..", "..", "app", "api", "v1");
  const routes = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return routes(path);
      return name === "route.ts" ? [relative(APP_V1, dir).split(sep).join("/")] : [];
    });

  it("describes every route under app/api/v1, and only those", () => {
    const onDisk = routes(APP_V1)
      .filter((r) => r !== "openapi.json")
      .map((r) => `/${r.replace(/\[(\w+)\]/g, "{$1}")}`)
      .sort();
    expect(Object.keys(API_V1_DOCUMENT.paths).sort()).toEqual(onDisk);
  });
});
