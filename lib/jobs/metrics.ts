/**
 * Job-queue metrics in the process's one Prometheus registry (lib/ops): how many jobs wait per
 * kind (read from the queue when scraped, so every instance reports the shared queue) and how
 * long jobs take, by kind and outcome. Labels are the fixed kind names, never payload values.
 */
import { Gauge, Histogram } from "prom-client";
import { metrics } from "../ops/metrics";

const JOB_METRICS = Symbol.for("gatehouse.jobs.metrics");
const JOB_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

type DepthReader = () => Promise<Record<string, number>>;

interface JobMetrics {
  depth: Gauge<"kind">;
  duration: Histogram<"kind" | "outcome">;
  readDepth: DepthReader | null;
}

function jobMetrics(): JobMetrics {
  const store = globalThis as Record<symbol, JobMetrics | undefined>;
  if (store[JOB_METRICS]) return store[JOB_METRICS];
  const registers = [metrics().registry];
  const state: JobMetrics = {
    readDepth: null,
    depth: new Gauge({
      name: "gatehouse_job_queue_depth",
      help: "Jobs waiting to run (queued or waiting to retry), by kind",
      labelNames: ["kind"] as const,
      registers,
      async collect() {
        const depths = (await state.readDepth?.().catch(() => null)) ?? {};
        for (const [kind, n] of Object.entries(depths)) this.set({ kind }, n);
      },
    }),
    duration: new Histogram({
      name: "gatehouse_job_duration_seconds",
      help: "Time a job's attempt took, by kind and outcome (succeeded, failed, retrying)",
      labelNames: ["kind", "outcome"] as const,
      buckets: JOB_BUCKETS,
      registers,
    }),
  };
  store[JOB_METRICS] = state;
  return state;
}

/** Where the depth gauge reads from: the running queue (null once it stops). */
export function reportQueueDepth(read: DepthReader | null): void {
  jobMetrics().readDepth = read;
}

export type JobOutcome = "succeeded" | "failed" | "retrying";

export function recordJobRun(kind: string, outcome: JobOutcome, durationMs: number): void {
  jobMetrics().duration.observe({ kind, outcome }, durationMs / 1000);
}
