/** Stages: named pointers at one deployment, with variables and settings. */
import type { Db } from "../db/client";
import { mutate, type Actor } from "../audit/mutate";
import { assertCan } from "../auth/roles";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { isUuid } from "../model/ids";
import { lockRestApi } from "../db/locks";
import { checkStageName, checkStageVariables, MAX_STAGES_PER_API } from "./rules";
import { pointStage, stateOf } from "./changes";
import { describeAwsOutcome, syncStageToAws, type AwsOutcome } from "./aws-sync";
import { lockAbandoned } from "./push-lock";

export async function listStages(db: Db, restApiId: string) {
  return db.stage.findMany({
    where: { restApiId },
    orderBy: { name: "asc" },
    include: { deployment: { select: { id: true, description: true, createdAt: true } } },
  });
}

export async function createStage(
  db: Db,
  actor: Actor,
  restApiId: string,
  input: { name: string; deploymentId: string; description?: string; variables?: Record<string, string> },
) {
  assertCan(actor.role, "stage.write");
  const name = input.name.trim();
  const variables = input.variables ?? {};
  const issues = [...checkStageName(name), ...checkStageVariables(variables)];
  if (!input.deploymentId) issues.push({ field: "deploymentId", message: "Choose a deployment" });
  // Not a deployment id at all: answer like any other foreign id instead of letting the uuid column reject it.
  else if (!isUuid(input.deploymentId)) issues.push({ field: "deploymentId", message: "That deployment does not belong to this API" });
  if (issues.length) throw new ValidationError(issues);
  if (!isUuid(restApiId)) throw new NotFoundError("REST API");
  // For an API bound to AWS, the stage is created there first (when its deployment was pushed).
  const binding = await db.restApi.findFirst({
    where: { id: restApiId, workspaceId: actor.workspaceId },
    select: { id: true, awsConnectionId: true, awsRestApiId: true },
  });
  let aws: AwsOutcome = { status: "local" };
  if (
    binding?.awsRestApiId &&
    (await db.deployment.findFirst({ where: { id: input.deploymentId, restApiId } })) &&
    !(await db.stage.findFirst({ where: { restApiId, name } })) &&
    (await db.stage.count({ where: { restApiId } })) < MAX_STAGES_PER_API
  ) {
    const state = stateOf({ deploymentId: input.deploymentId, description: input.description?.trim() ?? "", variables, protected: false, settings: {} });
    aws = await syncStageToAws(db, binding, name, null, state);
  }
  const awsMessage = describeAwsOutcome(aws);
  const created = mutate(db, actor, async (tx) => {
    // Concurrent creations on one API run one after the other, so the name and count checks below hold.
    await lockRestApi(tx, restApiId);
    const api = await tx.restApi.findFirst({ where: { id: restApiId, workspaceId: actor.workspaceId }, select: { id: true } });
    if (!api) throw new NotFoundError("REST API");
    const deployment = await tx.deployment.findFirst({ where: { id: input.deploymentId, restApiId } });
    if (!deployment) throw new ValidationError([{ field: "deploymentId", message: "That deployment does not belong to this API" }]);
    if (await tx.stage.findFirst({ where: { restApiId, name } })) throw new ConflictError(`Stage ${name} already exists`);
    if ((await tx.stage.count({ where: { restApiId } })) >= MAX_STAGES_PER_API) {
      throw new ValidationError([{ field: "name", message: `An API can have at most ${MAX_STAGES_PER_API} stages` }]);
    }
    const stage = await tx.stage.create({
      data: { restApiId, name, deploymentId: deployment.id, description: input.description?.trim() ?? "", variables },
    });
    return {
      result: stage,
      audit: {
        action: "stage.create",
        entityType: "stage",
        entityId: name,
        restApiId,
        summary: `Created stage ${name} on deployment ${deployment.id.slice(0, 8)}${awsMessage ? `. ${awsMessage}` : ""}`,
        before: null,
        after: { name, deploymentId: deployment.id, description: stage.description, variables, ...(aws.status === "local" ? {} : { aws }) },
      },
    };
  });
  // The unique (rest_api_id, name) index is the last word if a stage appears by another path.
  return created.catch((e: unknown) => {
    if ((e as { code?: string }).code === "P2002") throw new ConflictError(`Stage ${name} already exists`);
    throw e;
  });
}

/**
 * Points a stage at another deployment of the same API (deploy, or roll back). On a protected
 * stage this records a request for approval instead (lib/stage/changes.ts).
 */
export async function setStageDeployment(db: Db, actor: Actor, restApiId: string, stageName: string, deploymentId: string) {
  return pointStage(db, actor, restApiId, stageName, deploymentId);
}

/**
 * Deletes a stage from Gatehouse (its pushes, push lock and change requests go with it through
 * the foreign keys; its audit rows stay). The stage on AWS is left as it is: Gatehouse never
 * deletes anything on AWS. Refused while a request waits for approval (the approver would find
 * nothing to approve) or a push runs (it would write into a stage that is gone).
 */
export async function deleteStage(db: Db, actor: Actor, restApiId: string, stageName: string) {
  assertCan(actor.role, "stage.delete");
  if (!isUuid(restApiId)) throw new NotFoundError("REST API");
  return mutate(db, actor, async (tx) => {
    await lockRestApi(tx, restApiId);
    const api = await tx.restApi.findFirst({ where: { id: restApiId, workspaceId: actor.workspaceId }, select: { id: true } });
    if (!api) throw new NotFoundError("REST API");
    const stage = await tx.stage.findFirst({ where: { restApiId, name: stageName } });
    if (!stage) throw new NotFoundError(`Stage ${stageName}`);
    if (stage.protected) assertCan(actor.role, "stage.deleteProtected");
    const pending = await tx.stageChangeRequest.findFirst({ where: { stageId: stage.id, status: "pending" } });
    if (pending) {
      throw new ConflictError(
        `Stage ${stageName} has a change waiting for approval (${pending.summary}). Approve, reject or cancel it before deleting the stage.`,
      );
    }
    const lock = await tx.pushLock.findUnique({ where: { stageId: stage.id } });
    if (lock && !lockAbandoned(lock)) {
      throw new ConflictError(`Stage ${stageName} is being pushed to AWS by ${lock.actorEmail}: wait for the push to finish before deleting the stage.`);
    }
    await tx.stage.delete({ where: { id: stage.id } });
    return {
      result: { name: stageName },
      audit: {
        action: "stage.delete",
        entityType: "stage",
        entityId: stageName,
        restApiId,
        summary: `Deleted stage ${stageName} (the stage on AWS, if any, is left as it is)`,
        before: {
          name: stage.name,
          deploymentId: stage.deploymentId,
          description: stage.description,
          variables: stage.variables,
          settings: stage.settings,
          protected: stage.protected,
          awsDeploymentId: stage.awsDeploymentId,
        },
        after: null,
      },
    };
  });
}
