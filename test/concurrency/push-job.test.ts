/**
 * A push is a durable job (issue #15 item 2), on real PostgreSQL with two worker processes and the
 * fake control plane (it counts every call): the worker that took the push is killed (-9) while
 * AWS is applying a call whose answer it will never read; after the job's expiry the other worker
 * takes the job, finishes the push on the REST API the first one made, and AWS sees no call twice.
 * A third party (the test, as another instance) follows the job's progress from the database.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import { createConnection } from "../../lib/connection/service";
import { seedDemo } from "../../lib/db/seed";
import { createDeployment } from "../../lib/deployment/service";
import { JOB_KINDS } from "../../lib/jobs/kinds";
import { enqueuePush, pushJob } from "../../lib/jobs/push-job";
import { followPushJob, type PushJobLine } from "../../lib/jobs/push-progress";
import { JobQueue } from "../../lib/jobs/queue";
import { type FakeApiGateway, startFakeApiGateway } from "../fakes/fake-apigateway";
import { actorsOfEveryRole } from "../helpers/actors";
import { openTestDatabase, type TestDatabase } from "../helpers/databases";

/** Short, so the killed worker's job is retried within the test; longer than a push takes here (the AWS quota limiter paces its calls). */
const EXPIRE_SECONDS = 12;

/** Waits (bounded) until the condition holds; the condition, not the time taken, is what is tested. */
async function until<T>(what: string, read: () => Promise<T | null | undefined | false> | T | null | undefined | false): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await read();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting until ${what}`);
}

function startWorker(databaseUrl: string) {
  const env = { ...process.env, JOB_CHILD: JSON.stringify({ databaseUrl, expireInSeconds: EXPIRE_SECONDS }) };
  const child = spawn(process.execPath, ["--import", "tsx", resolve(__dirname, "job-worker-child.ts")], { env, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (d) => void (out += d));
  return { child, ready: () => out.includes("ready") };
}

describe("a push job survives its worker being killed (-9), on postgres", () => {
  let db: TestDatabase;
  let fake: FakeApiGateway;
  let queue: JobQueue;
  let workers: { child: ChildProcess; ready: () => boolean }[] = [];
  let deployer: Actor;
  let apiId: string;
  let connectionId: string;

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID ??= "AKIAPUSHJOBTEST";
    process.env.AWS_SECRET_ACCESS_KEY ??= "push-job-test-secret";
    db = await openTestDatabase("postgres");
    const prisma = db.handle.prisma;
    await seedDemo(prisma);
    const { actors } = await actorsOfEveryRole(prisma);
    deployer = actors.deployer;
    fake = await startFakeApiGateway();
    connectionId = (await createConnection(prisma, actors.admin, { name: "fake", region: "us-east-1", endpointUrl: fake.url })).id;
    const api = await prisma.restApi.findFirstOrThrow({ where: { name: "PetStore", workspaceId: deployer.workspaceId } });
    const deployment = await createDeployment(prisma, deployer, api.id, { description: "v1" });
    await prisma.stage.create({ data: { restApiId: api.id, name: "live", deploymentId: deployment.id } });
    apiId = api.id;
    // This process only queues and watches, as an instance without workers would.
    queue = await JobQueue.start(db.handle, JOB_KINDS, { connectionString: db.url, work: false, expireInSeconds: EXPIRE_SECONDS });
    workers = [startWorker(db.url!), startWorker(db.url!)];
    await until("both workers take jobs", () => workers.every((w) => w.ready()));
  }, 120_000);

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
    await queue?.stop(1000);
    await fake?.close();
    await db?.drop();
  });

  it("the other worker finishes it, no AWS call is made twice, and a watcher sees it live", async () => {
    // AWS applies the document upload but its answer never comes: the worker waits on it when killed.
    fake.faults.add({ operation: "PutRestApi", nth: 1, timeout: "after" });
    const prisma = db.handle.prisma;
    const jobId = await enqueuePush(queue, prisma, deployer, { restApiId: apiId, stageName: "live", connectionId });
    const lines: PushJobLine[] = [];
    const watching = followPushJob(prisma, queue, jobId, (l) => lines.push(l), { pollMs: 100 });

    await until("AWS received the upload", () => fake.calls.some((c) => c.operation === "PutRestApi"));
    const lock = await until("the push holds the stage's lock", () => prisma.pushLock.findFirst({ where: { restApiId: apiId } }));
    const holderPid = Number(lock.holder.split("/")[1]);
    const taker = workers.find((w) => w.child.pid === holderPid);
    expect(taker, "the push runs in one of the two workers").toBeDefined();
    const first = await prisma.push.findFirstOrThrow({ where: { jobId } });
    expect(first.status).toBe("running");

    taker!.child.kill("SIGKILL");
    await once(taker!.child, "exit");
    await watching;

    const job = await queue.job(pushJob, jobId);
    expect(job).toMatchObject({ state: "completed", retryCount: 1 });
    const pushes = await prisma.push.findMany({ where: { jobId }, orderBy: { startedAt: "asc" } });
    expect(pushes.map((p) => p.status)).toEqual(["interrupted", "succeeded"]);
    expect(pushes[1].awsRestApiId).toBe(pushes[0].awsRestApiId);
    expect(await prisma.pushLock.count()).toBe(0);

    // Every call that changes something reached AWS once: the retry planned from what AWS holds.
    const writes = fake.calls.filter((c) => !/^(Get|List)/.test(c.operation)).map((c) => c.operation);
    expect(writes.length).toBeGreaterThan(2);
    expect(new Set(writes).size, `AWS saw: ${writes.join(", ")}`).toBe(writes.length);
    expect(fake.state.restApis.size).toBe(1);

    // The watcher (another instance) saw the job queued, progress, the retry, then the outcome.
    expect(lines[0]).toEqual({ type: "queued", jobId });
    expect(lines.some((l) => l.type === "progress" && l.call.operation === "CreateRestApi")).toBe(true);
    expect(lines).toContainEqual({ type: "retrying", jobId, attempt: 2 });
    expect(lines.at(-1)).toMatchObject({ type: "done", pushId: pushes[1].id, awsRestApiId: pushes[0].awsRestApiId });
  }, 120_000);
});
