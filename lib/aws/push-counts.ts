/**
 * How many calls a push plans and how many it made, counted one way everywhere (the push
 * itself, its progress, the AWS tab's history and the audit history): planned = the entity
 * calls + CreateDeployment (unless a deployment is reused) + the stage call, or none when the
 * stage is up to date; made = every call sent, whether AWS accepted it or not.
 */
import type { CallRecord, PushPlan } from "./push";

type CountedPlan = Pick<PushPlan, "calls"> & { deployment: Pick<PushPlan["deployment"], "upToDate" | "reuse"> };

export function plannedCallCount(plan: CountedPlan): number {
  if (plan.deployment.upToDate && plan.calls.length === 0) return 0;
  return plan.calls.length + (plan.deployment.reuse ? 1 : 2);
}

export interface CallCounts {
  planned: number;
  made: number;
  failed: number;
}

export function callCounts(plan: CountedPlan, calls: Pick<CallRecord, "ok">[]): CallCounts {
  return { planned: plannedCallCount(plan), made: calls.length, failed: calls.filter((c) => !c.ok).length };
}

/** "3 of 4 calls made" / "no call needed". */
export function callCountText(c: CallCounts): string {
  if (c.planned === 0 && c.made === 0) return "no call needed";
  return `${c.made} of ${c.planned} call${c.planned === 1 ? "" : "s"} made${c.failed ? ` (${c.failed} refused or failed)` : ""}`;
}
