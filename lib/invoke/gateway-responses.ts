/**
 * Gateway responses: how API Gateway answers its own errors. The API's response for the type
 * wins, then its DEFAULT_4XX/DEFAULT_5XX, then AWS's default (`{"message":$context.error.messageString}`).
 * Their templates are not VTL: only `$context.*` and `$stageVariables.*` are substituted.
 */
import type { GatewayResponse } from "../model/design";
import type { InvocationContext, MethodResponseOut } from "./context";
import { DEFAULT_STATUS, ERROR_TYPE_HEADER, type GatewayError, type GatewayResponseType } from "./errors";
import { acceptedTypes, byMediaType, dotted, header, setHeader, staticValue } from "./http";
import { methodRequestValue } from "./mapping";

export const DEFAULT_GATEWAY_TEMPLATE = '{"message":$context.error.messageString}';

/**
 * AWS's untouched defaults are not all rendered from that template: errors raised while the method
 * executes (validation, media type, integration, configuration) come back as `{"message": "…"}`
 * with a space, the edge errors (Missing Authentication Token, Forbidden…) without one.
 */
const SPACED_DEFAULT_BODY = new Set<GatewayResponseType>([
  "BAD_REQUEST_PARAMETERS",
  "BAD_REQUEST_BODY",
  "UNSUPPORTED_MEDIA_TYPE",
  "API_CONFIGURATION_ERROR",
  "INTEGRATION_FAILURE",
  "INTEGRATION_TIMEOUT",
  "DEFAULT_5XX",
  "AUTHORIZER_CONFIGURATION_ERROR",
  "AUTHORIZER_FAILURE",
]);

/** Authorizer failures carry no message: `$context.error.messageString` is a bare `null`. */
const NULL_MESSAGE = new Set<GatewayResponseType>(["AUTHORIZER_CONFIGURATION_ERROR", "AUTHORIZER_FAILURE"]);

interface ResolvedGatewayResponse {
  /** True when neither the type nor its DEFAULT_4XX/5XX is configured: AWS's own answer. */
  builtIn: boolean;
  status: number;
  responseParameters: Record<string, string>;
  responseTemplates: Record<string, string>;
}

/** The gateway response that answers an error type, with AWS's fallbacks. */
export function resolveGatewayResponse(configured: GatewayResponse[], type: GatewayResponseType, fallbackStatus = 500): ResolvedGatewayResponse {
  const find = (t: string) => configured.find((g) => g.responseType === t);
  const defaultStatus = DEFAULT_STATUS[type];
  const family = (defaultStatus ?? fallbackStatus) >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX";
  const own = find(type);
  const fallback = type === family ? undefined : find(family);
  const source = own ?? fallback;
  // A status set on DEFAULT_4XX/5XX changes the status of every response of that family.
  const statusText = own ? own.statusCode : fallback?.statusCode;
  const status = statusText ? Number(statusText) : (defaultStatus ?? fallbackStatus);
  const templates = source && Object.keys(source.responseTemplates).length > 0 ? source.responseTemplates : { "application/json": DEFAULT_GATEWAY_TEMPLATE };
  return { builtIn: !source, status, responseParameters: source?.responseParameters ?? {}, responseTemplates: templates };
}

/** `$context.x.y`, `${context.x}`-less forms and `$stageVariables.x` substitution, as gateway responses do. */
export function substituteGatewayTemplate(template: string, context: Record<string, unknown>, stageVariables: Record<string, string>): string {
  const value = (root: string, path: string): string => {
    const key = path.slice(1);
    const v = root === "context" ? dotted(context, key) : stageVariables[key];
    if (v === undefined || v === null) return "";
    return typeof v === "object" ? JSON.stringify(v) : String(v);
  };
  // One pass, so a substituted value that itself looks like `$context.x` stays as it is.
  return template.replace(
    /\$\{(context|stageVariables)((?:\.[A-Za-z0-9_-]+)+)\}|\$(context|stageVariables)((?:\.[A-Za-z0-9_-]+)+)/g,
    (_, r1: string | undefined, p1: string | undefined, r2: string | undefined, p2: string | undefined) => value((r1 ?? r2)!, (p1 ?? p2)!),
  );
}

/** `$context.error` while a gateway response renders. */
function errorContextOf(error: GatewayError) {
  return {
    message: error.message,
    messageString: NULL_MESSAGE.has(error.responseType) ? "null" : JSON.stringify(error.message),
    responseType: error.responseType,
    validationErrorString: error.validationErrorString ?? "",
  };
}

/**
 * The headers a gateway response itself defines: its `gatewayresponse.header.*` parameters, then
 * AWS's `x-amzn-ErrorType` naming the error (customised responses carry it too). This is all
 * TestInvokeMethod shows for a gateway error; the gateway adds Content-Type and its ids.
 */
export function gatewayResponseHeaders(ctx: InvocationContext, error: GatewayError): Record<string, string> {
  const resolved = resolveGatewayResponse(ctx.design.gatewayResponses, error.responseType, error.fallbackStatus);
  const context = { ...ctx.contextVariables, error: errorContextOf(error) };
  const headers: Record<string, string> = {};
  for (const [target, source] of Object.entries(resolved.responseParameters)) {
    const m = /^gatewayresponse\.header\.(.+)$/.exec(target);
    if (!m) continue;
    const value =
      staticValue(source) ??
      (source.startsWith("stageVariables.") ? ctx.stageVariables[source.slice(15)] : undefined) ??
      (source.startsWith("context.") ? String(dotted(context, source.slice(8)) ?? "") : undefined) ??
      methodRequestValue(source, ctx);
    if (value !== undefined) setHeader(headers, m[1], value);
  }
  const errorType = ERROR_TYPE_HEADER[error.responseType];
  if (errorType && header(headers, "x-amzn-ErrorType") === undefined) headers["x-amzn-ErrorType"] = errorType;
  return headers;
}

/** Renders the gateway response for an error into the client's answer and the log. */
export function gatewayResponse(ctx: InvocationContext, error: GatewayError): MethodResponseOut {
  const resolved = resolveGatewayResponse(ctx.design.gatewayResponses, error.responseType, error.fallbackStatus);
  const errorContext = errorContextOf(error);
  const context = { ...ctx.contextVariables, error: errorContext };
  const headers = gatewayResponseHeaders(ctx, error);
  const accept = ctx.request ? header(ctx.request.headers, "Accept") : undefined;
  let template: string | undefined;
  for (const t of accept ? acceptedTypes(accept) : ["application/json"]) {
    template = byMediaType(resolved.responseTemplates, t)?.[1];
    if (template !== undefined) break;
  }
  template ??= Object.values(resolved.responseTemplates)[0] ?? "";
  const body =
    resolved.builtIn && SPACED_DEFAULT_BODY.has(error.responseType)
      ? `{"message": ${errorContext.messageString}}`
      : resolved.builtIn && error.responseType === "ACCESS_DENIED"
        ? // A policy's deny comes back from AWS's edge with a capital M.
          `{"Message":${errorContext.messageString}}`
        : substituteGatewayTemplate(template, context, ctx.stageVariables);
  return { status: resolved.status, headers, body };
}
