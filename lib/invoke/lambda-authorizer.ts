/**
 * A CUSTOM method's Lambda authorizer, run for real through the API's AWS connection
 * (options.lambda), as API Gateway runs it:
 * - the identity sources must be present (TOKEN always; REQUEST when results are cached), and a
 *   TOKEN must match `identityValidationExpression` — otherwise 401 Unauthorized, no Lambda call;
 * - the function gets AWS's event: TOKEN `{type, authorizationToken, methodArn}`; REQUEST the
 *   request's headers, query string, path parameters, stage variables and requestContext;
 * - its answer (`principalId`, `policyDocument`, `context`, `usageIdentifierKey`) is cached by
 *   authorizer and identity for `authorizerResultTtlInSeconds` (default 300), and its policy is
 *   evaluated against this request's method ARN: an explicit Deny → 403, no Allow → 403;
 * - a function error `Unauthorized` → 401; any other error, a failed call, or a malformed answer →
 *   500 AuthorizerConfigurationException.
 */
import type { Authorizer } from "../model/design";
import type { AuthorizerOutput } from "./authorizer-cache";
import type { InvocationContext } from "./context";
import { GatewayError } from "./errors";
import { substituteStageVariables } from "./integration-request";
import { patternMatches } from "./integration-response";
import { lambdaFunctionOf, proxyEvent } from "./lambda";
import { logBody } from "./log";
import { requestSourceValue } from "./mapping";
import { evaluatePolicy, parsePolicyDocument } from "./policy";

/** How long Gatehouse waits for an authorizer function. */
export const AUTHORIZER_TIMEOUT_MS = 10_000;
/** AWS's default `authorizerResultTtlInSeconds`. */
export const DEFAULT_AUTHORIZER_TTL_SECONDS = 300;

const unauthorized = (line: string) => new GatewayError("UNAUTHORIZED", "Unauthorized", [line]);
const configurationError = (...lines: string[]) =>
  new GatewayError("AUTHORIZER_CONFIGURATION_ERROR", "null", [...lines, "Execution failed due to configuration error: Authorizer error"]);

/** `****` and the last three characters, as AWS masks identities and principals in its logs. */
const mask = (value: string) => `****${value.slice(-3)}`;

/**
 * The ARN API Gateway authorizes: `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{VERB}/{path}`
 * with the request's actual path (no leading slash).
 */
export function methodArn(ctx: InvocationContext, region: string, accountId: string): string {
  const stage = ctx.input.stage ?? "test-invoke-stage";
  return `arn:aws:execute-api:${region}:${accountId}:${ctx.options.apiId}/${stage}/${ctx.request!.httpMethod}/${ctx.request!.path.replace(/^\/+/, "")}`;
}

/** The identity-source expressions of an authorizer (TOKEN default: the Authorization header). */
export function identitySources(authorizer: Authorizer): string[] {
  const raw = authorizer.identitySource ?? (authorizer.type === "TOKEN" ? "method.request.header.Authorization" : "");
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function identityValues(ctx: InvocationContext, sources: string[]): { values: string[]; missing?: string } {
  const values: string[] = [];
  for (const source of sources) {
    const v = requestSourceValue(source, ctx);
    const value = Array.isArray(v) ? v.join(",") : v;
    if (value === undefined || value.trim() === "") return { values, missing: source };
    values.push(value);
  }
  return { values };
}

const isScalar = (v: unknown) => typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** Reads the function's answer; a string says what is wrong with it. */
export function parseAuthorizerOutput(payload: string): AuthorizerOutput | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return "the response is not JSON";
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return "the response is not a JSON object";
  const r = parsed as Record<string, unknown>;
  if (typeof r.principalId !== "string" && typeof r.principalId !== "number") return "principalId is missing";
  const statements = parsePolicyDocument(r.policyDocument);
  if (!statements) return "policyDocument is missing or not a valid policy";
  const context: Record<string, string> = {};
  if (r.context !== undefined && r.context !== null) {
    if (typeof r.context !== "object" || Array.isArray(r.context)) return "context is not a map";
    for (const [k, v] of Object.entries(r.context)) {
      // AWS refuses JSON objects and arrays as context values.
      if (v !== null && !isScalar(v)) return `context.${k} is an object or array`;
      context[k] = v === null ? "" : String(v);
    }
  }
  const usageIdentifierKey = typeof r.usageIdentifierKey === "string" ? r.usageIdentifierKey : undefined;
  return { principalId: String(r.principalId), statements, context, ...(usageIdentifierKey ? { usageIdentifierKey } : {}) };
}

function functionErrorMessage(payload: string): string {
  try {
    const p = JSON.parse(payload) as unknown;
    if (typeof p === "string") return p;
    if (p && typeof p === "object" && typeof (p as { errorMessage?: unknown }).errorMessage === "string") return (p as { errorMessage: string }).errorMessage;
  } catch {
    // a bare string
  }
  return payload;
}

/** What the authorizer leaves for the rest of the request: `$context.authorizer`, and the API key when apiKeySource is AUTHORIZER. */
export interface AuthorizerResult {
  variables: Record<string, string>;
  usageIdentifierKey?: string;
  latencyMs: number;
}

