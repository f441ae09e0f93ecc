/**
 * Shared timing for the benchmarks. A comparison runs both sides on the same input, checks they
 * produce the same output first, warms both up, then takes samples in alternating order
 * (A,B,A,B…, so drift from other load on the machine hits both alike), with a forced GC before
 * each sample when node runs with --expose-gc (`npm run bench` passes it). Each sample is the
 * mean time per op over a short batch; we report the median and the p25–p75 spread of those.
 */
export interface Stats {
  median: number;
  p25: number;
  p75: number;
  /** Median absolute deviation from the median. */
  mad: number;
  samples: number;
}

/** Linear-interpolated quantile (q in 0..1) of the numbers, like numpy's default. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error("quantile of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

export function stats(values: readonly number[]): Stats {
  const m = median(values);
  return {
    median: m,
    p25: quantile(values, 0.25),
    p75: quantile(values, 0.75),
    mad: median(values.map((v) => Math.abs(v - m))),
    samples: values.length,
  };
}

export interface Side {
  name: string;
  fn: () => unknown;
}

export interface Comparison {
  a: { name: string; msPerOp: Stats };
  b: { name: string; msPerOp: Stats };
}

export interface AlternateOptions {
  /** Untimed calls of each side before sampling (JIT warm-up). */
  warmup?: number;
  /** Samples per side. */
  samples?: number;
  /** Target wall time of one sample's batch, in ms; the batch size is set from the warm-up. */
  batchMs?: number;
  /** Clock, for tests. */
  now?: () => number;
  /** Called before each sample; defaults to a forced GC when available. */
  beforeSample?: () => void;
}

const defaultSamples = () => Number(process.env.BENCH_SAMPLES ?? 15);

/** Times one batch of `n` calls; returns ms per call. */
async function timeBatch(fn: () => unknown, n: number, now: () => number): Promise<number> {
  const start = now();
  for (let i = 0; i < n; i++) await fn();
  return (now() - start) / n;
}

/** Runs a and b in alternating order after warm-up; per-op time statistics for each. */
export async function alternate(a: Side, b: Side, options: AlternateOptions = {}): Promise<Comparison> {
  const now = options.now ?? (() => performance.now());
  const beforeSample = options.beforeSample ?? (() => globalThis.gc?.());
  const warmup = options.warmup ?? 10;
  const batchMs = options.batchMs ?? 100;
  const sizes = [a, b].map(() => 1);
  for (const [i, side] of [a, b].entries()) {
    const perOp = await timeBatch(side.fn, Math.max(1, warmup), now);
    sizes[i] = Math.max(1, Math.round(batchMs / Math.max(perOp, 1e-6)));
  }
  const times: [number[], number[]] = [[], []];
  const n = options.samples ?? defaultSamples();
  for (let s = 0; s < n; s++) {
    // Alternate which side goes first too, so neither always follows the other's garbage.
    const order = s % 2 === 0 ? [0, 1] : [1, 0];
    for (const i of order) {
      beforeSample();
      times[i].push(await timeBatch([a, b][i].fn, sizes[i], now));
    }
  }
  return { a: { name: a.name, msPerOp: stats(times[0]) }, b: { name: b.name, msPerOp: stats(times[1]) } };
}

export function formatStats(name: string, s: Stats): string {
  return `${name.padEnd(30)} median ${fmtMs(s.median)} ms/op  (p25–p75 ${fmtMs(s.p25)}–${fmtMs(s.p75)}, MAD ${fmtMs(s.mad)}, ${s.samples} samples)`;
}

const fmtMs = (ms: number) => (ms >= 10 ? ms.toFixed(1) : ms >= 0.1 ? ms.toFixed(3) : ms.toFixed(5));

/** How many times faster a is than b, by median time per op. */
export const speedRatio = (c: Comparison): number => c.b.msPerOp.median / c.a.msPerOp.median;

/**
 * Prints a comparison: the peer, whether both sides produce the same output, both sides'
 * median and spread, and the ratio — only when the outputs are the same; otherwise it says
 * the peer does different work and prints no ratio.
 */
export function report(c: Comparison, sameOutput: boolean, note = ""): void {
  console.log(`peer: ${c.b.name}; same output: ${sameOutput ? "yes" : "no"}${note ? ` (${note})` : ""}`);
  console.log(formatStats(c.a.name, c.a.msPerOp));
  console.log(formatStats(c.b.name, c.b.msPerOp));
  if (!sameOutput) {
    console.log("ratio: none — the peer does different work, so the times are not a speed comparison");
    return;
  }
  const r = speedRatio(c);
  console.log(`ratio: ${c.a.name} is ${r.toFixed(2)}x the speed of ${c.b.name}${r < 1 ? " (slower)" : ""} (median time per op)`);
}

/** Prints how much the full operation adds over its floor (a part it includes), not a ratio. */
export function reportOverhead(c: Comparison, floorIsPart: string): void {
  console.log(`floor: ${c.b.name} (${floorIsPart}); not a peer, so no speed ratio`);
  console.log(formatStats(c.a.name, c.a.msPerOp));
  console.log(formatStats(c.b.name, c.b.msPerOp));
  const extra = c.a.msPerOp.median - c.b.msPerOp.median;
  console.log(
    `overhead: ${fmtMs(extra)} ms/op over the floor (the floor is ${((100 * c.b.msPerOp.median) / c.a.msPerOp.median).toFixed(0)}% of the whole, by medians)`,
  );
}

export function checkGc(): void {
  if (typeof globalThis.gc !== "function") console.log("note: no --expose-gc, so no forced GC between samples (run through `npm run bench`)");
}
