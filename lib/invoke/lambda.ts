/**
 * Lambda integrations through AWS: the function ARN in an integration URI, the REST API proxy
 * event (payload format 1.0) for AWS_PROXY, the proxy response it must answer with, and the call
 * itself through the context's LambdaInvoker (lib/aws/lambda.ts builds one from a connection).
 */
import type { InvocationContext } from "./context";
import { configurationError, GatewayError, integrationFailure, integrationTimeout } from "./errors";
import { decodeBase64, isBinaryMediaType } from "./binary";
import { header } from "./http";
import { logBody, logHeaders } from "./log";

const LAMBDA_URI = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+):lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;

/** `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations` → region and function ARN. */
export function lambdaFunctionOf(uri: string): { region: string; functionArn: string } | undefined {
  const m = LAMBDA_URI.exec(uri.split("?")[0]);
  if (!m) return undefined;
  let functionArn = m[2];
  try {
    functionArn = decodeURIComponent(functionArn);
  } catch {
    // keep it as written
  }
  return { region: m[1], functionArn };
}

const orNull = <T extends object>(map: T): T | null => (Object.keys(map).length > 0 ? map : null);

/** The event an AWS_PROXY Lambda receives (REST API, payload format 1.0). */
export function proxyEvent(ctx: InvocationContext): Record<string, unknown> {
  const request = ctx.request!;
  const cv = ctx.contextVariables as Record<string, unknown>;
  const identity = (cv.identity ?? {}) as Record<string, unknown>;
  // AWS builds both maps: the last value of a repeated header in `headers`, every value in `multiValueHeaders`.
  const headers = { ...request.headers };
  const multiValueHeaders = Object.fromEntries(Object.entries(request.multiValueHeaders).map(([k, v]) => [k, [...v]]));
  const requestContext: Record<string, unknown> = {
    resourceId: ctx.resource?.id,
    resourcePath: ctx.resourcePath,
    httpMethod: request.httpMethod,
    extendedRequestId: cv.extendedRequestId,
    requestTime: cv.requestTime,
    path: cv.path,
    accountId: cv.accountId,
    protocol: cv.protocol,
    stage: cv.stage,
    domainPrefix: cv.domainPrefix,
    requestTimeEpoch: cv.requestTimeEpoch,
    requestId: ctx.options.requestId,
    identity: {
      cognitoIdentityPoolId: null,
      cognitoIdentityId: null,
      apiKey: identity.apiKey || null,
      principalOrgId: null,
      cognitoAuthenticationType: null,
      userArn: identity.userArn || null,
      apiKeyId: identity.apiKeyId || null,
      userAgent: identity.userAgent || null,
      accountId: identity.accountId || null,
      caller: identity.caller || null,
      sourceIp: identity.sourceIp,
      accessKey: null,
      cognitoAuthenticationProvider: null,
      user: identity.user || null,
    },
    domainName: cv.domainName,
    apiId: ctx.options.apiId,
  };
  if (ctx.authorizer) {
    // A Lambda authorizer's context arrives with integrationLatency; Cognito's claims as they are.
    requestContext.authorizer =
      ctx.method?.authorizationType === "CUSTOM" ? { ...ctx.authorizer, integrationLatency: ctx.authorizerRun?.latencyMs ?? 0 } : { ...ctx.authorizer };
  }
  return {
    resource: ctx.resourcePath,
    path: request.path,
    httpMethod: request.httpMethod,
    headers: orNull(headers),
    multiValueHeaders: orNull(multiValueHeaders),
    queryStringParameters: orNull({ ...request.querystring }),
    multiValueQueryStringParameters: orNull({ ...request.multiValueQuerystring }),
    pathParameters: orNull({ ...ctx.pathParameters }),
    stageVariables: orNull({ ...ctx.stageVariables }),
    requestContext,
    // A body whose Content-Type is one of the API's binaryMediaTypes reaches the function base64-encoded.
    body: request.bodyBytes.length === 0 ? null : request.binary ? request.bodyBytes.toString("base64") : request.body,
    isBase64Encoded: request.binary && request.bodyBytes.length > 0,
  };
}

