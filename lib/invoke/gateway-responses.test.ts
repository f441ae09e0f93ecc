import { describe, expect, it } from "vitest";
import { GatewayError, missingAuthenticationToken, unsupportedMediaType } from "./errors";
import { gatewayResponse, resolveGatewayResponse, substituteGatewayTemplate } from "./gateway-responses";
import { parseRequest } from "./parse";
import { runPipeline } from "./pipeline";
import { contextFor, designOf, mockMethod } from "../../test/helpers/invoke";

describe("gateway responses", () => {
  it("uses AWS's default status per type", () => {
    expect(resolveGatewayResponse([], "MISSING_AUTHENTICATION_TOKEN").status).toBe(403);
    expect(resolveGatewayResponse([], "UNSUPPORTED_MEDIA_TYPE").status).toBe(415);
    expect(resolveGatewayResponse([], "BAD_REQUEST_BODY").status).toBe(400);
    expect(resolveGatewayResponse([], "INTEGRATION_TIMEOUT").status).toBe(504);
    expect(resolveGatewayResponse([], "INTEGRATION_FAILURE").status).toBe(504);
    expect(resolveGatewayResponse([], "API_CONFIGURATION_ERROR").status).toBe(500);
    expect(resolveGatewayResponse([], "DEFAULT_4XX", 418).status).toBe(418);
  });

  it("answers an unmatched route with 403 Missing Authentication Token", async () => {
    const ctx = contextFor(designOf({ "/a": { GET: mockMethod("{}") } }), { pathWithQueryString: "/b" });
    const steps = await runPipeline(ctx);
    expect(ctx.response).toEqual({
      status: 403,
      headers: { "x-amzn-ErrorType": "MissingAuthenticationTokenException", "Content-Type": "application/json" },
      body: '{"message":"Missing Authentication Token"}',
    });
    expect(steps.map((s) => [s.name, s.ok])).toEqual([
      ["parse", true],
      ["route", false],
    ]);
  });

  it("prefers the API's response for the type, then its DEFAULT_4XX, whose status applies to the family", () => {
    const design = designOf(
      {},
      {
        gatewayResponses: [
          {
            responseType: "DEFAULT_4XX",
            statusCode: "499",
            responseParameters: { "gatewayresponse.header.X-Family": "'4xx'" },
            responseTemplates: { "application/json": '{"oops":$context.error.messageString,"type":"$context.error.responseType"}' },
          },
          {
            responseType: "UNSUPPORTED_MEDIA_TYPE",
            responseParameters: { "gatewayresponse.header.X-Req": "method.request.header.x-id", "gatewayresponse.header.X-Stage": "stageVariables.s" },
            responseTemplates: { "application/json": '{"msg":"$context.error.message","req":"$context.requestId","s":"$stageVariables.s"}' },
          },
        ],
      },
    );
    const ctx = contextFor(design, { headers: { "X-Id": "abc" }, stageVariables: { s: "beta" } });
    parseRequest(ctx);
    const own = gatewayResponse(ctx, unsupportedMediaType("x"));
    expect(own).toEqual({
      status: 415,
      headers: { "X-Req": "abc", "X-Stage": "beta", "x-amzn-ErrorType": "BadRequestException" },
      body: '{"msg":"Unsupported Media Type","req":"req-1","s":"beta"}',
    });
    const family = gatewayResponse(ctx, missingAuthenticationToken());
    expect(family).toEqual({
      status: 499,
      headers: { "X-Family": "4xx", "x-amzn-ErrorType": "MissingAuthenticationTokenException" },
      body: '{"oops":"Missing Authentication Token","type":"MISSING_AUTHENTICATION_TOKEN"}',
    });
  });

  it("keeps AWS's spacing for untouched execution-time errors", () => {
    const ctx = contextFor(designOf({}));
    parseRequest(ctx);
    expect(gatewayResponse(ctx, new GatewayError("API_CONFIGURATION_ERROR", "Internal server error")).body).toBe('{"message": "Internal server error"}');
    expect(gatewayResponse(ctx, new GatewayError("INTEGRATION_TIMEOUT", "Endpoint request timed out")).body).toBe('{"message": "Endpoint request timed out"}');
  });

  it("substitutes $context and $stageVariables only (no VTL)", () => {
    const out = substituteGatewayTemplate(
      "#if(1) $context.identity.sourceIp ${context.requestId} $stageVariables.v $context.none",
      { identity: { sourceIp: "1.2.3.4" }, requestId: "r" },
      { v: "x" },
    );
    expect(out).toBe("#if(1) 1.2.3.4 r x ");
  });
});
