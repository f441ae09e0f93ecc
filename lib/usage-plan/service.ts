/**
 * Usage plans: create, update, delete, attach and detach keys, add and remove API stages. Every
 * change goes through mutate() under the workspace's row lock, so the rules that span rows (a key
 * reaches a stage through one plan; a plan is deleted only without keys, or with detach) hold
 * against concurrent edits.
 */
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { mutate, type Actor, type Tx } from "../audit/mutate";
import { assertCan } from "../auth/roles";
import { lockWorkspace } from "../db/locks";
import { fromZod, GatehouseError } from "../errors";
import { assertOneRouteToEachStage, findApiKey, findPlan, resolveStage } from "./lookup";
import { apiStageSchema, usagePlanSchema, usagePlanUpdateSchema, type ApiStageInput, type UsagePlanInput, type UsagePlanUpdateInput } from "./rules";
import { settingsOf, viewOfPlan, PLAN_VIEW } from "./view";

export async function listUsagePlans(db: Db, actor: Actor) {
  assertCan(actor.role, "read");
  const plans = await db.usagePlan.findMany({ where: { workspaceId: actor.workspaceId }, orderBy: { name: "asc" }, select: PLAN_VIEW });
  return plans.map(viewOfPlan);
}

export async function getUsagePlan(db: Db, actor: Actor, planId: string) {
  assertCan(actor.role, "read");
  const plan = await findPlan(db, actor.workspaceId, planId);
  return viewOfPlan(await db.usagePlan.findUniqueOrThrow({ where: { id: plan.id }, select: PLAN_VIEW }));
}

async function readView(tx: Tx, planId: string) {
  return viewOfPlan(await tx.usagePlan.findUniqueOrThrow({ where: { id: planId }, select: PLAN_VIEW }));
}

export async function createUsagePlan(db: Db, actor: Actor, raw: UsagePlanInput) {
  assertCan(actor.role, "usagePlan.write");
  const parsed = usagePlanSchema.safeParse(raw);
  if (!parsed.success) throw fromZod(parsed.error);
  const { apiStages, ...settings } = parsed.data;
  return mutate(db, actor, async (tx) => {
    await lockWorkspace(tx, actor.workspaceId);
    const stages = [];
    for (const [i, s] of apiStages.entries()) stages.push({ ...(await resolveStage(tx, actor.workspaceId, s, `apiStages.${i}`)), throttle: s.throttle });
    const plan = await tx.usagePlan.create({
      data: { workspaceId: actor.workspaceId, ...settings, throttle: settings.throttle ?? undefined, quota: settings.quota ?? undefined },
    });
    for (const s of stages) await tx.usagePlanStage.create({ data: { usagePlanId: plan.id, stageId: s.id, throttle: s.throttle } });
    const view = await readView(tx, plan.id);
    return {
      result: view,
      audit: {
        action: "usagePlan.create",
        entityType: "usagePlan",
        entityId: plan.name,
        summary: `Created usage plan ${plan.name}`,
        before: null,
        after: settingsOf(view),
      },
    };
  });
}

export async function updateUsagePlan(db: Db, actor: Actor, planId: string, raw: UsagePlanUpdateInput) {
  assertCan(actor.role, "usagePlan.write");
  const parsed = usagePlanUpdateSchema.safeParse(raw);
  if (!parsed.success) throw fromZod(parsed.error);
  const input = parsed.data;
  return mutate(db, actor, async (tx) => {
    await lockWorkspace(tx, actor.workspaceId);
    const current = await findPlan(tx, actor.workspaceId, planId);
    const before = settingsOf(await readView(tx, current.id));
    // A cleared throttle or quota is written as NULL (Prisma's DbNull), not left as it was.
    await tx.usagePlan.update({
      where: { id: current.id },
      data: { name: input.name, description: input.description, throttle: input.throttle ?? JSON_NULL, quota: input.quota ?? JSON_NULL },
    });
    const view = await readView(tx, current.id);
    return {
      result: view,
      audit: {
        action: "usagePlan.update",
        entityType: "usagePlan",
        entityId: view.name,
        summary: `Updated usage plan ${view.name}`,
        before,
        after: settingsOf(view),
      },
    };
  });
}

