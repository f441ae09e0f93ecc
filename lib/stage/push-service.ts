/**
 * Pushing a stage to AWS: plan against the live API, run the calls through the AWS adapter,
 * and keep the push in the history (plan, every call, result or where it stopped). A failed
 * push keeps the AWS REST API id it reached, so running it again converges instead of
 * creating a second API.
 *
 * One push per stage at a time, across processes (`push-lock.ts`); a push never depends on its
 * watcher (a closed progress stream does not stop it), and a push whose server died is
 * recorded as interrupted by the next push of the stage, which continues from where it got to.
 */
import { redactPutRestApiParams } from "../aws/put-rest-api";
import type { Db } from "../db/client";
import { mutate, type Actor } from "../audit/mutate";
import { assertCan } from "../auth/roles";
import { parseDesign } from "../model/design";
import { isUuid } from "../model/ids";
import { ConflictError, GatehouseError, NotFoundError, ValidationError } from "../errors";
import { createApiGatewayClient } from "../aws/client";
import { describeAwsError, formatAwsError, worthRetrying } from "../aws/errors";
import { callCounts, callCountText, plannedCallCount } from "../aws/push-counts";
import { liveToDesign, withAwsDefaults } from "../aws/import";
import { type LiveApi, readLiveApi } from "../aws/live";
import { executePush, planPush, PushError, type CallRecord, type PushPlan } from "../aws/push";
import type { ApiDesign } from "../model/design";
import { type DesignDiff, diffDesigns } from "../snapshot/diff";
import { acquirePushLock, lockAbandoned, type LockRow, type PushLease } from "./push-lock";

export interface PushProgress {
  done: number;
  total: number;
  call: Pick<CallRecord, "description" | "ok" | "operation" | "retries">;
}

export interface PushOutcome {
  pushId: string;
  awsRestApiId: string;
  awsDeploymentId: string;
  calls: number;
  entityCalls: number;
}

/** Loads what a push needs, scoped to the actor's workspace. */
async function loadTarget(db: Db, actor: Actor, restApiId: string, stageName: string, connectionId: string | undefined) {
  if (!isUuid(restApiId)) throw new NotFoundError("REST API");
  if (connectionId !== undefined && !isUuid(connectionId))
    throw new ValidationError([{ field: "connectionId", message: "That AWS connection does not exist" }]);
  const api = await db.restApi.findFirst({ where: { id: restApiId, workspaceId: actor.workspaceId } });
  if (!api) throw new NotFoundError("REST API");
  const stage = await db.stage.findFirst({ where: { restApiId, name: stageName }, include: { deployment: true } });
  if (!stage) throw new NotFoundError(`Stage ${stageName}`);
  const chosen = connectionId ?? api.awsConnectionId ?? undefined;
  if (!chosen) throw new ValidationError([{ field: "connectionId", message: "Choose an AWS connection (add one under AWS connections)" }]);
  if (api.awsConnectionId && api.awsConnectionId !== chosen) {
    throw new ValidationError([{ field: "connectionId", message: "This API is already bound to another AWS connection; push through that one" }]);
  }
  const connection = await db.awsConnection.findFirst({ where: { id: chosen, workspaceId: actor.workspaceId } });
  if (!connection) throw new ValidationError([{ field: "connectionId", message: "That AWS connection does not exist" }]);
  return { api, stage, connection };
}

export interface StagePushPreview {
  plan: PushPlan;
  /** From the live API (before) to the stage's deployment as AWS will hold it (after); same engine as comparing stages. */
  diff: DesignDiff;
  /** False: no REST API on AWS yet, the diff starts from an empty API. */
  liveFound: boolean;
  deploymentId: string;
}

/**
 * The AWS deployment the stage already runs when Gatehouse knows it holds exactly this
 * snapshot (it pushed that snapshot to this stage): a push with no entity change then sends nothing.
 */
function deployedDeploymentId(stage: { awsDeploymentId: string | null; awsDeploymentHash: string | null; deployment: { contentHash: string } }) {
  return stage.awsDeploymentId && stage.awsDeploymentHash === stage.deployment.contentHash ? stage.awsDeploymentId : null;
}

