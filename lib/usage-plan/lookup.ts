/**
 * Finding plans, keys and stages inside a mutation, scoped to the actor's workspace, and the one
 * rule that spans plans: a key may not reach one API stage through two plans (AWS refuses it, since
 * it could not tell which plan's throttle and quota apply).
 */
import type { Tx } from "../audit/mutate";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { isUuid } from "../model/ids";
import { parseDesign } from "../model/design";
import { findResourceByPath } from "../model/tree";
import { parseMethodThrottleKey, type ApiStage } from "./rules";

/** Reads a plan or a key with the client or inside a transaction. */
type Reader = Pick<Tx, "usagePlan" | "apiKey">;

export async function findPlan(tx: Reader, workspaceId: string, planId: string) {
  const plan = isUuid(planId) ? await tx.usagePlan.findFirst({ where: { id: planId, workspaceId } }) : null;
  if (!plan) throw new NotFoundError("Usage plan");
  return plan;
}

export async function findApiKey(tx: Reader, workspaceId: string, keyId: string) {
  const key = isUuid(keyId) ? await tx.apiKey.findFirst({ where: { id: keyId, workspaceId } }) : null;
  if (!key) throw new NotFoundError("API key");
  return key;
}

/** The stage an API stage names, refused by field when the API or the stage is not there. */
export async function resolveStage(tx: Tx, workspaceId: string, input: ApiStage, field: string) {
  const api = await tx.restApi.findFirst({ where: { id: input.apiId, workspaceId }, select: { id: true, name: true } });
  if (!api) throw new ValidationError([{ field: `${field}.apiId`, message: "That REST API is not in this workspace" }]);
  const stage = await tx.stage.findFirst({
    where: { restApiId: api.id, name: input.stage },
    select: { id: true, name: true, deployment: { select: { snapshot: true } } },
  });
  if (!stage) throw new ValidationError([{ field: `${field}.stage`, message: `${api.name} has no stage ${input.stage}` }]);
  checkThrottledMethods(stage.deployment.snapshot, input, field);
  return { id: stage.id, name: stage.name, apiName: api.name };
}

/** Every method throttle names a method the stage's deployment has (AWS: "Invalid method"), all refused at once. */
function checkThrottledMethods(snapshot: unknown, input: ApiStage, field: string): void {
  const design = parseDesign(snapshot);
  const issues = [];
  for (const key of Object.keys(input.throttle)) {
    const target = parseMethodThrottleKey(key);
    if (!target || target.path === "/*") continue;
    const resource = findResourceByPath(design, target.path);
    const methods = resource?.methods ?? {};
    const found = target.method === "*" ? Object.keys(methods).length > 0 : target.method in methods || "ANY" in methods;
    if (!found)
      issues.push({
        field: `${field}.throttle.${key}`,
        message: `Stage ${input.stage} has no ${target.method === "*" ? "method" : target.method} on ${target.path}`,
      });
  }
  if (issues.length) throw new ValidationError(issues);
}

/**
 * Refuses (409) when a key would reach a stage through two plans: `keyIds` are to be in `planId`,
 * whose stages will be `stageIds`.
 */
export async function assertOneRouteToEachStage(tx: Tx, planId: string, keyIds: string[], stageIds: string[]): Promise<void> {
  if (!keyIds.length || !stageIds.length) return;
  const clash = await tx.usagePlanKey.findFirst({
    where: { apiKeyId: { in: keyIds }, usagePlanId: { not: planId }, usagePlan: { apiStages: { some: { stageId: { in: stageIds } } } } },
    select: { apiKey: { select: { name: true } }, usagePlan: { select: { name: true } } },
  });
  if (clash) {
    throw new ConflictError(
      `API key ${clash.apiKey.name} is already in usage plan ${clash.usagePlan.name}, which covers the same API stage: a key may reach a stage through one plan only`,
    );
  }
}
