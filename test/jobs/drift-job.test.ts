/**
 * Scheduled drift checks as jobs: a connection's schedule is validated and kept; the sweep sends one
 * check per scheduled connection per slot (sent again in the same slot, it adds none); the check
 * runs the drift check of every API bound to the connection, and drift that appeared on AWS is
 * recorded as a finding the notifications show (drift.detected).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import { createConnection, updateConnection } from "../../lib/connection/service";
import { seedDemo } from "../../lib/db/seed";
import { createDeployment } from "../../lib/deployment/service";
import { ValidationError } from "../../lib/errors";
import { driftCheckJob, driftSweepJob } from "../../lib/jobs/drift-job";
import { JOB_KINDS } from "../../lib/jobs/kinds";
import { JobQueue } from "../../lib/jobs/queue";
import { DRIFT_DETECTED_ACTION } from "../../lib/notifications/drift-finding";
import { pushStage } from "../../lib/stage/push-service";
import { type FakeApiGateway, startFakeApiGateway } from "../fakes/fake-apigateway";
import { actorsOfEveryRole } from "../helpers/actors";
import { openTestDatabase, type TestDatabase } from "../helpers/databases";

async function until<T>(what: string, read: () => Promise<T | null | undefined | false>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await read();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting until ${what}`);
}

describe("scheduled drift checks", () => {
  let db: TestDatabase;
  let fake: FakeApiGateway;
  let queue: JobQueue;
  let admin: Actor;
  let deployer: Actor;

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID ??= "AKIADRIFTJOBTEST";
    process.env.AWS_SECRET_ACCESS_KEY ??= "drift-job-test-secret";
    db = await openTestDatabase("postgres");
    await seedDemo(db.handle.prisma);
    ({
      actors: { admin, deployer },
    } = await actorsOfEveryRole(db.handle.prisma));
    fake = await startFakeApiGateway({ quotas: false });
    queue = await JobQueue.start(db.handle, JOB_KINDS, { connectionString: db.url, pollingSeconds: 0.5 });
  }, 60_000);
  afterAll(async () => {
    await queue?.stop(1000);
    await fake?.close();
    await db?.drop();
  });

  it("refuses a schedule that is not offered, naming the field, and keeps or clears a valid one", async () => {
    const refused = await createConnection(db.handle.prisma, admin, { name: "odd", region: "us-east-1", driftCheckMinutes: 7 }).catch((e) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused.issues).toEqual([{ field: "driftCheckMinutes", message: expect.stringMatching(/every 15 minutes, hourly/) }]);
    expect(await db.handle.prisma.awsConnection.count({ where: { name: "odd" } })).toBe(0);

    const row = await createConnection(db.handle.prisma, admin, { name: "hourly", region: "us-east-1", driftCheckMinutes: "60" });
    expect(row.driftCheckMinutes).toBe(60);
    const cleared = await updateConnection(db.handle.prisma, admin, row.id, { name: "hourly", region: "us-east-1", driftCheckMinutes: "" });
    expect(cleared.driftCheckMinutes).toBeNull();
  });

  it("checks the connection's APIs on its schedule and records drift that appeared on AWS", async () => {
    const prisma = db.handle.prisma;
    const connection = await createConnection(prisma, admin, { name: "scheduled", region: "us-east-1", endpointUrl: fake.url, driftCheckMinutes: 15 });
    const api = await prisma.restApi.findFirstOrThrow({ where: { name: "PetStore", workspaceId: admin.workspaceId } });
    const deployment = await createDeployment(prisma, deployer, api.id, { description: "v1" });
    await prisma.stage.create({ data: { restApiId: api.id, name: "live", deploymentId: deployment.id } });
    const pushed = await pushStage(prisma, deployer, api.id, "live", { connectionId: connection.id });

    // Someone changes the API on AWS, outside Gatehouse: a resource disappears.
    const live = fake.state.restApis.get(pushed.awsRestApiId)!;
    const gone = [...live.resources.values()].find((r) => r.path !== "/")!;
    live.resources.delete(gone.id);

    await queue.send(driftSweepJob, null, {});
    const finding = await until("the drift is recorded", () => prisma.auditEvent.findFirst({ where: { action: DRIFT_DETECTED_ACTION, restApiId: api.id } }));
    expect(finding.actorEmail).toBe("system");
    expect(finding.summary).toMatch(/^Drift found on AWS: /);

    // The same slot: a second sweep adds no check.
    await queue.send(driftSweepJob, null, {});
    await until("the second sweep ran", async () => (await queue.depths())["drift-sweep"] === 0);
    const checks = await queue.openJobs(driftCheckJob, {});
    const all = await prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'drift-check'`);
    expect(checks).toEqual([]);
    expect(all[0].n).toBe(1);
  });
});
