/**
 * A push whose worker died (`kill -9`, a lost host) is handed back within a minute instead of
 * after its job's 15-minute expiry. Each minute, every push job pg-boss counts as running is held
 * against the push it is running: if that push's lock says its holder is gone (a process of this
 * host that no longer runs, or no heartbeat for push-lock's STALE_AFTER_MS), or the job has run
 * that long without a running push at all, the attempt is failed and pg-boss retries it on a live
 * worker, whose pushStage takes the lock over and continues from what AWS holds.
 */
import { z } from "zod";
import type { Db } from "../db/client";
import { lockAbandoned, STALE_AFTER_MS } from "../stage/push-lock";
import { defineJob } from "./kind";
import { pushJob } from "./push-job";
import type { JobQueue } from "./queue";

export const DEAD_WORKER_REASON = "The instance running this push stopped; the push is handed to another.";

/** Why the running push job `jobId` is abandoned, or null while a live worker holds it. */
async function abandonment(db: Db, jobId: string, startedOn: Date, now: number): Promise<string | null> {
  const push = await db.push.findFirst({ where: { jobId, status: "running" }, orderBy: { startedAt: "desc" } });
  if (!push) return now - startedOn.getTime() > STALE_AFTER_MS ? "no push has been running for it" : null;
  const lock = await db.pushLock.findUnique({ where: { stageId: push.stageId } });
  if (!lock || lock.pushId !== push.id) return now - push.startedAt.getTime() > STALE_AFTER_MS ? "its push holds no lock" : null;
  return lockAbandoned(lock, now) ? `its holder ${lock.holder} is gone` : null;
}

/** Hands back every push job whose worker is gone; returns their ids. */
export async function rescueAbandonedPushes(queue: JobQueue, db: Db, now = Date.now()): Promise<string[]> {
  const handed: string[] = [];
  for (const job of await queue.activeJobs(pushJob)) {
    const why = await abandonment(db, job.id, job.startedOn, now);
    if (!why) continue;
    await queue.handBack(pushJob, job.id, `${DEAD_WORKER_REASON} (${why})`);
    handed.push(job.id);
  }
  return handed;
}

export const pushRescueJob = defineJob<Record<string, never>>({
  name: "stage-push-rescue",
  payload: z.object({}).strict(),
  cron: "* * * * *",
  retryLimit: 0,
  retryDelaySeconds: 0,
  expireInSeconds: 60,
  permanent: () => true,
  async handler({ db, queue }) {
    return { handedBack: await rescueAbandonedPushes(queue, db) };
  },
});
