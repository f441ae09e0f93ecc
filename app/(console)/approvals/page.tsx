import { actorOf, requireUser } from "@/app/_server/session";
import { getDb } from "@/lib/db";
import { can } from "@/lib/auth/roles";
import { pendingRequestsInWorkspace, waitingApprovalsFor, type WaitingRequest } from "@/lib/stage/approvals";
import { Card } from "@/components/ui/card";
import { WaitingRequestsTable, type WaitingRequestView } from "@/components/approvals/waiting-requests";

const view = (r: WaitingRequest, notYours?: string): WaitingRequestView => ({
  id: r.id,
  restApiId: r.restApiId,
  apiName: r.apiName,
  stageName: r.stageName,
  summary: r.summary,
  requestedByEmail: r.requestedByEmail,
  createdAt: r.createdAt.toISOString(),
  stageDeploymentId: r.stageDeploymentId,
  requestedDeploymentId: r.requestedDeploymentId,
  notYours,
});

/** Change requests on protected stages across the workspace: first those waiting for this person, then the rest. */
export default async function ApprovalsPage() {
  const user = await requireUser();
  const actor = actorOf(user);
  const { prisma } = await getDb();
  const [forYou, pending] = await Promise.all([waitingApprovalsFor(prisma, actor), pendingRequestsInWorkspace(prisma, actor)]);
  const yours = new Set(forYou.map((r) => r.id));
  const roleNote = can(user.role, "stage.write") ? undefined : `Approving needs a deployer or admin (you are ${user.role})`;
  const others = pending
    .filter((r) => !yours.has(r.id))
    .map((r) => view(r, r.mine ? "You asked for it: a different deployer or admin must approve it" : roleNote));
  return (
    <div className="space-y-4">
      <Card title={`Waiting for your approval (${forYou.length})`}>
        <WaitingRequestsTable
          requests={forYou.map((r) => view(r))}
          empty={can(user.role, "stage.write") ? "Nothing waits for your approval." : "Only deployers and admins approve changes to protected stages."}
          testId="approvals-for-you"
        />
      </Card>
      {others.length > 0 && (
        <Card title={`Other requests waiting (${others.length})`}>
          <WaitingRequestsTable requests={others} empty="" testId="approvals-others" />
        </Card>
      )}
    </div>
  );
}
