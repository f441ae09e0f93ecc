/** The AWS tab's Drift card: each adopt/overwrite outcome changes the report and the notice together. */
import { describe, expect, it } from "vitest";
import { driftReducer, EMPTY_DRIFT } from "../../components/aws/drift-state";
import type { DriftReport } from "../../lib/connection/drift-service";

const report: DriftReport = {
  status: "drifted",
  awsRestApiId: "abc123",
  baselineAt: null,
  entries: [],
  summary: null,
  liveHash: null,
  acknowledged: false,
  stages: [
    { stageName: "prod", status: "drifted", changes: [{ path: "tracingEnabled", before: false, after: true }] as never },
    { stageName: "dev", status: "drifted", changes: [{ path: "tracingEnabled", before: false, after: true }] as never },
  ],
};

describe("drift card state", () => {
  it("a check shows its report and clears the last notice", () => {
    const before = { report: null, notice: "Adopted 1 change" };
    expect(driftReducer(driftReducer(before, { type: "checking" }), { type: "checked", report })).toEqual({ report, notice: null });
  });

  it("adopting into the draft drops the report (it is stale) and says what was adopted", () => {
    expect(driftReducer({ report, notice: null }, { type: "adopted", notice: "Adopted 2 changes" })).toEqual({ report: null, notice: "Adopted 2 changes" });
  });

  it("overwriting marks the report acknowledged, keeping its entries", () => {
    const next = driftReducer({ report, notice: null }, { type: "overwritten", notice: "Kept the draft" });
    expect(next.report?.acknowledged).toBe(true);
    expect(next.report?.stages).toEqual(report.stages);
    expect(next.notice).toBe("Kept the draft");
  });

  it("resolving one stage marks only that stage in sync", () => {
    const next = driftReducer({ report, notice: null }, { type: "stage-resolved", stageName: "prod", notice: "Put back" });
    expect(next.report?.stages.map((s) => [s.stageName, s.status, s.changes.length])).toEqual([
      ["prod", "in-sync", 0],
      ["dev", "drifted", 1],
    ]);
    expect(driftReducer(EMPTY_DRIFT, { type: "stage-resolved", stageName: "prod", notice: "x" }).report).toBeNull();
  });
});
