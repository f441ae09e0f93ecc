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
import { ConflictError, GatehouseError, NotFoundError, ValidationError } from "../model/errors";
import type { DiffEntry, DiffSummary } from "../snapshot/diff";
import { createApiGatewayClient } from "../aws/client";
import { adoptLive, diffDrift } from "../aws/drift";
import { designFingerprint, liveToDesign } from "../aws/import";
import { readLiveApi } from "../aws/live";
import { awsError } from "./import-service";

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
}

async function loadBound(db: Db, actor: Actor, restApiId: string) {
  if (!isUuid(restApiId)) throw new NotFoundError("REST API");
  const api = await db.restApi.findFirst({ where: { id: restApiId, workspaceId: actor.workspaceId }, include: { awsConnection: true } });
  if (!api) throw new NotFoundError("REST API");
  if (!api.awsRestApiId || !api.awsConnection) throw new ValidationError([{ field: "awsRestApiId", message: "This API is not on AWS yet: push a stage or import it first" }]);
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

function report(api: { awsSyncedDesign: unknown; awsSyncedAt: Date | null; awsDriftAckHash: string | null }, awsRestApiId: string, live: ApiDesign | null): DriftReport {
  const base = { awsRestApiId, baselineAt: api.awsSyncedAt?.toISOString() ?? null };
  if (!live) return { ...base, status: "missing", entries: [], summary: null, liveHash: null, acknowledged: false };
  const liveHash = designFingerprint(live);
  if (!api.awsSyncedDesign) return { ...base, status: "no-baseline", entries: [], summary: null, liveHash, acknowledged: false };
  const diff = diffDrift(parseDesign(api.awsSyncedDesign), live);
  return { ...base, status: diff.entries.length ? "drifted" : "in-sync", entries: diff.entries, summary: diff.summary, liveHash, acknowledged: diff.entries.length > 0 && api.awsDriftAckHash === liveHash };
}

export async function checkDrift(db: Db, actor: Actor, restApiId: string): Promise<DriftReport> {
  assertCan(actor.role, "design.edit");
  const { api, connection, awsRestApiId } = await loadBound(db, actor, restApiId);
  return report(api, awsRestApiId, await readLiveDesign(connection, awsRestApiId));
}

/** Writes the drifted entities' live values into the draft; the live state becomes the new baseline. */
export async function adoptDrift(db: Db, actor: Actor, restApiId: string, baseVersion: number) {
  assertCan(actor.role, "design.edit");
  if (!Number.isInteger(baseVersion)) throw new ValidationError([{ field: "baseVersion", message: "Required" }]);
  const { api, connection, awsRestApiId } = await loadBound(db, actor, restApiId);
  const live = await readLiveDesign(connection, awsRestApiId);
  const r = report(api, awsRestApiId, live);
  if (r.status !== "drifted" || !live) throw new GatehouseError(r.status === "in-sync" ? "Nothing to adopt: AWS matches what Gatehouse last pushed" : "There is no drift to adopt", 409, [], "NoDrift");
  return mutate(db, actor, async (tx) => {
    const row = await tx.restApi.findFirst({ where: { id: restApiId, workspaceId: actor.workspaceId } });
    if (!row) throw new NotFoundError("REST API");
    if (row.version !== baseVersion) throw new ConflictError(`This API was changed by someone else since you opened it (version ${row.version}, yours ${baseVersion}). Reload and check drift again.`);
    const before = parseDesign(row.design);
    const design = adoptLive(before, live, r.entries);
    const updated = await tx.restApi.updateMany({
      where: { id: restApiId, version: baseVersion },
      data: { design: design as object, name: design.name, description: design.description, version: { increment: 1 }, awsSyncedDesign: live as object, awsSyncedAt: new Date(), awsDriftAckHash: null },
    });
    if (updated.count !== 1) throw new ConflictError("This API was changed by someone else while you adopted. Reload and try again.");
    return {
      result: { version: baseVersion + 1, design, adopted: r.entries.length },
      audit: {
        action: "api.drift_adopt",
        entityType: "api",
        entityId: restApiId,
        restApiId,
        summary: `Adopted ${r.entries.length} change${r.entries.length === 1 ? "" : "s"} made on AWS outside Gatehouse into the draft: ${r.entries.map((e) => `${e.entity} ${e.key}`).slice(0, 10).join(", ")}`,
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
