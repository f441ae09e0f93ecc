"use server";
/** Deployments, stages and pushes: validate, check the role, call lib/, revalidate. */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_server/action";
import { createDeployment } from "@/lib/deployment/service";
import { createStage, setStageDeployment } from "@/lib/stage/service";
import { parseVariableLines } from "@/components/test-invoke/parse-headers";

const revalidate = (apiId: string) => {
  revalidatePath(`/apis/${apiId}/stages`);
  revalidatePath(`/apis/${apiId}/history`);
};

export async function createDeploymentAction(restApiId: string, input: { description?: string }) {
  return runAction("deployment.create", async ({ db, actor }) => {
    const d = await createDeployment(db, actor, z.string().parse(restApiId), { description: z.string().max(1024).optional().parse(input.description) });
    revalidate(restApiId);
    return { id: d.id };
  });
}

export async function createStageAction(restApiId: string, input: { name: string; deploymentId: string; description?: string; variables?: string }) {
  return runAction("stage.write", async ({ db, actor }) => {
    const stage = await createStage(db, actor, restApiId, { ...input, variables: parseVariableLines(input.variables ?? "") });
    revalidate(restApiId);
    return { id: stage.id, name: stage.name };
  });
}

export async function setStageDeploymentAction(restApiId: string, stageName: string, deploymentId: string) {
  return runAction("stage.write", async ({ db, actor }) => {
    await setStageDeployment(db, actor, restApiId, stageName, deploymentId);
    revalidate(restApiId);
    return { ok: true };
  });
}
