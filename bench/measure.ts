/** Shared timing helpers for the benchmarks: warm up, then time many runs and report per-op cost. */
export interface Measurement {
  name: string;
  opsPerSecond: number;
  meanMs: number;
  heapDeltaMb: number;
}

export async function measure(name: string, fn: () => unknown, options: { warmup?: number; minMs?: number } = {}): Promise<Measurement> {
  for (let i = 0; i < (options.warmup ?? 20); i++) await fn();
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const minMs = options.minMs ?? 1500;
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    await fn();
    runs++;
  }
  const elapsed = performance.now() - start;
  const heapAfter = process.memoryUsage().heapUsed;
  return { name, opsPerSecond: (runs * 1000) / elapsed, meanMs: elapsed / runs, heapDeltaMb: (heapAfter - heapBefore) / 1024 / 1024 };
}

/** Prints both measurements and how many times faster (or slower) ours is than the peer. */
export function report(ours: Measurement, peer: Measurement): void {
  const row = (m: Measurement) => `${m.name.padEnd(28)} ${m.opsPerSecond.toFixed(1).padStart(12)} ops/s ${m.meanMs.toFixed(3).padStart(10)} ms/op`;
  console.log(row(ours));
  console.log(row(peer));
  const ratio = ours.opsPerSecond / peer.opsPerSecond;
  console.log(`ratio: ${ours.name} is ${ratio.toFixed(2)}x the throughput of ${peer.name}${ratio < 1 ? " (slower)" : ""}`);
}
