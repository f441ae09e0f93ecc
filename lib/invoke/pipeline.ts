/**
 * The handler chain and its context, free of the template engine import so that handler tests
 * can build a context with their own renderer.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { ApiDesign } from "../model/design";
import { authorize } from "./authorize";
import type { AuthorizerCache } from "./authorizer-cache";
import type { InvocationContext, InvokeRequest, LambdaInvoker, RenderTemplate } from "./context";
import { GatewayError } from "./errors";
import { gatewayResponse } from "./gateway-responses";
import { integration } from "./integration";
import { integrationRequest } from "./integration-request";
import { integrationResponse } from "./integration-response";
import { ExecutionLog } from "./log";
import { finalizeHeaders, methodResponse } from "./method-response";
import { methodRequest } from "./method-request";
import type { OutboundPolicy } from "./outbound";
import { parseRequest } from "./parse";
import { routeRequest } from "./route";

export interface InvokeOptions {
  apiId: string;
  fetchImpl?: typeof fetch;
  /** Defaults to outboundPolicyFromEnv(process.env), so an operator's deny list holds for every caller. */
  outbound?: OutboundPolicy;
  now?: () => Date;
  requestId?: string;
  sourceIp?: string;
  /** Invokes Lambda functions for AWS/AWS_PROXY integrations (createLambdaInvoker from lib/aws/lambda); without it they answer that they need AWS. */
  lambda?: LambdaInvoker;
  /** Caches Lambda authorizer results (authorizerResultTtlInSeconds); the local gateway passes one shared cache. */
  authorizerCache?: AuthorizerCache;
  /**
   * Build the execution log and time each step (default true: test invoke shows both). The local
   * gateway's Node handler turns this off: its callers never read either.
   */
  executionLog?: boolean;
}

export interface InvokeStep {
  name: string;
  ok: boolean;
  ms: number;
}

export type Handler = (ctx: InvocationContext) => void | Promise<void>;

/** The request handlers, in API Gateway's order. */
export const HANDLERS: [string, Handler][] = [
  ["parse", parseRequest],
  ["route", routeRequest],
  ["authorize", authorize],
  ["methodRequest", methodRequest],
  ["integrationRequest", integrationRequest],
  ["integration", integration],
  ["integrationResponse", integrationResponse],
  ["methodResponse", methodResponse],
];

/** Random bytes drawn 4 KB at a time: one randomBytes call per request cost the gateway ~5 % of its time. */
let pool = Buffer.alloc(0);
let poolAt = 0;
function randomHex(bytes: number): string {
  if (poolAt + bytes > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  poolAt += bytes;
  return pool.toString("hex", poolAt - bytes, poolAt);
}

/** `Root=1-<epoch seconds hex>-<24 hex>`, the X-Ray trace id format. */
function traceId(now: Date): string {
  return `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomHex(12)}`;
}

/** Builds the context the handlers share, before any of them ran. */
export function createContext(design: ApiDesign, request: InvokeRequest, options: InvokeOptions, render: RenderTemplate): InvocationContext {
  const now = options.now ?? (() => new Date());
  const requestId = options.requestId ?? randomUUID();
  return {
    design,
    options: {
      apiId: options.apiId,
      // No default: without an injected fetch, guardedFetch connects through its pinned pool
      // (only the addresses it checked), which is the DNS-rebinding protection.
      fetchImpl: options.fetchImpl,
      outbound: options.outbound,
      now,
      requestId,
      sourceIp: options.sourceIp ?? "test-invoke-source-ip",
      render,
      lambda: options.lambda,
      authorizerCache: options.authorizerCache,
    },
    log: new ExecutionLog(requestId, now, options.executionLog ?? true),
    input: request,
    stageVariables: { ...(request.stageVariables ?? {}) },
    pathParameters: {},
    contextVariables: {},
    traceId: traceId(now()),
  };
}

/** Runs handlers over a context; errors become gateway responses. Exported for tests and the CLI. */
export async function runPipeline(ctx: InvocationContext, handlers: [string, Handler][] = HANDLERS): Promise<InvokeStep[]> {
  const steps: InvokeStep[] = [];
  // Step times are part of the execution record: not taken when the log is off.
  const timed = ctx.log.enabled;
  for (const [name, handler] of handlers) {
    const started = timed ? performance.now() : 0;
    try {
      const pending = handler(ctx);
      // Most handlers are synchronous: awaiting only real promises saves a microtask per step.
      if (pending) await pending;
      steps.push({ name, ok: true, ms: timed ? Math.round(performance.now() - started) : 0 });
    } catch (e) {
      steps.push({ name, ok: false, ms: timed ? Math.round(performance.now() - started) : 0 });
      const error =
        e instanceof GatewayError
          ? e
          : // A bug of ours, not the API's: answer as AWS answers internal errors, and say what happened.
            new GatewayError("DEFAULT_5XX", "Internal server error", [`Execution failed due to an internal error: ${(e as Error)?.message ?? String(e)}`], 500);
      ctx.error = error;
      for (const line of error.logLines) ctx.log.add(line);
      const response = gatewayResponse(ctx, error);
      response.headers = finalizeHeaders(ctx, response.headers);
      ctx.response = response;
      break;
    }
  }
  ctx.log.add(`Method completed with status: ${ctx.response?.status ?? 500}`);
  return steps;
}
