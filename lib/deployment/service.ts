/** Deployments: immutable, content-addressed snapshots of a draft. */
import type { Db } from "../db/client";
import { mutate, type Actor } from "../audit/mutate";
import { assertCan } from "../auth/roles";
import { type ApiDesign, parseDesign } from "../model/design";
import { GatehouseError, NotFoundError, ValidationError } from "../errors";
import { lockRestApi } from "../db/locks";
import { resourcePath } from "../model/tree";
import { contentHash, normaliseDesign } from "../snapshot/snapshot";
import { getRestApiOrThrow } from "../restapi/service";
import { isUuid } from "../model/ids";
import { deploymentsOf, type StageTransition } from "../stage/transitions";

/** What AWS's CreateDeployment refuses, checked before a snapshot is taken. */
export function deployabilityIssues(design: ApiDesign): string[] {
  const issues: string[] = [];
  const methods = design.resources.flatMap((r) => Object.values(r.methods).map((m) => ({ r, m })));
  if (methods.length === 0) issues.push("The REST API doesn't contain any methods");
  for (const { r, m } of methods) {
    if (!m.integration) issues.push(`No integration defined for method ${m.httpMethod} ${resourcePath(design, r)}`);
  }
  return issues;
}

export async function listDeployments(db: Db, restApiId: string) {
  return db.deployment.findMany({
    where: { restApiId },
    orderBy: { createdAt: "desc" },
    select: { id: true, description: true, contentHash: true, createdAt: true, createdById: true },
  });
}

/**
 * Snapshots the draft as a new deployment, refused (409 NoChanges) when it holds exactly what
 * the latest deployment holds. The API's row is locked first, so concurrent deploys of one draft
 * run one after the other: the first creates the deployment, the rest find it and answer 409.
 */
export async function createDeployment(db: Db, actor: Actor, restApiId: string, input: { description?: string }) {
  assertCan(actor.role, "deployment.create");
  await getRestApiOrThrow(db, actor.workspaceId, restApiId);
  return mutate(db, actor, async (tx) => {
    await lockRestApi(tx, restApiId);
    // Read under the lock: the snapshot is the draft as it is now, not as it was before waiting.
    const api = await tx.restApi.findFirst({ where: { id: restApiId, workspaceId: actor.workspaceId } });
    if (!api) throw new NotFoundError("REST API");
    const design = parseDesign(api.design);
    const issues = deployabilityIssues(design);
    if (issues.length) throw new ValidationError(issues.map((message) => ({ field: "design", message })));
    const snapshot = normaliseDesign(design);
    const hash = contentHash(snapshot);
    const latest = await tx.deployment.findFirst({ where: { restApiId }, orderBy: { createdAt: "desc" } });
    if (latest?.contentHash === hash) {
      throw new GatehouseError(`Nothing to deploy: the draft has not changed since deployment ${latest.id.slice(0, 8)}`, 409, [], "NoChanges");
    }
    const deployment = await tx.deployment.create({
      data: { restApiId, description: input.description?.trim() ?? "", snapshot: snapshot as object, contentHash: hash, createdById: actor.userId },
    });
    return {
      result: deployment,
      audit: {
        action: "deployment.create",
        entityType: "deployment",
        entityId: deployment.id,
        restApiId,
        summary: `Created deployment ${deployment.id.slice(0, 8)}${deployment.description ? ` (${deployment.description})` : ""}`,
        before: null,
        after: { id: deployment.id, description: deployment.description, contentHash: hash, apiVersion: api.version },
      },
    };
  });
}

export async function getDeploymentSnapshot(db: Db, restApiId: string, deploymentId: string): Promise<ApiDesign> {
  const d = await db.deployment.findFirst({ where: { id: deploymentId, restApiId } });
  if (!d) throw new GatehouseError("Deployment not found", 404, [], "NotFound");
  return parseDesign(d.snapshot);
}

