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
import { rescueAbandonedPushes } from "../../lib/jobs/push-rescue";
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

function startWorker(databaseUrl: string, expireInSeconds: number | undefined) {
  const env = { ...process.env, JOB_CHILD: JSON.stringify({ databaseUrl, expireInSeconds }) };
  const child = spawn(process.execPath, ["--import", "tsx", resolve(__dirname, "job-worker-child.ts")], { env, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (d) => void (out += d));
  return { child, ready: () => out.includes("ready") };
}

/** A database with PetStore deployed to stage live, the fake control plane, this process as a watcher, and two worker processes. */
function pushJobWorld(expireInSeconds: number | undefined) {
  const world = {} as {
    db: TestDatabase;
    fake: FakeApiGateway;
    queue: JobQueue;
    workers: { child: ChildProcess; ready: () => boolean }[];
    deployer: Actor;
    apiId: string;
    connectionId: string;
  };
  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID ??= "AKIAPUSHJOBTEST";
    process.env.AWS_SECRET_ACCESS_KEY ??= "push-job-test-secret";
    world.db = await openTestDatabase("postgres");
    const prisma = world.db.handle.prisma;
    await seedDemo(prisma);
    const { actors } = await actorsOfEveryRole(prisma);
    world.deployer = actors.deployer;
    world.fake = await startFakeApiGateway();
    world.connectionId = (await createConnection(prisma, actors.admin, { name: "fake", region: "us-east-1", endpointUrl: world.fake.url })).id;
    const api = await prisma.restApi.findFirstOrThrow({ where: { name: "PetStore", workspaceId: world.deployer.workspaceId } });
    const deployment = await createDeployment(prisma, world.deployer, api.id, { description: "v1" });
    await prisma.stage.create({ data: { restApiId: api.id, name: "live", deploymentId: deployment.id } });
    world.apiId = api.id;
    // This process only queues and watches, as an instance without workers would.
    world.queue = await JobQueue.start(world.db.handle, JOB_KINDS, { connectionString: world.db.url, work: false, expireInSeconds });
    world.workers = [startWorker(world.db.url!, expireInSeconds), startWorker(world.db.url!, expireInSeconds)];
    await until("both workers take jobs", () => world.workers.every((w) => w.ready()));
  }, 120_000);

  afterAll(async () => {
    for (const w of world.workers ?? []) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
    await world.queue?.stop(1000);
    await world.fake?.close();
    await world.db?.drop();
  });
  return world;
}

/** Starts a push whose PutRestApi AWS applies but never answers, and kills (-9) the worker that holds it. */
async function killThePusher(world: ReturnType<typeof pushJobWorld>) {
  const { fake, queue, deployer, apiId, connectionId, workers } = world;
  const prisma = world.db.handle.prisma;
  fake.faults.add({ operation: "PutRestApi", nth: 1, timeout: "after" });
  const jobId = await enqueuePush(queue, prisma, deployer, { restApiId: apiId, stageName: "live", connectionId });
  const lines: PushJobLine[] = [];
  const watching = followPushJob(prisma, queue, jobId, (l) => lines.push(l), { pollMs: 100 });
  await until("AWS received the upload", () => fake.calls.some((c) => c.operation === "PutRestApi"));
  const lock = await until("the push holds the stage's lock", () => prisma.pushLock.findFirst({ where: { restApiId: apiId } }));
  const taker = workers.find((w) => w.child.pid === Number(lock.holder.split("/")[1]));
  expect(taker, "the push runs in one of the two workers").toBeDefined();
  expect((await prisma.push.findFirstOrThrow({ where: { jobId } })).status).toBe("running");
  taker!.child.kill("SIGKILL");
  await once(taker!.child, "exit");
  return { jobId, lines, watching };
}

/** The push finished on the other worker, on the REST API the first one made, and AWS saw no write twice. */
async function expectFinishedOnce(world: ReturnType<typeof pushJobWorld>, jobId: string) {
  const prisma = world.db.handle.prisma;
  expect(await world.queue.job(pushJob, jobId)).toMatchObject({ state: "completed", retryCount: 1 });
  const pushes = await prisma.push.findMany({ where: { jobId }, orderBy: { startedAt: "asc" } });
  expect(pushes.map((p) => p.status)).toEqual(["interrupted", "succeeded"]);
  expect(pushes[1].awsRestApiId).toBe(pushes[0].awsRestApiId);
  expect(await prisma.pushLock.count()).toBe(0);
  // Every call that changes something reached AWS once: the retry planned from what AWS holds.
  const writes = world.fake.calls.filter((c) => !/^(Get|List)/.test(c.operation)).map((c) => c.operation);
  expect(writes.length).toBeGreaterThan(2);
  expect(new Set(writes).size, `AWS saw: ${writes.join(", ")}`).toBe(writes.length);
  expect(world.fake.state.restApis.size).toBe(1);
  return pushes;
}

describe("a push job survives its worker being killed (-9), on postgres", () => {
  const world = pushJobWorld(EXPIRE_SECONDS);

  it("the other worker finishes it after the job's expiry, no AWS call is made twice, and a watcher sees it live", async () => {
    const { jobId, lines, watching } = await killThePusher(world);
    await watching;
    const pushes = await expectFinishedOnce(world, jobId);
    // The watcher (another instance) saw the job queued, progress, the retry, then the outcome.
    expect(lines[0]).toEqual({ type: "queued", jobId });
    expect(lines.some((l) => l.type === "progress" && l.call.operation === "CreateRestApi")).toBe(true);
    expect(lines).toContainEqual({ type: "retrying", jobId, attempt: 2 });
    expect(lines.at(-1)).toMatchObject({ type: "done", pushId: pushes[1].id, awsRestApiId: pushes[0].awsRestApiId });
  }, 120_000);
});

describe("a dead worker's push is handed back at once, not after the 15-minute expiry, on postgres", () => {
  const world = pushJobWorld(undefined);

  it("the rescue finds the holder gone and hands the job back; the other worker finishes it, no AWS call twice", async () => {
    const { jobId, watching } = await killThePusher(world);
    // Nothing happens by itself for 15 minutes: the job is still active on the dead worker.
    expect((await world.queue.activeJobs(pushJob)).map((j) => j.id)).toEqual([jobId]);
    // The rescue (run here instead of waiting for its minute) finds the holder's process gone.
    expect(await rescueAbandonedPushes(world.queue, world.db.handle.prisma)).toEqual([jobId]);
    expect(await rescueAbandonedPushes(world.queue, world.db.handle.prisma)).toEqual([]);
    await watching;
    await expectFinishedOnce(world, jobId);
  }, 120_000);

  it("leaves a push alone while its worker lives", async () => {
    const prisma = world.db.handle.prisma;
    let release = () => {};
    world.fake.faults.add({ operation: "*", nth: 1, hold: new Promise<void>((r) => (release = r)) });
    const jobId = await enqueuePush(world.queue, prisma, world.deployer, { restApiId: world.apiId, stageName: "live", connectionId: world.connectionId });
    await until("the push holds the stage's lock", () => prisma.pushLock.findFirst({ where: { restApiId: world.apiId } }));
    await until("AWS holds the push's first call", () => world.fake.calls.length > 0);
    expect(await rescueAbandonedPushes(world.queue, prisma)).toEqual([]);
    release();
    await world.queue.waitFor(pushJob, jobId, { pollMs: 100 });
    expect((await world.queue.job(pushJob, jobId))?.retryCount).toBe(0);
  }, 120_000);
});
