import { describe, expect, it } from "vitest";
import type { InvocationContext } from "./context";
import { GatewayError } from "./errors";
import { chooseResponseTemplate, integrationResponse, patternMatches, selectIntegrationResponse } from "./integration-response";
import { parseRequest } from "./parse";
import { routeRequest } from "./route";
import { contextFor, designOf } from "../../test/helpers/invoke";

const RESPONSES = {
  "200": { statusCode: "200", responseParameters: {}, responseTemplates: {} },
  "400": { statusCode: "400", selectionPattern: "4\\d{2}", responseParameters: {}, responseTemplates: {} },
  "502": { statusCode: "502", selectionPattern: "5\\d{2}", responseParameters: {}, responseTemplates: {} },
};

describe("selection", () => {
  it("matches selectionPattern as a whole-string Java regex on the status", () => {
    expect(patternMatches("4\\d{2}", "404")).toBe(true);
    expect(patternMatches("4", "404")).toBe(false);
    expect(patternMatches("40", "404")).toBe(false);
    expect(patternMatches(".*", "")).toBe(true);
    expect(patternMatches("(", "404")).toBe(false);
  });

  it("selects by pattern, falling back to the default (no pattern)", () => {
    expect(selectIntegrationResponse(RESPONSES, "404")?.statusCode).toBe("400");
    expect(selectIntegrationResponse(RESPONSES, "503")?.statusCode).toBe("502");
    expect(selectIntegrationResponse(RESPONSES, "302")?.statusCode).toBe("200");
    expect(selectIntegrationResponse({ "400": RESPONSES["400"] }, "200")).toBeUndefined();
  });

  it("chooses the response template by Accept, application/json when absent, the first when none matches", () => {
    const templates = { "text/xml": "<x/>", "application/json": "{}" };
    expect(chooseResponseTemplate(templates, "text/xml")).toBe("<x/>");
    expect(chooseResponseTemplate(templates, "text/html, text/xml;q=0.9")).toBe("<x/>");
    expect(chooseResponseTemplate(templates, undefined)).toBe("{}");
    expect(chooseResponseTemplate(templates, "image/png")).toBe("<x/>");
    expect(chooseResponseTemplate({}, "text/xml")).toBeUndefined();
  });
});

/** A context as the integration leaves it: routed, with a backend response in place. */
function afterIntegration(
  integration: Record<string, unknown>,
  endpoint: { status: number; headers?: Record<string, string>; body?: string },
  headers: Record<string, string> = {},
  methodResponses: Record<string, unknown> = { "200": { statusCode: "200" }, "400": { statusCode: "400" }, "502": { statusCode: "502" } },
): InvocationContext {
  const design = designOf({ "/r": { GET: { methodResponses, integration: { type: "HTTP", httpMethod: "GET", uri: "http://127.0.0.1/", ...integration } } } });
  const ctx = contextFor(design, { pathWithQueryString: "/r", headers, stageVariables: { env: "dev" } });
  parseRequest(ctx);
  routeRequest(ctx);
  ctx.endpointResponse = { status: endpoint.status, headers: endpoint.headers ?? {}, body: endpoint.body ?? "", latencyMs: 1 };
  return ctx;
}

describe("integration response", () => {
  it("maps a backend 404 to the 400 method response and passes the body through without templates", () => {
    const ctx = afterIntegration({ integrationResponses: RESPONSES }, { status: 404, body: '{"e":"nf"}' });
    integrationResponse(ctx);
    expect(ctx.response).toEqual({ status: 400, headers: {}, body: '{"e":"nf"}' });
  });

  it("fails with AWS's log line when nothing matches and there is no default", () => {
    const ctx = afterIntegration({ integrationResponses: { "400": RESPONSES["400"] } }, { status: 200 });
    let error: GatewayError | undefined;
    try {
      integrationResponse(ctx);
    } catch (e) {
      error = e as GatewayError;
    }
    expect(error?.responseType).toBe("API_CONFIGURATION_ERROR");
    expect(error?.message).toBe("Internal server error");
    expect(error?.logLines).toEqual([
      "Execution failed due to configuration error: No match for output mapping and no default output mapping configured. Endpoint Response Status Code: 200",
    ]);
  });

  it("fails when the selected response has no method response", () => {
    const ctx = afterIntegration({ integrationResponses: RESPONSES }, { status: 200 }, {}, { "400": { statusCode: "400" } });
    expect(() => integrationResponse(ctx)).toThrow(GatewayError);
  });

  it("maps method.response.header.* from backend headers, body JSONPath, statics, stage variables and $context", () => {
    const ctx = afterIntegration(
      {
        integrationResponses: {
          "200": {
            statusCode: "200",
            responseParameters: {
              "method.response.header.X-Backend": "integration.response.header.x-backend-id",
              "method.response.header.X-Name": "integration.response.body.pet.name",
              "method.response.header.X-Tags": "integration.response.body.$.pet.tags",
              "method.response.header.X-Static": "'yes'",
              "method.response.header.X-Env": "stageVariables.env",
              "method.response.header.X-Request": "context.requestId",
              "method.response.header.X-Missing": "integration.response.header.absent",
            },
          },
        },
      },
      { status: 200, headers: { "X-Backend-Id": "b-7" }, body: '{"pet":{"name":"Rex","tags":["a","b"]}}' },
    );
    integrationResponse(ctx);
    expect(ctx.response!.headers).toEqual({
      "X-Backend": "b-7",
      "X-Name": "Rex",
      "X-Tags": '["a","b"]',
      "X-Static": "yes",
      "X-Env": "dev",
      "X-Request": "req-1",
    });
  });

  it("renders the response template chosen by Accept", () => {
    const ctx = afterIntegration(
      { integrationResponses: { "200": { statusCode: "200", responseTemplates: { "application/json": "json-out", "application/xml": "xml-out" } } } },
      { status: 200, body: "in" },
      { Accept: "application/xml" },
    );
    integrationResponse(ctx);
    expect(ctx.response!.body).toBe("xml-out");
  });

  it("returns HTTP_PROXY responses unchanged, without selection", () => {
    const ctx = afterIntegration(
      { type: "HTTP_PROXY", integrationResponses: {} },
      { status: 503, headers: { "content-type": "text/plain", "x-a": "1", "transfer-encoding": "chunked", "content-encoding": "gzip" }, body: "down" },
    );
    integrationResponse(ctx);
    expect(ctx.response).toEqual({ status: 503, headers: { "content-type": "text/plain", "x-a": "1" }, body: "down" });
  });
});
