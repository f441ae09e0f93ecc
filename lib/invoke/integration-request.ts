/**
 * Integration request: maps parameters, picks the request template by Content-Type (missing →
 * application/json), applies passthroughBehavior (415 when it forbids passing the body through),
 * renders the template and builds the endpoint URI. Proxy integrations forward the request as is.
 */
import type { Integration } from "../model/design";
import type { InvocationContext } from "./context";
import { renderMapping } from "./render-mapping";
import { BINARY_LOG, integrationRequestPayload, payloadText, type Payload } from "./binary";
import { configurationError, unsupportedMediaType } from "./errors";
import { byMediaType, header, mediaType, setHeader } from "./http";
import { logBody, logHeaders } from "./log";
import { mapRequestParameters } from "./mapping";

export type TemplateChoice = { kind: "template"; contentType: string; template: string } | { kind: "passthrough" } | { kind: "unsupported" };

/** The passthroughBehavior table of the developer guide (integration-passthrough-behaviors). */
export function chooseRequestTemplate(
  templates: Record<string, string>,
  contentTypeHeader: string | undefined,
  passthrough: Integration["passthroughBehavior"],
): TemplateChoice {
  const contentType = mediaType(contentTypeHeader || "application/json");
  const match = byMediaType(templates, contentType);
  if (match) return { kind: "template", contentType: match[0], template: match[1] };
  const hasTemplates = Object.keys(templates).length > 0;
  if (passthrough === "NEVER") return { kind: "unsupported" };
  if (passthrough === "WHEN_NO_TEMPLATES" && hasTemplates) return { kind: "unsupported" };
  return { kind: "passthrough" };
}

/** Headers a proxy must not forward: hop-by-hop, and the ones fetch computes itself. */
export const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
  "content-length",
]);

