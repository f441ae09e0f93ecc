import { requireUser } from "@/app/_server/session";
import { getDb } from "@/lib/db";
import { can } from "@/lib/auth/roles";
import { historyFilterFromParams, listHistory } from "@/lib/audit/history";
import { Card } from "@/components/ui/card";
import { HistoryFilters } from "@/components/history/history-filters";
import { HistoryList } from "@/components/history/history-list";

export default async function WorkspaceHistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const filters = historyFilterFromParams(await searchParams);
  const { prisma } = await getDb();
  const entries = await listHistory(prisma, { ...filters, workspaceId: user.workspaceId });
  return (
    <Card title={`History of ${user.workspaceName}`}>
      <HistoryFilters values={filters as Record<string, string>} exportBase="/api/history" />
      <HistoryList entries={entries} canRevert={can(user.role, "design.edit")} />
    </Card>
  );
}
