"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_server/action";
import { acknowledgeDrift, adoptDrift, adoptStageDrift, checkDrift, overwriteStageDrift } from "@/lib/connection/drift-service";
import { planStagePush } from "@/lib/stage/push-service";

const apiIdSchema = z.string().uuid("Unknown API");

/**
 * The diff and the exact calls a push of this stage would make; reads AWS, writes nothing. An API
 * not on AWS yet is planned through the connection chosen for its first push (the plan creates everything).
 */
export async function planAwsPushAction(apiId: string, stageName: string, connectionId?: string) {
  return runAction("aws.push", async ({ db, actor }) =>
    planStagePush(
      db,
      actor,
      apiIdSchema.parse(apiId),
      z.string().min(1, "Choose a stage").parse(stageName),
      z
        .string()
        .uuid("Choose an AWS connection")
        .optional()
        .parse(connectionId || undefined),
    ),
  );
}

export async function checkDriftAction(apiId: string) {
  return runAction("design.edit", async ({ db, actor }) => checkDrift(db, actor, apiIdSchema.parse(apiId)));
}

export async function adoptDriftAction(apiId: string, baseVersion: number) {
  return runAction("design.edit", async ({ db, actor }) => {
    const id = apiIdSchema.parse(apiId);
    const result = await adoptDrift(db, actor, id, Number(baseVersion));
    revalidatePath(`/apis/${id}`, "layout");
    return { version: result.version, adopted: result.adopted };
  });
}

export async function overwriteDriftAction(apiId: string) {
  return runAction("aws.push", async ({ db, actor }) => {
    const id = apiIdSchema.parse(apiId);
    const result = await acknowledgeDrift(db, actor, id);
    revalidatePath(`/apis/${id}/aws`);
    return result;
  });
}

/** Writes a stage's live AWS settings into Gatehouse's stage (stage service: validated, audited). */
export async function adoptStageDriftAction(apiId: string, stageName: string) {
  return runAction("stage.write", async ({ db, actor }) => {
    const id = apiIdSchema.parse(apiId);
    const result = await adoptStageDrift(db, actor, id, z.string().min(1, "Choose a stage").parse(stageName));
    revalidatePath(`/apis/${id}`, "layout");
    return { adopted: result.adopted, canaryLeft: result.canaryLeft, version: result.version };
  });
}

/** Puts Gatehouse's stage settings back on AWS (UpdateStage). */
export async function overwriteStageDriftAction(apiId: string, stageName: string) {
  return runAction("aws.push", async ({ db, actor }) => {
    const id = apiIdSchema.parse(apiId);
    const result = await overwriteStageDrift(db, actor, id, z.string().min(1, "Choose a stage").parse(stageName));
    revalidatePath(`/apis/${id}/aws`);
    return result;
  });
}