const STAGE_VARIABLE = /\$\{stageVariables(?:\.([A-Za-z0-9_]+)|\[\s*['"]([A-Za-z0-9_]+)['"]\s*\])\}/g;

/** Replaces `${stageVariables.x}` (and `${stageVariables['x']}`) in an integration URI. */
export function substituteStageVariables(uri: string, stageVariables: Record<string, string>): string {
  return uri.replace(STAGE_VARIABLE, (_, a: string | undefined, b: string | undefined) => stageVariables[(a ?? b)!] ?? "");
}

/** Replaces `{name}` / `{name+}` in an integration URI; greedy values keep their `/`. */
export function substitutePathParameters(uri: string, values: Record<string, string>): string {
  return uri.replace(/\{([A-Za-z0-9._-]+)(\+)?\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return value.split("/").map(encodeURIComponent).join("/");
  });
}

/** Appends a query string to a URI that may already carry one. */
export function withQuery(uri: string, query: Record<string, string> | [string, string][]): string {
  const entries = Array.isArray(query) ? query : Object.entries(query);
  if (entries.length === 0) return uri;
  const qs = new URLSearchParams(entries).toString();
  return uri + (uri.includes("?") ? "&" : "?") + qs;
}

const render = (ctx: InvocationContext, template: string, body: string) => renderMapping(ctx, template, body, "request");

export function integrationRequest(ctx: InvocationContext): void {
  const request = ctx.request!;
  const integration = ctx.integration;
  if (!integration) throw configurationError("No integration defined for method");
  const isProxy = integration.type === "HTTP_PROXY" || integration.type === "AWS_PROXY";
  const mapped = mapRequestParameters(integration.requestParameters, ctx);

  // Proxies forward the payload as it came; the others convert it by binaryMediaTypes and contentHandling first.
  let payload: Payload = isProxy
    ? request.binary
      ? { kind: "binary", bytes: request.bodyBytes }
      : { kind: "text", text: request.body }
    : integrationRequestPayload(request.bodyBytes, request.binary, integration.contentHandling);
  let templateContentType: string | undefined;
  if (!isProxy) {
    const contentTypeHeader = header(request.headers, "Content-Type");
    const choice = chooseRequestTemplate(integration.requestTemplates, contentTypeHeader, integration.passthroughBehavior);
    if (choice.kind === "unsupported") {
      throw unsupportedMediaType(
        `Execution failed: no mapping template for content type ${mediaType(contentTypeHeader || "application/json")} and passthrough behavior ${integration.passthroughBehavior}`,
      );
    }
    if (choice.kind === "template") {
      templateContentType = choice.contentType;
      // An empty template is the console's "no template": the body passes through.
      if (choice.template.trim() !== "") {
        // $input.body is the converted payload: base64 text after CONVERT_TO_TEXT, the bytes read as UTF-8 otherwise.
        const result = render(ctx, choice.template, payloadText(payload));
        payload = { kind: "text", text: result.output };
        // $context.requestOverride.* win over the parameter mappings.
        Object.assign(mapped.header, result.overrides.requestHeaders);
        Object.assign(mapped.querystring, result.overrides.requestQuerystring);
        Object.assign(mapped.path, result.overrides.requestPath);
      }
    }
  }
  const body = payloadText(payload);

  if (integration.type === "MOCK") {
    ctx.mockRequestBody = body;
    return;
  }

  const pathValues = { ...ctx.pathParameters, ...mapped.path };
  const rawUri = substitutePathParameters(substituteStageVariables(integration.uri ?? "", ctx.stageVariables), pathValues);
  const headers: Record<string, string> = {};
  let multiValueHeaders: Record<string, string[]> | undefined;
  const query: [string, string][] = [];
  if (isProxy) {
    multiValueHeaders = {};
    for (const [k, values] of Object.entries(request.multiValueHeaders)) {
      if (HOP_BY_HOP.has(k.toLowerCase())) continue;
      headers[k] = values[values.length - 1];
      multiValueHeaders[k] = [...values];
    }
    for (const [k, values] of Object.entries(request.multiValueQuerystring)) {
      if (k in mapped.querystring) continue;
      for (const v of values) query.push([k, v]);
    }
  } else {
    headers.Accept = "application/json";
    headers["Content-Type"] = templateContentType ?? mediaType(header(request.headers, "Content-Type") || "application/json");
  }
  const own: Record<string, string> = { "x-amzn-apigateway-api-id": ctx.options.apiId, "X-Amzn-Trace-Id": ctx.traceId };
  if (!isProxy) own["User-Agent"] = `AmazonAPIGateway_${ctx.options.apiId}`;
  for (const [k, v] of Object.entries({ ...own, ...mapped.header })) {
    setHeader(headers, k, v);
    if (multiValueHeaders) {
      for (const name of Object.keys(multiValueHeaders)) if (name.toLowerCase() === k.toLowerCase()) delete multiValueHeaders[name];
      multiValueHeaders[k] = [v];
    }
  }
  for (const [k, v] of Object.entries(mapped.querystring)) {
    for (const value of Array.isArray(v) ? v : [v]) query.push([k, value]);
  }

  ctx.integrationRequest = {
    uri: withQuery(rawUri, query),
    // `ANY` as the backend method (proxy setups) forwards the client's verb.
    httpMethod: !integration.httpMethod || integration.httpMethod.toUpperCase() === "ANY" ? request.httpMethod : integration.httpMethod.toUpperCase(),
    headers,
    multiValueHeaders,
    querystring: Object.fromEntries(query),
    body,
    bodyBytes: payload.kind === "binary" ? payload.bytes : undefined,
    templateContentType,
  };
  if (!ctx.log.enabled) return;
  ctx.log.add(`Endpoint request URI: ${ctx.integrationRequest.uri}`);
  ctx.log.add(`Endpoint request headers: ${logHeaders(headers)}`);
  // AWS_PROXY sends the Lambda proxy event, which the integration logs when it builds it.
  if (integration.type !== "AWS_PROXY") ctx.log.add(`Endpoint request body after transformations: ${payload.kind === "binary" ? BINARY_LOG : logBody(body)}`);
}
