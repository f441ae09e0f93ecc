/**
 * Read-only views over stages: what the draft has that each stage doesn't run yet, which
 * deployments a stage ran (from the audit history), what a promotion would change, and the
 * three kinds of thing the diff page compares (draft, a stage, a deployment).
 */
import type { Db } from "../db/client";
import { parseDesign, type ApiDesign } from "../model/design";
import { GatehouseError, NotFoundError, ValidationError } from "../errors";
import { isUuid } from "../model/ids";
import { getRestApiOrThrow } from "../restapi/service";
import { diffDesigns, diffStages, type DesignDiff, type StageDiff } from "../snapshot/diff";
import { contentHash } from "../snapshot/snapshot";
import { stateOf } from "./changes";

export interface UndeployedStage {
  stageName: string;
  deploymentId: string;
  /** True when the draft equals what the stage runs. */
  upToDate: boolean;
  /** What the draft changes relative to the stage's deployment (absent when up to date). */
  summary?: DesignDiff["summary"];
}

/** For each stage, whether the draft differs from what it runs, and how. */
export async function undeployedChanges(db: Db, workspaceId: string, restApiId: string): Promise<{ draftHash: string; stages: UndeployedStage[] }> {
  const api = await getRestApiOrThrow(db, workspaceId, restApiId);
  const draftHash = contentHash(api.design);
  const stages = await db.stage.findMany({
    where: { restApiId },
    orderBy: { name: "asc" },
    include: { deployment: { select: { id: true, contentHash: true, snapshot: true } } },
  });
  return {
    draftHash,
    stages: stages.map((s) => {
      if (s.deployment.contentHash === draftHash) return { stageName: s.name, deploymentId: s.deploymentId, upToDate: true };
      const diff = diffDesigns(parseDesign(s.deployment.snapshot), api.design);
      return { stageName: s.name, deploymentId: s.deploymentId, upToDate: diff.summary.identical, summary: diff.summary };
    }),
  };
}

export interface StageDeploymentEvent {
  deploymentId: string;
  at: Date;
  by: string;
  action: string;
  summary: string;
  /** The canary's deployment when this event added one. */
  canary?: boolean;
}

const DEPLOYMENT_ACTIONS = ["stage.create", "stage.deploy", "stage.rollback", "stage.promote", "stage.canary_create", "stage.canary_promote", "stage.revert"];

/** The deployments a stage ran, newest first, from its audit rows (who and when). */
export async function stageDeploymentHistory(db: Db, restApiId: string, stageName: string): Promise<StageDeploymentEvent[]> {
  const rows = await db.auditEvent.findMany({
    where: { restApiId, entityType: "stage", entityId: stageName, action: { in: DEPLOYMENT_ACTIONS } },
    orderBy: { id: "desc" },
    take: 200,
  });
  const out: StageDeploymentEvent[] = [];
  for (const r of rows) {
    const after = (r.after ?? {}) as { deploymentId?: unknown; settings?: { canarySettings?: { deploymentId?: unknown } } };
    const canaryId = after.settings?.canarySettings?.deploymentId;
    if (r.action === "stage.canary_create" && typeof canaryId === "string") {
      out.push({ deploymentId: canaryId, at: r.createdAt, by: r.actorEmail, action: r.action, summary: r.summary, canary: true });
    } else if (typeof after.deploymentId === "string") {
      out.push({ deploymentId: after.deploymentId, at: r.createdAt, by: r.actorEmail, action: r.action, summary: r.summary });
    }
  }
  return out;
}

/** One side of a comparison: the draft, a stage (its deployment, variables, settings) or a deployment. */
export type DiffRef = { kind: "draft" } | { kind: "stage"; name: string } | { kind: "deployment"; id: string };

export function parseDiffRef(text: string | undefined, field: string): DiffRef {
  if (!text || text === "draft") return { kind: "draft" };
  const [kind, ...rest] = text.split(":");
  const value = rest.join(":");
  if (kind === "stage" && value) return { kind: "stage", name: value };
  if (kind === "deployment" && isUuid(value)) return { kind: "deployment", id: value };
  throw new ValidationError([{ field, message: "Choose the draft, a stage or a deployment" }]);
}

