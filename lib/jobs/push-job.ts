/**
 * Pushing a stage as a job: the request queues it and goes; a worker on any instance runs
 * `pushStage` (which takes the stage's push lock, records the push and every call on its row as
 * it goes, and continues from where an interrupted push stopped). A worker killed mid-push leaves
 * the job active; after its expiry pg-boss hands it to another worker, whose `pushStage` takes
 * over the dead holder's lock, marks that push interrupted and plans from what AWS now holds, so
 * no call that reached AWS is made again.
 */
import { z } from "zod";
import type { Actor } from "../audit/mutate";
import type { Db } from "../db/client";
import { ConflictError, fromZod, GatehouseError } from "../errors";
import { isUuid } from "../model/ids";
import { assertPushable, pushStage } from "../stage/push-service";
import { STAGE_NAME } from "../stage/rules";
import { defineJob, PermanentJobError } from "./kind";
import type { JobQueue } from "./queue";

export const pushInputSchema = z.object({
  restApiId: z.string().uuid(),
  stageName: z.string().min(1).max(128),
  connectionId: z.string().uuid().optional(),
});
export type PushJobInput = z.infer<typeof pushInputSchema>;

export const pushJob = defineJob<PushJobInput>({
  name: "stage-push",
  payload: pushInputSchema,
  // Retried for a crash, an outage, a stage still locked by a stopped server (its lock turns stale
  // after push-lock's STALE_AFTER_MS, 2 min, when on another host): 5, 10, 20, 40, 80 s and more.
  retryLimit: 5,
  retryDelaySeconds: 5,
  retryBackoff: true,
  // Longer than a large push takes under AWS's quotas; a killed worker's push waits this long.
  expireInSeconds: 15 * 60,
  // The push service's refusals and AWS's answers are final for this job (the push row and the
  // history say why, and "push again" continues); a stage busy with another live push is not.
  permanent: (e) => e instanceof GatehouseError && !(e instanceof ConflictError),
  async handler({ db, actor, job }, input) {
    if (!actor) throw new PermanentJobError("A push job must say who pushes");
    return pushStage(db, actor, input.restApiId, input.stageName, { connectionId: input.connectionId, jobId: job.id });
  },
});

/** Checks the push can start (answering refusals now), then queues it; returns the job's id. */
export async function enqueuePush(queue: JobQueue, db: Db, actor: Actor, input: PushJobInput): Promise<string> {
  const checked = pushInputSchema.safeParse(input);
  if (!checked.success) throw fromZod(checked.error);
  const parsed = checked.data;
  await assertPushable(db, actor, parsed.restApiId, parsed.stageName, parsed.connectionId);
  return queue.send(pushJob, actor, parsed);
}

/** The stage's push job still queued or running, if any (the newest), in this workspace. */
export async function openPushJob(queue: JobQueue, workspaceId: string, restApiId: string, stageName: string): Promise<string | null> {
  // No job names an id or a stage AWS would refuse (and text PostgreSQL cannot hold, U+0000, would
  // fail the lookup itself): nothing is pushing such a stage.
  if (!isUuid(restApiId) || !STAGE_NAME.test(stageName)) return null;
  const ids = await queue.openJobs(pushJob, { actor: { workspaceId }, input: { restApiId, stageName } });
  return ids.at(-1) ?? null;
}
