"use client";
/** The AWS tab's left card: choose a stage, see the plan of its push, push it. */
import { useState } from "react";
import { planAwsPushAction } from "@/app/(console)/apis/[apiId]/aws/actions";
import { PlanView } from "@/components/aws/plan-view";
import { PushStagePanel } from "@/components/stages/push-stage-panel";
import { Button } from "@/components/ui/button";
import { Card, ErrorBanner } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { useServerAction } from "@/components/ui/use-server-action";

export interface PlanAndPushProps {
  apiId: string;
  stages: string[];
  connections: { id: string; name: string }[];
  boundConnectionId: string | null;
  awsRestApiId: string | null;
  canPush: boolean;
}

function FirstPushNote({ hasConnections }: { hasConnections: boolean }) {
  return (
    <p className="mt-2 text-xs text-slate-500" data-testid="plan-first-push">
      {hasConnections
        ? "Not on AWS yet: the plan is the first push through the connection chosen below; it creates the REST API and everything in it."
        : "Not on AWS yet: add an AWS connection to plan and push."}
    </p>
  );
}

export function PlanAndPushCard(p: PlanAndPushProps) {
  const [stage, setStage] = useState(p.stages[0] ?? "");
  // One connection for the plan and the push: the bound one, or the one chosen for the first push.
  const [connectionId, setConnectionId] = useState(p.boundConnectionId ?? p.connections[0]?.id ?? "");
  const plan = useServerAction(planAwsPushAction);
  const showPlan = () => plan.run(p.apiId, stage, p.boundConnectionId ? undefined : connectionId);

  if (p.stages.length === 0)
    return (
      <Card title="Plan and push">
        <p className="text-sm text-slate-500">Create a stage first (Deployments &amp; stages): a push sends a stage&apos;s deployment.</p>
      </Card>
    );
  return (
    <Card title="Plan and push">
      <div className="flex items-end gap-2">
        <SelectField
          label="Stage"
          name="aws.stage"
          value={stage}
          onChange={(e) => {
            setStage(e.target.value);
            plan.reset();
          }}
          options={p.stages}
          className="flex-1"
        />
        <Button variant="secondary" onClick={showPlan} pending={plan.pending} disabled={!p.canPush || !connectionId}>
          Show plan
        </Button>
      </div>
      {!p.boundConnectionId && <FirstPushNote hasConnections={p.connections.length > 0} />}
      <div className="mt-2">
        <ErrorBanner message={plan.error?.error} />
      </div>
      {plan.data && <PlanView preview={plan.data} />}
      {p.canPush && stage && (
        <PushStagePanel
          key={stage}
          apiId={p.apiId}
          stageName={stage}
          connections={p.connections}
          boundConnectionId={p.boundConnectionId}
          awsRestApiId={p.awsRestApiId}
          connectionId={connectionId}
          onConnectionChange={(id) => {
            setConnectionId(id);
            plan.reset();
          }}
        />
      )}
    </Card>
  );
}
