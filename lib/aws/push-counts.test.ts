/** One way to count a push's calls: planned (entity calls + deployment + stage call) and made (sent, accepted or not). */
import { describe, expect, it } from "vitest";
import { callCounts, callCountText, plannedCallCount } from "./push-counts";

const calls = (n: number) => Array.from({ length: n }, () => ({}) as never);

describe("push call counts", () => {
  it("plans the entity calls, CreateDeployment and the stage call; one less when a deployment is reused; none when up to date", () => {
    expect(plannedCallCount({ calls: calls(2), deployment: {} })).toBe(4);
    expect(plannedCallCount({ calls: calls(0), deployment: {} })).toBe(2);
    expect(plannedCallCount({ calls: calls(0), deployment: { reuse: { deploymentId: "d1" } } })).toBe(1);
    expect(plannedCallCount({ calls: calls(0), deployment: { upToDate: { deploymentId: "d1" } } })).toBe(0);
  });

  it("counts every call sent, refused ones included, and says so in one text", () => {
    const plan = { calls: calls(2), deployment: {} };
    expect(callCounts(plan, [{ ok: true }, { ok: false }])).toEqual({ planned: 4, made: 2, failed: 1 });
    expect(callCountText(callCounts(plan, [{ ok: true }, { ok: false }]))).toBe("2 of 4 calls made (1 refused or failed)");
    expect(callCountText(callCounts(plan, [{ ok: true }, { ok: true }, { ok: true }, { ok: true }]))).toBe("4 of 4 calls made");
    expect(callCountText(callCounts({ calls: [], deployment: { upToDate: { deploymentId: "d" } } }, []))).toBe("no call needed");
    expect(callCountText(callCounts({ calls: [], deployment: { reuse: { deploymentId: "d" } } }, []))).toBe("0 of 1 call made");
  });
});
