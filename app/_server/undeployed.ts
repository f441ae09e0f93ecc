import "server-only";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { undeployedChanges } from "@/lib/stage/insights";

/**
 * The API's layout and its stages pages both show which stages run something other than the
 * draft; React's per-request cache makes that one set of queries and diffs per request.
 */
export const undeployedChangesOnce = cache(async (workspaceId: string, restApiId: string) => {
  const { prisma } = await getDb();
  return undeployedChanges(prisma, workspaceId, restApiId);
});