function planInput(
  api: { awsRestApiId: string | null },
  stage: Awaited<ReturnType<typeof loadTarget>>["stage"],
  stageName: string,
  live: LiveApi | null,
  reuseDeploymentId: string | null = null,
) {
  return {
    reuseDeploymentId,
    design: parseDesign(stage.deployment.snapshot),
    restApiId: api.awsRestApiId,
    stageName,
    stageVariables: stage.variables as Record<string, string>,
    deploymentDescription: deploymentDescription(stage.deployment),
    deployedDeploymentId: deployedDeploymentId(stage),
    live,
  };
}

/**
 * The plan as people see and keep it: a PutRestApi body (megabytes of OpenAPI for a large API)
 * is named by its size, not shipped to the browser or stored in every push record.
 */
function withoutDocuments(plan: PushPlan): PushPlan {
  return { ...plan, calls: plan.calls.map((c) => (c.operation === "PutRestApi" ? { ...c, params: redactPutRestApiParams(c.params) } : c)) };
}

function emptyLike(design: ApiDesign): ApiDesign {
  return parseDesign({ name: design.name, resources: [{ id: "root", parentId: null, pathPart: "" }] });
}

/** The plan for pushing a stage, with the diff it comes from; nothing is sent but reads. */
export async function planStagePush(db: Db, actor: Actor, restApiId: string, stageName: string, connectionId?: string): Promise<StagePushPreview> {
  assertCan(actor.role, "aws.push");
  const { api, stage, connection } = await loadTarget(db, actor, restApiId, stageName, connectionId);
  const client = createApiGatewayClient(connection);
  try {
    const live = api.awsRestApiId ? await readLiveApi(client, api.awsRestApiId) : null;
    const input = planInput(api, stage, stageName, live);
    const plan = await planPush(client, input);
    const target = withAwsDefaults(input.design);
    return {
      plan: withoutDocuments(plan),
      diff: diffDesigns(live ? liveToDesign(live) : emptyLike(target), target),
      liveFound: !!live,
      deploymentId: stage.deploymentId,
    };
  } catch (e) {
    if (e instanceof GatehouseError) throw e;
    throw liveReadError(e, connection);
  } finally {
    client.destroy();
  }
}

