/**
 * The console's job queue: one per process, on globalThis (instrumentation starts it; Next's route
 * handlers, bundled separately, reach the same one). Every instance runs the workers unless
 * GATEHOUSE_JOB_WORKERS=off (then it only queues, and other instances run the jobs).
 */
import { getDb } from "../db";
import { onShutdown } from "../ops/lifecycle";
import { JOB_KINDS } from "./kinds";
import { JobQueue } from "./queue";

const QUEUE = Symbol.for("gatehouse.jobs");

type Store = Record<symbol, Promise<JobQueue> | undefined>;

/** How long SIGTERM lets a running job finish before leaving it to be retried elsewhere. */
export const JOB_DRAIN_MS = Number(process.env.GATEHOUSE_JOB_DRAIN_MS ?? 20_000);

/** Starts the queue (once per process) and registers its stop with the process's shutdown. */
export function consoleJobs(): Promise<JobQueue> {
  const store = globalThis as Store;
  store[QUEUE] ??= (async () => {
    const handle = await getDb();
    // pg-boss creates and migrates its own schema: as the schema owner when the console runs as a
    // role that owns nothing (DATABASE_MIGRATION_URL), else on the console's own connection.
    const connectionString = process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL || undefined;
    const queue = await JobQueue.start(handle, JOB_KINDS, { connectionString, work: process.env.GATEHOUSE_JOB_WORKERS !== "off" });
    onShutdown("job queue", () => queue.stop(JOB_DRAIN_MS));
    return queue;
  })().catch((e) => {
    store[QUEUE] = undefined;
    throw e;
  });
  return store[QUEUE];
}

export { importAsJob } from "./import-job";
export { enqueuePush, openPushJob } from "./push-job";
export { runTestsAsJob } from "./test-run-job";
export { followPushJob, type PushJobLine } from "./push-progress";
export type { JobQueue } from "./queue";
