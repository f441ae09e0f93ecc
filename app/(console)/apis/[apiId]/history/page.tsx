import { requireUser } from "@/app/_server/session";
import { getDb } from "@/lib/db";
import { can } from "@/lib/auth/roles";
import { historyFilterFromParams, listHistory } from "@/lib/audit/history";
import { getRestApiOrThrow } from "@/lib/restapi/service";
import { Card } from "@/components/ui/card";
import { HistoryFilters } from "@/components/history/history-filters";
import { HistoryList } from "@/components/history/history-list";

export default async function ApiHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ apiId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const { apiId } = await params;
  const filters = historyFilterFromParams(await searchParams);
  const { prisma } = await getDb();
  await getRestApiOrThrow(prisma, user.workspaceId, apiId);
  const entries = await listHistory(prisma, { ...filters, workspaceId: user.workspaceId, restApiId: apiId });
  return (
    <Card title="History of this API">
      <HistoryFilters values={filters as Record<string, string>} exportBase={`/api/history?restApiId=${apiId}`} />
      <HistoryList entries={entries} canRevert={can(user.role, "design.edit")} />
    </Card>
  );
}
