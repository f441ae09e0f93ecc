/**
 * The live preview's pure half: a sample request as the user types it (name=value lines),
 * turned into the engine's TemplateInput, rendered (VTL) or substituted (gateway responses),
 * and checked against the template's content type. No React; unit-tested in test/editor.
 */
import { renderTemplate, TemplateError, type TemplateInput, type TemplateOverrides } from "@/lib/template";
import { substituteGatewayTemplate } from "@/lib/invoke/gateway-responses";
import { pathParameterNames } from "@/lib/model/rules";
import { parseNameValueLines } from "@/lib/testcase/request-lines";

/** What the preview panel edits: text fields, exactly as typed. */
export interface SampleRequest {
  body: string;
  /** name=value lines */
  path: string;
  querystring: string;
  header: string;
  stageVariables: string;
  /** A few `$context` fields; dotted names (e.g. identity.sourceIp) nest. */
  context: Record<string, string>;
}

/** Flat dotted keys → nested objects: { "identity.sourceIp": "1.2.3.4" } → { identity: { sourceIp: "1.2.3.4" } }. */
export function nestDotted(flat: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split(".").filter(Boolean);
    if (!parts.length) continue;
    let cur = out;
    for (const part of parts.slice(0, -1)) {
      const next = cur[part];
      if (next === null || typeof next !== "object") cur[part] = {};
      cur = cur[part] as Record<string, unknown>;
    }
    cur[parts[parts.length - 1]] = value;
  }
  return out;
}

/** The `$context` fields the preview offers by default, prefilled from the method being edited. */
export function defaultContext(method: { httpMethod?: string; resourcePath?: string; stage?: string; gatewayResponse?: boolean }): Record<string, string> {
  const resourcePath = method.resourcePath ?? "/";
  const ctx: Record<string, string> = {
    stage: method.stage ?? "test",
    httpMethod: method.httpMethod ?? "GET",
    resourcePath,
    path: `/${method.stage ?? "test"}${resourcePath === "/" ? "" : resourcePath}`,
    requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
    "identity.sourceIp": "203.0.113.10",
  };
  if (method.gatewayResponse) {
    ctx["error.message"] = "Missing Authentication Token";
    ctx["error.messageString"] = '"Missing Authentication Token"';
    ctx["error.responseType"] = "MISSING_AUTHENTICATION_TOKEN";
  }
  return ctx;
}

/** A sample request prefilled for a method: its path parameters named with empty values, a JSON body. */
export function defaultSample(
  method: { httpMethod?: string; resourcePath?: string; gatewayResponse?: boolean },
  stageVariableNames: string[] = [],
): SampleRequest {
  return {
    body: method.gatewayResponse ? "" : "{}",
    path: pathParameterNames(method.resourcePath ?? "")
      .map((n) => `${n}=`)
      .join("\n"),
    querystring: "",
    header: "Accept=application/json",
    stageVariables: stageVariableNames.map((n) => `${n}=`).join("\n"),
    context: defaultContext(method),
  };
}

export function buildTemplateInput(template: string, sample: SampleRequest): TemplateInput {
  return {
    template,
    body: sample.body,
    params: {
      path: parseNameValueLines(sample.path),
      querystring: parseNameValueLines(sample.querystring),
      header: parseNameValueLines(sample.header),
    },
    context: nestDotted(sample.context),
    stageVariables: parseNameValueLines(sample.stageVariables),
  };
}

export function isJsonContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const base = contentType.split(";")[0].trim().toLowerCase();
  return base === "application/json" || base.endsWith("+json");
}

/** Why the output is not JSON, or null when it is (or when it is empty: AWS then sends no body). */
export function jsonProblem(output: string): string | null {
  if (!output.trim()) return null;
  try {
    JSON.parse(output);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export type PreviewMode = "vtl" | "substitution";

export interface PreviewResult {
  output?: string;
  error?: { message: string; line?: number; column?: number };
  /** Set for JSON content types when the output does not parse. */
  jsonNote?: string;
  overrides?: TemplateOverrides;
}

/** Renders the template against the sample as API Gateway would: Velocity for integrations, substitution only for gateway responses. */
export function previewTemplate(template: string, sample: SampleRequest, options: { mode?: PreviewMode; contentType?: string } = {}): PreviewResult {
  let result: PreviewResult;
  if (options.mode === "substitution") {
    result = { output: substituteGatewayTemplate(template, nestDotted(sample.context), parseNameValueLines(sample.stageVariables)) };
  } else {
    try {
      const r = renderTemplate(buildTemplateInput(template, sample));
      result = { output: r.output, overrides: r.overrides };
    } catch (e) {
      if (e instanceof TemplateError) return { error: { message: e.message, line: e.line, column: e.column } };
      return { error: { message: e instanceof Error ? e.message : String(e) } };
    }
  }
  if (isJsonContentType(options.contentType)) {
    const problem = jsonProblem(result.output ?? "");
    if (problem) result.jsonNote = problem;
  }
  return result;
}

/** Overrides a template set (`$context.responseOverride` / `requestOverride`), as display lines; empty when none. */
export function overrideLines(o: TemplateOverrides | undefined): string[] {
  if (!o) return [];
  const lines: string[] = [];
  if (o.responseStatus !== undefined) lines.push(`responseOverride.status = ${o.responseStatus}`);
  for (const [k, v] of Object.entries(o.responseHeaders)) lines.push(`responseOverride.header.${k} = ${v}`);
  for (const [k, v] of Object.entries(o.requestHeaders)) lines.push(`requestOverride.header.${k} = ${v}`);
  for (const [k, v] of Object.entries(o.requestPath)) lines.push(`requestOverride.path.${k} = ${v}`);
  for (const [k, v] of Object.entries(o.requestQuerystring)) lines.push(`requestOverride.querystring.${k} = ${v}`);
  return lines;
}

export { parseGatewayHeaderLines } from "./gateway-header-lines";
