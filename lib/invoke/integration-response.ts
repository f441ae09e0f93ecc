/**
 * Integration response: selects the integration response by `selectionPattern` (a Java regex
 * matched in full against the backend status, or a Lambda function's `errorMessage`), maps `method.response.header.*`, renders the
 * response template chosen by Accept, and applies `$context.responseOverride`.
 * Proxy integrations skip all of it: the backend's response goes back unchanged.
 */
import type { IntegrationResponse, Method } from "../model/design";
import { isBinaryMediaType, methodResponsePayload, payloadText, type Payload } from "./binary";
import type { EndpointResponse, InvocationContext, MethodResponseOut } from "./context";
import { renderMapping } from "./render-mapping";
import { configurationError } from "./errors";
import { acceptedTypes, byMediaType, header, setHeader } from "./http";
import { responseSourceValue } from "./mapping";
import { HOP_BY_HOP } from "./integration-request";
import { javaMatchesWhole } from "../template/java-regex";

/**
 * True when a selection pattern (Java syntax) matches the whole value, as Java's `String.matches`
 * does. The value can be a backend's error message, so the pattern runs on RE2 (linear time, see
 * ../template/java-regex.ts); a pattern that does not compile, or needs backtracking
 * (backreferences, lookaround), matches nothing.
 */
export function patternMatches(pattern: string, value: string): boolean {
  try {
    return javaMatchesWhole(pattern, value);
  } catch {
    return false;
  }
}

/** The integration response for a backend status: first pattern match, else the default (no pattern). */
export function selectIntegrationResponse(responses: Record<string, IntegrationResponse>, selectionValue: string): IntegrationResponse | undefined {
  // A deployed (frozen) design's choice for a status code never changes: remember it rather than run the patterns again.
  const cacheable = STATUS_CODE.test(selectionValue) && Object.isFrozen(responses);
  let byStatus = cacheable ? selections.get(responses) : undefined;
  if (byStatus?.has(selectionValue)) return byStatus.get(selectionValue);
  const all = Object.values(responses);
  const selected = all.find((r) => r.selectionPattern && patternMatches(r.selectionPattern, selectionValue)) ?? all.find((r) => !r.selectionPattern);
  if (cacheable) {
    if (!byStatus) selections.set(responses, (byStatus = new Map()));
    byStatus.set(selectionValue, selected);
  }
  return selected;
}
const STATUS_CODE = /^\d{3}$/;
const selections = new WeakMap<Record<string, IntegrationResponse>, Map<string, IntegrationResponse | undefined>>();

/** The response template for the request's Accept (missing → application/json); no match → the first. */
export function chooseResponseTemplate(templates: Record<string, string>, accept: string | undefined): string | undefined {
  const keys = Object.keys(templates);
  if (keys.length === 0) return undefined;
  const wanted = accept ? acceptedTypes(accept) : ["application/json"];
  for (const type of wanted) {
    const match = byMediaType(templates, type);
    if (match) return match[1];
  }
  return templates[keys[0]];
}

const render = (ctx: InvocationContext, template: string, body: string) => renderMapping(ctx, template, body, "response");

function declaredMethodResponse(method: Method, status: string): boolean {
  return status in method.methodResponses || Object.values(method.methodResponses).some((r) => r.statusCode === status);
}

