/**
 * What each stage action does to a stage, as pure functions: state in, state out, or a field-level
 * ValidationError. The services (lib/stage/changes.ts, approvals.ts) load, check roles and write;
 * lib/aws/stage-sync.ts turns the same before/after pair into UpdateStage patch operations.
 */
import { ValidationError } from "../errors";
import { checkStageVariables } from "./rules";
import type { CanaryValue, StoredStageSettings } from "./settings";

export interface StageState {
  deploymentId: string;
  description: string;
  variables: Record<string, string>;
  protected: boolean;
  settings: StoredStageSettings;
}

/** Changes of what a stage runs: on a protected stage these wait for a second person's approval. */
export type DeploymentChange =
  | { kind: "deploy"; deploymentId: string; rollback?: boolean }
  | { kind: "promote"; fromStage: string; deploymentId: string }
  | { kind: "canary.create"; canary: CanaryValue }
  | { kind: "canary.promote"; canaryDeploymentId: string; removeCanary: boolean };

/** Changes that never need approval: they adjust or withdraw a canary that was already approved. */
export type CanaryAdjustment =
  | { kind: "canary.update"; percentTraffic: number; stageVariableOverrides: Record<string, string>; useStageCache: boolean }
  | { kind: "canary.remove" };

export type StageTransition = DeploymentChange | CanaryAdjustment;

const clone = (s: StageState): StageState => ({ ...s, variables: { ...s.variables }, settings: structuredClone(s.settings) });

function refuseWhileCanary(s: StageState, field: string) {
  // AWS: while a canary is on, the stage can't be pointed at another non-canary deployment.
  if (s.settings.canarySettings) throw new ValidationError([{ field, message: "This stage has a canary: promote or remove it first" }]);
}

function needCanary(s: StageState): NonNullable<StoredStageSettings["canarySettings"]> {
  if (!s.settings.canarySettings) throw new ValidationError([{ field: "canarySettings", message: "This stage has no canary" }]);
  return s.settings.canarySettings;
}

export function applyTransition(current: StageState, t: StageTransition): StageState {
  const next = clone(current);
  switch (t.kind) {
    case "deploy":
    case "promote": {
      refuseWhileCanary(current, "deploymentId");
      if (t.deploymentId === current.deploymentId) throw new ValidationError([{ field: "deploymentId", message: "The stage already runs that deployment" }]);
      next.deploymentId = t.deploymentId;
      return next;
    }
    case "canary.create": {
      if (current.settings.canarySettings)
        throw new ValidationError([{ field: "canarySettings", message: "This stage already has a canary: adjust, promote or remove it" }]);
      if (t.canary.deploymentId === current.deploymentId)
        throw new ValidationError([{ field: "canarySettings.deploymentId", message: "The canary must run another deployment than the stage" }]);
      next.settings.canarySettings = { ...t.canary, stageVariableOverrides: { ...t.canary.stageVariableOverrides } };
      return next;
    }
    case "canary.update": {
      const canary = needCanary(current);
      next.settings.canarySettings = {
        ...canary,
        percentTraffic: t.percentTraffic,
        stageVariableOverrides: { ...t.stageVariableOverrides },
        useStageCache: t.useStageCache,
      };
      return next;
    }
    case "canary.promote": {
      const canary = needCanary(current);
      if (canary.deploymentId !== t.canaryDeploymentId)
        throw new ValidationError([{ field: "canarySettings", message: "The canary changed since this promotion was asked for" }]);
      // AWS's promotion: the canary's deployment and variable overrides become the stage's, its traffic goes to 0.
      next.deploymentId = canary.deploymentId;
      next.variables = { ...current.variables, ...canary.stageVariableOverrides };
      const issues = checkStageVariables(next.variables);
      if (issues.length) throw new ValidationError(issues);
      if (t.removeCanary) delete next.settings.canarySettings;
      else next.settings.canarySettings = { ...canary, percentTraffic: 0 };
      return next;
    }
    case "canary.remove": {
      needCanary(current);
      delete next.settings.canarySettings;
      return next;
    }
  }
}

/** The audit action of each transition. */
export function transitionAction(t: StageTransition): string {
  switch (t.kind) {
    case "deploy":
      return t.rollback ? "stage.rollback" : "stage.deploy";
    case "promote":
      return "stage.promote";
    case "canary.create":
      return "stage.canary_create";
    case "canary.update":
      return "stage.canary_update";
    case "canary.promote":
      return "stage.canary_promote";
    case "canary.remove":
      return "stage.canary_remove";
  }
}

const short = (id: string) => id.slice(0, 8);

export function describeTransition(stageName: string, t: StageTransition): string {
  switch (t.kind) {
    case "deploy":
      return t.rollback
        ? `Roll stage ${stageName} back to deployment ${short(t.deploymentId)}`
        : `Point stage ${stageName} at deployment ${short(t.deploymentId)}`;
    case "promote":
      return `Promote stage ${t.fromStage} to ${stageName}: deployment ${short(t.deploymentId)}`;
    case "canary.create":
      return `Add a canary to stage ${stageName}: deployment ${short(t.canary.deploymentId)} at ${t.canary.percentTraffic}%`;
    case "canary.update":
      return `Set the canary of stage ${stageName} to ${t.percentTraffic}%`;
    case "canary.promote":
      return `Promote the canary of stage ${stageName}: deployment ${short(t.canaryDeploymentId)}${t.removeCanary ? ", canary removed" : ""}`;
    case "canary.remove":
      return `Remove the canary of stage ${stageName}`;
  }
}

/** The deployment ids a transition refers to (each must belong to the stage's API). */
export function deploymentsOf(t: StageTransition): string[] {
  if (t.kind === "deploy" || t.kind === "promote") return [t.deploymentId];
  if (t.kind === "canary.create") return [t.canary.deploymentId];
  if (t.kind === "canary.promote") return [t.canaryDeploymentId];
  return [];
}
