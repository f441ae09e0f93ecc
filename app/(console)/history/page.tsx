import { requireUser } from "@/app/_server/session";
import { getDb } from "@/lib/db";
import { listHistory } from "@/lib/audit/history";
import { Card } from "@/components/ui/card";
import { HistoryList } from "@/components/history/history-list";

export default async function WorkspaceHistoryPage() {
  const user = await requireUser();
  const { prisma } = await getDb();
  const entries = await listHistory(prisma, { workspaceId: user.workspaceId });
  return (
    <Card title={`History of ${user.workspaceName}`}>
      <HistoryList entries={entries} />
    </Card>
  );
}
