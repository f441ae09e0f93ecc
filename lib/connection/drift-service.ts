/**
 * Drift of an API bound to AWS: compare live now with what Gatehouse last pushed or imported
 * (`rest_apis.aws_synced_design`), then either adopt the live values into the draft (an audited
 * edit with the optimistic version check) or acknowledge them, keeping the draft: the next push
 * reverts them.
 */
import type { Db } from "../db/client";
import { mutate, type Actor } from "../audit/mutate";
import { assertCan } from "../auth/roles";
import { type ApiDesign, parseDesign } from "../model/design";
import { isUuid } from "../model/ids";
import { ConflictError, GatehouseError, NotFoundError, ValidationError } from "../errors";
import type { DiffEntry, DiffSummary } from "../snapshot/diff";
import { createApiGatewayClient } from "../aws/client";
import { adoptLive, diffDrift } from "../aws/drift";
import { diffStageDrift, gatehouseStageView, liveStageView, stageSettingsInputFromLive, type StageDriftChange } from "../aws/stage-drift";
import { readStage } from "../aws/live";
import { updateAwsStage, stageUpdateOps } from "../aws/stage-sync";
import { awsDeploymentIds } from "../stage/aws-sync";
import { updateStageSettings } from "../stage/changes";
import { designFingerprint, liveToDesign } from "../aws/import";
import { readLiveApi } from "../aws/live";
import { awsError } from "./import-service";
import { recordDriftFinding } from "../notifications/drift-finding";

export interface DriftReport {
  status: "in-sync" | "drifted" | "no-baseline" | "missing";
  awsRestApiId: string;
  /** When Gatehouse last pushed or imported (the baseline). */
  baselineAt: string | null;
  /** Entries go from the baseline (`before`: last pushed) to live (`after`). */
  entries: DiffEntry[];
  summary: DiffSummary | null;
  liveHash: string | null;
  /** The user chose to overwrite exactly this live state on the next push. */
  acknowledged: boolean;
  /** The stages Gatehouse pushed (or imported): their settings on AWS against Gatehouse's. */
  stages: StageDriftReport[];
}

export interface StageDriftReport {
  stageName: string;
  status: "in-sync" | "drifted" | "missing";
  /** `before`: what Gatehouse's stage holds; `after`: live on AWS (GetStage). */
  changes: StageDriftChange[];
}

type Connection = Parameters<typeof createApiGatewayClient>[0];

/** GetStage for each stage Gatehouse pushed, compared with the stage's row (deployment ids mapped to AWS's). */
async function readStageDrift(
  db: Db,
  connection: Connection,
  restApiId: string,
  awsRestApiId: string,
  only?: string,
): Promise<(StageDriftReport & { live: ReturnType<typeof liveStageView> | null; row: { id: string; version: number; protected: boolean } })[]> {
  const stages = await db.stage.findMany({ where: { restApiId, awsDeploymentId: { not: null }, ...(only ? { name: only } : {}) }, orderBy: { name: "asc" } });
  if (!stages.length) return [];
  const ids = await awsDeploymentIds(db, restApiId);
  const client = createApiGatewayClient(connection);
  try {
    const out = [];
    for (const st of stages) {
      const raw = await readStage(client, awsRestApiId, st.name);
      if (!raw) {
        out.push({ stageName: st.name, status: "missing" as const, changes: [], live: null, row: st });
        continue;
      }
      const live = liveStageView(raw);
      const mine = gatehouseStageView(st, (id) => ids.get(id), live.deploymentId);
      const changes = diffStageDrift(mine, live);
      out.push({ stageName: st.name, status: changes.length ? ("drifted" as const) : ("in-sync" as const), changes, live, row: st });
    }
    return out;
  } catch (e) {
    throw awsError("Could not read the stages from AWS", e);
  } finally {
    client.destroy();
  }
}

async function loadBound(db: Db, actor: Actor, restApiId: string) {
  if (!isUuid(restApiId)) throw new NotFoundError("REST API");
  const api = await db.restApi.findFirst({ where: { id: restApiId, workspaceId: actor.workspaceId }, include: { awsConnection: true } });
  if (!api) throw new NotFoundError("REST API");
  if (!api.awsRestApiId || !api.awsConnection)
    throw new ValidationError([{ field: "awsRestApiId", message: "This API is not on AWS yet: push a stage or import it first" }]);
  return { api, connection: api.awsConnection, awsRestApiId: api.awsRestApiId };
}

async function readLiveDesign(connection: Parameters<typeof createApiGatewayClient>[0], awsRestApiId: string): Promise<ApiDesign | null> {
  const client = createApiGatewayClient(connection);
  try {
    const live = await readLiveApi(client, awsRestApiId);
    return live ? liveToDesign(live) : null;
  } catch (e) {
    throw awsError("Could not read the live API from AWS", e);
  } finally {
    client.destroy();
  }
}

