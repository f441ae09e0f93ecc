/** What API Gateway rejects, checked before anything is written. Each returns issues, never throws. */
import type { ApiDesign, Integration, IntegrationResponse, Resource } from "./design";
import type { FieldIssue } from "./errors";

export const MAX_RESOURCES_PER_API = 300;
export const MIN_INTEGRATION_TIMEOUT_MS = 50;
export const MAX_INTEGRATION_TIMEOUT_MS = 29_000;

// AWS: a path part is letters, digits and -._~:@!$&'()*+,;= (RFC 3986 pchar minus %), or {name}, or {name+}.
const LITERAL_PART = /^[A-Za-z0-9\-._~:@!$&'()*+,;=]+$/;
const PARAM_PART = /^\{([A-Za-z0-9._\-]+)(\+)?\}$/;

export function isParamPart(pathPart: string): boolean {
  return PARAM_PART.test(pathPart);
}

export function isGreedyPart(pathPart: string): boolean {
  return /\+\}$/.test(pathPart) && PARAM_PART.test(pathPart);
}

export function checkPathPart(design: ApiDesign, parentId: string, pathPart: string, selfId?: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const parent = design.resources.find((r) => r.id === parentId);
  if (!parent) return [{ field: "parentId", message: "Parent resource does not exist" }];
  if (!pathPart) return [{ field: "pathPart", message: "Path part is required" }];
  if (pathPart.includes("/")) return [{ field: "pathPart", message: "A path part is one segment: add each segment as its own resource, or no '/'" }];
  if (!LITERAL_PART.test(pathPart) && !PARAM_PART.test(pathPart)) {
    issues.push({
      field: "pathPart",
      message: "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.",
    });
    return issues;
  }
  if (isGreedyPart(parent.pathPart)) {
    issues.push({ field: "parentId", message: `A greedy path variable ${parent.pathPart} must be the last part of a path: it cannot have child resources` });
  }
  const siblings = design.resources.filter((r) => r.parentId === parentId && r.id !== selfId);
  if (siblings.some((s) => s.pathPart === pathPart)) {
    issues.push({ field: "pathPart", message: `Another resource with the same parent already has this name: ${pathPart}` });
  } else if (isParamPart(pathPart)) {
    const otherParam = siblings.find((s) => isParamPart(s.pathPart));
    if (otherParam) {
      issues.push({ field: "pathPart", message: `A sibling ({${otherParam.pathPart.slice(1, -1)}}) of this resource already has a variable path part -- only one is allowed` });
    }
  }
  if (!selfId && design.resources.length >= MAX_RESOURCES_PER_API) {
    issues.push({ field: "pathPart", message: `An API can have at most ${MAX_RESOURCES_PER_API} resources` });
  }
  return issues;
}

/** Java regex validity, approximated by JavaScript's engine (they agree on the syntax selection patterns use). */
export function checkSelectionPattern(pattern: string | undefined, field: string): FieldIssue[] {
  if (pattern === undefined || pattern === "") return [];
  try {
    new RegExp(pattern);
    return [];
  } catch (e) {
    return [{ field, message: `Invalid selection pattern specified for integration response: ${(e as Error).message}` }];
  }
}

export function checkIntegration(integration: Integration, field = "integration"): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const t = integration.timeoutInMillis;
  if (t < MIN_INTEGRATION_TIMEOUT_MS || t > MAX_INTEGRATION_TIMEOUT_MS) {
    issues.push({ field: `${field}.timeoutInMillis`, message: `Timeout must be between ${MIN_INTEGRATION_TIMEOUT_MS} ms and ${MAX_INTEGRATION_TIMEOUT_MS} ms` });
  }
  if (integration.type !== "MOCK") {
    if (!integration.uri) issues.push({ field: `${field}.uri`, message: "Enter an endpoint URL" });
    if (!integration.httpMethod) issues.push({ field: `${field}.httpMethod`, message: "Enter the backend's HTTP method" });
  }
  if ((integration.type === "HTTP" || integration.type === "HTTP_PROXY") && integration.uri) {
    if (!/^https?:\/\/[^\s]+$/.test(integration.uri)) {
      issues.push({ field: `${field}.uri`, message: "Invalid HTTP endpoint specified for URI" });
    }
  }
  if ((integration.type === "AWS" || integration.type === "AWS_PROXY") && integration.uri?.includes(":lambda:path/")) {
    if (integration.httpMethod !== "POST") {
      issues.push({ field: `${field}.httpMethod`, message: "A Lambda integration must use POST as the backend method" });
    }
  }
  for (const [status, r] of Object.entries(integration.integrationResponses)) {
    issues.push(...checkIntegrationResponse(r, `${field}.integrationResponses.${status}`));
  }
  const defaults = Object.values(integration.integrationResponses).filter((r) => !r.selectionPattern);
  if (defaults.length > 1) {
    issues.push({ field: `${field}.integrationResponses`, message: "Only one integration response can be the default (no selection pattern)" });
  }
  return issues;
}

export function checkIntegrationResponse(r: IntegrationResponse, field: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!/^[1-5]\d\d$/.test(r.statusCode)) issues.push({ field: `${field}.statusCode`, message: "Status code must be a 3-digit HTTP status (100-599)" });
  issues.push(...checkSelectionPattern(r.selectionPattern, `${field}.selectionPattern`));
  return issues;
}

export function checkStatusCode(statusCode: string, field: string): FieldIssue[] {
  return /^[1-5]\d\d$/.test(statusCode) ? [] : [{ field, message: "Status code must be a 3-digit HTTP status (100-599)" }];
}

export function checkApiName(name: string): FieldIssue[] {
  if (!name.trim()) return [{ field: "name", message: "Name is required" }];
  if (name.length > 1024) return [{ field: "name", message: "Name must be at most 1024 characters" }];
  return [];
}

export function resourceLabel(r: Resource): string {
  return r.pathPart || "/";
}
