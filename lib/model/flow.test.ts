import { describe, expect, it } from "vitest";
import { applyCommand, parseDesignCommand } from "./commands";
import type { ApiDesign } from "./design";
import { methodFlow } from "./flow";
import { lambdaInvocationUri } from "./lambda-uri";
import { newDesign } from "./operations";
import { findResourceByPath } from "./tree";

const run = (d: ApiDesign, raw: unknown) => applyCommand(d, parseDesignCommand(raw)).design;

describe("methodFlow", () => {
  it("summarises the five boxes of a non-proxy method", () => {
    let d = run(newDesign({ name: "F" }), { type: "addResourcePath", path: "/pets/{id}" });
    d.requestValidators.push({ id: "v", name: "params-only", validateRequestBody: false, validateRequestParameters: true });
    d.authorizers.push({ id: "a", name: "Token", type: "TOKEN", providerARNs: [] });
    const id = findResourceByPath(d, "/pets/{id}")!.id;
    d = run(d, {
      type: "putMethod",
      resourceId: id,
      method: {
        httpMethod: "GET",
        authorizationType: "CUSTOM",
        authorizerId: "a",
        requestValidatorId: "v",
        requestParameters: { "method.request.path.id": true },
      },
    });
    d = run(d, {
      type: "putIntegration",
      resourceId: id,
      httpMethod: "GET",
      integration: {
        type: "HTTP",
        httpMethod: "GET",
        uri: "https://pets.example/{id}",
        requestParameters: { "integration.request.path.id": "method.request.path.id" },
        requestTemplates: { "application/json": "{}" },
      },
    });
    d = run(d, {
      type: "putMethodResponse",
      resourceId: id,
      httpMethod: "GET",
      response: { statusCode: "200", responseParameters: { "method.response.header.X-Id": false } },
    });
    d = run(d, { type: "putMethodResponse", resourceId: id, httpMethod: "GET", response: { statusCode: "404" } });
    d = run(d, { type: "putIntegrationResponse", resourceId: id, httpMethod: "GET", response: { statusCode: "200" } });
    d = run(d, { type: "putIntegrationResponse", resourceId: id, httpMethod: "GET", response: { statusCode: "404", selectionPattern: "404" } });
    const flow = methodFlow(d, findResourceByPath(d, "/pets/{id}")!.methods.GET);
    expect(Object.fromEntries(flow.map((b) => [b.title, b.lines]))).toEqual({
      "Method request": ["Auth: CUSTOM (Token)", "API key: not required", "Validator: params-only", "Params: path.id (required)"],
      "Integration request": ["Mappings: path.id ← method.request.path.id", "Templates: application/json", "Passthrough: WHEN_NO_MATCH"],
      Integration: ["HTTP", "GET https://pets.example/{id}", "Timeout: 29000 ms"],
      "Integration response": ["default → 200", "/404/ → 404"],
      "Method response": ["200: header.X-Id", "404"],
    });
  });

  it("shows a Lambda proxy by its function ARN and says the proxy passes through", () => {
    let d = run(newDesign({ name: "F" }), { type: "addResourcePath", path: "/fn" });
    const id = findResourceByPath(d, "/fn")!.id;
    const fn = "arn:aws:lambda:us-east-1:123456789012:function:pets";
    d = run(d, { type: "putMethod", resourceId: id, method: { httpMethod: "POST" } });
    d = run(d, {
      type: "putIntegration",
      resourceId: id,
      httpMethod: "POST",
      integration: { type: "AWS_PROXY", httpMethod: "POST", uri: lambdaInvocationUri(fn) },
    });
    const flow = methodFlow(d, findResourceByPath(d, "/fn")!.methods.POST);
    expect(flow.map((b) => b.part)).toEqual(["methodRequest", "integrationRequest", "integration", "integrationResponse", "methodResponse"]);
    expect(flow[2].lines).toEqual(["AWS_PROXY", `Lambda: ${fn}`, "Timeout: 29000 ms"]);
    expect(flow[1].lines[0]).toMatch(/passed through/);
    expect(flow[3].lines[0]).toMatch(/passed through/);
  });
});
