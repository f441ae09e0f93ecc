/**
 * Errors a handler raises to stop the pipeline. Each carries the gateway response type that
 * answers it (gateway-responses.ts renders the API's own response or AWS's default) and the
 * log line AWS writes for it.
 */

export type GatewayResponseType =
  | "DEFAULT_4XX"
  | "DEFAULT_5XX"
  | "MISSING_AUTHENTICATION_TOKEN"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "BAD_REQUEST_PARAMETERS"
  | "BAD_REQUEST_BODY"
  | "INTEGRATION_FAILURE"
  | "INTEGRATION_TIMEOUT"
  | "API_CONFIGURATION_ERROR"
  | "RESOURCE_NOT_FOUND"
  | "REQUEST_TOO_LARGE"
  | "ACCESS_DENIED"
  | "UNAUTHORIZED"
  | "AUTHORIZER_CONFIGURATION_ERROR"
  | "AUTHORIZER_FAILURE";

/** AWS's default status per response type; DEFAULT_4XX/5XX have none of their own. */
export const DEFAULT_STATUS: Record<GatewayResponseType, number | null> = {
  DEFAULT_4XX: null,
  DEFAULT_5XX: null,
  MISSING_AUTHENTICATION_TOKEN: 403,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BAD_REQUEST_PARAMETERS: 400,
  BAD_REQUEST_BODY: 400,
  INTEGRATION_FAILURE: 504,
  INTEGRATION_TIMEOUT: 504,
  API_CONFIGURATION_ERROR: 500,
  RESOURCE_NOT_FOUND: 404,
  REQUEST_TOO_LARGE: 413,
  ACCESS_DENIED: 403,
  UNAUTHORIZED: 401,
  AUTHORIZER_CONFIGURATION_ERROR: 500,
  AUTHORIZER_FAILURE: 500,
};

/** The `x-amzn-ErrorType` header API Gateway sends with its own errors. */
export const ERROR_TYPE_HEADER: Partial<Record<GatewayResponseType | "THROTTLED" | "INVALID_API_KEY", string>> = {
  MISSING_AUTHENTICATION_TOKEN: "MissingAuthenticationTokenException",
  UNAUTHORIZED: "UnauthorizedException",
  ACCESS_DENIED: "AccessDeniedException",
  AUTHORIZER_CONFIGURATION_ERROR: "AuthorizerConfigurationException",
  AUTHORIZER_FAILURE: "AuthorizerConfigurationException",
  THROTTLED: "TooManyRequestsException",
  INVALID_API_KEY: "ForbiddenException",
};

export class GatewayError extends Error {
  constructor(
    readonly responseType: GatewayResponseType,
    /** What `$context.error.message` holds, e.g. `Missing Authentication Token`. */
    message: string,
    /** Lines for the execution log, written before the response (e.g. `Execution failed due to …`). */
    readonly logLines: string[] = [],
    /** Status when the type has no default (DEFAULT_4XX/5XX). */
    readonly fallbackStatus?: number,
    /** What `$context.error.validationErrorString` holds for validation failures. */
    readonly validationErrorString?: string,
  ) {
    super(message);
    this.name = "GatewayError";
  }
}

export const missingAuthenticationToken = () =>
  new GatewayError("MISSING_AUTHENTICATION_TOKEN", "Missing Authentication Token");

export const unsupportedMediaType = (logLine: string) =>
  new GatewayError("UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type", [logLine]);

/** AWS answers configuration errors with a bare 500 `Internal server error`. */
export const configurationError = (detail: string) =>
  new GatewayError("API_CONFIGURATION_ERROR", "Internal server error", [`Execution failed due to configuration error: ${detail}`]);

export const integrationTimeout = () =>
  new GatewayError("INTEGRATION_TIMEOUT", "Endpoint request timed out", ["Execution failed due to a timeout error"]);

export const integrationFailure = (detail: string) =>
  new GatewayError("INTEGRATION_FAILURE", "Internal server error", [`Execution failed due to an integration error: ${detail}`]);