function report(
  api: { awsSyncedDesign: unknown; awsSyncedAt: Date | null; awsDriftAckHash: string | null },
  awsRestApiId: string,
  live: ApiDesign | null,
): DriftReport {
  const base = { awsRestApiId, baselineAt: api.awsSyncedAt?.toISOString() ?? null, stages: [] as StageDriftReport[] };
  if (!live) return { ...base, status: "missing", entries: [], summary: null, liveHash: null, acknowledged: false };
  const liveHash = designFingerprint(live);
  if (!api.awsSyncedDesign) return { ...base, status: "no-baseline", entries: [], summary: null, liveHash, acknowledged: false };
  const diff = diffDrift(parseDesign(api.awsSyncedDesign), live);
  return {
    ...base,
    status: diff.entries.length ? "drifted" : "in-sync",
    entries: diff.entries,
    summary: diff.summary,
    liveHash,
    acknowledged: diff.entries.length > 0 && api.awsDriftAckHash === liveHash,
  };
}

export async function checkDrift(db: Db, actor: Actor, restApiId: string): Promise<DriftReport> {
  assertCan(actor.role, "design.edit");
  const { api, connection, awsRestApiId } = await loadBound(db, actor, restApiId);
  const r = report(api, awsRestApiId, await readLiveDesign(connection, awsRestApiId));
  const stages =
    r.status === "missing"
      ? []
      : (await readStageDrift(db, connection, api.id, awsRestApiId)).map(({ stageName, status, changes }) => ({ stageName, status, changes }));
  await recordDriftFinding(db, actor, {
    restApiId: api.id,
    apiGone: r.status === "missing",
    apiChanges: r.status === "drifted" ? r.entries.map((e) => ({ entity: e.entity, key: e.key })) : [],
    stages: stages.flatMap((s) => (s.status === "in-sync" ? [] : [{ stageName: s.stageName, status: s.status, paths: s.changes.map((c) => c.path) }])),
    liveHash: r.liveHash,
  });
  return { ...r, stages };
}

/**
 * Writes a stage's live settings (GetStage) into Gatehouse's stage through the stage service
 * (`updateStageSettings`: validated by lib/stage/settings.ts, audited, version-checked). The
 * canary is not adopted: it names an AWS deployment, and canaries change through their own actions.
 */
export async function adoptStageDrift(db: Db, actor: Actor, restApiId: string, stageName: string) {
  assertCan(actor.role, "stage.write");
  const { api, connection, awsRestApiId } = await loadBound(db, actor, restApiId);
  const [d] = await readStageDrift(db, connection, api.id, awsRestApiId, stageName);
  if (!d) throw new NotFoundError(`Stage ${stageName} on AWS`);
  if (d.status === "missing" || !d.live) throw new GatehouseError(`Stage ${stageName} no longer exists on AWS`, 409, [], "NoDrift");
  const adoptable = d.changes.filter((c) => !c.path.startsWith("canarySettings"));
  if (!adoptable.length)
    throw new GatehouseError(
      d.changes.length ? "Only the canary differs: change it with the canary actions" : `Nothing to adopt: stage ${stageName} on AWS matches Gatehouse`,
      409,
      [],
      "NoDrift",
    );
  const result = await updateStageSettings(db, actor, api.id, stageName, d.row.version, stageSettingsInputFromLive(d.live, { protected: d.row.protected }));
  return { ...result, adopted: adoptable.length, canaryLeft: adoptable.length !== d.changes.length };
}

/** Puts Gatehouse's stage settings back on AWS now (UpdateStage patch operations, lib/aws/stage-sync.ts); audited. The deployment the stage runs is left to pushes. */
export async function overwriteStageDrift(db: Db, actor: Actor, restApiId: string, stageName: string) {
  assertCan(actor.role, "aws.push");
  const { api, connection, awsRestApiId } = await loadBound(db, actor, restApiId);
  const [d] = await readStageDrift(db, connection, api.id, awsRestApiId, stageName);
  if (!d) throw new NotFoundError(`Stage ${stageName} on AWS`);
  if (d.status !== "drifted" || !d.live)
    throw new GatehouseError(
      d.status === "missing" ? `Stage ${stageName} no longer exists on AWS: push it` : `Nothing to overwrite: stage ${stageName} on AWS matches Gatehouse`,
      409,
      [],
      "NoDrift",
    );
  const ids = await awsDeploymentIds(db, api.id);
  const stage = await db.stage.findFirstOrThrow({ where: { id: d.row.id } });
  const want = gatehouseStageView(stage, (id) => ids.get(id), d.live.deploymentId);
  if (want.canarySettings?.deploymentId.startsWith("(not on AWS"))
    throw new GatehouseError(`Stage ${stageName}'s canary deployment has never been pushed to AWS: push the stage first`, 409, [], "NotPushed");
  const ops = stageUpdateOps(d.live, want);
  const client = createApiGatewayClient(connection);
  try {
    await updateAwsStage({ client, connection, restApiId: awsRestApiId, stageName }, ops, { had: d.live.webAclArn, want: want.webAclArn });
  } catch (e) {
    throw awsError(`AWS refused the change to stage ${stageName}`, e);
  } finally {
    client.destroy();
  }
  return mutate(db, actor, async () => ({
    result: { overwritten: d.changes.length, patchOperations: ops.length },
    audit: {
      action: "stage.drift_overwrite",
      entityType: "stage",
      entityId: stageName,
      restApiId: api.id,
      summary: `Put Gatehouse's settings of stage ${stageName} back on AWS (${d.changes.length} setting${d.changes.length === 1 ? "" : "s"} changed outside Gatehouse; UpdateStage with ${ops.length} operation${ops.length === 1 ? "" : "s"})`,
      before: { live: d.changes.map((c) => ({ field: c.path, value: c.after })) },
      after: { gatehouse: d.changes.map((c) => ({ field: c.path, value: c.before })), patchOperations: ops },
    },
  }));
}

