"use server";
/** Deployments, stages and pushes: validate, check the role, call lib/, revalidate. */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_server/action";
import { createDeployment, deleteDeployment } from "@/lib/deployment/service";
import { createStage, deleteStage, setStageDeployment } from "@/lib/stage/service";
import {
  addCanary,
  pointStage,
  promoteCanary,
  promoteStage,
  removeCanary,
  rollbackStage,
  updateCanary,
  updateStageSettings,
  type StageActionResult,
} from "@/lib/stage/changes";
import { approveChangeRequest, rejectChangeRequest } from "@/lib/stage/approvals";
import { promotionPreview } from "@/lib/stage/insights";
import { parseNameValueLines } from "@/lib/testcase/request-lines";

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
    const stage = await createStage(db, actor, z.string().parse(restApiId), { ...parsed, variables: parseNameValueLines(parsed.variables ?? "") });
    revalidate(restApiId);
    return { id: stage.id, name: stage.name };
  });
}

export async function setStageDeploymentAction(restApiId: string, stageName: string, deploymentId: string) {
  return runAction("stage.write", async ({ db, actor }) => {
    const r = await setStageDeployment(db, actor, z.string().parse(restApiId), z.string().parse(stageName), z.string().parse(deploymentId));
    revalidate(restApiId);
    return { ok: true, status: r.status, summary: r.summary, awsMessage: r.awsMessage };
  });
}

/* ---- stage settings, promotion, approval, rollback, canary (lib/stage/changes.ts, approvals.ts) ---- */

const id = z.string();
const revalidateStage = (apiId: string, stageName: string) => {
  revalidate(apiId);
  revalidatePath(`/apis/${apiId}/stages/${stageName}`);
  revalidatePath(`/apis/${apiId}/stages/matrix`);
};
/** What a stage action tells the page: applied or waiting for approval, and what AWS did. */
const outcome = (r: StageActionResult) => ({
  status: r.status,
  summary: r.summary,
  requestId: r.requestId,
  awsMessage: r.awsMessage,
  awsStatus: r.aws.status,
  version: r.version,
});

export async function updateStageSettingsAction(restApiId: string, stageName: string, baseVersion: number, input: unknown) {
  return runAction("stage.write", async ({ db, actor }) => {
    const r = await updateStageSettings(db, actor, id.parse(restApiId), id.parse(stageName), z.number().int().parse(baseVersion), input);
    revalidateStage(restApiId, stageName);
    return outcome(r);
  });
}

export async function pointStageAction(restApiId: string, stageName: string, deploymentId: string, rollback: boolean) {
  return runAction("stage.write", async ({ db, actor }) => {
    const fn = z.boolean().parse(rollback) ? rollbackStage : pointStage;
    const r = await fn(db, actor, id.parse(restApiId), id.parse(stageName), id.parse(deploymentId));
    revalidateStage(restApiId, stageName);
    return outcome(r);
  });
}

export async function promotionPreviewAction(restApiId: string, fromStage: string, toStage: string) {
  return runAction("read", async ({ db, user }) => promotionPreview(db, user.workspaceId, id.parse(restApiId), id.parse(fromStage), id.parse(toStage)));
}

export async function promoteStageAction(restApiId: string, fromStage: string, toStage: string) {
  return runAction("stage.write", async ({ db, actor }) => {
    const r = await promoteStage(db, actor, id.parse(restApiId), id.parse(fromStage), id.parse(toStage));
    revalidateStage(restApiId, toStage);
    return outcome(r);
  });
}

export async function approveChangeAction(restApiId: string, requestId: string, note?: string) {
  return runAction("stage.write", async ({ db, actor }) => {
    const r = await approveChangeRequest(db, actor, id.parse(restApiId), id.parse(requestId), z.string().max(1024).optional().parse(note));
    revalidate(restApiId);
    revalidatePath(`/apis/${restApiId}/stages`, "layout");
    return outcome(r);
  });
}

export async function rejectChangeAction(restApiId: string, requestId: string, note?: string) {
  return runAction("stage.write", async ({ db, actor }) => {
    const r = await rejectChangeRequest(db, actor, id.parse(restApiId), id.parse(requestId), z.string().max(1024).optional().parse(note));
    revalidatePath(`/apis/${restApiId}/stages`, "layout");
    revalidate(restApiId);
    return r;
  });
}

export async function addCanaryAction(
  restApiId: string,
  stageName: string,
  input: {
    deployDraft?: boolean;
    deploymentId?: string;
    percentTraffic?: number;
    stageVariableOverrides?: string;
    useStageCache?: boolean;
    description?: string;
  },
) {
  return runAction("stage.write", async ({ db, actor }) => {
    const i = z
      .object({
        deployDraft: z.boolean().optional(),
        deploymentId: z.string().optional(),
        percentTraffic: z.number().optional(),
        stageVariableOverrides: z.string().optional(),
        useStageCache: z.boolean().optional(),
        description: z.string().max(1024).optional(),
      })
      .parse(input);
    const r = await addCanary(db, actor, id.parse(restApiId), id.parse(stageName), {
      ...i,
      stageVariableOverrides: parseNameValueLines(i.stageVariableOverrides ?? ""),
    });
    revalidateStage(restApiId, stageName);
    return { ...outcome(r), deploymentId: r.deploymentId };
  });
}

export async function updateCanaryAction(
  restApiId: string,
  stageName: string,
  input: { percentTraffic?: number; stageVariableOverrides?: string; useStageCache?: boolean },
) {
  return runAction("stage.write", async ({ db, actor }) => {
    const i = z
      .object({ percentTraffic: z.number().optional(), stageVariableOverrides: z.string().optional(), useStageCache: z.boolean().optional() })
      .parse(input);
    const r = await updateCanary(db, actor, id.parse(restApiId), id.parse(stageName), {
      ...i,
      stageVariableOverrides: parseNameValueLines(i.stageVariableOverrides ?? ""),
    });
    revalidateStage(restApiId, stageName);
    return outcome(r);
  });
}

export async function promoteCanaryAction(restApiId: string, stageName: string, removeCanary: boolean) {
  return runAction("stage.write", async ({ db, actor }) => {
    const r = await promoteCanary(db, actor, id.parse(restApiId), id.parse(stageName), { removeCanary: z.boolean().parse(removeCanary) });
    revalidateStage(restApiId, stageName);
    return outcome(r);
  });
}

export async function removeCanaryAction(restApiId: string, stageName: string) {
  return runAction("stage.write", async ({ db, actor }) => {
    const r = await removeCanary(db, actor, id.parse(restApiId), id.parse(stageName));
    revalidateStage(restApiId, stageName);
    return outcome(r);
  });
}

/* ---- deleting (nothing on AWS is touched) ---- */

export async function deleteStageAction(restApiId: string, stageName: string) {
  return runAction("stage.delete", async ({ db, actor }) => {
    const r = await deleteStage(db, actor, z.string().parse(restApiId), z.string().parse(stageName));
    revalidateStage(restApiId, stageName);
    return r;
  });
}

export async function deleteDeploymentAction(restApiId: string, deploymentId: string) {
  return runAction("deployment.delete", async ({ db, actor }) => {
    const r = await deleteDeployment(db, actor, z.string().parse(restApiId), z.string().parse(deploymentId));
    revalidate(restApiId);
    return r;
  });
}