/** SQL NULL for a nullable Json column (undefined would leave the column as it was). */
const JSON_NULL = Prisma.DbNull;

/**
 * Deletes a plan. With keys attached it is refused (409, naming them) unless `detach` confirms
 * that they are detached with it; the keys themselves stay.
 */
export async function deleteUsagePlan(db: Db, actor: Actor, planId: string, options: { detach?: boolean } = {}) {
  assertCan(actor.role, "usagePlan.write");
  return mutate(db, actor, async (tx) => {
    await lockWorkspace(tx, actor.workspaceId);
    const plan = await findPlan(tx, actor.workspaceId, planId);
    const view = await readView(tx, plan.id);
    if (view.keys.length && !options.detach) {
      const names = view.keys.map((k) => k.name);
      throw new GatehouseError(
        `Usage plan ${plan.name} has ${names.length === 1 ? "an API key" : "API keys"} attached: ${names.join(", ")}. Detach ${names.length === 1 ? "it" : "them"} first, or confirm to detach ${names.length === 1 ? "it" : "them"} with the plan.`,
        409,
        names.map((name) => ({ field: "apiKeys", message: name })),
        "Conflict",
      );
    }
    await tx.usagePlanKey.deleteMany({ where: { usagePlanId: plan.id } });
    await tx.usagePlan.delete({ where: { id: plan.id } });
    const detached = view.keys.map((k) => k.name);
    return {
      result: { id: plan.id, name: plan.name, detached },
      audit: {
        action: "usagePlan.delete",
        entityType: "usagePlan",
        entityId: plan.name,
        summary: `Deleted usage plan ${plan.name}${detached.length ? ` (detached ${detached.join(", ")})` : ""}`,
        before: settingsOf(view),
        after: null,
      },
    };
  });
}

export async function attachApiKey(db: Db, actor: Actor, planId: string, keyId: string) {
  assertCan(actor.role, "usagePlan.write");
  return mutate(db, actor, async (tx) => {
    await lockWorkspace(tx, actor.workspaceId);
    const plan = await findPlan(tx, actor.workspaceId, planId);
    const key = await findApiKey(tx, actor.workspaceId, keyId);
    if (await tx.usagePlanKey.findUnique({ where: { usagePlanId_apiKeyId: { usagePlanId: plan.id, apiKeyId: key.id } } })) {
      throw new GatehouseError(`API key ${key.name} is already in usage plan ${plan.name}`, 409, [], "Conflict");
    }
    const stages = await tx.usagePlanStage.findMany({ where: { usagePlanId: plan.id }, select: { stageId: true } });
    await assertOneRouteToEachStage(
      tx,
      plan.id,
      [key.id],
      stages.map((s) => s.stageId),
    );
    await tx.usagePlanKey.create({ data: { usagePlanId: plan.id, apiKeyId: key.id } });
    return {
      result: await readView(tx, plan.id),
      audit: linkAudit("usagePlan.attachKey", plan.name, key.name, `Attached API key ${key.name} to usage plan ${plan.name}`),
    };
  });
}

export async function detachApiKey(db: Db, actor: Actor, planId: string, keyId: string) {
  assertCan(actor.role, "usagePlan.write");
  return mutate(db, actor, async (tx) => {
    await lockWorkspace(tx, actor.workspaceId);
    const plan = await findPlan(tx, actor.workspaceId, planId);
    const key = await findApiKey(tx, actor.workspaceId, keyId);
    const { count } = await tx.usagePlanKey.deleteMany({ where: { usagePlanId: plan.id, apiKeyId: key.id } });
    if (!count) throw new GatehouseError(`API key ${key.name} is not in usage plan ${plan.name}`, 404, [], "NotFound");
    return {
      result: await readView(tx, plan.id),
      audit: linkAudit("usagePlan.detachKey", plan.name, key.name, `Detached API key ${key.name} from usage plan ${plan.name}`),
    };
  });
}

