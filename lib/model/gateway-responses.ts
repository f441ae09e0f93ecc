/** API Gateway's gateway response types and their default status codes (null: the family's own). */
import type { ApiDesign, GatewayResponse } from "./design";
import { ValidationError, NotFoundError, type FieldIssue } from "../errors";

export const GATEWAY_RESPONSE_TYPES: Record<string, number | null> = {
  ACCESS_DENIED: 403,
  API_CONFIGURATION_ERROR: 500,
  AUTHORIZER_CONFIGURATION_ERROR: 500,
  AUTHORIZER_FAILURE: 500,
  BAD_REQUEST_BODY: 400,
  BAD_REQUEST_PARAMETERS: 400,
  DEFAULT_4XX: null,
  DEFAULT_5XX: null,
  EXPIRED_TOKEN: 403,
  INTEGRATION_FAILURE: 504,
  INTEGRATION_TIMEOUT: 504,
  INVALID_API_KEY: 403,
  INVALID_SIGNATURE: 403,
  MISSING_AUTHENTICATION_TOKEN: 403,
  QUOTA_EXCEEDED: 429,
  REQUEST_TOO_LARGE: 413,
  RESOURCE_NOT_FOUND: 404,
  THROTTLED: 429,
  UNAUTHORIZED: 401,
  UNSUPPORTED_MEDIA_TYPE: 415,
  WAF_FILTERED: 403,
};

export function checkGatewayResponse(r: GatewayResponse): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!(r.responseType in GATEWAY_RESPONSE_TYPES))
    issues.push({ field: "gatewayResponse.responseType", message: `Unknown gateway response type ${r.responseType}` });
  if (r.statusCode !== undefined && r.statusCode !== "" && !/^[1-5]\d\d$/.test(r.statusCode)) {
    issues.push({ field: "gatewayResponse.statusCode", message: "Status code must be a 3-digit HTTP status (100-599)" });
  }
  for (const key of Object.keys(r.responseParameters)) {
    if (!/^gatewayresponse\.header\.[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(key)) {
      issues.push({ field: `gatewayResponse.responseParameters.${key}`, message: "Parameter names look like gatewayresponse.header.NAME" });
    }
  }
  return issues;
}

export function putGatewayResponse(design: ApiDesign, input: GatewayResponse): ApiDesign {
  const r = { ...input, statusCode: input.statusCode || undefined };
  const issues = checkGatewayResponse(r);
  if (issues.length) throw new ValidationError(issues);
  const next = structuredClone(design);
  next.gatewayResponses = [...next.gatewayResponses.filter((g) => g.responseType !== r.responseType), r].sort((a, b) =>
    a.responseType.localeCompare(b.responseType),
  );
  return next;
}

export function deleteGatewayResponse(design: ApiDesign, responseType: string): ApiDesign {
  if (!design.gatewayResponses.some((g) => g.responseType === responseType)) throw new NotFoundError(`Gateway response ${responseType}`);
  const next = structuredClone(design);
  next.gatewayResponses = next.gatewayResponses.filter((g) => g.responseType !== responseType);
  return next;
}
