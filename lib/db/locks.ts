/**
 * Row locks that serialise the check-then-write services (issue #16: races that broke a rule).
 * `FOR NO KEY UPDATE` blocks the same lock in other transactions until this one ends, yet not
 * the `FOR KEY SHARE` that foreign-key checks take, so inserts elsewhere that merely reference
 * the row (audit events, deployments …) are not held up. Under READ COMMITTED each statement after
 * the lock sees what the previous holder committed, so the check that follows is current.
 */
import type { Tx } from "../audit/mutate";

/** Serialises changes of a workspace's members and invitations (last admin, one pending link). */
export async function lockWorkspace(tx: Tx, workspaceId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "workspaces" WHERE "id" = ${workspaceId}::uuid FOR NO KEY UPDATE`;
}

/** Serialises deployments and stage creation of one REST API (nothing to deploy, stage limits). */
export async function lockRestApi(tx: Tx, restApiId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "rest_apis" WHERE "id" = ${restApiId}::uuid FOR NO KEY UPDATE`;
}
