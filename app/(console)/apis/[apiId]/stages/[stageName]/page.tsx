import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_server/session";
import { getDb } from "@/lib/db";
import { can } from "@/lib/auth/roles";
import { listDeployments } from "@/lib/deployment/service";
import { parseDesign } from "@/lib/model/design";
import { listChangeRequests, requestedDeploymentId } from "@/lib/stage/approvals";
import { stateOf } from "@/lib/stage/changes";
import { stageDeploymentHistory } from "@/lib/stage/insights";
import { undeployedChangesOnce } from "@/app/_server/undeployed";
import { methodSettingKeys } from "@/lib/stage/settings";
import { Card } from "@/components/ui/card";
import { StageSettingsForm } from "@/components/stages/stage-settings-form";
import { CanaryPanel, ChangeRequests, DeploymentHistory, PromotePanel } from "@/components/stages/stage-panels";
import { UndeployedNote } from "@/components/stages/undeployed-note";
import { DeleteStageButton } from "@/components/stages/delete-stage";

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
  const deploymentOptions = deployments.map((d) => ({
    value: d.id,
    label: `${d.id.slice(0, 8)} · ${d.createdAt.toISOString().slice(0, 16).replace("T", " ")}${d.description ? ` · ${d.description}` : ""}`,
  }));
  const mine = undeployed.stages.find((s) => s.stageName === stageName);
  const bound = !!(stage.restApi.awsConnectionId && stage.restApi.awsRestApiId);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold" data-testid="stage-title">
          Stage {stageName} {stage.protected && <span className="ml-1 rounded bg-indigo-50 px-1.5 text-xs font-normal text-indigo-700">protected</span>}
        </h2>
        <div className="flex gap-3 text-sm">
          <span>
            runs deployment{" "}
            <span className="font-mono" data-testid="stage-deployment">
              {stage.deploymentId.slice(0, 8)}
            </span>
          </span>
          <Link className="text-indigo-700 hover:underline" href={`/apis/${apiId}/stages`}>
            All stages
          </Link>
          <Link className="text-indigo-700 hover:underline" href={`/apis/${apiId}/history?entityType=stage&entity=${encodeURIComponent(stageName)}`}>
            History
          </Link>
          <span className="text-slate-500">{bound ? `Changes also go to AWS (${stage.restApi.awsRestApiId})` : "Local only (not bound to AWS)"}</span>
          {can(user.role, stage.protected ? "stage.deleteProtected" : "stage.delete") && (
            <DeleteStageButton apiId={apiId} stageName={stageName} leaveTo={`/apis/${apiId}/stages`} />
          )}
        </div>
      </div>
      {mine && <UndeployedNote apiId={apiId} stage={mine} />}
      <ChangeRequests
        apiId={apiId}
        canDecide={canEdit}
        requests={requests
          .filter((r) => r.stage.name === stageName)
          .map((r) => ({
            id: r.id,
            stageName,
            summary: r.summary,
            requestedByEmail: r.requestedByEmail,
            createdAt: r.createdAt.toISOString(),
            mine: r.requestedById === user.userId,
            requestedDeploymentId: requestedDeploymentId(r),
          }))}
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
        <div className="space-y-4">
          <Card title="Promote">
            <PromotePanel apiId={apiId} stageName={stageName} otherStages={others.map((o) => o.name)} isProtected={stage.protected} />
          </Card>
          <Card title="Canary">
            <CanaryPanel
              apiId={apiId}
              stageName={stageName}
              canary={state.settings.canarySettings ?? null}
              deployments={deploymentOptions}
              current={stage.deploymentId}
              canEdit={canEdit}
              isProtected={stage.protected}
            />
          </Card>
          <Card title="Deployment history">
            <DeploymentHistory
              apiId={apiId}
              stageName={stageName}
              current={stage.deploymentId}
              canEdit={canEdit}
              items={history.map((h) => ({ ...h, at: h.at.toISOString(), description: descriptions.get(h.deploymentId) ?? "" }))}
            />
          </Card>
        </div>
      </div>
    </div>
  );
}
