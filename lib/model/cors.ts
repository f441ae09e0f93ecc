/**
 * "Enable CORS" as the AWS console does it, as one pure operation: an OPTIONS method with a MOCK
 * integration answering the preflight with static Access-Control-Allow-* headers, and
 * Access-Control-Allow-Origin added to the 200 responses of the resource's other methods.
 * It returns, beside the new design, the list of what it wrote, so the designer can show it.
 * Running it again updates the same headers: nothing is duplicated.
 */
import type { ApiDesign, Method } from "./design";
import { NotFoundError, ValidationError, type FieldIssue } from "../errors";
import { findResource, resourcePath } from "./tree";

export const CORS_DEFAULT_ALLOW_HEADERS = ["Content-Type", "X-Amz-Date", "Authorization", "X-Api-Key", "X-Amz-Security-Token"];
export const CORS_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

export interface CorsSettings {
  /** One origin (a static header carries one): `*` or `https://app.example.com`. */
  allowOrigin: string;
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  /** Access-Control-Max-Age in seconds; absent = not sent. */
  maxAge?: number;
  allowCredentials: boolean;
}

export interface CorsChange {
  /** `OPTIONS /pets`, `GET /pets`. */
  method: string;
  /** What was written: the method, its integration, a method or integration response, or a note. */
  part: "method" | "integration" | "methodResponse" | "integrationResponse" | "note";
  status: "created" | "updated" | "unchanged" | "skipped";
  /** `200` for responses. */
  statusCode?: string;
  /** Header → value (method responses: header names only). */
  headers?: Record<string, string>;
  detail?: string;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$/;
const H = (name: string) => `method.response.header.${name}`;
const MANAGED = [
  "Access-Control-Allow-Origin",
  "Access-Control-Allow-Headers",
  "Access-Control-Allow-Methods",
  "Access-Control-Allow-Credentials",
  "Access-Control-Expose-Headers",
  "Access-Control-Max-Age",
];
const PROXY_TYPES = new Set(["AWS_PROXY", "HTTP_PROXY"]);

/** The verbs an ANY method stands for. */
function verbsOf(verb: string): string[] {
  return verb === "ANY" ? CORS_METHODS.filter((m) => m !== "OPTIONS") : [verb];
}

/** The console's defaults for a resource: its methods plus OPTIONS, any origin, the usual AWS headers. */
export function defaultCorsSettings(design: ApiDesign, resourceId: string): CorsSettings {
  const resource = findResource(design, resourceId);
  const verbs = new Set<string>(Object.keys(resource?.methods ?? {}).flatMap(verbsOf));
  verbs.add("OPTIONS");
  const existing = resource?.methods.OPTIONS?.integration?.integrationResponses["200"]?.responseParameters ?? {};
  const staticValue = (name: string) => {
    const v = existing[H(name)];
    return v && /^'.*'$/.test(v) ? v.slice(1, -1) : undefined;
  };
  // Re-opening the helper on a resource it already configured shows what it wrote last time.
  const list = (name: string) =>
    staticValue(name)
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  // Expose-Headers is only written on actual responses, not on the preflight answer.
  const exposed = Object.entries(resource?.methods ?? {})
    .filter(([verb]) => verb !== "OPTIONS")
    .map(([, m]) => m.integration?.integrationResponses["200"]?.responseParameters[H("Access-Control-Expose-Headers")])
    .find((v) => v && /^'.*'$/.test(v));
  return {
    allowOrigin: staticValue("Access-Control-Allow-Origin") ?? "*",
    allowMethods: list("Access-Control-Allow-Methods") ?? CORS_METHODS.filter((m) => verbs.has(m)),
    allowHeaders: list("Access-Control-Allow-Headers") ?? [...CORS_DEFAULT_ALLOW_HEADERS],
    exposeHeaders: exposed
      ? exposed
          .slice(1, -1)
          .split(",")
          .map((h) => h.trim())
          .filter(Boolean)
      : [],
    maxAge: staticValue("Access-Control-Max-Age") ? Number(staticValue("Access-Control-Max-Age")) : undefined,
    allowCredentials: staticValue("Access-Control-Allow-Credentials") === "true",
  };
}

export function checkCorsSettings(settings: CorsSettings): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const origin = settings.allowOrigin.trim();
  if (origin !== "*" && !ORIGIN.test(origin)) {
    issues.push({
      field: "cors.allowOrigin",
      message: "Origin must be * or one origin such as https://app.example.com (scheme, host, optional port; no path)",
    });
  }
  if (settings.allowCredentials && origin === "*") {
    issues.push({
      field: "cors.allowCredentials",
      message: "Browsers refuse credentials with Access-Control-Allow-Origin '*': name the origin to allow credentials",
    });
  }
  if (settings.allowMethods.length === 0) issues.push({ field: "cors.allowMethods", message: "Choose at least one method" });
  const badMethods = settings.allowMethods.filter((m) => !(CORS_METHODS as readonly string[]).includes(m));
  if (badMethods.length) issues.push({ field: "cors.allowMethods", message: `Not HTTP methods CORS can allow: ${badMethods.join(", ")}` });
  const badHeaders = settings.allowHeaders.filter((h) => !HEADER_NAME.test(h));
  if (badHeaders.length) issues.push({ field: "cors.allowHeaders", message: `Not header names: ${badHeaders.join(", ")}` });
  const badExpose = settings.exposeHeaders.filter((h) => !HEADER_NAME.test(h));
  if (badExpose.length) issues.push({ field: "cors.exposeHeaders", message: `Not header names: ${badExpose.join(", ")}` });
  if (settings.maxAge !== undefined && (!Number.isInteger(settings.maxAge) || settings.maxAge < 0 || settings.maxAge > 86400)) {
    issues.push({ field: "cors.maxAge", message: "Max age must be a whole number of seconds from 0 to 86400" });
  }
  return issues;
}

