/**
 * The gateway's stage cache with several instances on one PostgreSQL database: instance A serves
 * a stage; instance B (its own Prisma client, as another server process would have) deploys
 * through the services. A serves the new deployment from `cacheMs` after the change at the latest,
 * reading the stage at most once per `cacheMs`. The clock is injected: no timing.
 * Also: what the Node handler skips for speed (the execution log) changes nothing a client sees.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor, type Actor } from "../../lib/audit/mutate";
import { openDb, type DbHandle } from "../../lib/db/client";
import { seedDemo } from "../../lib/db/seed";
import { createDeployment } from "../../lib/deployment/service";
import { clearSnapshotCache, resolveStageTargetCached, serveStageTarget, settleStageRefreshes, ThrottleRegistry } from "../../lib/gateway/index";
import { createRestApi, editDesign } from "../../lib/restapi/service";
import { createStage, setStageDeployment } from "../../lib/stage/service";
import { createEmptyPostgresDatabase } from "../helpers/databases";
import { designOf, mockMethod } from "../helpers/invoke";

const CACHE_MS = 1000;

describe("stage cache across instances (PostgreSQL)", () => {
  let empty: Awaited<ReturnType<typeof createEmptyPostgresDatabase>>;
  let a: DbHandle;
  let b: DbHandle;
  let actor: Actor;
  let apiId: string;

  beforeAll(async () => {
    empty = await createEmptyPostgresDatabase();
    a = await openDb({ databaseUrl: empty.url });
    b = await openDb({ databaseUrl: empty.url, migrate: false });
    await seedDemo(a.prisma);
    const ws = await a.prisma.workspace.findUniqueOrThrow({ where: { slug: "demo" } });
    actor = systemActor(ws.id);
    const api = await createRestApi(a.prisma, actor, { name: "cache", design: designOf({ "/v": { GET: mockMethod('{"v": 1}') } }) });
    apiId = api.id;
    const dep = await createDeployment(a.prisma, actor, apiId, {});
    await createStage(a.prisma, actor, apiId, { name: "prod", deploymentId: dep.id });
    clearSnapshotCache();
  });
  afterAll(async () => {
    clearSnapshotCache();
    await b?.close();
    await a?.close();
    await empty?.drop();
  });

  const bodyAt = async (now: number) => {
    const target = await resolveStageTargetCached(a.prisma, apiId, "prod", CACHE_MS, now);
    const res = await serveStageTarget(target!, { httpMethod: "GET", path: "/v", headers: {}, body: "" }, { throttles: new ThrottleRegistry() });
    return res.body;
  };

  it("serves a deploy made on another instance from cacheMs after it", async () => {
    expect(await bodyAt(10_000)).toBe('{"v": 1}');
    // Instance B: a new design, deployed and put on the stage through the services.
    const current = await b.prisma.restApi.findUniqueOrThrow({ where: { id: apiId } });
    const resourceId = (current.design as { resources: { id: string; pathPart: string }[] }).resources.find((r) => r.pathPart === "v")!.id;
    await editDesign(b.prisma, actor, apiId, current.version, {
      type: "putIntegrationResponse",
      resourceId,
      httpMethod: "GET",
      response: { statusCode: "200", responseTemplates: { "application/json": '{"v": 2}' } },
    });
    const dep2 = await createDeployment(b.prisma, actor, apiId, {});
    await setStageDeployment(b.prisma, actor, apiId, "prod", dep2.id);

    // Within cacheMs A keeps serving what it read.
    expect(await bodyAt(10_000 + CACHE_MS - 1)).toBe('{"v": 1}');
    // Past it, the next request reads the stage again: the new deployment answers.
    expect(await bodyAt(10_000 + CACHE_MS + 1)).toBe('{"v": 2}');
  });

  it("keeps serving the last good read when a re-read fails, and recovers on the next", async () => {
    await resolveStageTargetCached(a.prisma, apiId, "prod", CACHE_MS, 50_000);
    await settleStageRefreshes();
    // Read at 50 000 (the re-read the call above started).
    const before = await resolveStageTargetCached(a.prisma, apiId, "prod", CACHE_MS, 50_000);
    const broken = new Proxy(a.prisma, {
      get: (target, prop) => (prop === "restApi" ? { findFirst: () => Promise.reject(new Error("connection lost")) } : Reflect.get(target, prop)),
    });
    expect(await resolveStageTargetCached(broken, apiId, "prod", CACHE_MS, 50_000 + CACHE_MS + 1)).toBe(before);
    await settleStageRefreshes();
    expect(await resolveStageTargetCached(broken, apiId, "prod", CACHE_MS, 50_000 + CACHE_MS + 2)).toBe(before);
    await settleStageRefreshes();
    // The database is back: the next request reads the stage again (the same deployment).
    const after = await resolveStageTargetCached(a.prisma, apiId, "prod", CACHE_MS, 50_000 + CACHE_MS + 3);
    expect(after).not.toBe(before);
    expect(after!.deploymentId).toBe(before!.deploymentId);
  });
});
