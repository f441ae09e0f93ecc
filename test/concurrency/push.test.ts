/**
 * One push per stage at a time, across server processes (issue #16 item 4), on real PostgreSQL:
 * two servers (two connection pools on one database) push the same stage at the same moment,
 * against the fake control plane. AWS must see one CreateRestApi for a first push and one
 * CreateDeployment for a new snapshot; the push that loses is refused with 409 naming who pushes
 * (or, if it started after the winner finished, finds nothing left to do). A server killed (-9)
 * mid-push leaves a push that shows as interrupted and that the next push continues.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { resolve } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import type { Role } from "../../lib/auth/roles";
import { shareLimiter } from "../../lib/aws/client";
import { ApiGatewayLimiter, ManualClock } from "../../lib/aws/limiter";
import { createConnection } from "../../lib/connection/service";
import { openDb, type DbHandle } from "../../lib/db/client";
import { seedDemo } from "../../lib/db/seed";
import { createDeployment } from "../../lib/deployment/service";
import { ConflictError } from "../../lib/errors";
import { editDesign } from "../../lib/restapi/service";
import { listPushes, pushStage } from "../../lib/stage/push-service";
import { type FakeApiGateway, startFakeApiGateway } from "../fakes/fake-apigateway";
import { actorsOfEveryRole } from "../helpers/actors";
import { openTestDatabase, type TestDatabase } from "../helpers/databases";

describe("concurrent pushes of one stage on postgres", () => {
  let db: TestDatabase;
  let otherServer: DbHandle;
  let actors: Record<Role, Actor>;
  let fake: FakeApiGateway;
  let connectionId: string;
  let apiId: string;
  const stageName = "live";

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID ??= "AKIACONCURRENTPUSHES";
    process.env.AWS_SECRET_ACCESS_KEY ??= "concurrent-push-test-secret";
    db = await openTestDatabase("postgres");
    otherServer = await openDb({ databaseUrl: db.url, migrate: false });
    await seedDemo(db.handle.prisma);
    ({ actors } = await actorsOfEveryRole(db.handle.prisma));
  });
  afterAll(async () => {
    await otherServer?.close();
    await db?.drop();
  });

  beforeEach(async () => {
    const clock = new ManualClock();
    fake = await startFakeApiGateway({ now: clock.now });
    shareLimiter({ region: "us-east-1", endpointUrl: fake.url }, new ApiGatewayLimiter({ clock }));
    connectionId = (await createConnection(db.handle.prisma, actors.admin, { name: `fake-${fake.port}`, region: "us-east-1", endpointUrl: fake.url })).id;
    const prisma = db.handle.prisma;
    const api = await prisma.restApi.findFirstOrThrow({ where: { name: "PetStore", workspaceId: actors.admin.workspaceId } });
    await createDeployment(prisma, actors.deployer, api.id, { description: "v1" }).catch(() => undefined);
    const deployment = await prisma.deployment.findFirstOrThrow({ where: { restApiId: api.id }, orderBy: { createdAt: "desc" } });
    await prisma.stage.deleteMany({ where: { restApiId: api.id, name: stageName } });
    await prisma.stage.create({ data: { restApiId: api.id, name: stageName, deploymentId: deployment.id } });
    await prisma.restApi.update({ where: { id: api.id }, data: { awsRestApiId: null, awsConnectionId: null } });
    apiId = api.id;
  });
  afterEach(() => fake.close());

  /** The same push, started at once from this server and the other one. */
  async function pushFromBothServers() {
    const results = await Promise.allSettled([
      pushStage(db.handle.prisma, actors.deployer, apiId, stageName, { connectionId }),
      pushStage(otherServer.prisma, actors.admin, apiId, stageName, { connectionId }),
    ]);
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    for (const e of refused) {
      expect(e).toBeInstanceOf(ConflictError);
      expect(e.status).toBe(409);
      expect(e.message).toMatch(
        new RegExp(`^Stage ${stageName} is already being pushed by (deployer|admin)@\\S+ since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC`),
      );
    }
    expect(refused.length).toBeLessThan(2);
    return results;
  }

  it("two first pushes at once create one REST API on AWS, and the loser is refused or finds it done", async () => {
    await pushFromBothServers();
    expect(fake.callsOf("CreateRestApi")).toHaveLength(1);
    expect(fake.state.restApis.size).toBe(1);
    expect(fake.callsOf("CreateDeployment")).toHaveLength(1);
    const api = await db.handle.prisma.restApi.findUniqueOrThrow({ where: { id: apiId } });
    expect(api.awsRestApiId).toBe([...fake.state.restApis.keys()][0]);
    expect(await db.handle.prisma.pushLock.count()).toBe(0);
  });

  it("two pushes of a new snapshot to a pushed stage make one AWS deployment", async () => {
    await pushStage(db.handle.prisma, actors.deployer, apiId, stageName, { connectionId });
    const row = await db.handle.prisma.restApi.findUniqueOrThrow({ where: { id: apiId } });
    await editDesign(db.handle.prisma, actors.editor, apiId, row.version, { type: "addResourcePath", path: "/pets/concurrent" });
    const next = await createDeployment(db.handle.prisma, actors.deployer, apiId, { description: "v2" });
    await db.handle.prisma.stage.update({ where: { restApiId_name: { restApiId: apiId, name: stageName } }, data: { deploymentId: next.id } });
    fake.reset();

    await pushFromBothServers();
    expect(fake.callsOf("CreateDeployment")).toHaveLength(1);
    expect(fake.callsOf("CreateResource")).toHaveLength(1);
  });

  /** Another server process pushing the stage, its progress lines as they come. */
  function pushInAnotherProcess() {
    const env = { ...process.env, PUSH_CHILD: JSON.stringify({ databaseUrl: db.url, actor: actors.deployer, apiId, stageName, connectionId }) };
    const child = spawn(process.execPath, ["--import", "tsx", resolve(__dirname, "push-child.ts")], { env, stdio: ["ignore", "pipe", "inherit"] });
    const lines: { call: { operation: string; ok: boolean } }[] = [];
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const parts = out.split("\n");
      out = parts.pop()!;
      lines.push(...parts.map((l) => JSON.parse(l)));
    });
    return { child, lines };
  }

  /** Waits (bounded) until the condition holds; the condition, not the time taken, is what is tested. */
  async function until(what: string, check: () => Promise<boolean> | boolean) {
    for (let i = 0; i < 600; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`gave up waiting until ${what}`);
  }

  it("a server killed (-9) mid-push leaves a push shown as interrupted; the next push continues it on the REST API it made", async () => {
    // AWS never answers the document upload: the other server is stuck in its second call.
    fake.faults.add({ operation: "PutRestApi", nth: 1, timeout: "before" });
    const other = pushInAnotherProcess();
    const prisma = db.handle.prisma;
    await until("the other server created the REST API", () => other.lines.some((l) => l.call.operation === "CreateRestApi" && l.call.ok));
    // Kept as it went: the push row already says which REST API it made.
    await until(
      "the push row records it",
      async () => !!(await prisma.push.findFirst({ where: { restApiId: apiId, status: "running", awsRestApiId: { not: null } } })),
    );
    const stuck = (await listPushes(prisma, actors.admin.workspaceId, apiId))[0];
    expect(stuck).toMatchObject({ status: "running", pushingBy: { actorEmail: actors.deployer.email } });
    await expect(pushStage(prisma, actors.admin, apiId, stageName, { connectionId })).rejects.toBeInstanceOf(ConflictError);

    other.child.kill("SIGKILL");
    await once(other.child, "exit");
    expect((await listPushes(prisma, actors.admin.workspaceId, apiId))[0]).toMatchObject({ id: stuck.id, status: "interrupted", pushingBy: null });

    fake.faults.clear();
    const ok = await pushStage(prisma, actors.admin, apiId, stageName, { connectionId });
    expect(fake.callsOf("CreateRestApi")).toHaveLength(1);
    expect(fake.state.restApis.size).toBe(1);
    expect(ok.awsRestApiId).toBe(stuck.awsRestApiId);
    expect((await prisma.push.findUniqueOrThrow({ where: { id: stuck.id } })).status).toBe("interrupted");
    expect(await prisma.pushLock.count()).toBe(0);
  });
});