export async function runLambdaAuthorizer(ctx: InvocationContext, authorizer: Authorizer): Promise<AuthorizerResult> {
  const invoke = ctx.options.lambda!;
  const log = (line: string) => ctx.log.add(line);
  log(`Starting authorizer: ${authorizer.id} for request: ${ctx.options.requestId}`);
  const fn = lambdaFunctionOf(substituteStageVariables(authorizer.authorizerUri ?? "", ctx.stageVariables));
  if (!fn) throw configurationError(`Authorizer ${authorizer.name} has no Lambda function URI (${authorizer.authorizerUri ?? "none"})`);
  const accountId = fn.functionArn.split(":")[4] ?? "";
  const arn = methodArn(ctx, fn.region, accountId);

  const ttl = authorizer.authorizerResultTtlInSeconds ?? DEFAULT_AUTHORIZER_TTL_SECONDS;
  const sources = identitySources(authorizer);
  // REQUEST authorizers need their identity sources only when results are cached (they are the cache key).
  const required = authorizer.type === "TOKEN" || ttl > 0;
  const identity = identityValues(ctx, sources);
  if (identity.missing && required) throw unauthorized(`Unauthorized request: identity source ${identity.missing} is missing or empty`);
  const token = authorizer.type === "TOKEN" ? identity.values[0] : undefined;
  if (token !== undefined) log(`Incoming identity: ${mask(token)}`);
  if (token !== undefined && authorizer.identityValidationExpression && !patternMatches(authorizer.identityValidationExpression, token)) {
    throw unauthorized(`Unauthorized request: the token does not match the identity validation expression ${authorizer.identityValidationExpression}`);
  }

  const cacheKey = `${ctx.options.apiId}/${ctx.input.stage ?? ""}/${authorizer.id}\u0000${identity.values.join("\u0000")}`;
  const started = performance.now();
  let output = ttl > 0 && !identity.missing ? ctx.options.authorizerCache?.get(cacheKey) : undefined;
  if (output) {
    log(`Using cached authorizer result for identity ${mask(identity.values.join(","))}`);
  } else {
    const event =
      authorizer.type === "TOKEN"
        ? { type: "TOKEN", authorizationToken: token, methodArn: arn }
        : (() => {
            const { isBase64Encoded: _b, body: _body, ...rest } = proxyEvent(ctx);
            return { type: "REQUEST", methodArn: arn, ...rest };
          })();
    const payload = JSON.stringify(event);
    const uri = `https://lambda.${fn.region}.amazonaws.com/2015-03-31/functions/${fn.functionArn}/invocations`;
    log(`Endpoint request URI: ${uri}`);
    log(`Endpoint request body after transformations: ${logBody(payload)}`);
    log(`Sending request to ${uri}`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let result: Awaited<ReturnType<typeof invoke>>;
    try {
      result = await Promise.race([
        invoke(fn.functionArn, payload, { timeoutMs: AUTHORIZER_TIMEOUT_MS }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(Object.assign(new Error(`no answer within ${AUTHORIZER_TIMEOUT_MS} ms`), { name: "TimeoutError" })),
            AUTHORIZER_TIMEOUT_MS,
          );
        }),
      ]);
    } catch (e) {
      const err = e as Error & { $metadata?: { httpStatusCode?: number } };
      const why =
        err.name === "AccessDeniedException" || err.$metadata?.httpStatusCode === 403
          ? "Invalid permissions on Lambda function"
          : `Lambda Invoke failed: ${err.message}`;
      throw configurationError(`Execution failed due to configuration error: ${why}`);
    } finally {
      clearTimeout(timer);
    }
    log(`Authorizer result body before parsing: ${logBody(result.payload)}`);
    if (result.functionError) {
      const message = functionErrorMessage(result.payload);
      // The documented way for an authorizer to refuse a caller: fail with the message "Unauthorized".
      if (message === "Unauthorized") throw unauthorized(`Unauthorized request: ${ctx.options.requestId}`);
      throw configurationError(`Lambda execution failed with status ${result.statusCode} due to customer function error: ${message}`);
    }
    const parsed = parseAuthorizerOutput(result.payload);
    if (typeof parsed === "string") throw configurationError(`Invalid authorizer response: ${parsed}`);
    output = parsed;
    if (ttl > 0 && !identity.missing) ctx.options.authorizerCache?.set(cacheKey, output, ttl);
  }
  const latencyMs = Math.round(performance.now() - started);

  const decision = evaluatePolicy(output.statements, arn);
  if (decision === "explicit-deny") {
    throw new GatewayError("ACCESS_DENIED", "User is not authorized to access this resource with an explicit deny", [
      `The client is not authorized to perform this operation: an explicit Deny in the policy of principal ${mask(output.principalId)} covers ${arn}`,
    ]);
  }
  if (decision === "implicit-deny") {
    throw new GatewayError("ACCESS_DENIED", "User is not authorized to access this resource", [
      `The client is not authorized to perform this operation: no Allow in the policy of principal ${mask(output.principalId)} covers ${arn}`,
    ]);
  }
  log(`Using valid authorizer policy for principal: ${mask(output.principalId)}`);
  log("Successfully completed authorizer execution");
  return { variables: { ...output.context, principalId: output.principalId }, usageIdentifierKey: output.usageIdentifierKey, latencyMs };
}
