"use client";
/** What a stage action did: applied, or waiting for a second person; and whether AWS got it. 409 offers a reload. */
import { FormError } from "@/components/ui/form-error";
import type { ActionFailure } from "@/lib/http/action-reply";

/** What the stage actions answer (app/(console)/apis/[apiId]/stages/actions.ts `outcome`). */
export interface StageOutcome {
  /** "applied", "requested" (waiting for approval), or a request's new state ("rejected", "cancelled"). */
  status?: string;
  summary?: string;
  awsMessage?: string;
}

const text = (o: StageOutcome) =>
  o.status === "requested" ? `Waiting for approval: ${o.summary}` : o.status === "applied" ? `Done: ${o.summary}` : `Request ${o.status}`;

export function StageOutcomeNote({
  outcome,
  failure,
  onReload,
  fieldShown = () => false,
}: {
  outcome: StageOutcome | null | undefined;
  failure: ActionFailure | null;
  onReload?: () => void;
  /** Which fields the panel shows messages for; the others are spelled out here (default: none shown). */
  fieldShown?: (field: string) => boolean;
}) {
  if (failure) return <FormError failure={failure} fieldsNote fieldShown={fieldShown} onReload={onReload} className="mt-2" data-testid="stage-error" />;
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
