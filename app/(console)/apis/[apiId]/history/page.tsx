import { requireUser } from "@/app/_server/session";
import { getDb } from "@/lib/db";
import { listHistory } from "@/lib/audit/history";
import { getRestApiOrThrow } from "@/lib/restapi/service";
import { Card } from "@/components/ui/card";
import { HistoryList } from "@/components/history/history-list";

export default async function ApiHistoryPage({ params }: { params: Promise<{ apiId: string }> }) {
  const user = await requireUser();
  const { apiId } = await params;
  const { prisma } = await getDb();
  await getRestApiOrThrow(prisma, user.workspaceId, apiId);
  const entries = await listHistory(prisma, { workspaceId: user.workspaceId, restApiId: apiId });
  return (
    <Card title="History of this API">
      <HistoryList entries={entries} />
    </Card>
  );
}
