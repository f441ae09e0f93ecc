/**
 * FAKE API Gateway: TestInvokeMethod over the fake's stored state. A test double with a simpler
 * rule than AWS, stated here so nobody mistakes it for the real thing:
 * - MOCK integrations: the request template (chosen by Content-Type, default application/json) is
 *   rendered with Gatehouse's VTL engine (lib/template), `statusCode` is read from its output
 *   (default 200), the integration response whose selectionPattern matches the status (else the
 *   one without a pattern) is chosen, its response template (chosen by Accept, else the first) is
 *   rendered, and its static header mappings (`'value'`) are applied. No request validation.
 * - Other integrations: the fake calls no backend; it answers 500 `{"message": "Internal server
 *   error"}` and says why in the log.
 * The log uses AWS's format (lib/invoke/log.ts); handlers are synchronous, so lib/invoke's
 * (asynchronous) pipeline is not used.
 */
import { ExecutionLog, javaMap, logBody, logHeaders } from "../../../lib/invoke/log";
import { renderTemplate } from "../../../lib/template/index";
import type { FakeRestApi, FakeResource, Json } from "./state";

export class TestInvokeError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const lowerGet = (m: Record<string, string>, name: string) => Object.entries(m).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
const byType = (templates: Record<string, string> | undefined, type: string) =>
  Object.entries(templates ?? {}).find(([k]) => k.toLowerCase() === type.toLowerCase())?.[1];

/** `/pets/{petId}` against `/pets/7` → {petId: "7"}; `{proxy+}` takes the rest. */
function pathParameters(resourcePath: string, path: string): Record<string, string> {
  const want = resourcePath.split("/").filter(Boolean);
  const got = path.split("/").filter(Boolean);
  const out: Record<string, string> = {};
  want.forEach((part, i) => {
    const m = /^\{(.+?)(\+)?\}$/.exec(part);
    if (!m) return;
    const value = m[2] ? got.slice(i).join("/") : got[i];
    if (value !== undefined) out[m[1]] = decodeURIComponent(value);
  });
  return out;
}

export function fakeTestInvoke(a: FakeRestApi, r: FakeResource, verb: string, body: Json, now: number): Json {
  const m = r.resourceMethods[verb];
  if (!m) throw new TestInvokeError(404, "NotFoundException", "Invalid Method identifier specified");
  const requestId = `fake-invoke-${now.toString(36)}`;
  const started = Date.now();
  const log = new ExecutionLog(requestId, () => new Date(now));
  const raw = String(body.pathWithQueryString ?? r.path);
  const q = raw.indexOf("?");
  const path = q >= 0 ? raw.slice(0, q) : raw;
  const querystring = Object.fromEntries(new URLSearchParams(q >= 0 ? raw.slice(q + 1) : ""));
  const headers: Record<string, string> = { ...(body.headers ?? {}) };
  const requestBody = typeof body.body === "string" ? body.body : "";
  const stageVariables: Record<string, string> = { ...(body.stageVariables ?? {}) };
  const params = pathParameters(r.path, path);
  const context = {
    requestId,
    httpMethod: verb,
    resourcePath: r.path,
    resourceId: r.id,
    stage: "test-invoke-stage",
    apiId: a.api.id,
    path,
    identity: { sourceIp: "test-invoke-source-ip" },
  };

  log.add(`Starting execution for request: ${requestId}`);
  log.add(`HTTP Method: ${verb}, Resource Path: ${path}`);
  log.add(`Method request path: ${javaMap(params)}`);
  log.add(`Method request query string: ${javaMap(querystring)}`);
  log.add(`Method request headers: ${logHeaders(headers)}`);
  log.add(`Method request body before transformations: ${logBody(requestBody)}`);

  const fail = (detail: string) => {
    log.add(`Execution failed due to configuration error: ${detail}`);
    log.add("Method completed with status: 500");
    return {
      status: 500,
      body: '{"message": "Internal server error"}',
      headers: { "Content-Type": "application/json" },
      multiValueHeaders: { "Content-Type": ["application/json"] },
      log: log.toString(),
      latency: Date.now() - started,
    };
  };

  const integration = m.methodIntegration as Json | undefined;
  if (!integration) return fail("No integration defined for method");
  if (integration.type !== "MOCK") return fail(`the fake control plane does not call ${integration.type} backends`);

  const render = (template: string, payload: string) =>
    renderTemplate({ template, body: payload, params: { path: params, querystring, header: headers }, context, stageVariables }).output;

  let status = 200;
  const contentType = (lowerGet(headers, "Content-Type") ?? "application/json").split(";")[0].trim();
  const requestTemplate = byType(integration.requestTemplates, contentType);
  if (requestTemplate !== undefined) {
    let out: string;
    try {
      out = render(requestTemplate, requestBody);
    } catch (e) {
      return fail(`Unable to transform request: ${(e as Error).message}`);
    }
    log.add(`Endpoint request body after transformations: ${logBody(out)}`);
    const found = /"statusCode"\s*:\s*"?(\d{3})/.exec(out);
    if (found) status = Number(found[1]);
  }

  const responses = Object.values((integration.integrationResponses ?? {}) as Record<string, Json>);
  const matches = (pattern: string) => {
    try {
      return new RegExp(`^(?:${pattern})$`).test(String(status));
    } catch {
      return false;
    }
  };
  const chosen = responses.find((ir) => ir.selectionPattern && matches(ir.selectionPattern)) ?? responses.find((ir) => !ir.selectionPattern);
  if (!chosen) return fail(`No match for output mapping and no default output mapping configured. Endpoint Response Status Code: ${status}`);

  const accept = (lowerGet(headers, "Accept") ?? "application/json").split(",")[0].split(";")[0].trim();
  const templates = (chosen.responseTemplates ?? {}) as Record<string, string>;
  const responseTemplate = byType(templates, accept) ?? Object.values(templates)[0];
  let responseBody = "";
  if (responseTemplate !== undefined) {
    try {
      responseBody = render(responseTemplate, "");
    } catch (e) {
      return fail(`Unable to transform response: ${(e as Error).message}`);
    }
  }
  const outHeaders: Record<string, string> = {};
  for (const [target, source] of Object.entries((chosen.responseParameters ?? {}) as Record<string, string>)) {
    const h = /^method\.response\.header\.(.+)$/.exec(target);
    const s = /^'(.*)'$/.exec(String(source));
    if (h && s) outHeaders[h[1]] = s[1];
  }
  if (lowerGet(outHeaders, "Content-Type") === undefined) outHeaders["Content-Type"] = "application/json";
  const finalStatus = Number(chosen.statusCode);
  log.add(`Method response body after transformations: ${logBody(responseBody)}`);
  log.add(`Method response headers: ${logHeaders(outHeaders)}`);
  log.add("Successfully completed execution");
  log.add(`Method completed with status: ${finalStatus}`);
  return {
    status: finalStatus,
    body: responseBody,
    headers: outHeaders,
    multiValueHeaders: Object.fromEntries(Object.entries(outHeaders).map(([k, v]) => [k, [v]])),
    log: log.toString(),
    latency: Date.now() - started,
  };
}
