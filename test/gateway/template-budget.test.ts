/**
 * No anonymous gateway request can freeze the console through a template (issue #16, item 1):
 * a catastrophic regex on a query parameter answers at once, a loop bomb is stopped and answered
 * as AWS answers a template failure (500, logged), and the console's real `/api/health` handler
 * keeps answering within a second while either runs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "../../app/api/health/route";
import { systemActor } from "../../lib/audit/mutate";
import type { DbHandle } from "../../lib/db/client";
import { seedDemo } from "../../lib/db/seed";
import { createDeployment } from "../../lib/deployment/service";
import { clearSnapshotCache, serveGatewayRequest, ThrottleRegistry, type GatewayRequest } from "../../lib/gateway/index";
import { designOf } from "../helpers/invoke";
import { createRestApi } from "../../lib/restapi/service";
import { createStage } from "../../lib/stage/service";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";

const mockWithResponseTemplate = (template: string) => ({
  methodResponses: { "200": { statusCode: "200" } },
  integration: {
    type: "MOCK",
    requestTemplates: { "application/json": '{"statusCode": 200}' },
    integrationResponses: { "200": { statusCode: "200", responseTemplates: { "application/json": template } } },
  },
});

const ATTACK = "a".repeat(27) + "!";
const LOOP_BOMB = "#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..3])$c#end#end#end";

const get = (path: string, query = ""): GatewayRequest => ({ httpMethod: "GET", path, query, headers: {}, body: "" });

/**
 * Runs the console's real health route over and over while `attack` is in flight and returns the
 * longest gap between two answers: a request to /api/health arriving at any moment during the
 * attack waits at most that long (a render holding the event loop shows up as one long gap).
 */
async function healthDuring<T>(attack: Promise<T>): Promise<{ result: T; longestGapMs: number; statuses: number[] }> {
  let done = false;
  const watched = attack.finally(() => {
    done = true;
  });
  let longestGapMs = 0;
  const statuses: number[] = [];
  const probing = (async () => {
    let last = performance.now();
    while (!done) {
      statuses.push((await health()).status);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const now = performance.now();
      longestGapMs = Math.max(longestGapMs, now - last);
      last = now;
    }
  })();
  const [result] = await Promise.all([watched, probing]);
  return { result, longestGapMs, statuses };
}

describe.each(DATABASE_KINDS)("template budget through the local gateway on %s", (kind) => {
  let db: TestDatabase;
  let apiId: string;
  const p = () => db.handle.prisma;
  const serve = (req: GatewayRequest) => serveGatewayRequest(p(), apiId, "prod", req, { throttles: new ThrottleRegistry(), stageCacheMs: 0 });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    (globalThis as { gatehouseDb?: Promise<DbHandle> }).gatehouseDb = Promise.resolve(db.handle);
    await seedDemo(p());
    const ws = await p().workspace.findUniqueOrThrow({ where: { slug: "demo" } });
    const actor = systemActor(ws.id);
    const design = designOf({
      "/regex": { GET: mockWithResponseTemplate(`{"matched": $input.params('q').matches('(a+)+$')}`) },
      "/loops": { GET: mockWithResponseTemplate(LOOP_BOMB) },
    });
    apiId = (await createRestApi(p(), actor, { name: "Budget", design })).id;
    const deploymentId = (await createDeployment(p(), actor, apiId, { description: "v1" })).id;
    await createStage(p(), actor, apiId, { name: "prod", deploymentId });
  });
  afterAll(async () => {
    delete (globalThis as { gatehouseDb?: unknown }).gatehouseDb;
    await db?.drop();
    clearSnapshotCache();
  });

  it("a catastrophic regex on a query parameter answers at once, and health keeps answering", async () => {
    const { result: res, longestGapMs, statuses } = await healthDuring(serve(get("/regex", `q=${ATTACK}`)));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ matched: false });
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(longestGapMs).toBeLessThan(1000);
  });

  it("a loop bomb is stopped and answered as AWS answers a template failure, and health keeps answering", async () => {
    const { result: res, longestGapMs, statuses } = await healthDuring(serve(get("/loops")));
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body)).toEqual({ message: "Internal server error" });
    expect(res.log).toContain("Execution failed due to configuration error: Unable to transform response");
    // Whichever bound comes first on this machine: the step budget or the wall-time budget.
    expect(res.log).toMatch(/Mapping template error: Template evaluation stopped: the render (exceeded 1,000,000 evaluation steps|took longer than 500 ms)/);
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(longestGapMs).toBeLessThan(1000);
  });
});
