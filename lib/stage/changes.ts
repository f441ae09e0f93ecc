/**
 * Stage actions: settings, point / roll back, promotion from another stage, canary. Each checks
 * the role, validates (field-level errors, nothing written), sends the change to AWS when the API
 * is bound to a connection, then writes the stage and its audit row through mutate().
 *
 * Protected stages: every change of what the stage runs (point, roll back, promote, add a canary,
 * promote a canary) becomes a request that a *different* deployer or admin must approve
 * (lib/stage/approvals.ts). Adjusting or removing an approved canary and editing settings apply
 * directly; changing the `protected` flag itself needs an admin.
 */
import type { Db } from "../db/client";
import { mutate, type Actor, type AuditEntry, type Tx } from "../audit/mutate";
import { assertCan } from "../auth/roles";
import { parseDesign } from "../model/design";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { isUuid } from "../model/ids";
import { createDeployment } from "../deployment/service";
import { describeAwsOutcome, syncStageToAws, type AwsOutcome } from "./aws-sync";
import { applySettingsInput, checkMethodSettingKeys, parseCanaryInput, parseStageSettingsInput, readStoredSettings, settingsJson } from "./settings";
import {
  applyTransition,
  deploymentsOf,
  describeTransition,
  transitionAction,
  type DeploymentChange,
  type StageState,
  type StageTransition,
} from "./transitions";

export interface StageActionResult {
  status: "applied" | "requested";
  requestId?: string;
  summary: string;
  aws: AwsOutcome;
  awsMessage?: string;
  version?: number;
}

type StageRow = NonNullable<Awaited<ReturnType<Db["stage"]["findFirst"]>>>;

export function stateOf(stage: Pick<StageRow, "deploymentId" | "description" | "variables" | "protected" | "settings">): StageState {
  const vars = (stage.variables && typeof stage.variables === "object" ? stage.variables : {}) as Record<string, unknown>;
  return {
    deploymentId: stage.deploymentId,
    description: stage.description,
    variables: Object.fromEntries(Object.entries(vars).filter(([, v]) => typeof v === "string")) as Record<string, string>,
    protected: stage.protected,
    settings: readStoredSettings(stage.settings),
  };
}

/** The API (scoped to the actor's workspace) and one of its stages. */
export async function loadStage(db: Db | Tx, actor: Actor, restApiId: string, stageName: string) {
  if (!isUuid(restApiId)) throw new NotFoundError("REST API");
  const api = await db.restApi.findFirst({
    where: { id: restApiId, workspaceId: actor.workspaceId },
    select: { id: true, awsConnectionId: true, awsRestApiId: true },
  });
  if (!api) throw new NotFoundError("REST API");
  const stage = await db.stage.findFirst({ where: { restApiId, name: stageName } });
  if (!stage) throw new NotFoundError(`Stage ${stageName}`);
  return { api, stage };
}

async function assertDeploymentsBelong(db: Db, restApiId: string, ids: string[], field: string) {
  for (const id of ids) {
    if (!isUuid(id) || !(await db.deployment.findFirst({ where: { id, restApiId }, select: { id: true } }))) {
      throw new ValidationError([{ field, message: "That deployment does not belong to this API" }]);
    }
  }
}

const stateJson = (s: StageState) => ({
  deploymentId: s.deploymentId,
  description: s.description,
  variables: s.variables,
  protected: s.protected,
  settings: s.settings,
});

/**
 * Sends `next` to AWS (when bound), then writes it if the stage is still at the version it was
 * read at (409 otherwise), with the audit row and whatever `extra` writes in the same transaction.
 */
