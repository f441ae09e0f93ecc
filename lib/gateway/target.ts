/**
 * What a stage serves: the snapshot of its deployment, its variables and settings, and its canary.
 * Deployments are immutable (a database trigger refuses snapshot changes), so parsed snapshots are
 * cached by deployment id, frozen (lib/invoke then keeps per-design indexes: routes, resource
 * paths). The stage rows are re-read at most every `cacheMs` (see resolveStageTargetCached).
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
  const design = deepFreeze(parseDesign(row.snapshot));
  if (snapshots.size >= MAX_CACHED) snapshots.delete(snapshots.keys().next().value!);
  snapshots.set(deploymentId, design);
  return design;
}

/** Freezes a parsed snapshot through and through: nothing serving it may change it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function stringVariables(raw: unknown): Record<string, string> {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return {};
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === "string")) as Record<string, string>;
}

/**
 * Resolved stages, re-read from the database at most every `cacheMs` (default 1 s) per stage:
 * without it the gateway would read the API and stage rows on every request. Every instance polls
 * on its own, so a deploy or stage edit made through any instance is served everywhere within
 * `cacheMs` plus one read (as AWS's own stage updates take a moment to reach its edge). Polling,
 * not LISTEN/NOTIFY: it needs no connection held open per instance, works the same on PGlite and
 * PostgreSQL, and a missed notification cannot leave a stage stale forever.
 *
 * Past `cacheMs` the next request re-reads the stage and the requests arriving meanwhile share that
 * read (no stampede), so a change is served to every request from `cacheMs` after it at the latest:
 * a user who deploys and calls a second later gets the new deployment. A failed re-read answers from
 * the entry it would have replaced, and the next request tries again. Unknown API/stage answers are
 * cached too. Snapshots stay cached by deployment id, so a re-read costs the rows only (one read per
 * stage per second, whatever the traffic).
 */
interface Resolved {
  at: number;
  target: Promise<StageTarget | null>;
  /** The re-read in flight, when one is: what the requests arriving meanwhile are answered with. */
  refresh?: Promise<StageTarget | null>;
}
const resolved = new Map<string, Resolved>();
export const STAGE_CACHE_MS = 1000;

export function resolveStageTargetCached(db: Db, apiRef: string, stageName: string, cacheMs = STAGE_CACHE_MS, now = Date.now()): Promise<StageTarget | null> {
  if (cacheMs <= 0) return resolveStageTarget(db, apiRef, stageName);
  const key = `${apiRef}\u0000${stageName}`;
  const hit = resolved.get(key);
  if (hit && now - hit.at < cacheMs) return hit.target;
  if (hit?.refresh) return hit.refresh;
  const target = resolveStageTarget(db, apiRef, stageName);
  if (!hit) {
    if (resolved.size >= 1024) resolved.clear();
    const entry: Resolved = { at: now, target };
    resolved.set(key, entry);
    target.catch(() => {
      if (resolved.get(key) === entry) resolved.delete(key);
    });
    return target;
  }
  const previous = hit.target;
  const refresh = target.then(
    (value) => {
      hit.at = now;
      hit.target = target;
      return value;
    },
    (e) => {
      console.error("[gatehouse] gateway: re-reading a stage failed; serving what was read before", e);
      return previous;
    },
  );
  hit.refresh = refresh;
  void refresh.finally(() => {
    if (hit.refresh === refresh) hit.refresh = undefined;
  });
  return refresh;
}

/** Waits for the stage re-reads in flight (tests: "the next request sees the new stage"). */
export async function settleStageRefreshes(): Promise<void> {
  await Promise.all([...resolved.values()].map((r) => r.refresh));
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