/** Planning could not read what is live: AWS's code and message, or which credentials are missing. */
function liveReadError(e: unknown, connection: { profile?: string | null }): GatehouseError {
  return new GatehouseError(
    `Could not read the live API from AWS: ${formatAwsError(describeAwsError(e, { profile: connection.profile }))}`,
    502,
    [],
    "AwsError",
  );
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/**
 * Why a push stopped and what to do next: AWS's code and message for the call and entity; run it
 * again only when that can help (AWS's 5xx, throttling, no answer), fix the cause first for a
 * refusal, provide credentials when there are none.
 */
function pushFailure(e: unknown, connection: { profile?: string | null }) {
  if (!(e instanceof PushError)) {
    const message = formatAwsError(describeAwsError(e, { profile: connection.profile }));
    return { message, next: "" };
  }
  const info = describeAwsError(e.cause ?? e, { operation: e.failed.operation, target: e.failed.target, profile: connection.profile });
  const message = `${e.failed.description} failed: ${formatAwsError(info)}`;
  if (info.kind === "credentials") return { message, next: "" };
  return {
    message,
    next: worthRetrying(info) ? " Run it again to continue from where it stopped." : " Fix the cause, then push again: it continues from where it stopped.",
  };
}

/**
 * The AWS deployment the latest push of this stage created before failing (or being interrupted)
 * to point the stage at it, when that push sent this same snapshot to this same REST API.
 */
async function reusableDeployment(db: Db, stageId: string, designHash: string, awsRestApiId: string | null): Promise<string | null> {
  if (!awsRestApiId) return null;
  const last = await db.push.findFirst({ where: { stageId }, orderBy: { startedAt: "desc" } });
  const stopped = last && (last.status === "failed" || last.status === "interrupted");
  if (!last || !stopped || last.designHash !== designHash || last.awsRestApiId !== awsRestApiId) return null;
  const created = (last.calls as unknown as CallRecord[]).find((c) => c.operation === "CreateDeployment" && c.ok && c.createdId);
  return created?.createdId ?? null;
}

/**
 * Push history of an API, newest first. A push still `running` is shown as it really is: who is
 * pushing and since when while its server lives, "interrupted" once that server is gone.
 */
export async function listPushes(db: Db, workspaceId: string, restApiId: string, take = 50) {
  if (!isUuid(restApiId)) throw new NotFoundError("REST API");
  const [rows, locks] = await Promise.all([
    db.push.findMany({
      where: { restApiId, restApi: { workspaceId } },
      orderBy: { startedAt: "desc" },
      take,
      include: { stage: { select: { name: true } }, connection: { select: { name: true, region: true } } },
    }),
    db.pushLock.findMany({ where: { restApiId } }),
  ]);
  return rows.map((row) => withLiveness(row, locks));
}

function withLiveness<R extends { id: string; status: string }>(row: R, locks: LockRow[]) {
  if (row.status !== "running") return { ...row, pushingBy: null };
  const lock = locks.find((l) => l.pushId === row.id);
  if (!lock || lockAbandoned(lock)) return { ...row, status: "interrupted" as const, pushingBy: null };
  return { ...row, pushingBy: { actorEmail: lock.actorEmail, since: lock.startedAt } };
}

const utc = (d: Date) => `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;

/**
 * The pushes of this stage left running by a server that died (found when this push took over
 * its lock): marked interrupted, and the REST API they created kept, so this push continues on it.
 */
async function recordInterrupted(db: Db, actor: Actor, restApiId: string, stageId: string, stageName: string, lock: LockRow) {
  const stopped = await db.push.findMany({ where: { stageId, status: "running" }, orderBy: { startedAt: "desc" } });
  if (stopped.length === 0) return;
  const api = await db.restApi.findUniqueOrThrow({ where: { id: restApiId } });
  const reached = stopped.map((p) => p.awsRestApiId).find((id) => !!id) ?? null;
  const message = `Interrupted: the server running this push stopped (${lock.holder}, last sign of life ${utc(lock.heartbeatAt)}). The next push continued from where it stopped.`;
  await mutate(db, actor, async (tx) => {
    await tx.push.updateMany({
      where: { id: { in: stopped.map((p) => p.id) }, status: "running" },
      data: { status: "interrupted", error: message, finishedAt: new Date() },
    });
    if (reached && !api.awsRestApiId) await tx.restApi.update({ where: { id: restApiId }, data: { awsRestApiId: reached } });
    return {
      result: null,
      audit: {
        action: "stage.push_interrupted",
        entityType: "stage",
        entityId: stageName,
        restApiId,
        summary: `Push of stage ${stageName} by ${lock.actorEmail} since ${utc(lock.startedAt)} was interrupted: its server stopped; continuing it`,
        before: null,
        after: { pushIds: stopped.map((p) => p.id), holder: lock.holder, awsRestApiId: reached },
      },
    };
  });
}

/** Progress goes to whoever watches, if anyone still does: a watcher that is gone (closed stream) never stops the push. */
function quietly(onProgress: ((p: PushProgress) => void) | undefined) {
  return (p: PushProgress) => {
    try {
      onProgress?.(p);
    } catch {
      // The watcher left; the push goes on and records its outcome.
    }
  };
}

function deploymentDescription(d: { id: string; description: string }) {
  return `Gatehouse ${d.id.slice(0, 8)}${d.description ? `: ${d.description}` : ""}`.slice(0, 1024);
}

/**
 * What a push job checks before it is queued, so a refusal is answered at once (404, a missing or
 * foreign connection, the role, a stage another live push holds: 409 naming who) rather than by a
 * job that fails later. Reads only.
 */
export async function assertPushable(db: Db, actor: Actor, restApiId: string, stageName: string, connectionId?: string): Promise<void> {
  assertCan(actor.role, "aws.push");
  const { stage } = await loadTarget(db, actor, restApiId, stageName, connectionId);
  const held = await db.pushLock.findUnique({ where: { stageId: stage.id } });
  if (held && !lockAbandoned(held)) {
    throw new ConflictError(
      `Stage ${stageName} is already being pushed by ${held.actorEmail} since ${utc(held.startedAt)}: wait for it to finish, then push again.`,
    );
  }
}

export async function pushStage(
  db: Db,
  actor: Actor,
  restApiId: string,
  stageName: string,
  options: { connectionId?: string; onProgress?: (p: PushProgress) => void; jobId?: string } = {},
): Promise<PushOutcome> {
  assertCan(actor.role, "aws.push");
  const first = await loadTarget(db, actor, restApiId, stageName, options.connectionId);
  const lease = await acquirePushLock(db, { stageId: first.stage.id, restApiId, stageName, actorEmail: actor.email });
  try {
    if (lease.tookOverFrom) await recordInterrupted(db, actor, restApiId, first.stage.id, stageName, lease.tookOverFrom);
    // Read again under the lock: a push that just ended (or was interrupted) changed what is recorded.
    const { api, stage, connection } = await loadTarget(db, actor, restApiId, stageName, options.connectionId);
    const client = createApiGatewayClient(connection);
    try {
      const onProgress = quietly(options.onProgress);
      return await runPush(db, actor, { api, stage, connection, client, restApiId, stageName, lease, onProgress, jobId: options.jobId });
    } finally {
      client.destroy();
    }
  } finally {
    await lease.release();
  }
}

type PushTarget = Awaited<ReturnType<typeof loadTarget>> & {
  client: ReturnType<typeof createApiGatewayClient>;
  restApiId: string;
  stageName: string;
  lease: PushLease;
  onProgress: (p: PushProgress) => void;
  /** The job running this push (lib/jobs), kept on its row so any instance can follow it. */
  jobId?: string;
};

/** Plans, records the start, runs the calls, and records how it ended (success, or where it stopped and why). */
async function runPush(db: Db, actor: Actor, t: PushTarget): Promise<PushOutcome> {
  const { plan, live } = await planForTarget(db, t);
  const push = await recordPushStarted(db, actor, t, plan);
  t.lease.attach(push.id);
  const made: CallRecord[] = [];
  try {
    const result = await executePush(t.client, plan, {
      onProgress: (done, total, call) => {
        // Kept as it goes, so a push whose server dies leaves where it got to (and the REST API it made).
        made.push(call);
        t.lease.progress(made, call.operation === "CreateRestApi" && call.ok ? call.createdId : undefined);
        t.onProgress({ done, total, call: { description: call.description, ok: call.ok, operation: call.operation, retries: call.retries } });
      },
    });
    // The drift baseline: the live API as AWS holds it now (read again unless nothing was sent).
    const after = plan.calls.length === 0 && live ? live : await readLiveApi(t.client, result.restApiId).catch(() => null);
    await t.lease.stop();
    await recordPushSucceeded(db, actor, t, push.id, plan, result, after);
    return {
      pushId: push.id,
      awsRestApiId: result.restApiId,
      awsDeploymentId: result.deploymentId,
      calls: result.calls.length,
      entityCalls: plan.calls.length,
    };
  } catch (e) {
    const { message, next } = pushFailure(e, t.connection);
    await t.lease.stop();
    await recordPushFailed(db, actor, t, push.id, plan, e, message);
    throw new GatehouseError(`Push failed: ${sentence(message)}${next}`, 502, [], "PushFailed");
  }
}

/** The live API (when the draft is bound to one) and the plan against it; a failed read is reported as AWS wrote it. */
async function planForTarget(db: Db, t: PushTarget): Promise<{ plan: PushPlan; live: LiveApi | null }> {
  const { api, stage, client, stageName } = t;
  const reuse = await reusableDeployment(db, stage.id, stage.deployment.contentHash, api.awsRestApiId);
  try {
    const live = api.awsRestApiId ? await readLiveApi(client, api.awsRestApiId) : null;
    return { plan: await planPush(client, planInput(api, stage, stageName, live, reuse)), live };
  } catch (e) {
    throw liveReadError(e, t.connection);
  }
}

function recordPushStarted(db: Db, actor: Actor, t: PushTarget, plan: PushPlan) {
  const { api, stage, connection, restApiId, stageName, lease } = t;
  return mutate(db, actor, async (tx) => {
    const row = await tx.push.create({
      data: {
        restApiId,
        stageId: stage.id,
        connectionId: connection.id,
        plan: JSON.parse(JSON.stringify(withoutDocuments(plan))),
        actorId: actor.userId,
        awsRestApiId: plan.restApiId,
        designHash: stage.deployment.contentHash,
        heartbeatAt: new Date(),
        jobId: t.jobId ?? null,
      },
    });
    await tx.pushLock.updateMany({ where: { token: lease.token }, data: { pushId: row.id } });
    if (!api.awsConnectionId) await tx.restApi.update({ where: { id: restApiId }, data: { awsConnectionId: connection.id } });
    return {
      result: row,
      audit: {
        action: "stage.push_started",
        entityType: "stage",
        entityId: stageName,
        restApiId,
        summary: `Started pushing stage ${stageName} to ${connection.name} (${connection.region}): ${plannedCallCount(plan)} calls planned (${plan.calls.length} entity calls)`,
        before: null,
        after: { pushId: row.id, connection: connection.name, region: connection.region, deploymentId: stage.deploymentId, summary: plan.summary },
      },
    };
  });
}

async function recordPushSucceeded(
  db: Db,
  actor: Actor,
  t: PushTarget,
  pushId: string,
  plan: PushPlan,
  result: Awaited<ReturnType<typeof executePush>>,
  after: LiveApi | null,
): Promise<void> {
  const { api, stage, restApiId, stageName } = t;
  await mutate(db, actor, async (tx) => {
    await tx.push.update({
      where: { id: pushId },
      data: {
        status: "succeeded",
        calls: JSON.parse(JSON.stringify(result.calls)),
        awsRestApiId: result.restApiId,
        awsDeploymentId: result.deploymentId,
        finishedAt: new Date(),
      },
    });
    await tx.restApi.update({
      where: { id: restApiId },
      data: {
        awsRestApiId: result.restApiId,
        ...(after ? { awsSyncedDesign: liveToDesign(after) as object, awsSyncedAt: new Date(), awsDriftAckHash: null } : {}),
      },
    });
    await tx.stage.update({ where: { id: stage.id }, data: { awsDeploymentId: result.deploymentId, awsDeploymentHash: stage.deployment.contentHash } });
    return {
      result: null,
      audit: {
        action: "stage.push",
        entityType: "stage",
        entityId: stageName,
        restApiId,
        summary: plan.deployment.upToDate
          ? `Pushed stage ${stageName} to AWS: already up to date on deployment ${result.deploymentId} (no call needed)`
          : `Pushed stage ${stageName} to AWS: REST API ${result.restApiId}, deployment ${result.deploymentId} (${result.calls.length} calls)`,
        before: { awsRestApiId: api.awsRestApiId },
        after: { awsRestApiId: result.restApiId, awsDeploymentId: result.deploymentId, calls: result.calls.map((c) => c.description) },
      },
    };
  });
}

async function recordPushFailed(db: Db, actor: Actor, t: PushTarget, pushId: string, plan: PushPlan, error: unknown, message: string): Promise<void> {
  const { api, restApiId, stageName } = t;
  const failed = error instanceof PushError ? error : null;
  const reachedApiId = failed?.restApiId ?? plan.restApiId;
  const calls = failed ? [...failed.completed, failed.failed] : [];
  await mutate(db, actor, async (tx) => {
    await tx.push.update({
      where: { id: pushId },
      data: { status: "failed", calls: JSON.parse(JSON.stringify(calls)), error: message, awsRestApiId: reachedApiId, finishedAt: new Date() },
    });
    // Remember the API this push created, so the next push updates it rather than making another.
    if (reachedApiId && !api.awsRestApiId) await tx.restApi.update({ where: { id: restApiId }, data: { awsRestApiId: reachedApiId } });
    return {
      result: null,
      audit: {
        action: "stage.push_failed",
        entityType: "stage",
        entityId: stageName,
        restApiId,
        summary: `Push of stage ${stageName} stopped, ${callCountText(callCounts(plan, calls))}: ${message}`,
        before: null,
        after: { pushId, completed: failed?.completed.map((c) => c.description) ?? [], failed: failed?.failed.description, error: message },
      },
    };
  });
}