export async function commitStage(
  db: Db,
  actor: Actor,
  loaded: Awaited<ReturnType<typeof loadStage>>,
  next: StageState,
  audit: { action: string; summary: string },
  options: { promoteCanary?: { removeCanary: boolean }; extra?: (tx: Tx) => Promise<AuditEntry[]> } = {},
): Promise<StageActionResult> {
  const { api, stage } = loaded;
  const before = stateOf(stage);
  const aws = await syncStageToAws(db, api, stage.name, before, next, { promoteCanary: options.promoteCanary });
  const awsMessage = describeAwsOutcome(aws);
  const version = await mutate(db, actor, async (tx) => {
    const written = await tx.stage.updateMany({
      where: { id: stage.id, version: stage.version },
      data: {
        deploymentId: next.deploymentId,
        description: next.description,
        variables: next.variables,
        protected: next.protected,
        settings: settingsJson(next.settings) as object,
        version: { increment: 1 },
      },
    });
    if (aws.status === "applied" && next.deploymentId !== before.deploymentId) {
      // Keep the push/drift baseline (which AWS deployment the stage runs, holding which snapshot) in step.
      const d = await tx.deployment.findUniqueOrThrow({ where: { id: next.deploymentId }, select: { contentHash: true } });
      await tx.stage.update({ where: { id: stage.id }, data: { awsDeploymentId: aws.awsDeploymentId, awsDeploymentHash: d.contentHash } });
    }
    if (written.count !== 1) throw new ConflictError(`Stage ${stage.name} was changed by someone else since you opened it. Reload to see the current stage.`);
    const extra = options.extra ? await options.extra(tx) : [];
    return {
      result: stage.version + 1,
      audit: [
        ...extra,
        {
          action: audit.action,
          entityType: "stage",
          entityId: stage.name,
          restApiId: api.id,
          summary: awsMessage ? `${audit.summary}. ${awsMessage}` : audit.summary,
          before: stateJson(before),
          after: { ...stateJson(next), ...(aws.status === "local" ? {} : { aws }) },
        },
      ],
    };
  });
  return { status: "applied", summary: audit.summary, aws, awsMessage, version };
}

/** Settings, description, variables and protection (not the deployment or canary). */
export async function updateStageSettings(
  db: Db,
  actor: Actor,
  restApiId: string,
  stageName: string,
  baseVersion: number,
  input: unknown,
): Promise<StageActionResult> {
  assertCan(actor.role, "stage.write");
  const value = parseStageSettingsInput(input);
  const loaded = await loadStage(db, actor, restApiId, stageName);
  const { stage } = loaded;
  if (stage.version !== baseVersion)
    throw new ConflictError(`Stage ${stageName} was changed by someone else since you opened it. Reload to see the current stage.`);
  const current = stateOf(stage);
  if (value.protected !== current.protected) assertCan(actor.role, "stage.protect");
  const deployment = await db.deployment.findFirstOrThrow({ where: { id: stage.deploymentId }, select: { snapshot: true } });
  const keyIssues = checkMethodSettingKeys(Object.keys(value.methodSettings ?? {}), parseDesign(deployment.snapshot));
  if (keyIssues.length) throw new ValidationError(keyIssues);
  const next: StageState = {
    ...current,
    description: value.description.trim(),
    variables: value.variables,
    protected: value.protected,
    settings: applySettingsInput(current.settings, value),
  };
  return commitStage(db, actor, loaded, next, { action: "stage.update", summary: `Updated settings of stage ${stageName}` });
}

/**
 * A change of what the stage runs: applied at once, or on a protected stage recorded as a request
 * for a second person's approval. Validated against the stage now either way.
 */
export async function changeStageDeployment(
  db: Db,
  actor: Actor,
  restApiId: string,
  stageName: string,
  change: DeploymentChange,
  /** How the history names it when applied at once (a revert says which entry it reverts). */
  label: { action?: string; summary?: string } = {},
): Promise<StageActionResult> {
  assertCan(actor.role, "stage.write");
  const loaded = await loadStage(db, actor, restApiId, stageName);
  await assertDeploymentsBelong(db, restApiId, deploymentsOf(change), change.kind === "canary.create" ? "canarySettings.deploymentId" : "deploymentId");
  const next = applyTransition(stateOf(loaded.stage), change);
  const summary = label.summary ?? describeTransition(stageName, change);
  if (loaded.stage.protected) return requestApproval(db, actor, loaded, change, summary);
  return commitStage(
    db,
    actor,
    loaded,
    next,
    { action: label.action ?? transitionAction(change), summary },
    change.kind === "canary.promote" ? { promoteCanary: { removeCanary: change.removeCanary } } : {},
  );
}

async function requestApproval(
  db: Db,
  actor: Actor,
  loaded: Awaited<ReturnType<typeof loadStage>>,
  change: DeploymentChange,
  summary: string,
): Promise<StageActionResult> {
  const { api, stage } = loaded;
  const request = await mutate(db, actor, async (tx) => {
    const pending = await tx.stageChangeRequest.findFirst({ where: { stageId: stage.id, status: "pending" } });
    if (pending)
      throw new ConflictError(`Stage ${stage.name} already has a change waiting for approval (${pending.summary}). Approve, reject or cancel it first.`);
    const row = await tx.stageChangeRequest.create({
      data: { restApiId: api.id, stageId: stage.id, change: change as object, summary, requestedById: actor.userId, requestedByEmail: actor.email },
    });
    return {
      result: row,
      audit: {
        action: "stage.change_requested",
        entityType: "stage",
        entityId: stage.name,
        restApiId: api.id,
        summary: `Requested approval: ${summary}`,
        before: null,
        after: { requestId: row.id, change },
      },
    };
  });
  return { status: "requested", requestId: request.id, summary, aws: { status: "local" } };
}

