/**
 * Importing a REST API that already runs on AWS: list what the connection's account has, then
 * pull one in as a new Gatehouse API bound to the connection — the draft is the live design, its
 * stages keep their variables and settings. AWS keeps no readable definition per deployment, so
 * one Gatehouse deployment snapshots the live design at import time and every imported stage
 * points at it, remembering the AWS deployment id it actually runs. One audited change.
 */
import type { Db } from "../db/client";
import { mutate, type Actor, type Tx } from "../audit/mutate";
import { assertCan } from "../auth/roles";
import type { ApiDesign } from "../model/design";
import { isUuid } from "../model/ids";
import { ConflictError, GatehouseError, NotFoundError, ValidationError } from "../errors";
import { contentHash, normaliseDesign } from "../snapshot/snapshot";
import { createApiGatewayClient } from "../aws/client";
import { type AwsErrorContext, describeAwsError, formatAwsError } from "../aws/errors";
import { liveToDesign, stageFromAws } from "../aws/import";
import { listLiveRestApis, readLiveApi, readLiveDeployments, readLiveStages } from "../aws/live";

export interface ImportableApi {
  id: string;
  name: string;
  description: string;
  createdDate: string | null;
  /** The Gatehouse API already bound to it through this connection, if any. */
  importedAs: string | null;
}

/** What `rest_apis.aws_import` keeps about an import. */
export interface AwsImportRecord {
  restApiId: string;
  importedAt: string;
  connectionId: string;
  deploymentId: string | null;
  stages: { name: string; awsDeploymentId: string | null }[];
  deployments: { id: string; description: string; createdDate: string | null; stages: string[] }[];
}

export async function loadConnection(db: Db, actor: Actor, connectionId: string) {
  if (!isUuid(connectionId)) throw new ValidationError([{ field: "connectionId", message: "That AWS connection does not exist" }]);
  const connection = await db.awsConnection.findFirst({ where: { id: connectionId, workspaceId: actor.workspaceId } });
  if (!connection) throw new ValidationError([{ field: "connectionId", message: "That AWS connection does not exist" }]);
  return connection;
}

/** An AWS failure as a user sees it: what we were doing, then AWS's code and message (or which credentials are missing). */
export function awsError(what: string, e: unknown, context: AwsErrorContext = {}): GatehouseError {
  return new GatehouseError(`${what}: ${formatAwsError(describeAwsError(e, context))}`, 502, [], "AwsError");
}

export async function listImportableApis(db: Db, actor: Actor, connectionId: string): Promise<ImportableApi[]> {
  assertCan(actor.role, "aws.push");
  const connection = await loadConnection(db, actor, connectionId);
  const client = createApiGatewayClient(connection);
  try {
    const apis = await listLiveRestApis(client).catch((e) => {
      throw awsError("Could not list the REST APIs in this account", e, { profile: connection.profile });
    });
    const bound = await db.restApi.findMany({
      where: { workspaceId: actor.workspaceId, awsConnectionId: connection.id },
      select: { id: true, awsRestApiId: true },
    });
    const byAwsId = new Map(bound.map((b) => [b.awsRestApiId, b.id]));
    return apis
      .map((a) => ({
        id: a.id!,
        name: a.name ?? a.id!,
        description: a.description ?? "",
        createdDate: a.createdDate ? new Date(a.createdDate).toISOString() : null,
        importedAs: byAwsId.get(a.id!) ?? null,
      }))
      .sort((x, y) => x.name.localeCompare(y.name));
  } finally {
    client.destroy();
  }
}

