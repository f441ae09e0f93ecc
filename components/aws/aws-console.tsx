"use client";
/** The API's AWS tab: plan → push for one stage (left), drift with adopt / overwrite for the API (right). */
import { DriftCard } from "@/components/aws/drift-card";
import { PlanAndPushCard } from "@/components/aws/plan-and-push";

interface Props {
  apiId: string;
  version: number;
  stages: string[];
  connections: { id: string; name: string }[];
  boundConnectionId: string | null;
  awsRestApiId: string | null;
  canPush: boolean;
  canEdit: boolean;
}

export function AwsConsole(p: Props) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <PlanAndPushCard
        apiId={p.apiId}
        stages={p.stages}
        connections={p.connections}
        boundConnectionId={p.boundConnectionId}
        awsRestApiId={p.awsRestApiId}
        canPush={p.canPush}
      />
      <DriftCard apiId={p.apiId} version={p.version} awsRestApiId={p.awsRestApiId} canPush={p.canPush} canEdit={p.canEdit} />
    </div>
  );
}
