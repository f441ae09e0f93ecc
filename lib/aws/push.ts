/**
 * Push a Gatehouse design to API Gateway: `planPush` (plan/plan-push.ts, one planner per entity
 * kind in plan/) reads what is live and lists the calls that make it match the design (nothing
 * when it already does); `executePush` runs them through the limiter in dependency order, then
 * deploys and points the stage at the new deployment.
 *
 * Gatehouse's entity ids are not AWS ids: resources are matched by full path, models,
 * validators and authorizers by name, gateway responses by type. Ids that only exist once an
 * earlier call has run are written as Refs (`{ ref: "resource:/pets" }`) and bound at run time,
 * so a plan is plain JSON that can be shown, stored and executed later.
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { callApiGateway } from "./client";
import { compact, resolveRefs } from "./diff";
import { type AwsErrorInfo, describeAwsError, formatAwsError } from "./errors";
import type { ApiGatewayLimiter } from "./limiter";
import { isNotFound } from "./live";
import { recordPush } from "../ops/metrics";
import { planPush } from "./plan/plan-push";
import type { CallKind, PlanPushInput, PlannedCall, PushPlan } from "./plan/types";
import { plannedCallCount } from "./push-counts";
import { redactPutRestApiParams } from "./put-rest-api";

export { BUILT_IN_MODELS, modelsInDependencyOrder } from "./plan/models";
export { planPush } from "./plan/plan-push";
export type { CallKind, DeploymentPlan, PlanPushInput, PlannedCall, PushPlan, PushStrategy } from "./plan/types";

export interface CallRecord {
  operation: string;
  target: string;
  description: string;
  kind: CallKind;
  /** The input actually sent (Refs resolved). */
  params: Record<string, unknown>;
  ok: boolean;
  /** Id of what the call created (resource, model, deployment …). */
  createdId?: string;
  error?: { name: string; message: string; status?: number };
  /** 429 retries this call needed. */
  retries: number;
  startedAt: string;
  durationMs: number;
}

export interface PushResult {
  restApiId: string;
  deploymentId: string;
  stageName: string;
  calls: CallRecord[];
}

export class PushError extends Error {
  constructor(
    message: string,
    /** Calls that succeeded before the failure, in order. */
    readonly completed: CallRecord[],
    /** The call that failed. */
    readonly failed: CallRecord,
    /** The REST API being pushed to (also when this push created it): plan the retry against it. */
    readonly restApiId: string | null,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = "PushError";
  }
}

export interface ExecuteOptions {
  onProgress?(done: number, total: number, call: CallRecord): void;
  limiter?: ApiGatewayLimiter;
}

/** What the record keeps of a failed call: AWS's code and message (or a readable account of what went wrong). */
function errorInfo(info: AwsErrorInfo): CallRecord["error"] {
  return { name: info.code, message: info.message, status: info.status };
}

/**
 * Runs a plan's calls one at a time: binds the ids they create for the calls after them, keeps a
 * record of each, reports progress, and turns the first failure into a PushError that says what
 * was done before it.
 */
class CallRunner {
  readonly bindings: Record<string, string>;
  readonly completed: CallRecord[] = [];
  private readonly total: number;

  constructor(
    private readonly client: APIGatewayClient,
    private readonly plan: PushPlan,
    private readonly options: ExecuteOptions,
  ) {
    this.bindings = { ...plan.bindings };
    this.total = plannedCallCount(plan);
  }

  // biome-ignore lint/suspicious/noExplicitAny: each operation answers its own shape; only ids are read from it
  async run(call: PlannedCall): Promise<any> {
    const started = Date.now();
    const record: CallRecord = {
      operation: call.operation,
      target: call.target,
      description: call.description,
      kind: call.kind,
      params: redactPutRestApiParams(call.params),
      ok: false,
      retries: 0,
      startedAt: new Date(started).toISOString(),
      durationMs: 0,
    };
    try {
      const out = await this.send(call, record);
      record.ok = true;
      record.durationMs = Date.now() - started;
      if (out && typeof out.id === "string") record.createdId = out.id;
      if (call.binds && out?.id) this.bindings[call.binds] = out.id;
      // The root resource comes with the API: methods on "/" refer to it.
      if (call.operation === "CreateRestApi" && out?.rootResourceId) this.bindings["resource:/"] = out.rootResourceId;
      this.completed.push(record);
      this.options.onProgress?.(this.completed.length, this.total, record);
      return out;
    } catch (e) {
      record.durationMs = Date.now() - started;
      throw this.stoppedAt(call, record, e);
    }
  }

