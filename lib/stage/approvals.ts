/**
 * Two-person rule for protected stages: a deployer requests a change of what the stage runs
 * (lib/stage/changes.ts), a different deployer or admin approves it (the change is applied, to AWS
 * too when bound, in the same transaction as the approval) or rejects it; the requester may cancel.
 * Every step is an audit row on the stage.
 */
import type { Db } from "../db/client";
import { mutate, type Actor, type Tx } from "../audit/mutate";
import { assertCan, can } from "../auth/roles";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { isUuid } from "../model/ids";
import { commitStage, loadStage, stateOf, type StageActionResult } from "./changes";
import { applyTransition, transitionAction, type DeploymentChange } from "./transitions";

export async function listChangeRequests(db: Db, restApiId: string, options: { status?: "pending" } = {}) {
  return db.stageChangeRequest.findMany({
    where: { restApiId, ...(options.status ? { status: options.status } : {}) },
    orderBy: { createdAt: "desc" },
    take: 50,
    include: { stage: { select: { name: true } } },
  });
}

async function loadPending(db: Db, actor: Actor, restApiId: string, requestId: string) {
  if (!isUuid(restApiId) || !isUuid(requestId)) throw new NotFoundError("Change request");
  const request = await db.stageChangeRequest.findFirst({
    where: { id: requestId, restApiId, restApi: { workspaceId: actor.workspaceId } },
    include: { stage: true },
  });
  if (!request) throw new NotFoundError("Change request");
  if (request.status !== "pending") throw new ConflictError(`This request was already ${request.status}`);
  return request;
}

const isRequester = (actor: Actor, r: { requestedById: string | null; requestedByEmail: string }) =>
  (actor.userId !== null && actor.userId === r.requestedById) || actor.email.toLowerCase() === r.requestedByEmail.toLowerCase();

/** Closes a pending request (only if still pending: two approvers racing get one win, one 409). */
async function closeRequest(tx: Tx, requestId: string, actor: Actor, status: "approved" | "rejected" | "cancelled", note?: string) {
  const done = await tx.stageChangeRequest.updateMany({
    where: { id: requestId, status: "pending" },
    data: { status, decidedById: actor.userId, decidedByEmail: actor.email, decidedAt: new Date(), decisionNote: note?.trim() || null },
  });
  if (done.count !== 1) throw new ConflictError("This request was decided by someone else a moment ago");
}

export async function approveChangeRequest(db: Db, actor: Actor, restApiId: string, requestId: string, note?: string): Promise<StageActionResult> {
  assertCan(actor.role, "stage.write");
  const request = await loadPending(db, actor, restApiId, requestId);
  if (isRequester(actor, request)) throw new ForbiddenError("You asked for this change: a different deployer or admin must approve it");
  const loaded = await loadStage(db, actor, restApiId, request.stage.name);
  const change = request.change as unknown as DeploymentChange;
  // Checked again against the stage as it is now (a canary may have gone, a deployment may be current already).
  const next = applyTransition(stateOf(loaded.stage), change);
  const result = await commitStage(
    db,
    actor,
    loaded,
    next,
    { action: transitionAction(change), summary: `${request.summary} (requested by ${request.requestedByEmail}, approved by ${actor.email})` },
    {
      promoteCanary: change.kind === "canary.promote" ? { removeCanary: change.removeCanary } : undefined,
      extra: async (tx) => {
        await closeRequest(tx, request.id, actor, "approved", note);
        return [
          {
            action: "stage.change_approved",
            entityType: "stage",
            entityId: request.stage.name,
            restApiId,
            summary: `Approved: ${request.summary} (requested by ${request.requestedByEmail})`,
            before: { requestId: request.id, status: "pending" },
            after: { requestId: request.id, status: "approved", note: note?.trim() || undefined },
          },
        ];
      },
    },
  );
  return { ...result, requestId: request.id };
}

/** A different person rejects; the requester cancels (same call). */
export async function rejectChangeRequest(db: Db, actor: Actor, restApiId: string, requestId: string, note?: string) {
  assertCan(actor.role, "stage.write");
  const request = await loadPending(db, actor, restApiId, requestId);
  const own = isRequester(actor, request);
  if (!own && !note?.trim()) throw new ValidationError([{ field: "note", message: "Say why you reject it" }]);
  const status = own ? "cancelled" : "rejected";
  return mutate(db, actor, async (tx) => {
    await closeRequest(tx, request.id, actor, status, note);
    return {
      result: { status },
      audit: {
        action: own ? "stage.change_cancelled" : "stage.change_rejected",
        entityType: "stage",
        entityId: request.stage.name,
        restApiId,
        summary: `${own ? "Cancelled" : "Rejected"}: ${request.summary}${note?.trim() ? ` — ${note.trim()}` : ""}`,
        before: { requestId: request.id, status: "pending" },
        after: { requestId: request.id, status, note: note?.trim() || undefined },
      },
    };
  });
}

/** The deployment a request would put on its stage: as what the stage runs, or as its canary's deployment. */
export function requestedDeploymentId(request: { change: unknown }): string {
  // Written only by requestApproval (lib/stage/changes.ts), from a checked DeploymentChange.
  const change = request.change as DeploymentChange;
  switch (change.kind) {
    case "deploy":
    case "promote":
      return change.deploymentId;
    case "canary.create":
      return change.canary.deploymentId;
    case "canary.promote":
      return change.canaryDeploymentId;
  }
}

/** A pending request as the approvals list shows it, with the pair the diff page compares. */
export interface WaitingRequest {
  id: string;
  restApiId: string;
  apiName: string;
  stageName: string;
  summary: string;
  requestedByEmail: string;
  createdAt: Date;
  /** What the stage runs now and what the request would make it run (or add as its canary). */
  stageDeploymentId: string;
  requestedDeploymentId: string;
  /** True when the actor asked for it (they may cancel it, not approve it). */
  mine: boolean;
}

/** Every pending request in the actor's workspace, oldest first (the longest wait at the top). */
export async function pendingRequestsInWorkspace(db: Db, actor: Actor): Promise<WaitingRequest[]> {
  const rows = await db.stageChangeRequest.findMany({
    where: { status: "pending", restApi: { workspaceId: actor.workspaceId } },
    orderBy: { createdAt: "asc" },
    // A stage holds at most one pending request, so this bounds nothing a real workspace reaches.
    take: 200,
    include: { stage: { select: { name: true, deploymentId: true } }, restApi: { select: { name: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    restApiId: r.restApiId,
    apiName: r.restApi.name,
    stageName: r.stage.name,
    summary: r.summary,
    requestedByEmail: r.requestedByEmail,
    createdAt: r.createdAt,
    stageDeploymentId: r.stage.deploymentId,
    requestedDeploymentId: requestedDeploymentId(r),
    mine: isRequester(actor, r),
  }));
}

/**
 * The requests waiting for this actor's decision: pending, in their workspace, asked for by
 * someone else, and only when their role may approve (the same rule approveChangeRequest applies).
 */
export async function waitingApprovalsFor(db: Db, actor: Actor): Promise<WaitingRequest[]> {
  if (!can(actor.role, "stage.write")) return [];
  return (await pendingRequestsInWorkspace(db, actor)).filter((r) => !r.mine);
}
