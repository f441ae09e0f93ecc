/** What `gatehouse plan|push` prints: the plan, the outcome, and failures with AWS's own words. */
import { describeAwsError, formatAwsError, worthRetrying } from "../../aws/errors";
import { type PushPlan, type PushResult, PushError } from "../../aws/push";
import { plannedCallCount } from "../../aws/push-counts";

export function describePlan(plan: PushPlan): string {
  const upToDate = plan.deployment.upToDate;
  const lines = [
    plan.restApiId ? `REST API ${plan.restApiId} (${plan.apiName})` : `A new REST API ${plan.apiName} will be created`,
    `strategy: ${plan.strategy.kind} (${plan.strategy.reason})`,
    `${plan.calls.length} change call(s): ${plan.summary.creates} create, ${plan.summary.updates} update, ${plan.summary.deletes} delete`,
    ...plan.calls.map((c, i) => `  ${String(i + 1).padStart(3)}. ${c.operation.padEnd(26)} ${c.description}`),
    upToDate
      ? `then nothing: stage ${plan.stageName} already runs deployment ${upToDate.deploymentId} of this design`
      : `then ${plan.deployment.reuse ? `point the stage at deployment ${plan.deployment.reuse.deploymentId} and` : "CreateDeployment and"} ${plan.deployment.stageExists ? "UpdateStage" : "CreateStage"} ${plan.stageName}`,
    ...plan.notes.filter((n) => n !== plan.strategy.reason && !n.startsWith(plan.strategy.reason)).map((n) => `note: ${n}`),
  ];
  return lines.join("\n");
}

export function describeOutcome(plan: PushPlan, result: PushResult, json: boolean): string {
  const upToDate = !!plan.deployment.upToDate && result.calls.length === 0;
  if (json)
    return JSON.stringify({ restApiId: result.restApiId, deploymentId: result.deploymentId, stage: result.stageName, calls: result.calls.length, upToDate });
  if (upToDate)
    return `Nothing to change: stage ${result.stageName} of ${result.restApiId} already runs deployment ${result.deploymentId} of this design; no call made`;
  return `Deployed ${result.deploymentId} to stage ${result.stageName} of ${result.restApiId} in ${result.calls.length} calls`;
}

/** A failure in words: AWS's code and message, the call and entity, how far the push got and what to do next. */
export function describeFailure(e: unknown, plan: PushPlan | null): string {
  if (!(e instanceof PushError)) return formatAwsError(describeAwsError(e));
  const info = describeAwsError(e.cause ?? e, { operation: e.failed.operation, target: e.failed.target });
  const failed = `${e.failed.description} failed: ${formatAwsError(info)}`;
  if (info.kind === "credentials") return failed;
  const made = `${e.completed.length + 1} of ${plan ? plannedCallCount(plan) : "?"} calls made`;
  const apiId = e.restApiId ? ` with --api-id ${e.restApiId}` : "";
  // AWS's 5xx, throttling, no answer: the same call may pass now. A refusal needs its cause fixed first.
  if (worthRetrying(info)) return `${failed} (${made}; run again to continue${apiId})`;
  return `${failed} (${made}). Fix the cause, then push again${apiId}: it continues from where it stopped.`;
}
