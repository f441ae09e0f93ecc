/**
 * One push per stage at a time, across server processes (issue #16 item 4), on real PostgreSQL:
 * two servers (two connection pools on one database) push the same stage at the same moment,
 * against the fake control plane. AWS must see one CreateRestApi for a first push and one
 * CreateDeployment for a new snapshot; the push that loses is refused with 409 naming who pushes
 * (or, if it started after the winner finished, finds nothing left to do).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import type { Role } from "../../lib/auth/roles";
import { shareLimiter } from "../../lib/aws/client";
import { ApiGatewayLimiter, ManualClock } from "../../lib/aws/limiter";
import { createConnection } from "../../lib/connection/service";
import { openDb, type DbHandle } from "../../lib/db/client";
import { seedDemo } from "../../lib/db/seed";
import { createDeployment } from "../../lib/deployment/service";
import { ConflictError } from "../../lib/model/errors";
import { editDesign } from "../../lib/restapi/service";
import { pushStage } from "../../lib/stage/push-service";
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
      expect(e.message).toMatch(new RegExp(`^Stage ${stageName} is already being pushed by (deployer|admin)@\\S+ since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC`));
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
});
