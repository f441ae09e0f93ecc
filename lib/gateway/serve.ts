/**
 * The local gateway: serves a deployed stage the way API Gateway's execute-api endpoint does —
 * the stage's deployment snapshot (or its canary, by `percentTraffic`), its variables, the
 * API-key check for `apiKeyRequired` methods, method throttling from `methodSettings` — and then
 * the same pipeline as test invoke (lib/invoke) with `stage` set. Errors are AWS's: 403
 * `{"message":"Forbidden"}` for an unknown API or stage or a missing key, 429
 * `{"message":"Too Many Requests"}` when throttled (through the API's gateway responses), and a
 * 500 `{"message": "Internal server error"}` only on a bug of ours.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import { sharedLambdaInvoker } from "../aws/lambda";
import {
  createContext,
  GatewayError,
  HANDLERS,
  runPipeline,
  type GatewayResponseType,
  type Handler,
  type InvokeStep,
  type LambdaInvoker,
  type OutboundPolicy,
} from "../invoke/index";
import type { MethodResponseOut } from "../invoke/context";
import { header } from "../invoke/http";
import { AuthorizerCache } from "../invoke/authorizer-cache";
import { ERROR_TYPE_HEADER } from "../invoke/errors";
import { MAX_PAYLOAD_BYTES } from "../invoke/payload-limit";
import { renderTemplate } from "../template/index";
import { chooseCanary } from "./canary";
import { throttleFor } from "./settings";
import { resolveStageTargetCached, type StageTarget } from "./target";
import { defaultThrottles, type ThrottleRegistry } from "./throttle";

/** API Gateway's payload limit (10 MB), for requests as for integration responses. */
export { MAX_PAYLOAD_BYTES };

export interface GatewayRequest {
  httpMethod: string;
  /** The path below the stage, as received (percent-encoded), starting with `/`. */
  path: string;
  /** The raw query string, without `?`. */
  query?: string;
  headers: Record<string, string>;
  /** Repeated request headers, every value (when the caller could read them apart). */
  multiValueHeaders?: Record<string, string[]>;
  body: string;
  /** The body's raw bytes; binary payloads (binaryMediaTypes) need them. */
  bodyBytes?: Uint8Array;
  /** True when the caller stopped reading a body over MAX_PAYLOAD_BYTES (413). */
  bodyTooLarge?: boolean;
  sourceIp?: string;
}

export interface GatewayResult {
  status: number;
  headers: Record<string, string>;
  /** Every value of repeated response headers (send each; see responseHeaders in ./http). */
  multiValueHeaders?: Record<string, string[]>;
  /** Text answer, or the base64 of a binary one (bodyBytes set). */
  body: string;
  /** A binary answer's bytes: what the client gets (responseBodyBytes in ./http). */
  bodyBytes?: Buffer;
  requestId: string;
  /** The stage that answered (absent when none did: unknown API or stage, or a failure before). */
  restApiId?: string;
  stageName?: string;
  /** Which deployment answered, and whether it was the canary. */
  deploymentId?: string;
  isCanaryRequest: boolean;
  /** The execution log (what CloudWatch would get); never sent to the client. */
  log: string;
  steps: InvokeStep[];
  latencyMs: number;
}

export interface ServeOptions {
  /** [0, 1); decides the canary split. Default Math.random. */
  random?: () => number;
  throttles?: ThrottleRegistry;
  fetchImpl?: typeof fetch;
  outbound?: OutboundPolicy;
  now?: () => Date;
  requestId?: string;
  /** Invokes Lambda integrations; default: through the API's AWS connection when it is bound to one. */
  lambda?: LambdaInvoker;
  /** Lambda authorizer results (authorizerResultTtlInSeconds); default: one cache for the process. */
  authorizerCache?: AuthorizerCache;
  /** How long a resolved stage is reused (default STAGE_CACHE_MS = 1 s; 0 reads the database every time). */
  stageCacheMs?: number;
  /** Build the execution log and step times (default true); the Node handler, whose callers never read them, turns it off. */
  executionLog?: boolean;
}

const json = { "Content-Type": "application/json" };

/** The ids API Gateway puts on every answer: the request id and the extended request id (x-amz-apigw-id). */
const requestIds = (requestId: string, extendedRequestId = requestId) => ({ "x-amzn-RequestId": requestId, "x-amz-apigw-id": extendedRequestId });

/** AWS's answer for a request to an API or stage that does not exist. */
export function forbidden(requestId: string): Pick<GatewayResult, "status" | "headers" | "body"> {
  return { status: 403, headers: { ...json, ...requestIds(requestId), "x-amzn-ErrorType": "ForbiddenException" }, body: '{"message":"Forbidden"}' };
}

