import { Card } from "@/components/ui/card";
import { CanaryPanel, DeploymentHistory, PromotePanel } from "@/components/stages/stage-panels";
import type { ComponentProps } from "react";

/** The stage page's right-hand column: promote, canary, and the deployments this stage has run. */
export function StageSidePanels(props: {
  apiId: string;
  stageName: string;
  isProtected: boolean;
  canEdit: boolean;
  currentDeploymentId: string;
  otherStages: string[];
  canary: ComponentProps<typeof CanaryPanel>["canary"];
  deploymentOptions: { value: string; label: string }[];
  history: ComponentProps<typeof DeploymentHistory>["items"];
}) {
  const { apiId, stageName, isProtected, canEdit } = props;
  return (
    <div className="space-y-4">
      <Card title="Promote">
        <PromotePanel apiId={apiId} stageName={stageName} otherStages={props.otherStages} isProtected={isProtected} />
      </Card>
      <Card title="Canary">
        <CanaryPanel
          apiId={apiId}
          stageName={stageName}
          canary={props.canary}
          deployments={props.deploymentOptions}
          current={props.currentDeploymentId}
          canEdit={canEdit}
          isProtected={isProtected}
        />
      </Card>
      <Card title="Deployment history">
        <DeploymentHistory apiId={apiId} stageName={stageName} current={props.currentDeploymentId} canEdit={canEdit} items={props.history} />
      </Card>
    </div>
  );
}
