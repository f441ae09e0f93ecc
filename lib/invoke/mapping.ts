/**
 * Parameter mapping expressions, as in `requestParameters` / `responseParameters`:
 * `method.request.{path|querystring|header|multivaluequerystring|multivalueheader}.X`,
 * `method.request.body[.jsonpath]`, `integration.response.{header|multivalueheader}.X`,
 * `integration.response.body[.jsonpath]`, `'static'`, `stageVariables.X`, `context.X`.
 */
import type { EndpointResponse, InvocationContext } from "./context";
import { dotted, header, jsonPathValue, staticValue } from "./http";

function contextValue(ctx: InvocationContext, path: string): string | undefined {
  const v = dotted(ctx.contextVariables, path);
  if (v === undefined || v === null) return undefined;
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** Values available to any mapping: statics, stage variables, `$context`. */
function commonSource(expr: string, ctx: InvocationContext): string | undefined {
  const s = staticValue(expr);
  if (s !== undefined) return s;
  if (expr.startsWith("stageVariables.")) return ctx.stageVariables[expr.slice("stageVariables.".length)];
  if (expr.startsWith("context.")) return contextValue(ctx, expr.slice("context.".length));
  return undefined;
}

/**
 * Resolves a `method.request.*` source as API Gateway does: `querystring.x` and `header.x` are the
 * last value of a repeated parameter, `multivaluequerystring.x` every value (sent as repeated
 * parameters), `multivalueheader.x` every value joined with commas.
 */
export function methodRequestValues(expr: string, ctx: InvocationContext): string | string[] | undefined {
  const request = ctx.request;
  if (!request) return undefined;
  if (expr === "method.request.body") return request.body;
  if (expr.startsWith("method.request.body.")) return jsonPathValue(request.body, expr.slice("method.request.body.".length));
  const m = /^method\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.(.+)$/.exec(expr);
  if (!m) return undefined;
  const [, where, name] = m;
  switch (where) {
    case "path":
      return ctx.pathParameters[name];
    case "querystring":
      return request.querystring[name];
    case "multivaluequerystring": {
      const values = request.multiValueQuerystring[name];
      return values && values.length > 0 ? [...values] : undefined;
    }
    case "multivalueheader":
      return headerValues(request.multiValueHeaders, name)?.join(",");
    default:
      return header(request.headers, name);
  }
}

/** methodRequestValues flattened to one string (gateway responses, validation): lists joined with commas. */
export function methodRequestValue(expr: string, ctx: InvocationContext): string | undefined {
  const v = methodRequestValues(expr, ctx);
  return Array.isArray(v) ? v.join(",") : v;
}

/** Every value of a header in a multi-value map, case-insensitively. */
export function headerValues(multi: Record<string, string[]> | undefined, name: string): string[] | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(multi ?? {})) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** The value of an `integration.request.*` mapping source. */
export function requestSourceValue(expr: string, ctx: InvocationContext): string | string[] | undefined {
  return commonSource(expr, ctx) ?? methodRequestValues(expr, ctx);
}

/** The value of a `method.response.header.*` mapping source. */
export function responseSourceValue(expr: string, ctx: InvocationContext, endpoint: EndpointResponse): string | undefined {
  const common = commonSource(expr, ctx);
  if (common !== undefined) return common;
  if (expr === "integration.response.body") return endpoint.body;
  if (expr.startsWith("integration.response.body.")) {
    return jsonPathValue(endpoint.body, expr.slice("integration.response.body.".length));
  }
  const m = /^integration\.response\.(header|multivalueheader)\.(.+)$/.exec(expr);
  if (m) {
    if (m[1] === "multivalueheader") return headerValues(endpoint.multiValueHeaders, m[2])?.join(",") ?? header(endpoint.headers, m[2]);
    return header(endpoint.headers, m[2]);
  }
  return methodRequestValue(expr, ctx);
}

export interface MappedRequestParameters {
  header: Record<string, string>;
  /** A list (from `multivaluequerystring`) is sent as one repeated parameter per value. */
  querystring: Record<string, string | string[]>;
  path: Record<string, string>;
}

/** Applies `integration.request.{header|querystring|path}.X` mappings; unresolved sources are left out. */
export function mapRequestParameters(mappings: Record<string, string>, ctx: InvocationContext): MappedRequestParameters {
  const out: MappedRequestParameters = { header: {}, querystring: {}, path: {} };
  for (const [target, source] of Object.entries(mappings)) {
    const m = /^integration\.request\.(header|querystring|path|multivaluequerystring|multivalueheader)\.(.+)$/.exec(target);
    if (!m) continue;
    const value = requestSourceValue(source, ctx);
    if (value === undefined) continue;
    const where = m[1] === "multivaluequerystring" ? "querystring" : m[1] === "multivalueheader" ? "header" : (m[1] as "header" | "querystring" | "path");
    if (where === "querystring") out.querystring[m[2]] = value;
    else out[where][m[2]] = Array.isArray(value) ? value.join(",") : value;
  }
  return out;
}