/** Writes the drifted entities' live values into the draft; the live state becomes the new baseline. */
export async function adoptDrift(db: Db, actor: Actor, restApiId: string, baseVersion: number) {
  assertCan(actor.role, "design.edit");
  if (!Number.isInteger(baseVersion)) throw new ValidationError([{ field: "baseVersion", message: "Required" }]);
  const { api, connection, awsRestApiId } = await loadBound(db, actor, restApiId);
  const live = await readLiveDesign(connection, awsRestApiId);
  const r = report(api, awsRestApiId, live);
  if (r.status !== "drifted" || !live)
    throw new GatehouseError(
      r.status === "in-sync" ? "Nothing to adopt: AWS matches what Gatehouse last pushed" : "There is no drift to adopt",
      409,
      [],
      "NoDrift",
    );
  return mutate(db, actor, async (tx) => {
    const row = await tx.restApi.findFirst({ where: { id: restApiId, workspaceId: actor.workspaceId } });
    if (!row) throw new NotFoundError("REST API");
    if (row.version !== baseVersion)
      throw new ConflictError(
        `This API was changed by someone else since you opened it (version ${row.version}, yours ${baseVersion}). Reload and check drift again.`,
      );
    const before = parseDesign(row.design);
    const design = adoptLive(before, live, r.entries);
    const updated = await tx.restApi.updateMany({
      where: { id: restApiId, version: baseVersion },
      data: {
        design: design as object,
        name: design.name,
        description: design.description,
        version: { increment: 1 },
        awsSyncedDesign: live as object,
        awsSyncedAt: new Date(),
        awsDriftAckHash: null,
      },
    });
    if (updated.count !== 1) throw new ConflictError("This API was changed by someone else while you adopted. Reload and try again.");
    return {
      result: { version: baseVersion + 1, design, adopted: r.entries.length },
      audit: {
        action: "api.drift_adopt",
        entityType: "api",
        entityId: restApiId,
        restApiId,
        summary: `Adopted ${r.entries.length} change${r.entries.length === 1 ? "" : "s"} made on AWS outside Gatehouse into the draft: ${r.entries
          .map((e) => `${e.entity} ${e.key}`)
          .slice(0, 10)
          .join(", ")}`,
        before: { draft: before, changes: r.entries.map((e) => ({ kind: e.kind, entity: e.entity, key: e.key })) },
        after: design,
      },
    };
  });
}

/** Keeps the draft: this live state is marked as seen, and the next push reverts it. */
export async function acknowledgeDrift(db: Db, actor: Actor, restApiId: string) {
  assertCan(actor.role, "aws.push");
  const { api, connection, awsRestApiId } = await loadBound(db, actor, restApiId);
  const r = report(api, awsRestApiId, await readLiveDesign(connection, awsRestApiId));
  if (r.status !== "drifted") throw new GatehouseError("There is no drift to overwrite", 409, [], "NoDrift");
  return mutate(db, actor, async (tx) => {
    await tx.restApi.update({ where: { id: restApiId }, data: { awsDriftAckHash: r.liveHash } });
    return {
      result: { acknowledged: r.entries.length },
      audit: {
        action: "api.drift_overwrite",
        entityType: "api",
        entityId: restApiId,
        restApiId,
        summary: `Chose to overwrite ${r.entries.length} change${r.entries.length === 1 ? "" : "s"} made on AWS outside Gatehouse on the next push`,
        before: null,
        after: { liveHash: r.liveHash, changes: r.entries.map((e) => ({ kind: e.kind, entity: e.entity, key: e.key })) },
      },
    };
  });
}