/** What API Gateway answers on an internal failure. */
export function internalError(requestId: string): Pick<GatewayResult, "status" | "headers" | "body"> {
  return {
    status: 500,
    headers: { ...json, ...requestIds(requestId), "x-amzn-ErrorType": "InternalServerErrorException" },
    body: '{"message": "Internal server error"}',
  };
}

/** Errors lib/invoke's type list does not name; gateway-responses.ts renders them with the fallback status. */
const THROTTLED = "THROTTLED" as GatewayResponseType;
const INVALID_API_KEY = "INVALID_API_KEY" as GatewayResponseType;

/** The gateway's Lambda authorizer results, shared by every request of this process. */
export const defaultAuthorizerCache = new AuthorizerCache();

/** Serves one request for `/{apiRef}/{stageName}/…`. Never throws. */
export async function serveGatewayRequest(
  db: Db,
  apiRef: string,
  stageName: string,
  request: GatewayRequest,
  options: ServeOptions = {},
): Promise<GatewayResult> {
  const requestId = options.requestId ?? randomUUID();
  const started = performance.now();
  try {
    const target = await resolveStageTargetCached(db, apiRef, stageName, options.stageCacheMs);
    if (!target) return { ...forbidden(requestId), requestId, isCanaryRequest: false, log: "", steps: [], latencyMs: Math.round(performance.now() - started) };
    return await serveStageTarget(target, request, { ...options, requestId });
  } catch (e) {
    console.error("[gatehouse] gateway request failed", e);
    return { ...internalError(requestId), requestId, isCanaryRequest: false, log: "", steps: [], latencyMs: Math.round(performance.now() - started) };
  }
}

/** Serves one request against a resolved stage (the benchmark and tests call this without a database). */
export async function serveStageTarget(target: StageTarget, request: GatewayRequest, options: ServeOptions = {}): Promise<GatewayResult> {
  const started = performance.now();
  const requestId = options.requestId ?? randomUUID();
  const choice = chooseCanary(target.canary, options.random);
  const canary = choice.isCanaryRequest ? target.canary : null;
  const served: Served = { target, request, isCanaryRequest: choice.isCanaryRequest, deploymentId: canary?.deploymentId ?? target.deploymentId };
  // createContext copies the variables it is given: merge only when a canary overrides some.
  const variables = canary ? { ...target.variables, ...choice.stageVariableOverrides } : target.variables;
  const ctx = contextFor(served, variables, canary?.design ?? target.design, requestId, options);
  const steps = await runPipeline(ctx, gatewayHandlers(served, options.throttles ?? defaultThrottles));
  return resultOf(ctx, served, requestId, steps, started);
}

/** One request against one stage, after the canary choice. */
interface Served {
  target: StageTarget;
  request: GatewayRequest;
  isCanaryRequest: boolean;
  deploymentId: string;
}

type Ctx = ReturnType<typeof createContext>;

function contextFor(served: Served, stageVariables: Record<string, string>, design: StageTarget["design"], requestId: string, options: ServeOptions): Ctx {
  const { target, request } = served;
  const pathWithQueryString = (request.path.startsWith("/") ? request.path : `/${request.path}`) + (request.query ? `?${request.query}` : "");
  const lambda = options.lambda ?? (target.awsConnection ? sharedLambdaInvoker(target.awsConnection) : undefined);
  return createContext(
    design,
    {
      httpMethod: request.httpMethod,
      pathWithQueryString,
      // When the multi-value map already holds every single value (the exchange builds both), parse needs only it.
      headers: request.multiValueHeaders && lastValuesOf(request.multiValueHeaders, request.headers) ? NO_HEADERS : request.headers,
      multiValueHeaders: request.multiValueHeaders,
      body: request.body,
      bodyBytes: request.bodyBytes,
      stageVariables,
      stage: target.stageName,
      // Bound to AWS, the gateway runs CUSTOM methods' Lambda authorizers as API Gateway would.
      callAuthorizer: lambda !== undefined,
    },
    {
      apiId: target.contextApiId,
      requestId,
      sourceIp: request.sourceIp ?? "127.0.0.1",
      fetchImpl: options.fetchImpl,
      outbound: options.outbound,
      now: options.now,
      lambda,
      authorizerCache: options.authorizerCache ?? defaultAuthorizerCache,
      executionLog: options.executionLog,
    },
    renderTemplate,
  );
}

const afterParse = HANDLERS.findIndex(([n]) => n === "parse") + 1;
const afterAuthorize = HANDLERS.findIndex(([n]) => n === "authorize") + 1;

