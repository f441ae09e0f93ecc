/** REST APIs and their draft designs: reads, creation, and every edit through one versioned, audited path. */
import type { Db } from "../db/client";
import { mutate, type Actor } from "../audit/mutate";
import { assertCan } from "../auth/roles";
import { applyCommand, parseDesignCommand } from "../model/commands";
import { type ApiDesign, parseDesign } from "../model/design";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { newDesign } from "../model/operations";
import { isUuid } from "../model/ids";
import { lockAbandoned } from "../stage/push-lock";

export async function listRestApis(db: Db, workspaceId: string) {
  return db.restApi.findMany({
    where: { workspaceId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, description: true, updatedAt: true, version: true, awsRestApiId: true },
  });
}

export async function getRestApiOrThrow(db: Db, workspaceId: string, restApiId: string) {
  if (!isUuid(restApiId)) throw new NotFoundError("REST API");
  const row = await db.restApi.findFirst({ where: { id: restApiId, workspaceId } });
  if (!row) throw new NotFoundError("REST API");
  return { ...row, design: parseDesign(row.design) };
}

export async function createRestApi(db: Db, actor: Actor, input: { name: string; description?: string; design?: ApiDesign }) {
  assertCan(actor.role, "api.create");
  const design = input.design ?? newDesign(input);
  return mutate(db, actor, async (tx) => {
    const row = await tx.restApi.create({
      data: { workspaceId: actor.workspaceId, name: design.name, description: design.description, design: design as object },
    });
    return {
      result: row,
      audit: {
        action: "api.create",
        entityType: "api",
        entityId: row.id,
        restApiId: row.id,
        summary: `Created API ${design.name}`,
        before: null,
        after: design,
      },
    };
  });
}

/**
 * Applies one design command to the draft. `baseVersion` is the version the editor showed;
 * if someone saved since, the edit is refused with a conflict instead of overwriting theirs.
 */
export async function editDesign(db: Db, actor: Actor, restApiId: string, baseVersion: number, rawCommand: unknown) {
  assertCan(actor.role, "design.edit");
  const command = parseDesignCommand(rawCommand);
  if (!Number.isInteger(baseVersion)) throw new ValidationError([{ field: "baseVersion", message: "Required" }]);
  return mutate(db, actor, async (tx) => {
    const row = await tx.restApi.findFirst({ where: { id: restApiId, workspaceId: actor.workspaceId } });
    if (!row) throw new NotFoundError("REST API");
    if (row.version !== baseVersion) {
      throw new ConflictError(
        `This API was changed by someone else since you opened it (version ${row.version}, yours ${baseVersion}). Reload to see their change, then apply yours again.`,
      );
    }
    const outcome = applyCommand(parseDesign(row.design), command);
    // The version check in WHERE makes a concurrent save lose cleanly instead of overwriting.
    const updated = await tx.restApi.updateMany({
      where: { id: restApiId, version: baseVersion },
      data: { design: outcome.design as object, name: outcome.design.name, description: outcome.design.description, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new ConflictError("This API was changed by someone else while you saved. Reload and try again.");
    return {
      result: { version: baseVersion + 1, design: outcome.design },
      audit: {
        action: outcome.action,
        entityType: outcome.entityType,
        entityId: outcome.entityId,
        restApiId,
        summary: outcome.summary,
        before: outcome.before,
        after: outcome.after,
      },
    };
  });
}

/**
 * Deletes an API from Gatehouse with its stages, deployments, test cases, pushes and change
 * requests, in one transaction; its audit rows stay (they carry no foreign key), so the history
 * of a deleted API stays readable in the workspace history. Nothing on AWS is deleted.
 * `confirmName` must repeat the API's name, as the AWS console asks before deleting.
 */
export async function deleteRestApi(db: Db, actor: Actor, restApiId: string, confirmName: string) {
  assertCan(actor.role, "api.delete");
  if (!isUuid(restApiId)) throw new NotFoundError("REST API");
  return mutate(db, actor, async (tx) => {
    // FOR UPDATE, not lockRestApi's NO KEY UPDATE: rows being inserted elsewhere that reference
    // this API (a deployment, a test case) wait for this delete instead of slipping in.
    await tx.$queryRaw`SELECT 1 FROM "rest_apis" WHERE "id" = ${restApiId}::uuid FOR UPDATE`;
    const api = await tx.restApi.findFirst({ where: { id: restApiId, workspaceId: actor.workspaceId } });
    if (!api) throw new NotFoundError("REST API");
    if (confirmName.trim() !== api.name) throw new ValidationError([{ field: "confirmName", message: `Type ${api.name} to confirm` }]);
    const pushing = await tx.pushLock.findFirst({ where: { restApiId }, include: { stage: { select: { name: true } } } });
    if (pushing && !lockAbandoned(pushing)) {
      throw new ConflictError(
        `Stage ${pushing.stage.name} of ${api.name} is being pushed to AWS by ${pushing.actorEmail}: wait for the push to finish before deleting the API.`,
      );
    }
    const counts = {
      stages: await tx.stage.count({ where: { restApiId } }),
      deployments: await tx.deployment.count({ where: { restApiId } }),
      testCases: await tx.testCase.count({ where: { restApiId } }),
    };
    // Stages first: they hold their deployment with ON DELETE RESTRICT. Pushes, push locks and
    // change requests go with their stage or API through ON DELETE CASCADE.
    await tx.stage.deleteMany({ where: { restApiId } });
    await tx.restApi.delete({ where: { id: restApiId } });
    return {
      result: { id: restApiId, name: api.name, ...counts },
      audit: {
        action: "api.delete",
        entityType: "api",
        entityId: restApiId,
        restApiId,
        summary: `Deleted API ${api.name} with ${counts.stages} stage(s), ${counts.deployments} deployment(s) and ${counts.testCases} test case(s); nothing on AWS was deleted`,
        before: { name: api.name, version: api.version, awsConnectionId: api.awsConnectionId, awsRestApiId: api.awsRestApiId, ...counts, design: api.design },
        after: null,
      },
    };
  });
}
