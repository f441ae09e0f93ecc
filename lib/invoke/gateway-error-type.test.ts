/**
 * The `x-amzn-ErrorType` header of API Gateway's own error answers, per gateway response type.
 * The facts and where each comes from are in errors.ts (GATEWAY_RESPONSE_FACTS); this file checks
 * that every answer the pipeline renders carries it, customised or not.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_STATUS, ERROR_TYPE_HEADER, GatewayError, type GatewayResponseType } from "./errors";
import { gatewayResponse } from "./gateway-responses";
import { invokeMethod } from "./index";
import { parseRequest } from "./parse";
import { contextFor, designOf, request } from "../../test/helpers/invoke";

/** Request → AWS's status, x-amzn-ErrorType and default message, as recorded or documented. */
const AWS_ANSWERS: [GatewayResponseType, number, string][] = [
  ["MISSING_AUTHENTICATION_TOKEN", 403, "MissingAuthenticationTokenException"],
  ["API_CONFIGURATION_ERROR", 500, "InternalServerErrorException"],
  ["INTEGRATION_TIMEOUT", 504, "InternalServerErrorException"],
  ["BAD_REQUEST_PARAMETERS", 400, "BadRequestException"],
  ["BAD_REQUEST_BODY", 400, "BadRequestException"],
  ["UNSUPPORTED_MEDIA_TYPE", 415, "BadRequestException"],
  ["INVALID_API_KEY", 403, "ForbiddenException"],
  ["THROTTLED", 429, "TooManyRequestsException"],
  ["QUOTA_EXCEEDED", 429, "LimitExceededException"],
  ["UNAUTHORIZED", 401, "UnauthorizedException"],
];

function answer(type: GatewayResponseType, configured: Record<string, unknown>[] = [], fallbackStatus?: number) {
  const ctx = contextFor(designOf({}, { gatewayResponses: configured }));
  parseRequest(ctx);
  return gatewayResponse(ctx, new GatewayError(type, "m", [], fallbackStatus));
}

describe("x-amzn-ErrorType on gateway responses", () => {
  it.each(AWS_ANSWERS)("%s answers %i with %s", (type, status, errorType) => {
    expect(DEFAULT_STATUS[type]).toBe(status);
    expect(ERROR_TYPE_HEADER[type]).toBe(errorType);
    const out = answer(type);
    expect(out.status).toBe(status);
    expect(out.headers["x-amzn-ErrorType"]).toBe(errorType);
  });

  it("a 5XX answer of our own (DEFAULT_5XX, e.g. a failed Lambda proxy function's 502) is an InternalServerErrorException", () => {
    const out = answer("DEFAULT_5XX", [], 502);
    expect(out).toMatchObject({ status: 502, headers: { "x-amzn-ErrorType": "InternalServerErrorException" } });
  });

  it("a customised response keeps the header, next to its own headers and status", () => {
    const out = answer("MISSING_AUTHENTICATION_TOKEN", [
      {
        responseType: "MISSING_AUTHENTICATION_TOKEN",
        statusCode: "404",
        responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" },
        responseTemplates: { "application/json": '{"error":"$context.error.responseType"}' },
      },
    ]);
    expect(out).toEqual({
      status: 404,
      headers: { "Access-Control-Allow-Origin": "*", "x-amzn-ErrorType": "MissingAuthenticationTokenException" },
      body: '{"error":"MISSING_AUTHENTICATION_TOKEN"}',
    });
  });

  it("a response customised through DEFAULT_4XX still names the specific error", () => {
    const out = answer("BAD_REQUEST_BODY", [
      { responseType: "DEFAULT_4XX", responseParameters: { "gatewayresponse.header.X-Family": "'4xx'" }, responseTemplates: {} },
    ]);
    expect(out.headers).toEqual({ "X-Family": "4xx", "x-amzn-ErrorType": "BadRequestException" });
  });
});

describe("TestInvokeMethod's answer to a gateway error", () => {
  // Recorded AWS answer (TestApigatewayTestInvoke::test_failed_invoke_test_method): GET / whose
  // HTTP integration has an invalid endpoint → status 500, body {"message": "Internal server error"},
  // headers exactly {x-amzn-ErrorType: InternalServerErrorException}, multiValueHeaders the same.
  it("carries only x-amzn-ErrorType: no default Content-Type, no trace id", async () => {
    const design = designOf({ "": { GET: { integration: { type: "HTTP", httpMethod: "GET", uri: "http://" } } } });
    const result = await invokeMethod(design, request({ pathWithQueryString: "/" }), { apiId: "a1", requestId: "r1" });
    expect(result.status).toBe(500);
    expect(result.body).toBe('{"message": "Internal server error"}');
    expect(result.headers).toEqual({ "x-amzn-ErrorType": "InternalServerErrorException" });
    expect(
      result.log
        .trimEnd()
        .split("\n")
        .slice(-2)
        .map((l) => l.replace(/^.* : /, "")),
    ).toEqual(["Execution failed due to configuration error: Invalid endpoint address", "Method completed with status: 500"]);
  });

  it("a customised gateway response shows its own headers and the error type", async () => {
    const design = designOf(
      {},
      { gatewayResponses: [{ responseType: "DEFAULT_4XX", responseParameters: { "gatewayresponse.header.X-Why": "'nope'" }, responseTemplates: {} }] },
    );
    const result = await invokeMethod(design, request({ pathWithQueryString: "/missing" }), { apiId: "a1", requestId: "r1" });
    expect(result.status).toBe(403);
    expect(result.headers).toEqual({ "X-Why": "nope", "x-amzn-ErrorType": "MissingAuthenticationTokenException" });
  });
});
