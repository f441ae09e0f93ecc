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

const deploymentInput = z.object({ description: z.string().max(1024, "At most 1024 characters").optional() });
const stageInput = z.object({ name: z.string(), deploymentId: z.string(), description: z.string().optional(), variables: z.string().optional() });

export async function createDeploymentAction(restApiId: string, input: z.input<typeof deploymentInput>) {
  return runAction("deployment.create", async ({ db, actor }) => {
    const d = await createDeployment(db, actor, z.string().parse(restApiId), deploymentInput.parse(input));
    revalidate(restApiId);
    return { id: d.id };
  });
}

export async function createStageAction(restApiId: string, input: z.input<typeof stageInput>) {
  return runAction("stage.write", async ({ db, actor }) => {
    const parsed = stageInput.parse(input);
    const stage = await createStage(db, actor, z.string().parse(restApiId), { ...parsed, variables: parseVariableLines(parsed.variables ?? "") });
    revalidate(restApiId);
    return { id: stage.id, name: stage.name };
  });
}

export async function setStageDeploymentAction(restApiId: string, stageName: string, deploymentId: string) {
  return runAction("stage.write", async ({ db, actor }) => {
    await setStageDeployment(db, actor, z.string().parse(restApiId), z.string().parse(stageName), z.string().parse(deploymentId));
    revalidate(restApiId);
    return { ok: true };
  });
}
