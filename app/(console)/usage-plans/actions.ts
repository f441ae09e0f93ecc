"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_server/action";
import { importApiKeys } from "@/lib/apikey/import";
import type { ApiKeyCreateInput } from "@/lib/apikey/rules";
import { createApiKey, deleteApiKey, revealApiKey } from "@/lib/apikey/service";
import type { ApiStageInput, UsagePlanInput } from "@/lib/usage-plan/rules";
import { addApiStage, attachApiKey, createUsagePlan, deleteUsagePlan, detachApiKey, removeApiStage } from "@/lib/usage-plan/service";

const id = () => z.string().max(100);
const object = z.object({}).passthrough();

/** The answer carries the new key's value: the one time it is shown without asking. */
export async function createApiKeyAction(input: ApiKeyCreateInput) {
  return runAction("apiKey.write", async ({ db, actor }) => {
    const { apiKey, value } = await createApiKey(db, actor, object.parse(input) as ApiKeyCreateInput);
    revalidatePath("/usage-plans");
    return { id: apiKey.id, name: apiKey.name, value };
  });
}

export async function revealApiKeyAction(keyId: string) {
  return runAction("apiKey.reveal", async ({ db, actor }) => ({ value: await revealApiKey(db, actor, id().parse(keyId)) }));
}

/** `detach` is the confirmation: without it a key in plans is refused, naming them. */
export async function deleteApiKeyAction(keyId: string, detach: boolean) {
  return runAction("apiKey.write", async ({ db, actor }) => {
    const r = await deleteApiKey(db, actor, id().parse(keyId), { detach: z.boolean().parse(detach) });
    revalidatePath("/usage-plans");
    return r;
  });
}

export async function importApiKeysAction(csv: string) {
  return runAction("apiKey.write", async ({ db, actor }) => {
    const r = await importApiKeys(db, actor, z.string().max(2_000_000, "The file is larger than 2 MB").parse(csv));
    revalidatePath("/usage-plans");
    return r;
  });
}

export async function createUsagePlanAction(input: UsagePlanInput) {
  return runAction("usagePlan.write", async ({ db, actor }) => {
    const plan = await createUsagePlan(db, actor, object.parse(input) as UsagePlanInput);
    revalidatePath("/usage-plans");
    return { id: plan.id, name: plan.name };
  });
}

export async function deleteUsagePlanAction(planId: string, detach: boolean) {
  return runAction("usagePlan.write", async ({ db, actor }) => {
    const r = await deleteUsagePlan(db, actor, id().parse(planId), { detach: z.boolean().parse(detach) });
    revalidatePath("/usage-plans");
    return r;
  });
}

export async function attachApiKeyAction(planId: string, keyId: string) {
  return runAction("usagePlan.write", async ({ db, actor }) => {
    await attachApiKey(db, actor, id().parse(planId), id().parse(keyId));
    revalidatePath("/usage-plans");
    return { ok: true };
  });
}

export async function detachApiKeyAction(planId: string, keyId: string) {
  return runAction("usagePlan.write", async ({ db, actor }) => {
    await detachApiKey(db, actor, id().parse(planId), id().parse(keyId));
    revalidatePath("/usage-plans");
    return { ok: true };
  });
}

export async function addApiStageAction(planId: string, input: ApiStageInput) {
  return runAction("usagePlan.write", async ({ db, actor }) => {
    await addApiStage(db, actor, id().parse(planId), object.parse(input) as ApiStageInput);
    revalidatePath("/usage-plans");
    return { ok: true };
  });
}

export async function removeApiStageAction(planId: string, apiId: string, stage: string) {
  return runAction("usagePlan.write", async ({ db, actor }) => {
    await removeApiStage(db, actor, id().parse(planId), { apiId: id().parse(apiId), stage: z.string().max(128).parse(stage) });
    revalidatePath("/usage-plans");
    return { ok: true };
  });
}
