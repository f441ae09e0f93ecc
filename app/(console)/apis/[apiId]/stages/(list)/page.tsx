import Link from "next/link";
import { requireUser } from "@/app/_server/session";
import { undeployedChangesOnce } from "@/app/_server/undeployed";
import { getDb } from "@/lib/db";
import { can } from "@/lib/auth/roles";
import { listDeployments } from "@/lib/deployment/service";
import { listStages } from "@/lib/stage/service";
import { listConnections } from "@/lib/connection/service";
import { getRestApiOrThrow } from "@/lib/restapi/service";
import { contentHash } from "@/lib/snapshot/snapshot";
import { listChangeRequests } from "@/lib/stage/approvals";
import { Card } from "@/components/ui/card";
import { CreateStageForm } from "@/components/stages/stage-forms";
import { PushStagePanel } from "@/components/stages/push-stage-panel";
import { ChangeRequests } from "@/components/stages/stage-panels";
import { changeRequestItem, deploymentOption } from "../_parts/view-models";
import { DeploymentsCard } from "./_parts/deployments-card";
import { StageItem } from "./_parts/stage-item";

export default async function StagesPage({ params }: { params: Promise<{ apiId: string }> }) {
  const user = await requireUser();
  const { apiId } = await params;
  const { prisma } = await getDb();
  const api = await getRestApiOrThrow(prisma, user.workspaceId, apiId);
  const [deployments, stages, connections, undeployed, pending] = await Promise.all([
    listDeployments(prisma, apiId),
    listStages(prisma, apiId),
    listConnections(prisma, user.workspaceId),
    undeployedChangesOnce(user.workspaceId, apiId),
    listChangeRequests(prisma, apiId, { status: "pending" }),
  ]);
  const canDeploy = can(user.role, "deployment.create");
  const deploymentOptions = deployments.map(deploymentOption);
  const connectionOptions = connections.map((c) => ({ id: c.id, name: `${c.name} (${c.region})` }));
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-4 text-sm">
        <Link className="text-indigo-700 hover:underline" href={`/apis/${apiId}/stages/diff`}>
          Compare draft, stages and deployments
        </Link>
        <Link className="text-indigo-700 hover:underline" href={`/apis/${apiId}/stages/matrix`}>
          Environment matrix
        </Link>
      </div>
      <ChangeRequests apiId={apiId} canDecide={can(user.role, "stage.write")} requests={pending.map((r) => changeRequestItem(r, user.userId))} />
      <div className="grid gap-4 lg:grid-cols-2">
        <DeploymentsCard
          apiId={apiId}
          deployments={deployments}
          draftHash={contentHash(api.design)}
          canDeploy={canDeploy}
          canDelete={can(user.role, "deployment.delete")}
        />
        <Card title="Stages">
          <ul className="space-y-4" data-testid="stage-list">
            {stages.length === 0 && <li className="text-sm text-slate-500">No stages yet.</li>}
            {stages.map((s) => (
              <StageItem
                key={s.id}
                apiId={apiId}
                stage={s}
                undeployed={undeployed.stages.find((u) => u.stageName === s.name)}
                canDelete={can(user.role, s.protected ? "stage.deleteProtected" : "stage.delete")}
                deploymentOptions={canDeploy ? deploymentOptions : null}
                push={
                  can(user.role, "aws.push") && (
                    <PushStagePanel
                      apiId={apiId}
                      stageName={s.name}
                      connections={connectionOptions}
                      boundConnectionId={api.awsConnectionId}
                      awsRestApiId={api.awsRestApiId}
                    />
                  )
                }
              />
            ))}
          </ul>
          {can(user.role, "stage.write") && deployments.length > 0 && (
            <div className="mt-4 border-t border-slate-100 pt-4">
              <CreateStageForm apiId={apiId} deployments={deploymentOptions} />
            </div>
          )}
        </Card>
      </div>
    </div>
  );
}
