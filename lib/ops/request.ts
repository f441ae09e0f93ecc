/**
 * What the request log and the HTTP metrics say about a request, reduced so that neither leaks a
 * credential nor grows without bound: request ids from clients are accepted only when they look
 * like ids, paths lose their query and one-time tokens, and routes fold into a few groups.
 */
import { randomUUID } from "node:crypto";

/** Letters, digits and a few separators, up to 128: what UUIDs, ULIDs and tracing ids (AWS's `Root=1-…`) use. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:=@/+-]{1,128}$/;

/** The client's `x-request-id` when it is sane (so a caller can follow its request through our logs), else a new UUID. */
export function requestIdFrom(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value !== undefined && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}

const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The method as a metric label: anything unusual (CUSTOM verbs on /gw, garbage) is "OTHER". */
export function methodLabel(method: string | undefined): string {
  const upper = (method ?? "").toUpperCase();
  return KNOWN_METHODS.has(upper) ? upper : "OTHER";
}

/** Route groups, checked in order: the first prefix that matches names the group. */
const ROUTE_GROUPS: [prefix: string, group: string][] = [
  ["/api/health", "health"],
  ["/api/ready", "ready"],
  ["/api/metrics", "metrics"],
  ["/api", "api"],
  ["/gw", "gateway"],
  ["/_next", "static"],
  ["/sign-in", "sign-in"],
];

/** The route group of a request target: a handful of values, whatever paths clients send. */
export function routeGroup(url: string | undefined): string {
  const path = pathOf(url);
  for (const [prefix, group] of ROUTE_GROUPS) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return group;
  }
  return "page";
}

function pathOf(url: string | undefined): string {
  const raw = url ?? "/";
  const q = raw.indexOf("?");
  return q < 0 ? raw : raw.slice(0, q);
}

/** The path as logged: no query string (it may carry secrets) and no invitation token (the link is the credential). */
export function loggedPath(url: string | undefined): string {
  return pathOf(url)
    .replace(/^\/invite\/[^/]+/, "/invite/[token]")
    .slice(0, 512);
}