/* ---- the named actions the console offers ---- */

export const pointStage = (db: Db, actor: Actor, restApiId: string, stageName: string, deploymentId: string) =>
  changeStageDeployment(db, actor, restApiId, stageName, { kind: "deploy", deploymentId });

export const rollbackStage = (db: Db, actor: Actor, restApiId: string, stageName: string, deploymentId: string) =>
  changeStageDeployment(db, actor, restApiId, stageName, { kind: "deploy", deploymentId, rollback: true });

/** Points `toStage` at exactly the deployment `fromStage` runs; `toStage` keeps its own variables and settings. */
export async function promoteStage(db: Db, actor: Actor, restApiId: string, fromStage: string, toStage: string): Promise<StageActionResult> {
  assertCan(actor.role, "stage.write");
  if (fromStage === toStage) throw new ValidationError([{ field: "toStage", message: "Choose another stage to promote to" }]);
  const { stage: source } = await loadStage(db, actor, restApiId, fromStage);
  return changeStageDeployment(db, actor, restApiId, toStage, { kind: "promote", fromStage, deploymentId: source.deploymentId });
}

/** Adds a canary; `deployDraft` first creates a deployment of the current draft and makes it the canary. */
export async function addCanary(
  db: Db,
  actor: Actor,
  restApiId: string,
  stageName: string,
  input: { deployDraft?: boolean; description?: string } & Record<string, unknown>,
): Promise<StageActionResult & { deploymentId: string }> {
  assertCan(actor.role, "stage.write");
  let deploymentId = typeof input.deploymentId === "string" ? input.deploymentId : "";
  // Validate everything but the deployment before creating one, so bad input writes nothing.
  const canary = parseCanaryInput({ ...input, deploymentId: input.deployDraft ? "pending" : deploymentId });
  await loadStage(db, actor, restApiId, stageName);
  if (input.deployDraft) deploymentId = (await createDeployment(db, actor, restApiId, { description: input.description ?? `Canary for ${stageName}` })).id;
  const result = await changeStageDeployment(db, actor, restApiId, stageName, { kind: "canary.create", canary: { ...canary, deploymentId } });
  return { ...result, deploymentId };
}

export async function updateCanary(db: Db, actor: Actor, restApiId: string, stageName: string, input: Record<string, unknown>): Promise<StageActionResult> {
  assertCan(actor.role, "stage.write");
  const loaded = await loadStage(db, actor, restApiId, stageName);
  const current = stateOf(loaded.stage);
  const canary = parseCanaryInput({ ...input, deploymentId: current.settings.canarySettings?.deploymentId ?? "none" });
  const t: StageTransition = {
    kind: "canary.update",
    percentTraffic: canary.percentTraffic,
    stageVariableOverrides: canary.stageVariableOverrides,
    useStageCache: canary.useStageCache,
  };
  return commitStage(db, actor, loaded, applyTransition(current, t), { action: transitionAction(t), summary: describeTransition(stageName, t) });
}

export async function promoteCanary(
  db: Db,
  actor: Actor,
  restApiId: string,
  stageName: string,
  options: { removeCanary?: boolean } = {},
): Promise<StageActionResult> {
  assertCan(actor.role, "stage.write");
  const { stage } = await loadStage(db, actor, restApiId, stageName);
  const canary = stateOf(stage).settings.canarySettings;
  if (!canary) throw new ValidationError([{ field: "canarySettings", message: "This stage has no canary" }]);
  return changeStageDeployment(db, actor, restApiId, stageName, {
    kind: "canary.promote",
    canaryDeploymentId: canary.deploymentId,
    removeCanary: options.removeCanary ?? true,
  });
}

/** Cancels a canary (or removes a promoted one): all traffic back on the stage's deployment. */
export async function removeCanary(db: Db, actor: Actor, restApiId: string, stageName: string): Promise<StageActionResult> {
  assertCan(actor.role, "stage.write");
  const loaded = await loadStage(db, actor, restApiId, stageName);
  const t: StageTransition = { kind: "canary.remove" };
  return commitStage(db, actor, loaded, applyTransition(stateOf(loaded.stage), t), { action: transitionAction(t), summary: describeTransition(stageName, t) });
}
