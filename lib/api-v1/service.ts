/**
 * The pipeline API (/api/v1, issue #15 item 5) over the same services the console uses: each
 * operation validates its input, calls lib/'s service (which checks the role and audits as the
 * token's owner) and answers a stable public shape, so a console refactor doesn't break pipelines.
 */
import { z } from "zod";
import type { Actor } from "../audit/mutate";
import { historyFilterSchema, listHistory } from "../audit/history";
import type { Db } from "../db/client";
import { createDeployment } from "../deployment/service";
import { getRestApiOrThrow, listRestApis } from "../restapi/service";
import { assertCan } from "../auth/roles";
import { listChangeRequests, requestedDeploymentId } from "../stage/approvals";
import { pointStage, promoteStage } from "../stage/changes";
import { listStages } from "../stage/service";
import { parse, stageName } from "./parse";

export async function listApis(db: Db, actor: Actor) {
  const rows = await listRestApis(db, actor.workspaceId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    version: r.version,
    awsRestApiId: r.awsRestApiId,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/** The API's stages, what each runs, and the change waiting for approval on each (what `promote --wait` watches). */
export async function listApiStages(db: Db, actor: Actor, apiId: string) {
  const api = await getRestApiOrThrow(db, actor.workspaceId, apiId);
  const [stages, pending] = await Promise.all([listStages(db, api.id), listChangeRequests(db, api.id, { status: "pending" })]);
  const waiting = new Map(pending.map((r) => [r.stageId, { id: r.id, summary: r.summary, requestedBy: r.requestedByEmail }]));
  return stages.map((s) => ({
    name: s.name,
    protected: s.protected,
    deploymentId: s.deploymentId,
    deploymentDescription: s.deployment?.description ?? null,
    variables: (s.variables ?? {}) as Record<string, string>,
    pendingRequest: waiting.get(s.id) ?? null,
  }));
}

const DeployInput = z.object({
  description: z.string().max(1024).optional(),
  /** Also point this stage at the new deployment (an approval request when the stage is protected). */
  stageName: stageName.optional(),
});

/** Snapshots the draft; with `stageName`, points the stage at it (or asks for approval). */
export async function deploy(db: Db, actor: Actor, apiId: string, body: unknown) {
  const input = parse(DeployInput, body);
  const api = await getRestApiOrThrow(db, actor.workspaceId, apiId);
  const deployment = await createDeployment(db, actor, api.id, { description: input.description });
  const stage = input.stageName ? await pointStage(db, actor, api.id, input.stageName, deployment.id) : null;
  return { deploymentId: deployment.id, stage: stage && { name: input.stageName, ...stage } };
}

/** `to` is the path's stage name, checked as the body's `from` is. */
const PromoteInput = z.object({ from: stageName, to: stageName });

/**
 * Points the stage at what `from` runs: applied, or an approval request on a protected stage.
 * A pipeline re-runs its steps, so a promotion already done answers `unchanged`, and one already
 * waiting for approval answers that request again (not a 409): the re-run waits on it.
 */
export async function promote(db: Db, actor: Actor, apiId: string, stageName: string, body: unknown) {
  assertCan(actor.role, "stage.write");
  const { from, to } = parse(PromoteInput, { ...(body as object), to: stageName });
  const api = await getRestApiOrThrow(db, actor.workspaceId, apiId);
  return (await promotedAlready(db, api.id, from, to)) ?? promoteStage(db, actor, api.id, from, to);
}

/** The answer for a promotion that is done or waiting already; null when it is still to ask for. */
async function promotedAlready(db: Db, restApiId: string, from: string, to: string) {
  const stages = await db.stage.findMany({ where: { restApiId, name: { in: [from, to] } } });
  const source = stages.find((s) => s.name === from);
  const target = stages.find((s) => s.name === to);
  // Missing stages and from === to: promoteStage says what is wrong.
  if (!source || !target || from === to) return null;
  if (target.deploymentId === source.deploymentId)
    return { status: "unchanged" as const, summary: `Stage ${to} already runs deployment ${source.deploymentId}, as ${from} does` };
  const pending = await db.stageChangeRequest.findFirst({ where: { stageId: target.id, status: "pending" } });
  const kind = (pending?.change as { kind?: string } | undefined)?.kind;
  if (pending && (kind === "promote" || kind === "deploy") && requestedDeploymentId(pending) === source.deploymentId)
    return { status: "requested" as const, requestId: pending.id, summary: pending.summary };
  return null;
}

const HistoryQuery = historyFilterSchema.omit({ restApiId: true }).extend({ apiId: z.string().optional() }).strict();

/**
 * The workspace's history (or one API's), newest first, with the console's filters. Unlike the
 * history page, which drops a filter it cannot read, a pipeline's bad filter is a 400: a script
 * must not act on an unfiltered answer it believes filtered.
 */
export async function history(db: Db, actor: Actor, params: Record<string, string>) {
  const { apiId, ...filter } = parse(HistoryQuery, params);
  if (apiId) await getRestApiOrThrow(db, actor.workspaceId, apiId);
  const rows = await listHistory(db, { ...filter, workspaceId: actor.workspaceId, restApiId: apiId });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