function linkAudit(action: string, planName: string, keyName: string, summary: string) {
  const link = { usagePlan: planName, keyName };
  const attached = action.endsWith("attachKey");
  return { action, entityType: "usagePlan", entityId: planName, summary, before: attached ? null : link, after: attached ? link : null };
}

/** Adds an API stage (which must exist) with its method throttles, or replaces the throttles of one already there. */
export async function addApiStage(db: Db, actor: Actor, planId: string, raw: ApiStageInput) {
  assertCan(actor.role, "usagePlan.write");
  const parsed = apiStageSchema.safeParse(raw);
  if (!parsed.success) throw fromZod(parsed.error);
  const input = parsed.data;
  return mutate(db, actor, async (tx) => {
    await lockWorkspace(tx, actor.workspaceId);
    const plan = await findPlan(tx, actor.workspaceId, planId);
    const stage = await resolveStage(tx, actor.workspaceId, input, "apiStage");
    const keys = await tx.usagePlanKey.findMany({ where: { usagePlanId: plan.id }, select: { apiKeyId: true } });
    await assertOneRouteToEachStage(
      tx,
      plan.id,
      keys.map((k) => k.apiKeyId),
      [stage.id],
    );
    const existing = await tx.usagePlanStage.findUnique({ where: { usagePlanId_stageId: { usagePlanId: plan.id, stageId: stage.id } } });
    await tx.usagePlanStage.upsert({
      where: { usagePlanId_stageId: { usagePlanId: plan.id, stageId: stage.id } },
      create: { usagePlanId: plan.id, stageId: stage.id, throttle: input.throttle },
      update: { throttle: input.throttle },
    });
    const where = `${stage.apiName}/${stage.name}`;
    return {
      result: await readView(tx, plan.id),
      audit: {
        action: "usagePlan.addStage",
        entityType: "usagePlan",
        entityId: plan.name,
        summary: `${existing ? "Changed the method throttles of" : "Added"} ${where} ${existing ? "in" : "to"} usage plan ${plan.name}`,
        before: existing ? { apiStage: where, throttle: existing.throttle } : null,
        after: { apiStage: where, throttle: input.throttle },
      },
    };
  });
}

export async function removeApiStage(db: Db, actor: Actor, planId: string, raw: { apiId: string; stage: string }) {
  assertCan(actor.role, "usagePlan.write");
  const parsed = apiStageSchema.safeParse({ ...raw, throttle: {} });
  if (!parsed.success) throw fromZod(parsed.error);
  return mutate(db, actor, async (tx) => {
    await lockWorkspace(tx, actor.workspaceId);
    const plan = await findPlan(tx, actor.workspaceId, planId);
    const api = await tx.restApi.findFirst({ where: { id: parsed.data.apiId, workspaceId: actor.workspaceId }, select: { name: true } });
    const link = await tx.usagePlanStage.findFirst({
      where: { usagePlanId: plan.id, stage: { name: parsed.data.stage, restApiId: parsed.data.apiId } },
    });
    if (!api || !link) throw new GatehouseError(`Usage plan ${plan.name} does not cover that stage`, 404, [], "NotFound");
    await tx.usagePlanStage.delete({ where: { usagePlanId_stageId: { usagePlanId: plan.id, stageId: link.stageId } } });
    const where = `${api.name}/${parsed.data.stage}`;
    return {
      result: await readView(tx, plan.id),
      audit: {
        action: "usagePlan.removeStage",
        entityType: "usagePlan",
        entityId: plan.name,
        summary: `Removed ${where} from usage plan ${plan.name}`,
        before: { apiStage: where, throttle: link.throttle },
        after: null,
      },
    };
  });
}
