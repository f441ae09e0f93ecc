/**
 * The Drift card's state: the last report, and what the last adopt/overwrite did. One reducer so
 * each outcome changes the report and the notice together.
 */
import type { DriftReport } from "@/lib/connection/drift-service";

export interface DriftState {
  report: DriftReport | null;
  notice: string | null;
}

export type DriftEvent =
  | { type: "checking" }
  | { type: "checked"; report: DriftReport }
  /** The API's drift went into the draft: the report is stale until checked again. */
  | { type: "adopted"; notice: string }
  /** Kept the draft: the next push reverts these live changes. */
  | { type: "overwritten"; notice: string }
  /** A stage's drift was adopted or overwritten: that stage now matches. */
  | { type: "stage-resolved"; stageName: string; notice: string };

export const EMPTY_DRIFT: DriftState = { report: null, notice: null };

export function driftReducer(state: DriftState, event: DriftEvent): DriftState {
  switch (event.type) {
    case "checking":
      return { ...state, notice: null };
    case "checked":
      return { report: event.report, notice: null };
    case "adopted":
      return { report: null, notice: event.notice };
    case "overwritten":
      return { report: state.report && { ...state.report, acknowledged: true }, notice: event.notice };
    case "stage-resolved": {
      const report = state.report && {
        ...state.report,
        stages: state.report.stages.map((s) => (s.stageName === event.stageName ? { ...s, status: "in-sync" as const, changes: [] } : s)),
      };
      return { report, notice: event.notice };
    }
  }
}