export const diffRefText = (r: DiffRef) => (r.kind === "draft" ? "draft" : r.kind === "stage" ? `stage:${r.name}` : `deployment:${r.id}`);

export interface ResolvedSide {
  ref: DiffRef;
  label: string;
  design: ApiDesign;
  deploymentId?: string;
  stage?: { name: string; deploymentId: string; variables: Record<string, string>; settings: Record<string, unknown> };
}

export async function resolveDiffSide(db: Db, workspaceId: string, restApiId: string, ref: DiffRef): Promise<ResolvedSide> {
  if (ref.kind === "draft") {
    const api = await getRestApiOrThrow(db, workspaceId, restApiId);
    return { ref, label: "Draft", design: api.design };
  }
  await getRestApiOrThrow(db, workspaceId, restApiId);
  if (ref.kind === "deployment") {
    const d = await db.deployment.findFirst({ where: { id: ref.id, restApiId } });
    if (!d) throw new NotFoundError("Deployment");
    return { ref, label: `Deployment ${d.id.slice(0, 8)}${d.description ? ` (${d.description})` : ""}`, design: parseDesign(d.snapshot), deploymentId: d.id };
  }
  const s = await db.stage.findFirst({ where: { restApiId, name: ref.name }, include: { deployment: true } });
  if (!s) throw new NotFoundError(`Stage ${ref.name}`);
  const state = stateOf(s);
  return {
    ref,
    label: `Stage ${s.name}`,
    design: parseDesign(s.deployment.snapshot),
    deploymentId: s.deploymentId,
    stage: { name: s.name, deploymentId: s.deploymentId, variables: state.variables, settings: state.settings as Record<string, unknown> },
  };
}

export interface Comparison {
  a: Omit<ResolvedSide, "design">;
  b: Omit<ResolvedSide, "design">;
  design: DesignDiff;
  /** Only when both sides are stages. */
  stage?: StageDiff;
  /** Templates and schemas of changed entries, for the line diff editor: `{key, path, before, after}`. */
}

export async function compare(db: Db, workspaceId: string, restApiId: string, a: DiffRef, b: DiffRef): Promise<Comparison> {
  const [sa, sb] = await Promise.all([resolveDiffSide(db, workspaceId, restApiId, a), resolveDiffSide(db, workspaceId, restApiId, b)]);
  const strip = ({ design: _d, ...rest }: ResolvedSide) => rest;
  return {
    a: strip(sa),
    b: strip(sb),
    design: diffDesigns(sa.design, sb.design),
    stage: sa.stage && sb.stage ? diffStages(sa.stage, sb.stage) : undefined,
  };
}

export interface PromotionPreview {
  from: string;
  to: string;
  fromDeploymentId: string;
  toDeploymentId: string;
  /** What `to` receives: its deployment → `from`'s. */
  receives: DesignDiff;
  /** `to`'s own variables and settings, which stay; and how they differ from `from`'s. */
  stays: { variables: Record<string, string>; settings: Record<string, unknown>; differences: StageDiff };
  protected: boolean;
}

export async function promotionPreview(db: Db, workspaceId: string, restApiId: string, from: string, to: string): Promise<PromotionPreview> {
  if (from === to) throw new ValidationError([{ field: "toStage", message: "Choose another stage to promote to" }]);
  const [a, b] = await Promise.all([
    resolveDiffSide(db, workspaceId, restApiId, { kind: "stage", name: from }),
    resolveDiffSide(db, workspaceId, restApiId, { kind: "stage", name: to }),
  ]);
  const target = await db.stage.findFirst({ where: { restApiId, name: to }, select: { protected: true } });
  if (!a.stage || !b.stage || !target) throw new GatehouseError("Stage not found", 404, [], "NotFound");
  // Only variables and settings: the deployment is what changes.
  const differences = diffStages(
    { name: to, variables: b.stage.variables, settings: b.stage.settings },
    { name: from, variables: a.stage.variables, settings: a.stage.settings },
  );
  return {
    from,
    to,
    fromDeploymentId: a.stage.deploymentId,
    toDeploymentId: b.stage.deploymentId,
    receives: diffDesigns(b.design, a.design),
    stays: { variables: b.stage.variables, settings: b.stage.settings, differences },
    protected: target.protected,
  };
}
