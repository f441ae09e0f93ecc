/**
 * Applying a stage action to AWS for an API bound to an AWS connection. Gatehouse deployments map
 * to the AWS deployments their pushes created; the action is sent as UpdateStage (or CreateStage
 * when AWS doesn't have the stage) before anything is written here, so a refusal from AWS leaves
 * both sides as they were.
 */
import type { Db } from "../db/client";
import { GatehouseError } from "../errors";
import { createApiGatewayClient } from "../aws/client";
import { describeAwsError, formatAwsError } from "../aws/errors";
import { readStage } from "../aws/live";
import { WebAclError } from "../aws/waf";
import { awsSettingsView, canaryPromoteOps, createAwsStage, stageUpdateOps, updateAwsStage, type AwsStageCall, type AwsStageView } from "../aws/stage-sync";
import type { StageState } from "./transitions";

export type AwsOutcome =
  | { status: "local" }
  | { status: "applied"; calls: AwsStageCall[]; awsRestApiId: string /** The AWS deployment the stage now runs. */; awsDeploymentId: string }
  | { status: "skipped"; message: string };

export interface ApiBinding {
  id: string;
  awsConnectionId: string | null;
  awsRestApiId: string | null;
}

/**
 * Gatehouse deployment id → the AWS deployment that holds the same snapshot: the latest successful
 * push that sent its content hash (deployments are content-addressed, so any deployment with that
 * hash maps there), or a stage that AWS runs it on (push or import). Older pushes that recorded no
 * hash are matched through their "push started" audit rows, which name the deployment.
 */
export async function awsDeploymentIds(db: Db, restApiId: string): Promise<Map<string, string>> {
  const [deployments, pushes, stages] = await Promise.all([
    db.deployment.findMany({ where: { restApiId }, select: { id: true, contentHash: true } }),
    db.push.findMany({
      where: { restApiId, status: "succeeded", awsDeploymentId: { not: null } },
      orderBy: { startedAt: "asc" },
      select: { id: true, awsDeploymentId: true, designHash: true },
    }),
    db.stage.findMany({
      where: { restApiId, awsDeploymentId: { not: null }, awsDeploymentHash: { not: null } },
      select: { awsDeploymentId: true, awsDeploymentHash: true },
    }),
  ]);
  const byHash = new Map<string, string>();
  for (const s of stages) byHash.set(s.awsDeploymentHash!, s.awsDeploymentId!);
  const hashOf = new Map(deployments.map((d) => [d.id, d.contentHash]));
  const unhashed = pushes.filter((p) => !p.designHash);
  if (unhashed.length) {
    const started = await db.auditEvent.findMany({ where: { restApiId, action: "stage.push_started" }, select: { after: true } });
    const deploymentOfPush = new Map<string, string>();
    for (const e of started) {
      const a = e.after as { pushId?: unknown; deploymentId?: unknown } | null;
      if (a && typeof a.pushId === "string" && typeof a.deploymentId === "string") deploymentOfPush.set(a.pushId, a.deploymentId);
    }
    for (const p of unhashed) p.designHash = hashOf.get(deploymentOfPush.get(p.id) ?? "") ?? null;
  }
  for (const p of pushes) if (p.designHash && p.awsDeploymentId) byHash.set(p.designHash, p.awsDeploymentId);
  const out = new Map<string, string>();
  for (const d of deployments) {
    const aws = byHash.get(d.contentHash);
    if (aws) out.set(d.id, aws);
  }
  return out;
}

const UNPUSHED = "(unpushed ";

function view(s: StageState, ids: Map<string, string>): AwsStageView {
  const aws = (id: string) => ids.get(id) ?? `${UNPUSHED}${id})`;
  return { deploymentId: aws(s.deploymentId), description: s.description, variables: s.variables, ...awsSettingsView(s.settings, aws) };
}

function unpushedIn(values: unknown[]): string | null {
  for (const v of values) if (typeof v === "string" && v.startsWith(UNPUSHED)) return v.slice(UNPUSHED.length, -1);
  return null;
}

const notPushed = (stageName: string, deploymentId: string) =>
  `Deployment ${deploymentId.slice(0, 8)} has never been pushed to AWS: push stage ${stageName} first (Push to AWS), then AWS runs it too.`;

/**
 * Sends the change from `before` to `after` to AWS when the API is bound; `promoteCanary` sends
 * AWS's promotion operations instead of a field-by-field difference.
 */
export async function syncStageToAws(
  db: Db,
  api: ApiBinding,
  stageName: string,
  before: StageState | null,
  after: StageState,
  options: { promoteCanary?: { removeCanary: boolean } } = {},
): Promise<AwsOutcome> {
  if (!api.awsConnectionId || !api.awsRestApiId) return { status: "local" };
  const connection = await db.awsConnection.findUnique({ where: { id: api.awsConnectionId } });
  if (!connection) return { status: "local" };
  const ids = await awsDeploymentIds(db, api.id);
  const want = view(after, ids);
  const client = createApiGatewayClient(connection);
  const target = { client, connection, restApiId: api.awsRestApiId, stageName };
  try {
    const live = await readStage(client, api.awsRestApiId, stageName);
    if (!live) {
      const missing = unpushedIn([want.deploymentId, want.canarySettings?.deploymentId]);
      if (missing) return { status: "skipped", message: notPushed(stageName, missing) };
      return { status: "applied", awsRestApiId: api.awsRestApiId, awsDeploymentId: want.deploymentId, calls: await createAwsStage(target, want) };
    }
    const had = before ? view(before, ids) : want;
    let ops;
    if (options.promoteCanary && had.canarySettings) ops = canaryPromoteOps(had.variables, had.canarySettings, options.promoteCanary.removeCanary);
    else ops = stageUpdateOps(had, want);
    const missing = unpushedIn([...ops.map((o) => o.value), options.promoteCanary ? had.canarySettings?.deploymentId : undefined]);
    if (missing) return { status: "skipped", message: notPushed(stageName, missing) };
    const runs = options.promoteCanary && had.canarySettings ? had.canarySettings.deploymentId : want.deploymentId;
    return {
      status: "applied",
      awsRestApiId: api.awsRestApiId,
      awsDeploymentId: runs,
      calls: await updateAwsStage(target, ops, { had: live.webAclArn, want: want.webAclArn }),
    };
  } catch (e) {
    if (e instanceof GatehouseError) throw e;
    // A WAF refusal already says what it needs; anything else is read as AWS wrote it.
    const why = e instanceof WebAclError ? e.message : formatAwsError(describeAwsError(e, { target: `stage ${stageName}`, profile: connection.profile }));
    throw new GatehouseError(`AWS refused the change to stage ${stageName}: ${why}. Nothing was changed in Gatehouse.`, 502, [], "AwsError");
  } finally {
    client.destroy();
  }
}

/** One line for the UI and the audit row. */
export function describeAwsOutcome(o: AwsOutcome): string | undefined {
  if (o.status === "applied")
    return o.calls.length
      ? `Applied on AWS (${o.awsRestApiId}): ${o.calls.map((c) => `${c.operation}${c.patchOperations ? ` with ${c.patchOperations.length} operations` : ""}`).join(", ")}`
      : `AWS (${o.awsRestApiId}) already matched`;
  if (o.status === "skipped") return `Not applied on AWS: ${o.message}`;
  return undefined;
}
