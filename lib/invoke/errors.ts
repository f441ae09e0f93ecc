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
  | "AUTHORIZER_FAILURE"
  | "INVALID_API_KEY"
  | "THROTTLED"
  | "QUOTA_EXCEEDED"
  | "INVALID_SIGNATURE"
  | "EXPIRED_TOKEN"
  | "WAF_FILTERED";

/**
 * What AWS answers per gateway response type when nothing is customised: the status (developer
 * guide, "Gateway response types for API Gateway"; DEFAULT_4XX/5XX have none of their own) and the
 * `x-amzn-ErrorType` header. Where each header value comes from:
 * - [recorded] a real AWS answer: TestInvokeMethod on an HTTP integration with an invalid
 *   endpoint answered 500 `{"message": "Internal server error"}` with only
 *   `x-amzn-ErrorType: InternalServerErrorException` (LocalStack's AWS snapshot,
 *   TestApigatewayTestInvoke::test_failed_invoke_test_method); a console test of an AWS_PROXY
 *   Lambda that threw answered 502 with the same header.
 * - [validated] LocalStack's gateway_response.py, for the types its maintainers checked against
 *   AWS (the others carry a "validate this header" TODO there).
 * - [reported] the name users quote from AWS's answers (not recorded here).
 * - [inferred] no AWS answer on record: the value AWS gives every other 5XX it words "Internal
 *   server error" (INTEGRATION_FAILURE), or the value this project used before (authorizers,
 *   ACCESS_DENIED, REQUEST_TOO_LARGE). Checking them needs a real account.
 * - undefined: not raised locally, and no source for AWS's value.
 */
export const GATEWAY_RESPONSE_FACTS: Record<GatewayResponseType, { status: number | null; errorType?: string }> = {
  DEFAULT_4XX: { status: null },
  DEFAULT_5XX: { status: null, errorType: "InternalServerErrorException" }, // recorded (502 of a failed proxy Lambda)
  MISSING_AUTHENTICATION_TOKEN: { status: 403, errorType: "MissingAuthenticationTokenException" }, // validated
  UNSUPPORTED_MEDIA_TYPE: { status: 415, errorType: "BadRequestException" }, // validated
  BAD_REQUEST_PARAMETERS: { status: 400, errorType: "BadRequestException" }, // validated
  BAD_REQUEST_BODY: { status: 400, errorType: "BadRequestException" }, // validated
  INTEGRATION_FAILURE: { status: 504, errorType: "InternalServerErrorException" }, // inferred
  INTEGRATION_TIMEOUT: { status: 504, errorType: "InternalServerErrorException" }, // validated
  API_CONFIGURATION_ERROR: { status: 500, errorType: "InternalServerErrorException" }, // recorded
  RESOURCE_NOT_FOUND: { status: 404 },
  REQUEST_TOO_LARGE: { status: 413, errorType: "RequestTooLargeException" }, // inferred
  ACCESS_DENIED: { status: 403, errorType: "AccessDeniedException" }, // inferred
  UNAUTHORIZED: { status: 401, errorType: "UnauthorizedException" }, // validated
  AUTHORIZER_CONFIGURATION_ERROR: { status: 500, errorType: "AuthorizerConfigurationException" }, // reported (users' 500s from a throwing Lambda authorizer)
  AUTHORIZER_FAILURE: { status: 500, errorType: "AuthorizerConfigurationException" }, // inferred
  INVALID_API_KEY: { status: 403, errorType: "ForbiddenException" }, // validated
  THROTTLED: { status: 429, errorType: "TooManyRequestsException" }, // validated
  QUOTA_EXCEEDED: { status: 429, errorType: "LimitExceededException" }, // validated
  INVALID_SIGNATURE: { status: 403 },
  EXPIRED_TOKEN: { status: 403 },
  WAF_FILTERED: { status: 403 },
};

/** AWS's default status per response type; DEFAULT_4XX/5XX have none of their own. */
export const DEFAULT_STATUS = Object.fromEntries(Object.entries(GATEWAY_RESPONSE_FACTS).map(([type, fact]) => [type, fact.status])) as Record<
  GatewayResponseType,
  number | null
>;

/** The `x-amzn-ErrorType` header API Gateway sends with its own errors. */
export const ERROR_TYPE_HEADER = Object.fromEntries(
  Object.entries(GATEWAY_RESPONSE_FACTS).flatMap(([type, fact]) => (fact.errorType ? [[type, fact.errorType]] : [])),
) as Partial<Record<GatewayResponseType, string>>;

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

export const missingAuthenticationToken = () => new GatewayError("MISSING_AUTHENTICATION_TOKEN", "Missing Authentication Token");

export const unsupportedMediaType = (logLine: string) => new GatewayError("UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type", [logLine]);

/** AWS answers configuration errors with a bare 500 `Internal server error`. */
export const configurationError = (detail: string) =>
  new GatewayError("API_CONFIGURATION_ERROR", "Internal server error", [`Execution failed due to configuration error: ${detail}`]);

export const integrationTimeout = () => new GatewayError("INTEGRATION_TIMEOUT", "Endpoint request timed out", ["Execution failed due to a timeout error"]);

export const integrationFailure = (detail: string) =>
  new GatewayError("INTEGRATION_FAILURE", "Internal server error", [`Execution failed due to an integration error: ${detail}`]);
