"use client";
/** What a stage action did: applied, or waiting for a second person; and whether AWS got it. 409 offers a reload. */
import { Button } from "@/components/ui/button";
import type { StageOutcome } from "./use-stage-action";

const text = (o: StageOutcome) =>
  o.status === "requested" ? `Waiting for approval: ${o.summary}` : o.status === "applied" ? `Done: ${o.summary}` : `Request ${o.status}`;

export function StageOutcomeNote({
  outcome,
  error,
  onReload,
}: {
  outcome: StageOutcome | null;
  error: { message: string; status: number; fields?: Record<string, string> } | null;
  onReload?: () => void;
}) {
  if (error) {
    return (
      <div role="alert" className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="stage-error">
        {error.fields ? "Some fields are not valid: see the messages next to them." : error.message}
        {error.status === 409 && onReload && (
          <Button type="button" variant="secondary" className="ml-2" onClick={onReload}>
            Reload
          </Button>
        )}
      </div>
    );
  }
  if (!outcome?.status) return null;
  return (
    <div className="mt-2 space-y-1 text-sm" data-testid="stage-outcome">
      <p role="status" className={outcome.status === "requested" ? "text-amber-700" : "text-emerald-700"}>
        {text(outcome)}
      </p>
      {outcome.awsMessage && (
        <p className="text-xs text-slate-600" data-testid="aws-outcome">
          {outcome.awsMessage}
        </p>
      )}
    </div>
  );
}
