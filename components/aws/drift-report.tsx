/** A drift report: its status line, the API's changes with adopt/overwrite, and each pushed stage's settings. */
import { DiffEntries } from "@/components/aws/diff-entries";
import { Button } from "@/components/ui/button";
import type { DriftReport, StageDriftReport } from "@/lib/connection/drift-service";

export interface DriftActions {
  adopt: () => void;
  overwrite: () => void;
  adoptStage: (stageName: string) => void;
  overwriteStage: (stageName: string) => void;
  pending: boolean;
  canEdit: boolean;
  canPush: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function statusText(drift: DriftReport): string {
  switch (drift.status) {
    case "in-sync":
      return "In sync: AWS matches what Gatehouse last pushed.";
    case "drifted":
      return `${plural(drift.entries.length, "change")} made outside Gatehouse${drift.acknowledged ? " (kept the draft: the next push reverts them)" : ""}`;
    case "missing":
      return `REST API ${drift.awsRestApiId} no longer exists on AWS.`;
    case "no-baseline":
      return "Gatehouse has no record of what it last pushed: push once to start tracking drift.";
  }
}

function stageStatusText(st: StageDriftReport): string {
  if (st.status === "in-sync") return "matches Gatehouse";
  if (st.status === "missing") return "no longer exists on AWS (push it to create it again)";
  return `${plural(st.changes.length, "setting")} changed outside Gatehouse`;
}

function StageDrift({ st, actions }: { st: StageDriftReport; actions: DriftActions }) {
  const disabled = actions.pending || !actions.canPush;
  return (
    <div data-testid={`stage-drift-${st.stageName}`}>
      <p className="text-sm">
        <span className="font-mono">{st.stageName}</span>: {stageStatusText(st)}
      </p>
      {st.status === "drifted" && (
        <>
          <DiffEntries
            entries={[{ kind: "changed", entity: "stage", key: st.stageName, fields: st.changes }]}
            beforeLabel="Gatehouse"
            afterLabel="live now"
            testId={`stage-drift-entries-${st.stageName}`}
          />
          <div className="mt-1 flex gap-2">
            <Button type="button" onClick={() => actions.adoptStage(st.stageName)} disabled={disabled}>
              Adopt into stage {st.stageName}
            </Button>
            <Button type="button" variant="secondary" onClick={() => actions.overwriteStage(st.stageName)} disabled={disabled}>
              Overwrite on AWS
            </Button>
          </div>
        </>
      )}
    </div>
  );
}

export function DriftReportView({ drift, actions }: { drift: DriftReport; actions: DriftActions }) {
  return (
    <div className="mt-3 space-y-2" data-testid="drift-report">
      <p className="text-sm font-medium" data-testid="drift-status">
        {statusText(drift)}
      </p>
      {drift.status === "drifted" && (
        <>
          <DiffEntries entries={drift.entries} beforeLabel="last pushed" afterLabel="live now" testId="drift-entries" />
          <div className="flex gap-2">
            <Button type="button" onClick={actions.adopt} disabled={actions.pending || !actions.canEdit}>
              Adopt into draft
            </Button>
            <Button type="button" variant="secondary" onClick={actions.overwrite} disabled={actions.pending || !actions.canPush || drift.acknowledged}>
              Overwrite on next push
            </Button>
          </div>
        </>
      )}
      {drift.stages.length > 0 && (
        <div className="space-y-2 pt-2" data-testid="stage-drift">
          <h3 className="text-sm font-medium">Stage settings</h3>
          {drift.stages.map((st) => (
            <StageDrift key={st.stageName} st={st} actions={actions} />
          ))}
        </div>
      )}
    </div>
  );
}