export interface ProxyResponse {
  statusCode: number;
  /** One value per name: the last of the merged values. */
  headers: Record<string, string>;
  /** `multiValueHeaders` merged with `headers`, as API Gateway merges them. */
  multiValueHeaders: Record<string, string[]>;
  body: string;
  isBase64Encoded: boolean;
}

const PROXY_KEYS = new Set(["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"]);
const scalar = (v: unknown) => typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/**
 * Parses what an AWS_PROXY function returned; undefined when API Gateway would call it a
 * malformed proxy response (not a JSON object, a field it does not know, a non-integer
 * statusCode, a body that is not a string, headers that are not maps of scalars).
 */
export function parseProxyResponse(payload: string): ProxyResponse | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
  const r = parsed as Record<string, unknown>;
  if (Object.keys(r).some((k) => !PROXY_KEYS.has(k))) return undefined;
  const status = typeof r.statusCode === "string" && /^\d+$/.test(r.statusCode) ? Number(r.statusCode) : r.statusCode;
  if (typeof status !== "number" || !Number.isInteger(status) || status < 100 || status > 599) return undefined;
  if (r.body !== undefined && r.body !== null && typeof r.body !== "string") return undefined;
  if (r.isBase64Encoded !== undefined && r.isBase64Encoded !== null && typeof r.isBase64Encoded !== "boolean") return undefined;
  const multi: Record<string, string[]> = {};
  if (r.multiValueHeaders !== undefined && r.multiValueHeaders !== null) {
    if (typeof r.multiValueHeaders !== "object" || Array.isArray(r.multiValueHeaders)) return undefined;
    for (const [k, v] of Object.entries(r.multiValueHeaders)) {
      if (!Array.isArray(v) || !v.every(scalar)) return undefined;
      multi[k] = v.map(String);
    }
  }
  if (r.headers !== undefined && r.headers !== null) {
    if (typeof r.headers !== "object" || Array.isArray(r.headers)) return undefined;
    for (const [k, v] of Object.entries(r.headers)) {
      if (!scalar(v)) return undefined;
      // Both given: API Gateway merges them into one list; a key-value pair in both appears once.
      const key = Object.keys(multi).find((m) => m.toLowerCase() === k.toLowerCase()) ?? k;
      const list = (multi[key] ??= []);
      if (!list.includes(String(v))) list.push(String(v));
    }
  }
  const headers = Object.fromEntries(
    Object.entries(multi)
      .filter(([, v]) => v.length > 0)
      .map(([k, v]) => [k, v[v.length - 1]]),
  );
  return {
    statusCode: status,
    headers,
    multiValueHeaders: multi,
    body: (r.body as string | null | undefined) ?? "",
    isBase64Encoded: r.isBase64Encoded === true,
  };
}

/** The error a failed function returned (`{"errorMessage": …, "errorType": …}`); errorMessage "" when absent. */
export function functionErrorOf(payload: string): { errorMessage: string; errorType?: string } {
  try {
    const p = JSON.parse(payload) as Record<string, unknown>;
    if (p && typeof p === "object") {
      return { errorMessage: typeof p.errorMessage === "string" ? p.errorMessage : "", errorType: typeof p.errorType === "string" ? p.errorType : undefined };
    }
  } catch {
    // a bare string error
  }
  return { errorMessage: "" };
}

const malformed = () =>
  new GatewayError("DEFAULT_5XX", "Internal server error", ["Execution failed due to configuration error: Malformed Lambda proxy response"], 502);

/**
 * An `isBase64Encoded` body is decoded to bytes only when the client's first Accept type is one of
 * the API's binaryMediaTypes ("API Gateway uses the first Accept header from clients to determine
 * if a response should return binary media"); otherwise it goes back as the base64 text it is.
 */
