/** Deployments: immutable, content-addressed snapshots of a draft. */
import type { Db } from "../db/client";
import { mutate, type Actor } from "../audit/mutate";
import { assertCan } from "../auth/roles";
import { type ApiDesign, parseDesign } from "../model/design";
import { GatehouseError, ValidationError } from "../model/errors";
import { resourcePath } from "../model/tree";
import { contentHash, normaliseDesign } from "../snapshot/snapshot";
import { getRestApiOrThrow } from "../restapi/service";

/** What AWS's CreateDeployment refuses, checked before a snapshot is taken. */
export function deployabilityIssues(design: ApiDesign): string[] {
  const issues: string[] = [];
  const methods = design.resources.flatMap((r) => Object.values(r.methods).map((m) => ({ r, m })));
  if (methods.length === 0) issues.push("The REST API doesn't contain any methods");
  for (const { r, m } of methods) {
    if (!m.integration) issues.push(`No integration defined for method ${m.httpMethod} ${resourcePath(design, r)}`);
  }
  return issues;
}

export async function listDeployments(db: Db, restApiId: string) {
  return db.deployment.findMany({
    where: { restApiId },
    orderBy: { createdAt: "desc" },
    select: { id: true, description: true, contentHash: true, createdAt: true, createdById: true },
  });
}

export async function createDeployment(db: Db, actor: Actor, restApiId: string, input: { description?: string }) {
  assertCan(actor.role, "deployment.create");
  const api = await getRestApiOrThrow(db, actor.workspaceId, restApiId);
  const issues = deployabilityIssues(api.design);
  if (issues.length) throw new ValidationError(issues.map((message) => ({ field: "design", message })));
  const snapshot = normaliseDesign(api.design);
  const hash = contentHash(snapshot);
  return mutate(db, actor, async (tx) => {
    const latest = await tx.deployment.findFirst({ where: { restApiId }, orderBy: { createdAt: "desc" } });
    if (latest?.contentHash === hash) {
      throw new GatehouseError(`Nothing to deploy: the draft has not changed since deployment ${latest.id.slice(0, 8)}`, 409, [], "NoChanges");
    }
    const deployment = await tx.deployment.create({
      data: { restApiId, description: input.description?.trim() ?? "", snapshot: snapshot as object, contentHash: hash, createdById: actor.userId },
    });
    return {
      result: deployment,
      audit: {
        action: "deployment.create",
        entityType: "deployment",
        entityId: deployment.id,
        restApiId,
        summary: `Created deployment ${deployment.id.slice(0, 8)}${deployment.description ? ` (${deployment.description})` : ""}`,
        before: null,
        after: { id: deployment.id, description: deployment.description, contentHash: hash, apiVersion: api.version },
      },
    };
  });
}

export async function getDeploymentSnapshot(db: Db, restApiId: string, deploymentId: string): Promise<ApiDesign> {
  const d = await db.deployment.findFirst({ where: { id: deploymentId, restApiId } });
  if (!d) throw new GatehouseError("Deployment not found", 404, [], "NotFound");
  return parseDesign(d.snapshot);
}
