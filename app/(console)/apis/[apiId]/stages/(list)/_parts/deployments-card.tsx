import { Card } from "@/components/ui/card";
import { CreateDeploymentForm } from "@/components/stages/stage-forms";
import { DeleteDeploymentButton } from "@/components/stages/delete-deployment";

/** The API's deployments, newest first, marking the one whose content is the draft's. */
export function DeploymentsCard(props: {
  apiId: string;
  deployments: { id: string; createdAt: Date; description: string | null; contentHash: string }[];
  draftHash: string;
  canDeploy: boolean;
  canDelete: boolean;
}) {
  const { apiId, deployments, draftHash } = props;
  return (
    <Card title="Deployments">
      {props.canDeploy && <CreateDeploymentForm apiId={apiId} undeployed={deployments[0]?.contentHash !== draftHash} />}
      <ul className="mt-4 divide-y divide-slate-100 text-sm" data-testid="deployment-list">
        {deployments.length === 0 && <li className="py-2 text-slate-500">No deployments yet.</li>}
        {deployments.map((d) => (
          <li key={d.id} className="py-2">
            <span className="font-mono">{d.id.slice(0, 8)}</span> · {d.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC
            {d.description && <span className="text-slate-500"> · {d.description}</span>}
            {d.contentHash === draftHash && <span className="ml-2 rounded bg-emerald-50 px-1.5 text-xs text-emerald-700">matches draft</span>}
            {props.canDelete && (
              <span className="ml-2">
                <DeleteDeploymentButton apiId={apiId} deploymentId={d.id} />
              </span>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
