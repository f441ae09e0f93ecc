/**
 * Where a change request shows what it would change: the diff page (app/(console)/apis/[apiId]/stages/diff)
 * with the stage as it runs now as A and the deployment the request would make it run as B. The
 * stage side is named, not its deployment id, so the link stays right if the stage moves before
 * anyone decides: approving applies the change to the stage as it is then.
 */
export function changeRequestDiffHref(apiId: string, stageName: string, requestedDeploymentId: string): string {
  const a = encodeURIComponent(`stage:${stageName}`);
  const b = encodeURIComponent(`deployment:${requestedDeploymentId}`);
  return `/apis/${apiId}/stages/diff?a=${a}&b=${b}`;
}

/** The stage page, where a request is approved, rejected or cancelled. */
export const stagePageHref = (apiId: string, stageName: string) => `/apis/${apiId}/stages/${encodeURIComponent(stageName)}`;
