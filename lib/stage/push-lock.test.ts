import { describe, expect, it, vi } from "vitest";

describe("the push lock's holder", () => {
  it("is one per process, whichever copy of the module asks (Next loads one for the job worker and one for the routes)", async () => {
    const first = await import("./push-lock");
    vi.resetModules();
    const second = await import("./push-lock");
    expect(second).not.toBe(first);
    expect(second.thisHolder()).toBe(first.thisHolder());
    // A lock the worker's copy holds is alive to the route's copy, not an earlier process's.
    expect(second.holderGone(first.thisHolder())).toBe(false);
    expect(second.lockAbandoned({ holder: first.thisHolder(), heartbeatAt: new Date() })).toBe(false);
  });

  it("tells an earlier process with this pid (another boot id) from this one", async () => {
    const { holderGone, thisHolder } = await import("./push-lock");
    const earlier = thisHolder().replace(/[^/]+$/, "earlier0");
    expect(holderGone(earlier)).toBe(true);
  });
});
