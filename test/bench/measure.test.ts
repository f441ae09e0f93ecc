import { describe, expect, it } from "vitest";
import { alternate, median, quantile, speedRatio, stats } from "../../bench/measure";

describe("bench statistics", () => {
  it("median of odd and even counts, unsorted input", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("quantiles interpolate between ranks", () => {
    const v = [10, 20, 30, 40, 50];
    expect(quantile(v, 0)).toBe(10);
    expect(quantile(v, 0.25)).toBe(20);
    expect(quantile(v, 0.75)).toBe(40);
    expect(quantile(v, 1)).toBe(50);
    expect(quantile([1, 2], 0.25)).toBe(1.25);
    expect(() => quantile([], 0.5)).toThrow();
  });

  it("spread: p25–p75 and the median absolute deviation, robust to one outlier", () => {
    const s = stats([1, 2, 3, 4, 100]);
    expect(s).toEqual({ median: 3, p25: 2, p75: 4, mad: 1, samples: 5 });
  });
});

describe("alternate", () => {
  it("samples the two sides in alternating order, with the hook before each sample, and times them apart", async () => {
    // A fake clock: each call of a advances it 2 ms, each call of b 1 ms.
    let clock = 0;
    const calls: string[] = [];
    let hooks = 0;
    const a = {
      name: "a",
      fn: () => {
        clock += 2;
        calls.push("a");
      },
    };
    const b = {
      name: "b",
      fn: () => {
        clock += 1;
        calls.push("b");
      },
    };
    const c = await alternate(a, b, { warmup: 2, samples: 4, batchMs: 4, now: () => clock, beforeSample: () => hooks++ });
    expect(c.a.msPerOp.median).toBe(2);
    expect(c.b.msPerOp.median).toBe(1);
    expect(c.a.msPerOp.samples).toBe(4);
    expect(hooks).toBe(8);
    expect(speedRatio(c)).toBe(0.5);
    // After the warm-up (a,a,b,b), batches: a is 2 calls (4 ms / 2 ms), b is 4 calls; the order
    // flips each sample: a,b then b,a.
    const sampled = calls.slice(4).join("");
    expect(sampled).toBe("aabbbb" + "bbbbaa" + "aabbbb" + "bbbbaa");
  });
});
