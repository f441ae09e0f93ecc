/**
 * POST /apis/{apiId}/stages/{stageName}/push: the console's push (lib/stage/push-service
 * `pushStage`), answered when it has ended. A stage someone else is pushing is the service's 409,
 * naming who pushes and since when; a push AWS refused is its 502 PushFailed with AWS's words.
 */
import { z } from "zod";
import type { Actor } from "../audit/mutate";
import type { Db } from "../db/client";
import { pushStage } from "../stage/push-service";
import { parse, stageName } from "./parse";

const PushInput = z.object({ connectionId: z.uuid("Not an AWS connection id").optional() }).strict();

export async function push(db: Db, actor: Actor, apiId: string, stage: string, body: unknown) {
  const input = parse(PushInput, body);
  const name = parse(z.object({ stageName }), { stageName: stage }).stageName;
  const outcome = await pushStage(db, actor, apiId, name, { connectionId: input.connectionId });
  return {
    pushId: outcome.pushId,
    awsRestApiId: outcome.awsRestApiId,
    awsDeploymentId: outcome.awsDeploymentId,
    calls: outcome.calls,
    entityCalls: outcome.entityCalls,
  };
}
