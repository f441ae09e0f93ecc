/** Reading the audit trail. */
import type { Db } from "../db/client";

export interface HistoryFilter {
  workspaceId: string;
  restApiId?: string;
  limit?: number;
}

export async function listHistory(db: Db, filter: HistoryFilter) {
  const rows = await db.auditEvent.findMany({
    where: { workspaceId: filter.workspaceId, ...(filter.restApiId ? { restApiId: filter.restApiId } : {}) },
    orderBy: { id: "desc" },
    take: Math.min(filter.limit ?? 200, 1000),
  });
  return rows.map((r) => ({ ...r, id: r.id.toString() }));
}

export type HistoryEntry = Awaited<ReturnType<typeof listHistory>>[number];
