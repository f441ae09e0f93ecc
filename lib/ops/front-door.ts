/**
 * What the console's HTTP front door (scripts/console-server.mjs, plain JavaScript outside Next's
 * bundle) needs from lib/ops, published on globalThis by instrumentation-node.ts: request ids,
 * the per-request log line and metrics, and the shutdown steps.
 */
import { beginShutdown, closeResources } from "./lifecycle";
import { logger } from "./logger";
import { recordHttpRequest } from "./metrics";
import { loggedPath, methodLabel, requestIdFrom, routeGroup } from "./request";

export interface FinishedRequest {
  requestId: string;
  method: string | undefined;
  url: string | undefined;
  status: number;
  durationMs: number;
  /** True when the client left before the answer was complete. */
  aborted?: boolean;
}

export interface FrontDoorOps {
  requestId(incoming: string | string[] | undefined): string;
  requestDone(request: FinishedRequest): void;
  beginShutdown(): void;
  closeResources(): Promise<void>;
}

/** Probes run every few seconds: their successes are debug lines, not the bulk of the log. */
const PROBE_GROUPS = new Set(["health", "ready", "metrics"]);

/** Logs one line for a finished request and counts it. */
export function requestDone(r: FinishedRequest): void {
  const route = routeGroup(r.url);
  const durationMs = Math.round(r.durationMs * 10) / 10;
  recordHttpRequest({ method: methodLabel(r.method), route, status: r.status, durationMs: r.durationMs });
  const line = { reqId: r.requestId, method: r.method, path: loggedPath(r.url), status: r.status, durationMs, ...(r.aborted ? { aborted: true } : {}) };
  const log = logger();
  if (r.status >= 500) log.warn(line, "request");
  else if (PROBE_GROUPS.has(route) && r.status < 400) log.debug(line, "request");
  else log.info(line, "request");
}

export const frontDoorOps: FrontDoorOps = { requestId: requestIdFrom, requestDone, beginShutdown, closeResources };

/** Where scripts/start.mjs finds these. */
export const FRONT_DOOR_OPS = Symbol.for("gatehouse.ops");

export function publishFrontDoorOps(): void {
  (globalThis as Record<symbol, unknown>)[FRONT_DOOR_OPS] = frontDoorOps;
}
