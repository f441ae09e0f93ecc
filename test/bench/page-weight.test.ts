import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { bytesByPhase, countByPhase, FIRST_LOAD_BUDGET_BYTES, formatPageResult, gzipSize, type ScriptLoad, verdict } from "../../bench/page-weight";

const load = (url: string, phase: ScriptLoad["phase"], gzipBytes: number): ScriptLoad => ({ url, phase, gzipBytes });

describe("page-weight arithmetic", () => {
  it("measures a body by its gzip size, not its raw size", () => {
    const body = "const a = 1;\n".repeat(1000);
    expect(gzipSize(body)).toBe(gzipSync(body, { level: 6 }).length);
    expect(gzipSize(body)).toBeLessThan(body.length / 10);
  });

  it("sums each phase and counts a script fetched again only in the phase it first arrived in", () => {
    const loads = [
      load("/a.js", "first-load", 100),
      load("/b.js", "first-load", 50),
      load("/m.js", "after-load", 900),
      load("/a.js", "on-action", 100),
      load("/e.js", "on-action", 7),
    ];
    expect(bytesByPhase(loads)).toEqual({ "first-load": 150, "after-load": 900, "on-action": 7 });
    expect(countByPhase(loads)).toEqual({ "first-load": 2, "after-load": 1, "on-action": 1 });
  });

  it("passes at the budget and is over one byte above it", () => {
    expect(FIRST_LOAD_BUDGET_BYTES).toBe(256_000);
    expect(verdict(FIRST_LOAD_BUDGET_BYTES)).toBe("PASS");
    expect(verdict(FIRST_LOAD_BUDGET_BYTES + 1)).toBe("OVER");
  });

  it("prints the page's first load against the budget, what came after and the timings", () => {
    const line = formatPageResult({
      name: "API designer",
      bytes: { "first-load": 300 * 1024, "after-load": 0, "on-action": 925 * 1024 },
      scripts: { "first-load": 9, "after-load": 0, "on-action": 3 },
      interactiveMs: 812.4,
      loadMs: 640.2,
    });
    expect(line).toContain("first load  300.0 KB in  9 scripts OVER");
    expect(line).toContain("after load    0.0 KB; on action 925.0 KB in 3 scripts");
    expect(line).toContain("interactive 812 ms (load event 640 ms)");
  });
});
