import { notFound } from "next/navigation";
import { requireUser } from "@/app/_server/session";
import { getDb } from "@/lib/db";
import { can } from "@/lib/auth/roles";
import { listDeployments } from "@/lib/deployment/service";
import { parseDesign } from "@/lib/model/design";
import { listChangeRequests } from "@/lib/stage/approvals";
import { stateOf } from "@/lib/stage/changes";
import { stageDeploymentHistory } from "@/lib/stage/insights";
import { undeployedChangesOnce } from "@/app/_server/undeployed";
import { methodSettingKeys } from "@/lib/stage/settings";
import { Card } from "@/components/ui/card";
import { StageSettingsForm } from "@/components/stages/stage-settings-form";
import { ChangeRequests } from "@/components/stages/stage-panels";
import { UndeployedNote } from "@/components/stages/undeployed-note";
import { changeRequestItem, deploymentOption } from "../_parts/view-models";
import { StageHeader } from "./_parts/stage-header";
import { StageSidePanels } from "./_parts/stage-side-panels";

export default async function StagePage({ params }: { params: Promise<{ apiId: string; stageName: string }> }) {
  const user = await requireUser();
  const { apiId, stageName: raw } = await params;
  const stageName = decodeURIComponent(raw);
  const { prisma } = await getDb();
  const stage = await prisma.stage.findFirst({
    where: { restApiId: apiId, name: stageName, restApi: { workspaceId: user.workspaceId } },
    include: { deployment: true, restApi: { select: { awsConnectionId: true, awsRestApiId: true } } },
  });
  if (!stage) notFound();
  const [deployments, history, requests, others, undeployed] = await Promise.all([
    listDeployments(prisma, apiId),
    stageDeploymentHistory(prisma, apiId, stageName),
    listChangeRequests(prisma, apiId, { status: "pending" }),
    prisma.stage.findMany({ where: { restApiId: apiId, NOT: { name: stageName } }, select: { name: true }, orderBy: { name: "asc" } }),
    undeployedChangesOnce(user.workspaceId, apiId),
  ]);
  const state = stateOf(stage);
  const canEdit = can(user.role, "stage.write");
  const descriptions = new Map(deployments.map((d) => [d.id, d.description]));
  const deploymentOptions = deployments.map(deploymentOption);
  const mine = undeployed.stages.find((s) => s.stageName === stageName);
  const bound = !!(stage.restApi.awsConnectionId && stage.restApi.awsRestApiId);
  return (
    <div className="space-y-4">
      <StageHeader
        apiId={apiId}
        stageName={stageName}
        isProtected={stage.protected}
        deploymentId={stage.deploymentId}
        awsRestApiId={bound ? stage.restApi.awsRestApiId : null}
        canDelete={can(user.role, stage.protected ? "stage.deleteProtected" : "stage.delete")}
      />
      {mine && <UndeployedNote apiId={apiId} stage={mine} />}
      <ChangeRequests
        apiId={apiId}
        canDecide={canEdit}
        requests={requests.filter((r) => r.stage.name === stageName).map((r) => changeRequestItem(r, user.userId))}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Settings">
          <StageSettingsForm
            apiId={apiId}
            stageName={stageName}
            version={stage.version}
            description={state.description}
            variables={state.variables}
            isProtected={state.protected}
            settings={state.settings}
            methodKeys={methodSettingKeys(parseDesign(stage.deployment.snapshot))}
            canEdit={canEdit}
            canProtect={can(user.role, "stage.protect")}
          />
        </Card>
        <StageSidePanels
          apiId={apiId}
          stageName={stageName}
          isProtected={stage.protected}
          canEdit={canEdit}
          currentDeploymentId={stage.deploymentId}
          otherStages={others.map((o) => o.name)}
          canary={state.settings.canarySettings ?? null}
          deploymentOptions={deploymentOptions}
          history={history.map((h) => ({ ...h, at: h.at.toISOString(), description: descriptions.get(h.deploymentId) ?? "" }))}
        />
      </div>
    </div>
  );
}