function proxyBytes(ctx: InvocationContext, res: ProxyResponse): Buffer | undefined {
  if (!res.isBase64Encoded) return undefined;
  if (!isBinaryMediaType(ctx.design.binaryMediaTypes, header(ctx.request!.headers, "Accept"))) return undefined;
  return decodeBase64(res.body, "response");
}

/** Calls the function of an AWS / AWS_PROXY Lambda integration; fills endpointResponse (and lambdaErrorMessage for AWS). */
export async function lambdaIntegration(ctx: InvocationContext, functionArn: string, region: string): Promise<void> {
  const invoke = ctx.options.lambda!;
  const integration = ctx.integration!;
  const isProxy = integration.type === "AWS_PROXY";
  const payload = isProxy ? JSON.stringify(proxyEvent(ctx)) : ctx.integrationRequest!.body;
  // integrationRequest leaves this line to us for AWS_PROXY: the function gets the event, not the raw body.
  if (isProxy) ctx.log.add(`Endpoint request body after transformations: ${logBody(payload)}`);
  ctx.log.add(`Sending request to https://lambda.${region}.amazonaws.com/2015-03-31/functions/${functionArn}/invocations`);

  const started = performance.now();
  const timeoutMs = integration.timeoutInMillis;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let result: Awaited<ReturnType<typeof invoke>>;
  try {
    result = await Promise.race([
      invoke(functionArn, payload, { timeoutMs }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error("timeout"), { name: "TimeoutError" })), timeoutMs);
      }),
    ]);
  } catch (e) {
    const err = e as Error & { name?: string; $metadata?: { httpStatusCode?: number } };
    if (err.name === "TimeoutError" || err.name === "AbortError") throw integrationTimeout();
    if (err.name === "AccessDeniedException" || err.$metadata?.httpStatusCode === 403) {
      const gw = configurationError("Invalid permissions on Lambda function");
      gw.logLines.push(`Lambda Invoke failed: ${err.message}`);
      throw gw;
    }
    if (err.name === "ResourceNotFoundException") {
      const gw = configurationError(`Lambda function not found: ${functionArn}`);
      gw.logLines.push(`Lambda Invoke failed: ${err.message}`);
      throw gw;
    }
    throw integrationFailure(`Lambda Invoke failed: ${err.message}`);
  } finally {
    clearTimeout(timer);
  }
  const latencyMs = Math.round(performance.now() - started);
  const endpointHeaders: Record<string, string> = { "Content-Type": "application/json" };
  if (result.functionError) endpointHeaders["X-Amz-Function-Error"] = result.functionError;
  ctx.log.add(`Received response. Status: ${result.statusCode}, Integration latency: ${latencyMs} ms`);
  ctx.log.add(`Endpoint response headers: ${logHeaders(endpointHeaders)}`);
  ctx.log.add(`Endpoint response body before transformations: ${logBody(result.payload)}`);

  if (result.functionError) {
    const { errorMessage } = functionErrorOf(result.payload);
    ctx.log.add(`Lambda execution failed with status ${result.statusCode} due to customer function error: ${errorMessage}`);
    // A proxy function that failed returned no proxy response: API Gateway answers 502.
    if (isProxy) throw new GatewayError("DEFAULT_5XX", "Internal server error", [], 502);
    ctx.lambdaErrorMessage = errorMessage;
  } else if (!isProxy) {
    ctx.lambdaErrorMessage = "";
  }

  if (!isProxy) {
    ctx.endpointResponse = { status: result.statusCode, headers: endpointHeaders, body: result.payload, latencyMs };
    return;
  }
  const res = parseProxyResponse(result.payload);
  if (!res) throw malformed();
  const bytes = proxyBytes(ctx, res);
  const multi = Object.values(res.multiValueHeaders).some((v) => v.length > 1) ? res.multiValueHeaders : undefined;
  ctx.endpointResponse = {
    status: res.statusCode,
    headers: res.headers,
    multiValueHeaders: multi,
    body: bytes ? bytes.toString("utf8") : res.body,
    bodyBytes: bytes,
    latencyMs,
  };
}
