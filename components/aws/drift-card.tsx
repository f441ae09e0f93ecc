"use client";
/** The AWS tab's Drift card: check what changed on AWS outside Gatehouse, then adopt it or overwrite it. */
import { useReducer, useState } from "react";
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
import { useServerAction } from "@/components/ui/use-server-action";

export interface DriftCardProps {
  apiId: string;
  version: number;
  awsRestApiId: string | null;
  canPush: boolean;
  canEdit: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The card's five actions, each turning its answer into a drift event (the notice says what happened). */
function useDriftActions(dispatch: (e: Parameters<typeof driftReducer>[1]) => void) {
  const check = useServerAction(checkDriftAction, { onSuccess: (report) => dispatch({ type: "checked", report }) });
  const adopt = useServerAction(adoptDriftAction, {
    refresh: true,
    onSuccess: (r) =>
      dispatch({
        type: "adopted",
        notice: `Adopted ${plural(r.adopted, "change")} into the draft (version ${r.version}). Deploy the draft to ship them with Gatehouse.`,
      }),
  });
  const overwrite = useServerAction(overwriteDriftAction, {
    onSuccess: () => dispatch({ type: "overwritten", notice: "Kept the draft: the next push reverts these changes on AWS." }),
  });
  const adoptStage = useServerAction(adoptStageDriftAction, {
    refresh: true,
    onSuccess: (r, _apiId, stageName) => {
      const canary = r.canaryLeft ? " (the canary differs too: change it with the canary actions)" : "";
      dispatch({
        type: "stage-resolved",
        stageName,
        notice: `Adopted ${plural(r.adopted, "setting")} of stage ${stageName} from AWS into Gatehouse${canary}.`,
      });
    },
  });
  const overwriteStage = useServerAction(overwriteStageDriftAction, {
    onSuccess: (r, _apiId, stageName) =>
      dispatch({
        type: "stage-resolved",
        stageName,
        notice: `Put Gatehouse's settings of stage ${stageName} back on AWS (UpdateStage with ${plural(r.patchOperations, "operation")}).`,
      }),
  });
  return { check, adopt, overwrite, adoptStage, overwriteStage };
}

export function DriftCard(p: DriftCardProps) {
  const [state, dispatch] = useReducer(driftReducer, EMPTY_DRIFT);
  const actions = useDriftActions(dispatch);
  // One error line for the card: the failure of the action run last.
  const [last, setLast] = useState<keyof typeof actions>("check");
  const pending = Object.values(actions).some((a) => a.pending);
  const start = (name: keyof typeof actions, call: () => unknown) => {
    setLast(name);
    call();
  };
  return (
    <Card title="Drift">
      <p className="mb-2 text-sm text-slate-500">Changes made on AWS outside Gatehouse: live now compared with what Gatehouse last pushed or imported.</p>
      <Button
        variant="secondary"
        onClick={() =>
          start("check", () => {
            dispatch({ type: "checking" });
            return actions.check.run(p.apiId);
          })
        }
        disabled={pending || !p.canEdit || !p.awsRestApiId}
      >
        Check drift
      </Button>
      {!p.awsRestApiId && <p className="mt-2 text-xs text-slate-500">Not on AWS yet.</p>}
      <div className="mt-2">
        <ErrorBanner message={actions[last].error?.error} />
      </div>
      {state.notice && (
        <p className="mt-2 rounded bg-emerald-50 px-2 py-1 text-sm text-emerald-800" data-testid="drift-notice">
          {state.notice}
        </p>
      )}
      {state.report && (
        <DriftReportView
          drift={state.report}
          actions={{
            adopt: () => start("adopt", () => actions.adopt.run(p.apiId, p.version)),
            overwrite: () => start("overwrite", () => actions.overwrite.run(p.apiId)),
            adoptStage: (stageName) => start("adoptStage", () => actions.adoptStage.run(p.apiId, stageName)),
            overwriteStage: (stageName) => start("overwriteStage", () => actions.overwriteStage.run(p.apiId, stageName)),
            pending,
            canEdit: p.canEdit,
            canPush: p.canPush,
          }}
        />
      )}
    </Card>
  );
}
