/**
 * What `gatehouse plan|push` reads from AWS before planning: the REST API to update, and whether
 * the stage already runs a deployment this CLI made from this very design (the CLI has no
 * database, so the deployment's description carries the design's content hash).
 */
import type { APIGatewayClient, Deployment, Stage } from "@aws-sdk/client-api-gateway";
import { callApiGateway } from "../../aws/client";
import { isNotFound } from "../../aws/live";
import type { ApiDesign } from "../../model/design";
import { contentHash } from "../../snapshot/snapshot";

/** A usage error (bad arguments): reported without calling AWS, exit code 2. */
export class UsageError extends Error {}

/** The description of deployments the CLI makes: names the design it holds. */
export function cliDeploymentDescription(design: ApiDesign): string {
  return `Gatehouse CLI: design ${contentHash(design).slice(0, 16)}`;
}

/** The REST API to update: by id, or the one with that name (an ambiguous name is an error); null creates one. */
export async function findApi(client: APIGatewayClient, o: { apiId?: string; apiName?: string }): Promise<string | null> {
  if (o.apiId) {
    // An explicit id must exist: creating a new API instead would hide a typo in a pipeline.
    try {
      await callApiGateway(client, "GetRestApi", { restApiId: o.apiId });
    } catch (e) {
      if (isNotFound(e)) throw new Error(`REST API ${o.apiId} not found in this account and region (${(e as Error).message})`);
      throw e;
    }
    return o.apiId;
  }
  if (!o.apiName) return null;
  const matches: string[] = [];
  let position: string | undefined;
  do {
    const page = await callApiGateway<{ items?: { id?: string; name?: string }[]; position?: string }>(client, "GetRestApis", { limit: 500, position });
    for (const api of page.items ?? []) if (api.name === o.apiName && api.id) matches.push(api.id);
    position = page.position;
  } while (position);
  if (matches.length > 1) throw new Error(`${matches.length} REST APIs are named ${o.apiName} (${matches.join(", ")}): use --api-id`);
  return matches[0] ?? null;
}

/** The deployment the stage runs, when the CLI made it from this design (its description says so). */
export async function deploymentOfThisDesign(
  client: APIGatewayClient,
  restApiId: string | null,
  stageName: string,
  description: string,
): Promise<string | null> {
  if (!restApiId) return null;
  const stage = await callApiGateway<Stage>(client, "GetStage", { restApiId, stageName }).catch((e) => {
    if (isNotFound(e)) return null;
    throw e;
  });
  if (!stage?.deploymentId) return null;
  const deployment = await callApiGateway<Deployment>(client, "GetDeployment", { restApiId, deploymentId: stage.deploymentId }).catch((e) => {
    if (isNotFound(e)) return null;
    throw e;
  });
  return deployment?.description === description ? stage.deploymentId : null;
}