function quoted(value: string): string {
  return `'${value}'`;
}

/** Replaces the CORS headers a response maps (and only those), keeping every other mapping. */
function withCorsHeaders<T>(current: Record<string, T>, headers: Record<string, T>): Record<string, T> {
  const kept = Object.fromEntries(Object.entries(current).filter(([k]) => !MANAGED.some((name) => k === H(name))));
  return { ...kept, ...Object.fromEntries(Object.entries(headers).map(([name, v]) => [H(name), v])) };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Records each part the helper wrote, with its status from what was there before. */
type Recorder = (change: Omit<CorsChange, "status">, before: unknown, after: unknown) => void;

/** Headers every CORS response carries (`common`), and the ones the preflight answer sends. */
interface CorsHeaders {
  common: Record<string, string>;
  preflight: Record<string, string>;
}

/**
 * Writes CORS for one resource. Throws a ValidationError (nothing written) for bad settings, or when
 * the resource's OPTIONS method already goes to a backend other than MOCK (that backend answers preflight).
 */
export function enableCors(design: ApiDesign, resourceId: string, input: CorsSettings): { design: ApiDesign; changes: CorsChange[] } {
  const settings = normalizedCorsSettings(input);
  assertCorsCanBeEnabled(design, resourceId, settings);

  const next = structuredClone(design);
  const resource = findResource(next, resourceId)!;
  const path = resourcePath(next, resource);
  const changes: CorsChange[] = [];
  const record: Recorder = (change, before, after) =>
    changes.push({ ...change, status: before === undefined ? "created" : same(before, after) ? "unchanged" : "updated" });
  const headers = corsHeaders(settings);

  // 1. The OPTIONS method answering preflight from a MOCK integration.
  resource.methods.OPTIONS = preflightMethod(resource.methods.OPTIONS, `OPTIONS ${path}`, headers.preflight, changes, record);

  // 2. Access-Control-Allow-Origin (and friends) on the actual responses of the chosen methods.
  for (const verb of Object.keys(resource.methods).sort()) {
    if (verb === "OPTIONS") continue;
    if (!verbsOf(verb).some((v) => settings.allowMethods.includes(v))) continue;
    addCorsToResponses(resource.methods[verb], `${verb} ${path}`, headers.common, changes, record);
  }
  return { design: next, changes };
}

/** Trimmed, upper-cased methods, no blanks or repeats. */
function normalizedCorsSettings(input: CorsSettings): CorsSettings {
  return {
    ...input,
    allowOrigin: input.allowOrigin.trim(),
    allowMethods: [...new Set(input.allowMethods.map((m) => m.trim().toUpperCase()).filter(Boolean))],
    allowHeaders: [...new Set(input.allowHeaders.map((h) => h.trim()).filter(Boolean))],
    exposeHeaders: [...new Set(input.exposeHeaders.map((h) => h.trim()).filter(Boolean))],
  };
}

function assertCorsCanBeEnabled(design: ApiDesign, resourceId: string, settings: CorsSettings): void {
  if (!findResource(design, resourceId)) throw new NotFoundError(`Resource ${resourceId}`);
  const issues = checkCorsSettings(settings);
  const options = findResource(design, resourceId)!.methods.OPTIONS;
  if (options?.integration && options.integration.type !== "MOCK") {
    issues.push({
      field: "resourceId",
      message: `OPTIONS on this resource already has a ${options.integration.type} integration, so its backend answers preflight; delete that method to let Gatehouse write a MOCK one`,
    });
  }
  if (issues.length) throw new ValidationError(issues);
}

function corsHeaders(settings: CorsSettings): CorsHeaders {
  const common: Record<string, string> = { "Access-Control-Allow-Origin": quoted(settings.allowOrigin) };
  if (settings.allowCredentials) common["Access-Control-Allow-Credentials"] = quoted("true");
  if (settings.exposeHeaders.length) common["Access-Control-Expose-Headers"] = quoted(settings.exposeHeaders.join(","));
  const preflight: Record<string, string> = {
    "Access-Control-Allow-Headers": quoted(settings.allowHeaders.join(",")),
    "Access-Control-Allow-Methods": quoted(settings.allowMethods.join(",")),
    ...common,
  };
  if (settings.maxAge !== undefined) preflight["Access-Control-Max-Age"] = quoted(String(settings.maxAge));
  delete preflight["Access-Control-Expose-Headers"]; // only meaningful on actual responses
  return { common, preflight };
}

/** The OPTIONS method (created, or the existing MOCK one updated) with its MOCK integration and 200 responses. */
function preflightMethod(beforeOptions: Method | undefined, label: string, preflight: Record<string, string>, changes: CorsChange[], record: Recorder): Method {
  const optionsMethod: Method = beforeOptions ?? {
    httpMethod: "OPTIONS",
    authorizationType: "NONE",
    authorizationScopes: [],
    apiKeyRequired: false,
    requestParameters: {},
    requestModels: {},
    methodResponses: {},
  };
  if (!beforeOptions) changes.push({ method: label, part: "method", status: "created", detail: "authorization NONE, no API key" });
  const integrationBefore = optionsMethod.integration;
  optionsMethod.integration = {
    type: "MOCK",
    requestParameters: integrationBefore?.requestParameters ?? {},
    requestTemplates: { ...(integrationBefore?.requestTemplates ?? {}), "application/json": '{"statusCode": 200}' },
    passthroughBehavior: integrationBefore?.passthroughBehavior ?? "WHEN_NO_MATCH",
    timeoutInMillis: integrationBefore?.timeoutInMillis ?? 29000,
    cacheKeyParameters: integrationBefore?.cacheKeyParameters ?? [],
    integrationResponses: integrationBefore?.integrationResponses ?? {},
  };
  const { integrationResponses: _a, ...integrationAfterFields } = optionsMethod.integration;
  const integrationBeforeFields = integrationBefore ? (({ integrationResponses: _b, ...rest }) => rest)(integrationBefore) : undefined;
  record(
    { method: label, part: "integration", detail: 'MOCK, request template application/json {"statusCode": 200}' },
    integrationBeforeFields,
    integrationAfterFields,
  );

  const mrBefore = optionsMethod.methodResponses["200"];
  const mrAfter = {
    statusCode: "200",
    responseParameters: withCorsHeaders(mrBefore?.responseParameters ?? {}, Object.fromEntries(Object.keys(preflight).map((h) => [h, false]))),
    responseModels: mrBefore?.responseModels ?? {},
  };
  optionsMethod.methodResponses["200"] = mrAfter;
  record(
    { method: label, part: "methodResponse", statusCode: "200", headers: Object.fromEntries(Object.keys(preflight).map((h) => [h, "declared"])) },
    mrBefore,
    mrAfter,
  );

  const irBefore = optionsMethod.integration.integrationResponses["200"];
  const irAfter = {
    ...(irBefore ?? {}),
    statusCode: "200",
    responseParameters: withCorsHeaders(irBefore?.responseParameters ?? {}, preflight),
    responseTemplates: irBefore?.responseTemplates ?? { "application/json": "" },
  };
  if (!irAfter.selectionPattern) delete irAfter.selectionPattern;
  optionsMethod.integration.integrationResponses["200"] = irAfter;
  record({ method: label, part: "integrationResponse", statusCode: "200", headers: preflight }, irBefore, irAfter);
  return optionsMethod;
}

/** Why the helper leaves a method's responses alone, or undefined when it can write them. */
function reasonToSkip(method: Method, common: Record<string, string>): string | undefined {
  if (!method.integration) return "No integration yet: run Enable CORS again after setting one up";
  if (PROXY_TYPES.has(method.integration.type)) {
    return `${method.integration.type} passes the backend's response through: the backend must send ${Object.entries(common)
      .map(([k, v]) => `${k}: ${v.slice(1, -1)}`)
      .join(", ")}`;
  }
  const responses = method.integration.integrationResponses;
  const defaultOther = Object.values(responses).find((r) => !r.selectionPattern && r.statusCode !== "200");
  if (!responses["200"] && defaultOther) {
    return `No 200 integration response (the default is ${defaultOther.statusCode}): add the Access-Control-Allow-Origin header to its responses yourself`;
  }
  return undefined;
}

/** Declares and maps the common CORS headers on one method's 200 method and integration responses (in place). */
function addCorsToResponses(method: Method, label: string, common: Record<string, string>, changes: CorsChange[], record: Recorder): void {
  const skipped = reasonToSkip(method, common);
  if (skipped !== undefined || !method.integration) {
    changes.push({ method: label, part: "note", status: "skipped", detail: skipped });
    return;
  }
  const header200 = Object.fromEntries(Object.keys(common).map((h) => [h, false]));
  const mBefore = method.methodResponses["200"];
  const mAfter = {
    statusCode: "200",
    responseParameters: withCorsHeaders(mBefore?.responseParameters ?? {}, header200),
    responseModels: mBefore?.responseModels ?? {},
  };
  method.methodResponses["200"] = mAfter;
  record(
    { method: label, part: "methodResponse", statusCode: "200", headers: Object.fromEntries(Object.keys(common).map((h) => [h, "declared"])) },
    mBefore,
    mAfter,
  );
  const responses = method.integration.integrationResponses;
  const iBefore = responses["200"];
  const iAfter = {
    ...(iBefore ?? { responseTemplates: {} }),
    statusCode: "200",
    responseParameters: withCorsHeaders(iBefore?.responseParameters ?? {}, common),
  };
  responses["200"] = iAfter;
  record({ method: label, part: "integrationResponse", statusCode: "200", headers: common }, iBefore, iAfter);
}