/** Names of the stages whose canary runs `deploymentId` (stored in the stage's settings). */
function canaryStagesOf(stages: { name: string; settings: unknown }[], deploymentId: string): string[] {
  return stages
    .filter((s) => {
      const canary = (s.settings as { canarySettings?: { deploymentId?: unknown } } | null)?.canarySettings;
      return canary?.deploymentId === deploymentId;
    })
    .map((s) => s.name);
}

/**
 * Deletes a deployment from Gatehouse. As AWS's DeleteDeployment does, refused (409) while a stage
 * or a stage's canary points at it, naming them; also while a change waiting for approval would
 * point a stage at it. Nothing on AWS is touched; the audit rows stay.
 */
export async function deleteDeployment(db: Db, actor: Actor, restApiId: string, deploymentId: string) {
  assertCan(actor.role, "deployment.delete");
  await getRestApiOrThrow(db, actor.workspaceId, restApiId);
  if (!isUuid(deploymentId)) throw new NotFoundError("Deployment");
  return removeDeployment(db, actor, restApiId, deploymentId).catch((e: unknown) => {
    // A stage pointed at it (point, rollback, canary) after the check: the foreign key refused the delete.
    if (isForeignKeyViolation(e)) {
      throw new GatehouseError(
        `Deployment ${deploymentId.slice(0, 8)} cannot be deleted: a stage was pointed at it meanwhile. Reload to see which.`,
        409,
        [],
        "Conflict",
      );
    }
    throw e;
  });
}

/** Prisma's P2003, or the driver's message when it passes PostgreSQL's 23503 through unmapped. */
function isForeignKeyViolation(e: unknown): boolean {
  return (e as { code?: string })?.code === "P2003" || /foreign key/i.test((e as Error)?.message ?? "");
}

async function removeDeployment(db: Db, actor: Actor, restApiId: string, deploymentId: string) {
  return mutate(db, actor, async (tx) => {
    // Serialised with stage creation, which checks the deployment under the same lock.
    await lockRestApi(tx, restApiId);
    const deployment = await tx.deployment.findFirst({ where: { id: deploymentId, restApiId } });
    if (!deployment) throw new NotFoundError("Deployment");
    const stages = await tx.stage.findMany({ where: { restApiId }, select: { name: true, deploymentId: true, settings: true }, orderBy: { name: "asc" } });
    const users = [
      ...stages.filter((s) => s.deploymentId === deploymentId).map((s) => s.name),
      ...canaryStagesOf(stages, deploymentId).map((name) => `${name} (canary)`),
    ];
    const short = deploymentId.slice(0, 8);
    if (users.length) {
      throw new GatehouseError(
        `Deployment ${short} cannot be deleted: stage${users.length > 1 ? "s" : ""} ${users.join(", ")} point${users.length > 1 ? "" : "s"} at it. Point them at another deployment or delete them first.`,
        409,
        [],
        "Conflict",
      );
    }
    const pending = await tx.stageChangeRequest.findMany({ where: { restApiId, status: "pending" }, include: { stage: { select: { name: true } } } });
    const waiting = pending.filter((r) => deploymentsOf(r.change as StageTransition).includes(deploymentId)).map((r) => r.stage.name);
    if (waiting.length) {
      throw new GatehouseError(
        `Deployment ${short} cannot be deleted: a change waiting for approval on stage ${waiting.join(", ")} would point at it. Reject or cancel it first.`,
        409,
        [],
        "Conflict",
      );
    }
    await tx.deployment.delete({ where: { id: deploymentId } });
    return {
      result: { id: deploymentId },
      audit: {
        action: "deployment.delete",
        entityType: "deployment",
        entityId: deploymentId,
        restApiId,
        summary: `Deleted deployment ${short}${deployment.description ? ` (${deployment.description})` : ""}`,
        before: { id: deploymentId, description: deployment.description, contentHash: deployment.contentHash, createdAt: deployment.createdAt },
        after: null,
      },
    };
  });
}
