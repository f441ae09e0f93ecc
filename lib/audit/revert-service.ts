/** Reverting a history entry: the design change or stage deployment it recorded, as a new audited change. */
import type { Db } from "../db/client";
import { assertCan } from "../auth/roles";
import { parseDesign } from "../model/design";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { mutate, type Actor } from "./mutate";
import { changeStageDeployment } from "../stage/changes";
import { DESIGN_ENTITY_TYPES, revertDesignChange } from "./revert";

export function isRevertable(entry: { action: string; entityType: string; restApiId: string | null }): boolean {
  if (entry.action.endsWith(".revert") || entry.action === "method.test_invoke") return false;
  if (DESIGN_ENTITY_TYPES.has(entry.entityType) && entry.restApiId) return entry.action !== "api.create";
  return entry.action === "stage.deploy";
}

export async function revertChange(db: Db, actor: Actor, auditEventId: string) {
  if (!/^\d{1,19}$/.test(auditEventId)) throw new NotFoundError("History entry");
  const entry = await db.auditEvent.findFirst({ where: { id: BigInt(auditEventId), workspaceId: actor.workspaceId } });
  if (!entry) throw new NotFoundError("History entry");
  if (!isRevertable(entry)) throw new ValidationError([{ field: "entry", message: `A ${entry.action} change cannot be reverted` }]);
  const id = entry.id.toString();
  const restApiId = entry.restApiId!;

  if (entry.action === "stage.deploy") {
    assertCan(actor.role, "stage.write");
    const before = entry.before as { deploymentId: string };
    const after = entry.after as { deploymentId: string };
    const stage = await db.stage.findFirst({ where: { restApiId, name: entry.entityId, restApi: { workspaceId: actor.workspaceId } } });
    if (!stage) throw new NotFoundError(`Stage ${entry.entityId}`);
    if (stage.deploymentId !== after.deploymentId) throw new ConflictError(`Cannot revert: stage ${entry.entityId} was pointed at another deployment since.`);
    // Through the stage service, like any rollback: a protected stage gets a request for a second
    // person's approval, and a stage bound to AWS is changed on AWS first.
    const outcome = await changeStageDeployment(
      db,
      actor,
      restApiId,
      entry.entityId,
      { kind: "deploy", deploymentId: before.deploymentId, rollback: true },
      { action: "stage.revert", summary: `Reverted #${id}: stage ${entry.entityId} back on deployment ${before.deploymentId.slice(0, 8)}` },
    );
    return outcome.status === "applied" ? { reverted: id } : { reverted: id, status: outcome.status, requestId: (outcome as { requestId?: string }).requestId };
  }

  assertCan(actor.role, "design.edit");
  return mutate(db, actor, async (tx) => {
    const api = await tx.restApi.findFirst({ where: { id: restApiId, workspaceId: actor.workspaceId } });
    if (!api) throw new NotFoundError("REST API");
    const design = parseDesign(api.design);
    const reverted = revertDesignChange(design, {
      id,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      summary: entry.summary,
      before: entry.before,
      after: entry.after,
    });
    const updated = await tx.restApi.updateMany({
      where: { id: api.id, version: api.version },
      data: { design: reverted as object, name: reverted.name, description: reverted.description, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new ConflictError("The API changed while reverting; try again.");
    return {
      result: { reverted: id, version: api.version + 1 },
      audit: {
        action: `${entry.entityType}.revert`,
        entityType: entry.entityType,
        entityId: entry.entityId,
        restApiId,
        summary: `Reverted #${id}: ${entry.summary}`,
        before: entry.after,
        after: entry.before,
      },
    };
  });
}
