/**
 * The shape of a push plan: plain JSON that can be shown, stored and executed later. Ids that only
 * exist once an earlier call has run are Refs (`{ ref: "resource:/pets" }`), bound at run time.
 */
import type { ApiDesign } from "../../model/design";
import type { PatchOp } from "../diff";
import type { LiveApi } from "../live";

export type CallKind = "create" | "update" | "delete" | "deploy";

export interface PlannedCall {
  /** SDK operation name: "CreateResource", "PutMethod", "UpdateIntegration" … */
  operation: string;
  /** What it acts on, in words a user knows: "/pets", "GET /pets/{id}", "model Pet". */
  target: string;
  /** One line for a progress list: "Create method GET /pets". */
  description: string;
  kind: CallKind;
  /** The SDK command input; may hold Refs to ids created by earlier calls. */
  params: Record<string, unknown>;
  /** Name under which the id this call creates is bound ("resource:/pets"). */
  binds?: string;
}

export interface PushPlan {
  /** null: the plan starts by creating the REST API. */
  restApiId: string | null;
  apiName: string;
  stageName: string;
  /** AWS ids already known: "restApi", "resource:/pets", "validator:NAME", "authorizer:NAME". */
  bindings: Record<string, string>;
  /** Entity calls, in the order they must run (empty when the API already matches the design). */
  calls: PlannedCall[];
  deployment: DeploymentPlan;
  summary: { creates: number; updates: number; deletes: number };
  /** How the entity calls were chosen: one call per entity, or one PutRestApi when that is fewer calls. */
  strategy: PushStrategy;
  /** Things the user should know about the plan (API not found, built-in models kept …). */
  notes: string[];
}

export interface DeploymentPlan {
  description?: string;
  stageExists: boolean;
  /** Variables for CreateStage. */
  variables: Record<string, string>;
  /** Variable changes for UpdateStage (the /deploymentId replace is added at run time). */
  stagePatchOperations: PatchOp[];
  /** Nothing to send: the stage already runs an AWS deployment of this very design (`deployedDeploymentId`). */
  upToDate?: { deploymentId: string };
  /** Point the stage at this existing deployment instead of calling CreateDeployment. */
  reuse?: { deploymentId: string };
}

export interface PushStrategy {
  kind: "per-entity" | "put-rest-api";
  /** Entity calls a per-entity push needs. */
  perEntityCalls: number;
  /** Entity calls the PutRestApi plan needs (CreateRestApi if new, PutRestApi, UpdateRestApi for what it can't carry); absent when not weighed. */
  putRestApiCalls?: number;
  /** PutRestApi's mode and body size, when chosen. */
  mode?: "overwrite";
  bodyBytes?: number;
  /** One line for people: "PutRestApi: 2 calls instead of 9,412" / why PutRestApi was not used. */
  reason: string;
}

export interface PlanPushInput {
  design: ApiDesign;
  restApiId?: string | null;
  stageName: string;
  /** Desired stage variables; when given, variables not listed are removed from the stage. */
  stageVariables?: Record<string, string>;
  deploymentDescription?: string;
  /**
   * An AWS deployment known to hold exactly this design (the one Gatehouse last pushed to this
   * stage from the same snapshot). When the entity calls are empty, the stage runs it and its
   * variables already match, the push makes no call at all instead of redeploying the same thing.
   */
  deployedDeploymentId?: string | null;
  /**
   * An AWS deployment an earlier, failed run of this push created from this same design before
   * it stopped (at CreateStage / UpdateStage): when there is no entity call to make, the stage is
   * pointed at it instead of deploying the same content a second time.
   */
  reuseDeploymentId?: string | null;
  /** The live API if the caller already read it (undefined: read it here; null: there is none). */
  live?: LiveApi | null;
  /**
   * "auto" (default): PutRestApi when it is fewer calls and the API is new or empty, or the
   * per-entity calls exceed the account's burst. "per-entity": never PutRestApi.
   * "put-rest-api": PutRestApi whenever it is fewer calls.
   */
  strategy?: "auto" | "per-entity" | "put-rest-api";
}