const NO_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** True when each single value is the last value listed for the same spelling in `multi`. */
function lastValuesOf(multi: Record<string, string[]>, single: Record<string, string>): boolean {
  for (const name in single) {
    const list = Object.hasOwn(multi, name) ? multi[name] : undefined;
    if (!list || list[list.length - 1] !== single[name]) return false;
  }
  return true;
}

/** The test-invoke pipeline with the execute-api endpoint's two steps added where AWS runs them. */
function gatewayHandlers(served: Served, throttles: ThrottleRegistry): [string, Handler][] {
  return [
    ...HANDLERS.slice(0, afterParse),
    ["gatewayContext", gatewayContext(served)],
    ...HANDLERS.slice(afterParse, afterAuthorize),
    // After the authorizer, as on AWS: with apiKeySource AUTHORIZER the key comes from it.
    ["gatewayChecks", gatewayChecks(served, throttles)],
    ...HANDLERS.slice(afterAuthorize),
  ];
}

/** After parse: what the execute-api endpoint knows that a test invocation does not. */
function gatewayContext({ request, deploymentId, isCanaryRequest }: Served): Handler {
  return (c) => {
    const host = header(request.headers, "Host") ?? "localhost";
    // parse made this object for this request alone: add to it rather than copy it.
    const vars = c.contextVariables;
    vars.deploymentId = deploymentId;
    vars.domainName = host;
    vars.domainPrefix = host.split(".")[0].split(":")[0];
    vars.isCanaryRequest = isCanaryRequest;
    if (request.bodyTooLarge || (request.bodyBytes?.byteLength ?? Buffer.byteLength(request.body)) > MAX_PAYLOAD_BYTES) {
      throw new GatewayError("REQUEST_TOO_LARGE", "Request Too Long", [`Request body exceeds ${MAX_PAYLOAD_BYTES} bytes`]);
    }
  };
}

/** After route: the API key (apiKeyRequired), then the method's throttle. */
function gatewayChecks({ target, isCanaryRequest }: Served, throttles: ThrottleRegistry): Handler {
  return (c) => {
    const method = c.method!;
    if (method.apiKeyRequired) {
      // apiKeySource AUTHORIZER: the key is the Lambda authorizer's usageIdentifierKey, not a header.
      const key = c.design.apiKeySource === "AUTHORIZER" ? c.authorizerRun?.usageIdentifierKey : header(c.request!.headers, "x-api-key");
      if (!key || !target.settings.apiKeys.includes(key)) {
        throw new GatewayError(INVALID_API_KEY, "Forbidden", [key ? "API Key not authorized" : "API Key not provided"], 403);
      }
      const identity = c.contextVariables.identity as Record<string, unknown>;
      c.contextVariables = { ...c.contextVariables, identity: { ...identity, apiKey: key } };
    }
    const limits = throttleFor(target.settings, c.resourcePath ?? "/", c.request!.httpMethod);
    if (!limits) return;
    const bucket = `${target.restApiId}/${target.stageName}${isCanaryRequest ? "/canary" : ""} ${c.request!.httpMethod} ${c.resourcePath}`;
    if (!throttles.take(bucket, limits)) {
      throw new GatewayError(THROTTLED, "Too Many Requests", ["Execution failed: method throttled"], 429);
    }
  };
}

/** The pipeline's answer as the client gets it, with AWS's request-id and error-type headers. */
function resultOf(ctx: Ctx, served: Served, requestId: string, steps: InvokeStep[], started: number): GatewayResult {
  const response: MethodResponseOut = ctx.response ?? internalError(requestId);
  const headers: Record<string, string> = { ...response.headers, ...requestIds(requestId, String(ctx.contextVariables.extendedRequestId ?? requestId)) };
  const errorType = ctx.error ? ERROR_TYPE_HEADER[ctx.error.responseType as keyof typeof ERROR_TYPE_HEADER] : undefined;
  if (errorType && header(headers, "x-amzn-ErrorType") === undefined) headers["x-amzn-ErrorType"] = errorType;
  const result: GatewayResult = {
    status: response.status,
    headers,
    ...(response.multiValueHeaders ? { multiValueHeaders: response.multiValueHeaders } : {}),
    body: response.body,
    ...(response.bodyBytes ? { bodyBytes: response.bodyBytes } : {}),
    requestId,
    restApiId: served.target.restApiId,
    stageName: served.target.stageName,
    deploymentId: served.deploymentId,
    isCanaryRequest: served.isCanaryRequest,
    log: "",
    steps,
    latencyMs: Math.round(performance.now() - started),
  };
  // Formatted only when read: building it per request costs.
  if (ctx.log.enabled) Object.defineProperty(result, "log", { get: () => ctx.log.toString(), enumerable: true });
  return result;
}
