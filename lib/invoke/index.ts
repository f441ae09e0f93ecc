/**
 * Local test invoke: runs one request through an API design the way API Gateway's
 * TestInvokeMethod runs the draft, and returns the response with AWS's execution log.
 * The pipeline (pipeline.ts) is a list of small handlers over one typed context (LocalStack's shape):
 * parse → route → method request → integration request → integration → integration response → method response;
 * a GatewayError from any of them is answered through the API's gateway responses.
 */
import type { ApiDesign } from "../model/design";
import { renderTemplate } from "../template/index";
import type { InvokeRequest } from "./context";
import { gatewayResponseHeaders } from "./gateway-responses";
import { createContext, runPipeline, type InvokeOptions, type InvokeStep } from "./pipeline";

export type { InvokeRequest, LambdaInvoker, SimulatedAuthorizer } from "./context";
export { isBinaryMediaType } from "./binary";
export type { InvokeOptions, InvokeStep } from "./pipeline";
export type { OutboundPolicy } from "./outbound";
export { checkOutbound, DEFAULT_OUTBOUND_POLICY, guardedFetch, outboundPolicyFromEnv, OutboundRefusedError } from "./outbound";

export interface InvokeResult {
  status: number;
  headers: Record<string, string>;
  /** Headers with more than one value (Set-Cookie…), every value; as TestInvokeMethod's multiValueHeaders. */
  multiValueHeaders?: Record<string, string[]>;
  /** Text, or the base64 of a binary answer (isBase64Encoded). */
  body: string;
  /** The answer is binary (binaryMediaTypes): `body` holds its base64, `bodyBytes` the bytes. */
  isBase64Encoded?: boolean;
  bodyBytes?: Buffer;
  log: string;
  latencyMs: number;
  resourceId?: string;
  resourcePath?: string;
  steps: InvokeStep[];
}

/**
 * Invokes one method of a design as TestInvokeMethod would (draft, real backend calls). Authorizers
 * are skipped unless the request carries a simulated result (`request.authorizer`).
 */
export async function invokeMethod(design: ApiDesign, request: InvokeRequest, options: InvokeOptions): Promise<InvokeResult> {
  const started = performance.now();
  const ctx = createContext(design, request, options, renderTemplate);
  const steps = await runPipeline(ctx);
  const response = ctx.response ?? { status: 500, headers: { "Content-Type": "application/json" }, body: '{"message": "Internal server error"}' };
  return {
    status: response.status,
    // TestInvokeMethod shows a gateway error with the response's own headers only (AWS's recorded
    // answer: just x-amzn-ErrorType), none of the defaults a method response gets.
    headers: ctx.error ? gatewayResponseHeaders(ctx, ctx.error) : response.headers,
    ...(response.multiValueHeaders ? { multiValueHeaders: response.multiValueHeaders } : {}),
    body: response.body,
    ...(response.bodyBytes ? { isBase64Encoded: true, bodyBytes: response.bodyBytes } : {}),
    log: ctx.log.toString(),
    latencyMs: Math.round(performance.now() - started),
    resourceId: ctx.resource?.id,
    resourcePath: ctx.resourcePath,
    steps,
  };
}

// Lower-level pieces for the CLI and the console's step view.
export { createContext, HANDLERS, runPipeline, type Handler } from "./pipeline";
export { matchRoute, type RouteMatch } from "./route";
export { chooseRequestTemplate } from "./integration-request";
export { selectIntegrationResponse, chooseResponseTemplate } from "./integration-response";
export { GatewayError, type GatewayResponseType } from "./errors";
export type { InvocationContext } from "./context";
