import { requireUser } from "@/app/_server/session";
import { getDb } from "@/lib/db";
import { can } from "@/lib/auth/roles";
import { listDeployments } from "@/lib/deployment/service";
import { listStages } from "@/lib/stage/service";
import { listConnections } from "@/lib/connection/service";
import { getRestApiOrThrow } from "@/lib/restapi/service";
import { contentHash } from "@/lib/snapshot/snapshot";
import { Card } from "@/components/ui/card";
import { CreateDeploymentForm, CreateStageForm, StageDeploymentSelect } from "@/components/stages/stage-forms";
import { DeleteDeploymentButton } from "@/components/stages/delete-deployment";
import { DeleteStageButton } from "@/components/stages/delete-stage";
import { PushStagePanel } from "@/components/stages/push-stage-panel";
import { UndeployedNote } from "@/components/stages/undeployed-note";
import { ChangeRequests } from "@/components/stages/stage-panels";
import { undeployedChangesOnce } from "@/app/_server/undeployed";
import { listChangeRequests, requestedDeploymentId } from "@/lib/stage/approvals";
import Link from "next/link";

export default async function StagesPage({ params }: { params: Promise<{ apiId: string }> }) {
  const user = await requireUser();
  const { apiId } = await params;
  const { prisma } = await getDb();
  const api = await getRestApiOrThrow(prisma, user.workspaceId, apiId);
  const [deployments, stages, connections] = await Promise.all([
    listDeployments(prisma, apiId),
    listStages(prisma, apiId),
    listConnections(prisma, user.workspaceId),
  ]);
  const draftHash = contentHash(api.design);
  const [undeployed, pending] = await Promise.all([undeployedChangesOnce(user.workspaceId, apiId), listChangeRequests(prisma, apiId, { status: "pending" })]);
  const canDeploy = can(user.role, "deployment.create");
  const deploymentOptions = deployments.map((d) => ({
    value: d.id,
    label: `${d.id.slice(0, 8)} · ${d.createdAt.toISOString().slice(0, 16).replace("T", " ")}${d.description ? ` · ${d.description}` : ""}`,
  }));
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
      <ChangeRequests
        apiId={apiId}
        canDecide={can(user.role, "stage.write")}
        requests={pending.map((r) => ({
          id: r.id,
          stageName: r.stage.name,
          summary: r.summary,
          requestedByEmail: r.requestedByEmail,
          createdAt: r.createdAt.toISOString(),
          mine: r.requestedById === user.userId,
          requestedDeploymentId: requestedDeploymentId(r),
        }))}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Deployments">
          {canDeploy && <CreateDeploymentForm apiId={apiId} undeployed={deployments[0]?.contentHash !== draftHash} />}
          <ul className="mt-4 divide-y divide-slate-100 text-sm" data-testid="deployment-list">
            {deployments.length === 0 && <li className="py-2 text-slate-500">No deployments yet.</li>}
            {deployments.map((d) => (
              <li key={d.id} className="py-2">
                <span className="font-mono">{d.id.slice(0, 8)}</span> · {d.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC
                {d.description && <span className="text-slate-500"> · {d.description}</span>}
                {d.contentHash === draftHash && <span className="ml-2 rounded bg-emerald-50 px-1.5 text-xs text-emerald-700">matches draft</span>}
                {can(user.role, "deployment.delete") && (
                  <span className="ml-2">
                    <DeleteDeploymentButton apiId={apiId} deploymentId={d.id} />
                  </span>
                )}
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Stages">
          <ul className="space-y-4" data-testid="stage-list">
            {stages.length === 0 && <li className="text-sm text-slate-500">No stages yet.</li>}
            {stages.map((s) => (
              <li key={s.id} className="rounded-md border border-slate-200 p-3" data-stage={s.name}>
                <div className="flex items-center justify-between">
                  <span className="font-semibold">
                    <Link href={`/apis/${apiId}/stages/${encodeURIComponent(s.name)}`} className="hover:underline">
                      {s.name}
                    </Link>
                    {s.protected && <span className="ml-1 rounded bg-indigo-50 px-1.5 text-xs font-normal text-indigo-700">protected</span>}{" "}
                    <a
                      href={`/apis/${apiId}/history?entityType=stage&entity=${encodeURIComponent(s.name)}`}
                      className="ml-2 text-xs font-normal text-indigo-700 hover:underline"
                    >
                      history
                    </a>
                  </span>
                  <span className="text-xs text-slate-500">
                    deployment <span className="font-mono">{s.deploymentId.slice(0, 8)}</span>
                    {can(user.role, s.protected ? "stage.deleteProtected" : "stage.delete") && (
                      <span className="ml-2">
                        <DeleteStageButton apiId={apiId} stageName={s.name} />
                      </span>
                    )}
                  </span>
                </div>
                {undeployed.stages.find((u) => u.stageName === s.name) && (
                  <UndeployedNote apiId={apiId} stage={undeployed.stages.find((u) => u.stageName === s.name)!} />
                )}
                {Object.keys(s.variables as object).length > 0 && (
                  <p className="mt-1 font-mono text-xs text-slate-500">
                    {Object.entries(s.variables as Record<string, string>)
                      .map(([k, v]) => `${k}=${v}`)
                      .join("  ")}
                  </p>
                )}
                {canDeploy && <StageDeploymentSelect apiId={apiId} stageName={s.name} current={s.deploymentId} options={deploymentOptions} />}
                {can(user.role, "aws.push") && (
                  <PushStagePanel
                    apiId={apiId}
                    stageName={s.name}
                    connections={connections.map((c) => ({ id: c.id, name: `${c.name} (${c.region})` }))}
                    boundConnectionId={api.awsConnectionId}
                    awsRestApiId={api.awsRestApiId}
                  />
                )}
              </li>
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