  // biome-ignore lint/suspicious/noExplicitAny: as for run(): only ids are read from the answer
  private async send(call: PlannedCall, record: CallRecord): Promise<any> {
    let params = resolveRefs(call.params, this.bindings);
    record.params = redactPutRestApiParams(params);
    // PutRestApi's body is a blob on the wire: the OpenAPI document's UTF-8 bytes.
    if (call.operation === "PutRestApi" && typeof params.body === "string") params = { ...params, body: new TextEncoder().encode(params.body) };
    // biome-ignore lint/suspicious/noExplicitAny: as for run(): only ids are read from the answer
    return callApiGateway<any>(this.client, call.operation, params, {
      limiter: this.options.limiter,
      onRetry: () => {
        record.retries++;
      },
    });
  }

  private stoppedAt(call: PlannedCall, record: CallRecord, e: unknown): PushError {
    const info = describeAwsError(e, { operation: call.operation, target: call.target });
    record.error = errorInfo(info);
    return new PushError(
      `Push stopped at "${call.description}": ${formatAwsError(info)} (${this.completed.length + 1} of ${this.total} calls made)`,
      [...this.completed],
      record,
      this.bindings.restApi ?? this.plan.restApiId,
      e,
    );
  }
}

/** Runs the plan's calls, then deploys and points the stage; counted by outcome and timed for /api/metrics. */
export async function executePush(client: APIGatewayClient, plan: PushPlan, options: ExecuteOptions = {}): Promise<PushResult> {
  const started = performance.now();
  try {
    const result = await runPlan(client, plan, options);
    recordPush({ outcome: isUpToDate(plan) ? "up_to_date" : "succeeded", durationMs: performance.now() - started });
    return result;
  } catch (e) {
    recordPush({ outcome: "failed", durationMs: performance.now() - started });
    throw e;
  }
}

/** Nothing to call: the stage already serves this design (runPlan's early return). */
function isUpToDate(plan: PushPlan): boolean {
  return Boolean(plan.deployment.upToDate && plan.calls.length === 0 && plan.restApiId);
}

async function runPlan(client: APIGatewayClient, plan: PushPlan, options: ExecuteOptions): Promise<PushResult> {
  if (plan.deployment.upToDate && plan.calls.length === 0 && plan.restApiId)
    return { restApiId: plan.restApiId, deploymentId: plan.deployment.upToDate.deploymentId, stageName: plan.stageName, calls: [] };
  const runner = new CallRunner(client, plan, options);
  for (const call of plan.calls) await runner.run(call);

  const restApiId = runner.bindings.restApi;
  if (!restApiId) throw new Error("Push plan has no REST API to deploy");
  const deploymentId: string =
    plan.deployment.reuse?.deploymentId ||
    (
      await runner.run({
        operation: "CreateDeployment",
        target: `API ${plan.apiName}`,
        description: `Deploy ${plan.apiName}`,
        kind: "deploy",
        params: compact({ restApiId, description: plan.deployment.description }),
      })
    ).id;
  await pointStage(runner, plan, restApiId, deploymentId);
  return { restApiId, deploymentId, stageName: plan.stageName, calls: runner.completed };
}

/** CreateStage or UpdateStage onto the deployment; the stage may have appeared or gone since planning (another push, a console edit), so the other one is tried once. */
async function pointStage(runner: CallRunner, plan: PushPlan, restApiId: string, deploymentId: string): Promise<void> {
  const createStage: PlannedCall = {
    operation: "CreateStage",
    target: `stage ${plan.stageName}`,
    description: `Create stage ${plan.stageName} on the new deployment`,
    kind: "deploy",
    params: compact({ restApiId, stageName: plan.stageName, deploymentId, variables: plan.deployment.variables }),
  };
  const updateStage: PlannedCall = {
    operation: "UpdateStage",
    target: `stage ${plan.stageName}`,
    description: `Point stage ${plan.stageName} at the new deployment`,
    kind: "deploy",
    params: {
      restApiId,
      stageName: plan.stageName,
      patchOperations: [{ op: "replace", path: "/deploymentId", value: deploymentId }, ...plan.deployment.stagePatchOperations],
    },
  };
  const exists = plan.deployment.stageExists;
  try {
    await runner.run(exists ? updateStage : createStage);
  } catch (e) {
    const cause = (e as PushError).cause;
    const retry = exists ? isNotFound(cause) : (cause as { name?: string })?.name === "ConflictException";
    if (!retry) throw e;
    await runner.run(exists ? createStage : updateStage);
  }
}

/** Plan and execute in one go. */
export async function push(client: APIGatewayClient, input: PlanPushInput, options: ExecuteOptions = {}): Promise<PushResult & { plan: PushPlan }> {
  const plan = await planPush(client, input, { limiter: options.limiter });
  const result = await executePush(client, plan, options);
  return { ...result, plan };
}
