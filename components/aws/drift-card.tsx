"use client";
/** The AWS tab's Drift card: check what changed on AWS outside Gatehouse, then adopt it or overwrite it. */
import { useRouter } from "next/navigation";
import { useReducer, useState, useTransition } from "react";
import {
  adoptDriftAction,
  adoptStageDriftAction,
  checkDriftAction,
  overwriteDriftAction,
  overwriteStageDriftAction,
} from "@/app/(console)/apis/[apiId]/aws/actions";
import { DriftReportView } from "@/components/aws/drift-report";
import { driftReducer, EMPTY_DRIFT } from "@/components/aws/drift-state";
import { Button } from "@/components/ui/button";
import { Card, ErrorBanner } from "@/components/ui/card";

export interface DriftCardProps {
  apiId: string;
  version: number;
  awsRestApiId: string | null;
  canPush: boolean;
  canEdit: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function DriftCard(p: DriftCardProps) {
  const router = useRouter();
  const [state, dispatch] = useReducer(driftReducer, EMPTY_DRIFT);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const checkDrift = () =>
    start(async () => {
      setError(null);
      dispatch({ type: "checking" });
      const r = await checkDriftAction(p.apiId);
      if (r.ok) dispatch({ type: "checked", report: r.data });
      else setError(r.error);
    });
  const adopt = () =>
    start(async () => {
      setError(null);
      const r = await adoptDriftAction(p.apiId, p.version);
      if (!r.ok) return setError(r.error);
      dispatch({
        type: "adopted",
        notice: `Adopted ${plural(r.data.adopted, "change")} into the draft (version ${r.data.version}). Deploy the draft to ship them with Gatehouse.`,
      });
      router.refresh();
    });
  const overwrite = () =>
    start(async () => {
      setError(null);
      const r = await overwriteDriftAction(p.apiId);
      if (!r.ok) return setError(r.error);
      dispatch({ type: "overwritten", notice: "Kept the draft: the next push reverts these changes on AWS." });
    });
  const adoptStage = (stageName: string) =>
    start(async () => {
      setError(null);
      const r = await adoptStageDriftAction(p.apiId, stageName);
      if (!r.ok) return setError(r.error);
      const canary = r.data.canaryLeft ? " (the canary differs too: change it with the canary actions)" : "";
      dispatch({
        type: "stage-resolved",
        stageName,
        notice: `Adopted ${plural(r.data.adopted, "setting")} of stage ${stageName} from AWS into Gatehouse${canary}.`,
      });
      router.refresh();
    });
  const overwriteStage = (stageName: string) =>
    start(async () => {
      setError(null);
      const r = await overwriteStageDriftAction(p.apiId, stageName);
      if (!r.ok) return setError(r.error);
      dispatch({
        type: "stage-resolved",
        stageName,
        notice: `Put Gatehouse's settings of stage ${stageName} back on AWS (UpdateStage with ${plural(r.data.patchOperations, "operation")}).`,
      });
    });

  return (
    <Card title="Drift">
      <p className="mb-2 text-sm text-slate-500">Changes made on AWS outside Gatehouse: live now compared with what Gatehouse last pushed or imported.</p>
      <Button type="button" variant="secondary" onClick={checkDrift} disabled={pending || !p.canEdit || !p.awsRestApiId}>
        Check drift
      </Button>
      {!p.awsRestApiId && <p className="mt-2 text-xs text-slate-500">Not on AWS yet.</p>}
      <div className="mt-2">
        <ErrorBanner message={error} />
      </div>
      {state.notice && (
        <p className="mt-2 rounded bg-emerald-50 px-2 py-1 text-sm text-emerald-800" data-testid="drift-notice">
          {state.notice}
        </p>
      )}
      {state.report && (
        <DriftReportView drift={state.report} actions={{ adopt, overwrite, adoptStage, overwriteStage, pending, canEdit: p.canEdit, canPush: p.canPush }} />
      )}
    </Card>
  );
}