export function integrationResponse(ctx: InvocationContext): void {
  const integration = ctx.integration!;
  const endpoint = ctx.endpointResponse!;

  const binaryMediaTypes = ctx.design.binaryMediaTypes;
  const binaryAccept = isBinaryMediaType(binaryMediaTypes, header(ctx.request!.headers, "Accept"));
  if (integration.type === "HTTP_PROXY" || integration.type === "AWS_PROXY") {
    // fetch has already decoded the body, so the encoding header would lie.
    const keep = (k: string) => !HOP_BY_HOP.has(k.toLowerCase()) && k.toLowerCase() !== "content-encoding";
    const headers = Object.fromEntries(Object.entries(endpoint.headers).filter(([k]) => keep(k)));
    const multi = endpoint.multiValueHeaders ? Object.fromEntries(Object.entries(endpoint.multiValueHeaders).filter(([k]) => keep(k))) : undefined;
    let out: Payload;
    if (integration.type === "AWS_PROXY") {
      // lambda.ts decoded an isBase64Encoded body only when the client accepts a binary type.
      out = endpoint.bodyBytes ? { kind: "binary", bytes: endpoint.bodyBytes } : { kind: "text", text: endpoint.body };
    } else {
      const binaryPayloadType = isBinaryMediaType(binaryMediaTypes, header(endpoint.headers, "Content-Type"));
      out = methodResponsePayload(endpointPayload(endpoint), binaryPayloadType, binaryAccept, undefined);
    }
    ctx.response = responseOf(endpoint.status, headers, out, multi);
    return;
  }

  // Lambda (AWS, non-proxy): patterns match the function error's errorMessage ("" on success), so an
  // unmatched error takes the default response — usually 200, as AWS answers it. Otherwise: the status.
  const selectionValue = ctx.lambdaErrorMessage ?? String(endpoint.status);
  const selected = selectIntegrationResponse(integration.integrationResponses, selectionValue);
  if (!selected) {
    throw configurationError(`No match for output mapping and no default output mapping configured. Endpoint Response Status Code: ${endpoint.status}`);
  }
  if (!declaredMethodResponse(ctx.method!, selected.statusCode)) {
    throw configurationError(`Output mapping refers to an invalid method response: ${selected.statusCode}`);
  }

  const headers: Record<string, string> = {};
  for (const [target, source] of Object.entries(selected.responseParameters)) {
    const m = /^method\.response\.header\.(.+)$/.exec(target);
    if (!m) continue;
    const value = responseSourceValue(source, ctx, endpoint);
    if (value !== undefined) setHeader(headers, m[1], value);
  }

  let status = Number(selected.statusCode);
  // Converted first (binaryMediaTypes, Accept, contentHandling), then templated: $input.body sees the converted payload.
  const binaryPayloadType = isBinaryMediaType(binaryMediaTypes, header(endpoint.headers, "Content-Type"));
  let out = methodResponsePayload(endpointPayload(endpoint), binaryPayloadType, binaryAccept, selected.contentHandling);
  const template = chooseResponseTemplate(selected.responseTemplates, header(ctx.request!.headers, "Accept"));
  // No template, or an empty one (the console's default): the body passes through.
  if (template !== undefined && template.trim() !== "") {
    const result = render(ctx, template, payloadText(out));
    out = { kind: "text", text: result.output };
    const override = result.overrides.responseStatus;
    // AWS ignores an override that is not a valid HTTP status.
    if (override !== undefined && Number.isInteger(override) && override >= 100 && override <= 599) status = override;
    for (const [k, v] of Object.entries(result.overrides.responseHeaders)) setHeader(headers, k, v);
  }
  ctx.response = responseOf(status, headers, out);
}

/** The endpoint's payload: its bytes when the integration kept them, else its text. */
function endpointPayload(endpoint: EndpointResponse): Payload {
  return endpoint.bodyBytes ? { kind: "binary", bytes: endpoint.bodyBytes } : { kind: "text", text: endpoint.body };
}

/** A method response: text as is; binary as bytes, with its base64 in `body` for logs and the console. */
function responseOf(status: number, headers: Record<string, string>, payload: Payload, multiValueHeaders?: Record<string, string[]>): MethodResponseOut {
  const out: MethodResponseOut =
    payload.kind === "text" ? { status, headers, body: payload.text } : { status, headers, body: payload.bytes.toString("base64"), bodyBytes: payload.bytes };
  if (multiValueHeaders && Object.keys(multiValueHeaders).length > 0) out.multiValueHeaders = multiValueHeaders;
  return out;
}
