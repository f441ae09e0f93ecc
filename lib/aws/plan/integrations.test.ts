import type { Integration as AwsIntegration } from "@aws-sdk/client-api-gateway";
import { describe, expect, it } from "vitest";
import { type Integration, integrationSchema } from "../../model/design";
import { planIntegration, planIntegrationResponseDeletes, putIntegrationWithResponses } from "./integrations";

const key = { restApiId: "a1b2c3", resourceId: "r1", httpMethod: "GET" };
const target = "GET /pets";
const integration = (i: Record<string, unknown>): Integration => integrationSchema.parse(i);

const http = integration({
  type: "HTTP",
  httpMethod: "GET",
  uri: "http://petstore.example.com/pets",
  integrationResponses: {
    "200": { statusCode: "200" },
    "404": { statusCode: "404", selectionPattern: "404" },
  },
});

describe("putIntegrationWithResponses", () => {
  it("sets the integration, then adds each integration response by status code", () => {
    expect(putIntegrationWithResponses(key, target, http, false)).toEqual([
      {
        operation: "PutIntegration",
        target,
        description: "Set HTTP integration of GET /pets → http://petstore.example.com/pets",
        kind: "create",
        params: {
          ...key,
          type: "HTTP",
          integrationHttpMethod: "GET",
          uri: "http://petstore.example.com/pets",
          passthroughBehavior: "WHEN_NO_MATCH",
          timeoutInMillis: 29000,
        },
      },
      {
        operation: "PutIntegrationResponse",
        target,
        description: "Add integration response 200 of GET /pets",
        kind: "create",
        params: { ...key, statusCode: "200" },
      },
      {
        operation: "PutIntegrationResponse",
        target,
        description: "Add integration response 404 (pattern 404) of GET /pets",
        kind: "create",
        params: { ...key, statusCode: "404", selectionPattern: "404" },
      },
    ]);
  });

  it("sends no backend address or method for a MOCK", () => {
    const [put] = putIntegrationWithResponses(key, target, integration({ type: "MOCK", httpMethod: "POST", uri: "http://x" }), true);
    expect(put.description).toBe("Replace MOCK integration of GET /pets → http://x");
    expect(put.kind).toBe("update");
    expect(put.params).not.toHaveProperty("uri");
    expect(put.params).not.toHaveProperty("integrationHttpMethod");
  });
});

describe("planIntegration", () => {
  it("deletes a live integration the design dropped, and plans nothing when neither side has one", () => {
    expect(planIntegration(key, target, { type: "HTTP" }, undefined)).toEqual([
      { operation: "DeleteIntegration", target, description: "Delete integration of GET /pets", kind: "delete", params: key },
    ]);
    expect(planIntegration(key, target, undefined, undefined)).toEqual([]);
  });

  it("puts the integration again with all its responses when the type changes", () => {
    const calls = planIntegration(key, target, { type: "MOCK", integrationResponses: { "200": { statusCode: "200" } } }, http);
    expect(calls.map((c) => `${c.operation} ${c.kind}`)).toEqual(["PutIntegration update", "PutIntegrationResponse create", "PutIntegrationResponse create"]);
  });

  it("patches the fields that differ and puts again only the integration responses that differ", () => {
    const live: AwsIntegration = {
      type: "HTTP",
      httpMethod: "POST",
      uri: "http://petstore.example.com/pets",
      passthroughBehavior: "WHEN_NO_MATCH",
      timeoutInMillis: 29000,
      integrationResponses: { "200": { statusCode: "200" }, "404": { statusCode: "404", selectionPattern: "4\\d{2}" } },
    };
    expect(planIntegration(key, target, live, http)).toEqual([
      {
        operation: "UpdateIntegration",
        target,
        description: "Update HTTP integration of GET /pets (httpMethod)",
        kind: "update",
        params: { ...key, patchOperations: [{ op: "replace", path: "/httpMethod", value: "GET" }] },
      },
      {
        operation: "PutIntegrationResponse",
        target,
        description: "Update integration response 404 (pattern 404) of GET /pets",
        kind: "update",
        params: { ...key, statusCode: "404", selectionPattern: "404" },
      },
    ]);
  });

  it("does not compare a MOCK's backend fields, and reads AWS's defaults for missing ones", () => {
    const mock = integration({ type: "MOCK", requestTemplates: { "application/json": '{"statusCode":200}' } });
    const live: AwsIntegration = { type: "MOCK", uri: "http://left.over", requestTemplates: { "application/json": '{"statusCode": 200}' } };
    expect(planIntegration(key, target, live, mock)[0].params.patchOperations).toEqual([
      { op: "replace", path: "/requestTemplates/application~1json", value: '{"statusCode":200}' },
    ]);
  });

  it("flips TLS verification through its nested path", () => {
    const live: AwsIntegration = { type: "HTTP", httpMethod: "GET", uri: "http://petstore.example.com/pets", integrationResponses: http.integrationResponses };
    const want = integration({ ...http, tlsConfig: { insecureSkipVerification: true } });
    expect(planIntegration(key, target, live, want)[0].params.patchOperations).toEqual([
      { op: "replace", path: "/tlsConfig/insecureSkipVerification", value: "true" },
    ]);
  });
});

describe("planIntegrationResponseDeletes", () => {
  it("deletes the live integration responses the design dropped, only when both sides keep the integration", () => {
    const live: AwsIntegration = { type: "HTTP", integrationResponses: { "200": {}, "500": {} } };
    expect(planIntegrationResponseDeletes(key, target, live, http)).toEqual([
      {
        operation: "DeleteIntegrationResponse",
        target,
        description: "Delete integration response 500 of GET /pets",
        kind: "delete",
        params: { ...key, statusCode: "500" },
      },
    ]);
    expect(planIntegrationResponseDeletes(key, target, live, undefined)).toEqual([]);
  });
});
