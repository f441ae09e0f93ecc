/** Method response: the headers every response carries, and the closing lines of the log. */
import { BINARY_LOG } from "./binary";
import type { InvocationContext } from "./context";
import { header } from "./http";
import { logBody, logHeaders } from "./log";

/** Adds what API Gateway adds to every answer: the trace id (non-MOCK) and a default Content-Type. */
export function finalizeHeaders(ctx: InvocationContext, headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (ctx.integration && ctx.integration.type !== "MOCK") out["X-Amzn-Trace-Id"] = ctx.traceId;
  Object.assign(out, headers);
  if (header(out, "Content-Type") === undefined) out["Content-Type"] = "application/json";
  return out;
}

export function methodResponse(ctx: InvocationContext): void {
  const response = ctx.response!;
  response.headers = finalizeHeaders(ctx, response.headers);
  if (!ctx.log.enabled) return;
  ctx.log.add(`Method response body after transformations: ${response.bodyBytes ? BINARY_LOG : logBody(response.body)}`);
  ctx.log.add(`Method response headers: ${logHeaders(response.headers)}`);
  ctx.log.add("Successfully completed execution");
}