export async function importRestApi(db: Db, actor: Actor, input: { connectionId: string; awsRestApiId: string }) {
  assertCan(actor.role, "aws.push");
  const awsRestApiId = String(input.awsRestApiId ?? "").trim();
  if (!/^[a-z0-9]{1,32}$/.test(awsRestApiId)) throw new ValidationError([{ field: "awsRestApiId", message: "Choose a REST API to import" }]);
  const connection = await loadConnection(db, actor, input.connectionId);
  const already = await db.restApi.findFirst({ where: { workspaceId: actor.workspaceId, awsConnectionId: connection.id, awsRestApiId } });
  if (already) throw new ConflictError(`REST API ${awsRestApiId} is already imported as ${already.name}`);

  const read = await readForImport(connection, awsRestApiId);
  const design = liveToDesign(read.live);
  const stages = read.stages.map(stageFromAws).sort((a, b) => a.name.localeCompare(b.name));
  const importedAt = new Date();
  return mutate(db, actor, async (tx) => {
    const api = await tx.restApi.create({
      data: {
        workspaceId: actor.workspaceId,
        name: design.name,
        description: design.description,
        design: design as object,
        awsConnectionId: connection.id,
        awsRestApiId,
        awsSyncedDesign: design as object,
        awsSyncedAt: importedAt,
      },
    });
    const deploymentId = stages.length ? await createImportedStages(tx, actor, api.id, awsRestApiId, design, stages) : null;
    const stagesOn = (id: string) => stages.filter((s) => s.awsDeploymentId === id).map((s) => s.name);
    const record: AwsImportRecord = {
      restApiId: awsRestApiId,
      importedAt: importedAt.toISOString(),
      connectionId: connection.id,
      deploymentId,
      stages: stages.map((s) => ({ name: s.name, awsDeploymentId: s.awsDeploymentId })),
      deployments: read.deployments
        .map((d) => ({
          id: d.id!,
          description: d.description ?? "",
          createdDate: d.createdDate ? new Date(d.createdDate).toISOString() : null,
          stages: stagesOn(d.id!),
        }))
        .sort((a, b) => (b.createdDate ?? "").localeCompare(a.createdDate ?? "")),
    };
    await tx.restApi.update({ where: { id: api.id }, data: { awsImport: record as object } });
    const methods = design.resources.reduce((n, r) => n + Object.keys(r.methods).length, 0);
    return {
      result: { id: api.id, name: api.name, deploymentId, stages: stages.map((s) => s.name), deployments: record.deployments.length },
      audit: {
        action: "api.import",
        entityType: "api",
        entityId: api.id,
        restApiId: api.id,
        summary: `Imported ${design.name} from AWS REST API ${awsRestApiId} (${connection.name}, ${connection.region}): ${design.resources.length} resources, ${methods} methods, ${stages.length} stages, ${record.deployments.length} deployments`,
        before: null,
        after: { awsRestApiId, connection: connection.name, stages: record.stages, deployments: record.deployments.map((d) => d.id), design },
      },
    };
  });
}

/** The live API, its stages and its deployment list, or an error saying what could not be read. */
async function readForImport(connection: Parameters<typeof createApiGatewayClient>[0] & { region: string; profile?: string | null }, awsRestApiId: string) {
  const client = createApiGatewayClient(connection);
  try {
    const live = await readLiveApi(client, awsRestApiId);
    if (!live) throw new NotFoundError(`REST API ${awsRestApiId} in ${connection.region}`);
    return { live, stages: await readLiveStages(client, awsRestApiId), deployments: await readLiveDeployments(client, awsRestApiId) };
  } catch (e) {
    if (e instanceof GatehouseError) throw e;
    throw awsError(`Could not read REST API ${awsRestApiId} from AWS`, e, { profile: connection.profile });
  } finally {
    client.destroy();
  }
}

/**
 * One deployment snapshotting the live design (AWS keeps no readable definition per deployment)
 * and every imported stage pointing at it, remembering the AWS deployment it really runs.
 */
async function createImportedStages(
  tx: Tx,
  actor: Actor,
  apiId: string,
  awsRestApiId: string,
  design: ApiDesign,
  stages: ReturnType<typeof stageFromAws>[],
): Promise<string> {
  const snapshot = normaliseDesign(design);
  const d = await tx.deployment.create({
    data: {
      restApiId: apiId,
      description: `Imported from AWS REST API ${awsRestApiId}: the live design at import (AWS keeps no readable definition per deployment)`,
      snapshot: snapshot as object,
      contentHash: contentHash(snapshot),
      createdById: actor.userId,
    },
  });
  for (const s of stages) {
    const settings = { ...s.settings };
    // A canary's AWS deployment has no readable definition either: it points at the same snapshot.
    if (settings.canarySettings && typeof settings.canarySettings === "object")
      settings.canarySettings = { ...settings.canarySettings, awsDeploymentId: settings.canarySettings.deploymentId, deploymentId: d.id };
    await tx.stage.create({
      data: {
        restApiId: apiId,
        name: s.name,
        description: s.description,
        deploymentId: d.id,
        variables: s.variables,
        settings: settings as object,
        awsDeploymentId: s.awsDeploymentId,
      },
    });
  }
  return d.id;
}
