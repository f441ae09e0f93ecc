/**
 * The stage end of a push: which variables to set, whether the stage exists, and whether there is
 * anything to deploy at all (the stage already runs this design) or a deployment to use again
 * (a failed run of this push made one). CreateDeployment and CreateStage/UpdateStage themselves
 * are added at run time, once the deployment id is known.
 */
import type { Stage as AwsStage } from "@aws-sdk/client-api-gateway";
import { type PatchOp, mapOps } from "../diff";
import type { DeploymentPlan, PlanPushInput } from "./types";

type StageInput = Pick<PlanPushInput, "stageName" | "stageVariables" | "deploymentDescription" | "deployedDeploymentId" | "reuseDeploymentId">;

/**
 * @param stage the live stage (null: there is none, or no live API)
 * @param liveApiFound whether the REST API is live (a deployment to reuse only exists on it)
 * @param entityCalls how many entity calls the plan makes before deploying
 */
export function planDeployment(input: StageInput, stage: AwsStage | null, liveApiFound: boolean, entityCalls: number, notes: string[]): DeploymentPlan {
  const stagePatchOperations = stageVariableOps(stage, input.stageVariables);
  const upToDate =
    entityCalls === 0 &&
    stage?.deploymentId &&
    input.deployedDeploymentId &&
    stage.deploymentId === input.deployedDeploymentId &&
    stagePatchOperations.length === 0
      ? { deploymentId: stage.deploymentId }
      : undefined;
  if (upToDate) notes.push(`Stage ${input.stageName} already runs deployment ${upToDate.deploymentId} of this design: nothing to send.`);
  const reuse = !upToDate && entityCalls === 0 && liveApiFound && input.reuseDeploymentId ? { deploymentId: input.reuseDeploymentId } : undefined;
  if (reuse) notes.push(`Deployment ${reuse.deploymentId}, made by the push that stopped before pointing the stage at it, is used again.`);
  return {
    description: input.deploymentDescription,
    stageExists: !!stage,
    variables: input.stageVariables ?? {},
    stagePatchOperations,
    upToDate,
    reuse,
  };
}

/** UpdateStage's variable changes; a new variable is sent as `replace` too, which sets it whether or not the stage has it yet. */
function stageVariableOps(stage: AwsStage | null, wanted: Record<string, string> | undefined): PatchOp[] {
  if (!stage || !wanted) return [];
  return mapOps("/variables", stage.variables, wanted).map((o) => (o.op === "add" ? { ...o, op: "replace" as const } : o));
}
