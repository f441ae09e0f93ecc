/**
 * What a stage serves: the snapshot of its deployment, its variables and settings, and its canary.
 * Deployments are immutable (a database trigger refuses snapshot changes), so parsed snapshots are
 * cached by deployment id; the stage row itself is read on every request so edits apply at once.
 */
import type { AwsConnection } from "../aws/client";
import type { Db } from "../db/client";
import { parseDesign, type ApiDesign } from "../model/design";
import { isUuid } from "../model/ids";
import { STAGE_NAME } from "../stage/rules";
import { parseStageSettings, type CanarySettings, type StageSettings } from "./settings";

export interface StageTarget {
  /** Gatehouse's id of the REST API. */
  restApiId: string;
  /** What `$context.apiId` shows: the AWS id once pushed, else the first 10 characters of ours. */
  contextApiId: string;
  stageName: string;
  deploymentId: string;
  design: ApiDesign;
  variables: Record<string, string>;
  settings: StageSettings;
  /** Present when the stage has a canary whose deployment belongs to the API. */
  canary: (CanarySettings & { design: ApiDesign }) | null;
  /** The AWS connection the API is bound to: Lambda integrations invoke through it. */
  awsConnection?: AwsConnection | null;
}

const AWS_API_ID = /^[A-Za-z0-9]{1,64}$/;
const MAX_CACHED = 256;
const snapshots = new Map<string, ApiDesign>();

async function snapshotOf(db: Db, restApiId: string, deploymentId: string): Promise<ApiDesign | null> {
  const cached = snapshots.get(deploymentId);
  if (cached) return cached;
  const row = await db.deployment.findFirst({ where: { id: deploymentId, restApiId }, select: { snapshot: true } });
  if (!row) return null;
  const design = parseDesign(row.snapshot);
  if (snapshots.size >= MAX_CACHED) snapshots.delete(snapshots.keys().next().value!);
  snapshots.set(deploymentId, design);
  return design;
}

function stringVariables(raw: unknown): Record<string, string> {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return {};
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === "string")) as Record<string, string>;
}

/**
 * Resolved stages kept for `cacheMs` (default 1 s): under load the gateway would otherwise read
 * the API and stage rows on every request. A stage edit is served within that time, as AWS's own
 * stage updates take a moment to reach its edge. Unknown API/stage answers are cached too.
 */
const resolved = new Map<string, { at: number; target: Promise<StageTarget | null> }>();
export const STAGE_CACHE_MS = 1000;

export function resolveStageTargetCached(db: Db, apiRef: string, stageName: string, cacheMs = STAGE_CACHE_MS, now = Date.now()): Promise<StageTarget | null> {
  if (cacheMs <= 0) return resolveStageTarget(db, apiRef, stageName);
  const key = `${apiRef}\u0000${stageName}`;
  const hit = resolved.get(key);
  if (hit && now - hit.at < cacheMs) return hit.target;
  // The promise is cached, so concurrent requests after expiry share one read (no stampede).
  const target = resolveStageTarget(db, apiRef, stageName);
  if (resolved.size >= 1024) resolved.clear();
  resolved.set(key, { at: now, target });
  target.catch(() => {
    if (resolved.get(key)?.target === target) resolved.delete(key);
  });
  return target;
}

/**
 * The stage `stageName` of the API `apiRef` (Gatehouse's API id, or the AWS REST API id it was
 * pushed to); null when there is no such API or stage — the gateway answers 403 Forbidden then.
 */
export async function resolveStageTarget(db: Db, apiRef: string, stageName: string): Promise<StageTarget | null> {
  if (!STAGE_NAME.test(stageName)) return null;
  let api: { id: string; workspaceId: string; awsRestApiId: string | null; awsConnectionId: string | null } | null = null;
  const select = { id: true, workspaceId: true, awsRestApiId: true, awsConnectionId: true } as const;
  if (isUuid(apiRef)) api = await db.restApi.findFirst({ where: { id: apiRef.toLowerCase() }, select });
  if (!api && AWS_API_ID.test(apiRef)) api = await db.restApi.findFirst({ where: { awsRestApiId: apiRef }, select, orderBy: { createdAt: "asc" } });
  if (!api) return null;
  const stage = await db.stage.findFirst({ where: { restApiId: api.id, name: stageName }, select: { deploymentId: true, variables: true, settings: true } });
  if (!stage) return null;
  const design = await snapshotOf(db, api.id, stage.deploymentId);
  if (!design) return null;
  const settings = parseStageSettings(stage.settings);
  let canary: StageTarget["canary"] = null;
  if (settings.canarySettings) {
    const canaryDesign =
      settings.canarySettings.deploymentId === stage.deploymentId ? design : await snapshotOf(db, api.id, settings.canarySettings.deploymentId);
    if (canaryDesign) canary = { ...settings.canarySettings, design: canaryDesign };
  }
  const awsConnection = api.awsConnectionId
    ? await db.awsConnection.findFirst({
        where: { id: api.awsConnectionId, workspaceId: api.workspaceId },
        select: { region: true, endpointUrl: true, roleArn: true, profile: true },
      })
    : null;
  return {
    restApiId: api.id,
    contextApiId: api.awsRestApiId ?? api.id.slice(0, 10),
    stageName,
    deploymentId: stage.deploymentId,
    design,
    variables: stringVariables(stage.variables),
    settings,
    canary,
    awsConnection,
  };
}

/** Test hook: forget cached snapshots. */
export function clearSnapshotCache(): void {
  snapshots.clear();
  resolved.clear();
}
