/**
 * The console's Prometheus metrics, in one registry kept on globalThis under a Symbol: Next's route
 * handlers, the custom server (scripts/start.mjs) and instrumentation run in one process but may
 * load this module more than once (Next bundles it), and all must count into the same series.
 * Labels are bounded on purpose: route groups, known methods, SDK operation names, API/stage rows
 * that exist; never raw paths or client-chosen strings.
 * The job queue's metrics (depth, durations by kind) register here from lib/jobs/metrics.ts.
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

const METRICS = Symbol.for("gatehouse.metrics");

/** Seconds: from a health check's millisecond to a slow push's minutes. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const PUSH_BUCKETS = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

function createMetrics() {
  const registry = new Registry();
  // Unprefixed (process_cpu_seconds_total, nodejs_heap_size_used_bytes…): what stock Node dashboards expect.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: "gatehouse_http_requests_total",
      help: "HTTP requests answered by the console, by method, route group and status",
      labelNames: ["method", "route", "status"] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: "gatehouse_http_request_duration_seconds",
      help: "Time from a request's arrival to the end of its answer, by method and route group",
      labelNames: ["method", "route"] as const,
      buckets: HTTP_BUCKETS,
      registers,
    }),
    gatewayRequests: new Counter({
      name: "gatehouse_gateway_requests_total",
      help: "Requests served by the local gateway, by API id, stage and status (api and stage empty when no stage matched)",
      labelNames: ["api", "stage", "status"] as const,
      registers,
    }),
    gatewayDuration: new Histogram({
      name: "gatehouse_gateway_request_duration_seconds",
      help: "Local gateway latency, by API id and stage",
      labelNames: ["api", "stage"] as const,
      buckets: HTTP_BUCKETS,
      registers,
    }),
    awsCalls: new Counter({
      name: "gatehouse_aws_calls_total",
      help: "AWS SDK calls, by service, operation and outcome (success, throttled, error)",
      labelNames: ["service", "operation", "outcome"] as const,
      registers,
    }),
    awsThrottles: new Counter({
      name: "gatehouse_aws_throttles_total",
      help: "AWS SDK calls AWS refused for rate (TooManyRequestsException, ThrottlingException, HTTP 429)",
      labelNames: ["service", "operation"] as const,
      registers,
    }),
    pushes: new Counter({
      name: "gatehouse_pushes_total",
      help: "Pushes of a stage to AWS, by outcome (succeeded, failed, up_to_date)",
      labelNames: ["outcome"] as const,
      registers,
    }),
    pushDuration: new Histogram({
      name: "gatehouse_push_duration_seconds",
      help: "Time to run a push plan against AWS, by outcome",
      labelNames: ["outcome"] as const,
      buckets: PUSH_BUCKETS,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** The process-wide metrics (created on first use). */
export function metrics(): Metrics {
  const store = globalThis as Record<symbol, Metrics | undefined>;
  store[METRICS] ??= createMetrics();
  return store[METRICS];
}

/** The exposition: Prometheus text format and its content type. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}

export function recordHttpRequest(r: { method: string; route: string; status: number; durationMs: number }): void {
  const m = metrics();
  m.httpRequests.inc({ method: r.method, route: r.route, status: String(r.status) });
  m.httpDuration.observe({ method: r.method, route: r.route }, r.durationMs / 1000);
}

export function recordGatewayRequest(r: { api: string; stage: string; status: number; durationMs: number }): void {
  const m = metrics();
  m.gatewayRequests.inc({ api: r.api, stage: r.stage, status: String(r.status) });
  m.gatewayDuration.observe({ api: r.api, stage: r.stage }, r.durationMs / 1000);
}

export type AwsCallOutcome = "success" | "throttled" | "error";

export function recordAwsCall(r: { service: string; operation: string; outcome: AwsCallOutcome }): void {
  const m = metrics();
  m.awsCalls.inc(r);
  if (r.outcome === "throttled") m.awsThrottles.inc({ service: r.service, operation: r.operation });
}

export type PushOutcome = "succeeded" | "failed" | "up_to_date";

export function recordPush(r: { outcome: PushOutcome; durationMs: number }): void {
  const m = metrics();
  m.pushes.inc({ outcome: r.outcome });
  m.pushDuration.observe({ outcome: r.outcome }, r.durationMs / 1000);
}
