"use server";
/** Server actions for APIs and their designs: validate, check the role, call lib/, revalidate. */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_server/action";
import { createRestApi, deleteRestApi, editDesign } from "@/lib/restapi/service";

const createApiSchema = z.object({ name: z.string(), description: z.string().optional() });

export async function createApiAction(input: z.input<typeof createApiSchema>) {
  return runAction("api.create", async ({ db, actor }) => {
    const row = await createRestApi(db, actor, createApiSchema.parse(input));
    revalidatePath("/");
    return { id: row.id };
  });
}

/** The one action that edits a draft design: a command, and the version it was based on. */
export async function editDesignAction(restApiId: string, baseVersion: number, command: unknown) {
  return runAction("design.edit", async ({ db, actor }) => {
    const result = await editDesign(db, actor, z.string().parse(restApiId), z.number().int().parse(baseVersion), command);
    revalidatePath(`/apis/${restApiId}`);
    return result;
  });
}

/** Test-invokes the draft, or with `stage` that stage's deployment (its variables unless given). */
export async function testInvokeAction(restApiId: string, input: import("@/lib/restapi/test-invoke").TestInvokeInput) {
  return runAction("invoke.test", async ({ db, actor }) => {
    const { testInvoke, testInvokeInputSchema } = await import("@/lib/restapi/test-invoke");
    const result = await testInvoke(db, actor, z.string().parse(restApiId), testInvokeInputSchema.parse(input));
    revalidatePath(`/apis/${restApiId}/history`);
    return result;
  });
}

/** Deletes an API with its stages, deployments and test cases (admin); `confirmName` repeats its name. Nothing on AWS is deleted. */
export async function deleteApiAction(restApiId: string, confirmName: string) {
  return runAction("api.delete", async ({ db, actor }) => {
    const result = await deleteRestApi(db, actor, z.string().parse(restApiId), z.string().parse(confirmName));
    revalidatePath("/");
    revalidatePath("/history");
    return result;
  });
}
