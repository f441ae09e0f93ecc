/**
 * A job that stopped for good leaves its error in the history (an audit row through mutate(), as
 * the actor the job acted for): what ran, which attempt, and why it stopped.
 */
import { type Actor, mutate } from "../audit/mutate";
import type { Db } from "../db/client";
import type { JobRun } from "./kind";

export const JOB_FAILED_ACTION = "job.failed";

export async function recordJobFailed(db: Db, actor: Actor, job: JobRun, message: string, retried: boolean): Promise<void> {
  const attempts = job.retryCount + 1;
  const why = retried ? `after ${attempts} attempts` : "without retrying (another attempt cannot fix it)";
  await mutate(db, actor, async () => ({
    result: null,
    audit: {
      action: JOB_FAILED_ACTION,
      entityType: "job",
      entityId: job.id,
      summary: `Job ${job.kind} failed ${why}: ${message}`.slice(0, 2000),
      before: null,
      after: { kind: job.kind, jobId: job.id, attempts, error: message },
    },
  }));
}
