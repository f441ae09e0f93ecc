/**
 * POST /apis/{apiId}/stages/{stageName}/push: the console's push, queued as a job (lib/jobs) like a
 * click on Push, and answered when the job has ended. The push runs on whichever instance's worker
 * takes it and survives the pipeline's connection dropping; refusals come before anything is
 * queued (a stage someone else is pushing is a 409 naming who pushes and since when); a push AWS
 * refused is its 502 PushFailed with AWS's words, as the job recorded it.
 */
import { z } from "zod";
import type { Actor } from "../audit/mutate";
import type { Db } from "../db/client";
import { consoleJobs, enqueuePush } from "../jobs";
import { pushJob } from "../jobs/push-job";
import { assertPushable, type PushOutcome } from "../stage/push-service";
import { parse, stageName } from "./parse";

const PushInput = z.object({ connectionId: z.uuid("Not an AWS connection id").optional() }).strict();

export async function push(db: Db, actor: Actor, apiId: string, stage: string, body: unknown, signal?: AbortSignal) {
  const input = parse(PushInput, body);
  const name = parse(z.object({ stageName }), { stageName: stage }).stageName;
  // Refusals first, from this request's database alone (the queue is opened only for a push that can start).
  await assertPushable(db, actor, apiId, name, input.connectionId);
  const queue = await consoleJobs();
  const jobId = await enqueuePush(queue, db, actor, { restApiId: apiId, stageName: name, connectionId: input.connectionId });
  const outcome = (await queue.waitFor(pushJob, jobId, { signal })) as PushOutcome;
  return {
    jobId,
    pushId: outcome.pushId,
    awsRestApiId: outcome.awsRestApiId,
    awsDeploymentId: outcome.awsDeploymentId,
    calls: outcome.calls,
    entityCalls: outcome.entityCalls,
  };
}
