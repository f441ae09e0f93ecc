/**
 * A push job's progress, read from the database, so any instance and any tab follows the same
 * push live: the job's state from the queue, the calls from the push row the job writes as it goes
 * (`pushes.calls`, kept by the push lock's heartbeat). Lines are those the console already reads:
 * `progress` per call, then `done` or `error`; plus `queued` (waiting for a worker) and `retrying`
 * (a worker stopped; another attempt continues where it got to).
 */
import type { CallRecord } from "../aws/push";
import { plannedCallCount } from "../aws/push-counts";
import type { PushPlan } from "../aws/push";
import type { Db } from "../db/client";
import { pushJob } from "./push-job";
import type { JobQueue } from "./queue";

export type PushJobLine =
  | { type: "queued"; jobId: string }
  | { type: "retrying"; jobId: string; attempt: number }
  | { type: "progress"; done: number; total: number; call: Pick<CallRecord, "description" | "ok" | "operation" | "retries"> }
  | { type: "done"; pushId: string; awsRestApiId: string; awsDeploymentId: string; calls: number; entityCalls: number }
  | { type: "error"; status: number; message: string };

interface Seen {
  pushId: string | null;
  calls: number;
  attempt: number;
}

const FINISHED = new Set(["completed", "failed", "cancelled"]);

/** Reads once and sends what is new since `seen`; answers whether the job has ended. */
async function step(db: Db, queue: JobQueue, jobId: string, seen: Seen, send: (line: PushJobLine) => void): Promise<boolean> {
  const job = await queue.job(pushJob, jobId);
  if (!job) {
    send({ type: "error", status: 404, message: "That push job does not exist (or finished long ago)" });
    return true;
  }
  if (job.retryCount > seen.attempt) {
    seen.attempt = job.retryCount;
    send({ type: "retrying", jobId, attempt: job.retryCount + 1 });
  }
  const push = await db.push.findFirst({ where: { jobId }, orderBy: { startedAt: "desc" }, select: { id: true, plan: true, calls: true } });
  if (push) sendNewCalls(push, seen, send);
  if (!FINISHED.has(job.state)) return false;
  // Calls written in the same breath as the end are sent before it.
  const last = await db.push.findFirst({ where: { jobId }, orderBy: { startedAt: "desc" }, select: { id: true, plan: true, calls: true } });
  if (last) sendNewCalls(last, seen, send);
  send(endLine(job.state, job.output as Record<string, unknown> | null));
  return true;
}

function sendNewCalls(push: { id: string; plan: unknown; calls: unknown }, seen: Seen, send: (line: PushJobLine) => void) {
  if (push.id !== seen.pushId) {
    seen.pushId = push.id;
    seen.calls = 0;
  }
  const calls = push.calls as CallRecord[];
  const total = plannedCallCount(push.plan as PushPlan);
  for (const call of calls.slice(seen.calls)) {
    seen.calls++;
    send({ type: "progress", done: seen.calls, total, call: { description: call.description, ok: call.ok, operation: call.operation, retries: call.retries } });
  }
}

function endLine(state: string, output: Record<string, unknown> | null): PushJobLine {
  if (state === "completed" && output?.pushId) return { type: "done", ...(output as Omit<Extract<PushJobLine, { type: "done" }>, "type">) };
  if (state === "cancelled") return { type: "error", status: 409, message: "The push job was cancelled" };
  const status = typeof output?.status === "number" ? output.status : 502;
  const message = typeof output?.message === "string" ? output.message : "The push job failed";
  return { type: "error", status, message };
}

/**
 * Follows a push job until it ends or `signal` aborts (the watcher left: the job goes on). Polls
 * the database; the interval is what "live" means across instances.
 */
export async function followPushJob(
  db: Db,
  queue: JobQueue,
  jobId: string,
  send: (line: PushJobLine) => void,
  options: { pollMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const seen: Seen = { pushId: null, calls: 0, attempt: 0 };
  send({ type: "queued", jobId });
  while (!options.signal?.aborted) {
    if (await step(db, queue, jobId, seen, send)) return;
    await new Promise((r) => setTimeout(r, options.pollMs ?? 400));
  }
}
