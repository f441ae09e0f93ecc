import { describe, expect, it } from "vitest";
import { planMethodResponses, putMethodResponses } from "./method-responses";

const key = { restApiId: "a1b2c3", resourceId: "r1", httpMethod: "GET" };
const target = "GET /pets";

describe("putMethodResponses", () => {
  it("adds every response of a new method by status code, leaving out empty maps", () => {
    const calls = putMethodResponses(key, target, {
      "404": { statusCode: "404", responseParameters: {}, responseModels: {} },
      "200": { statusCode: "200", responseParameters: { "method.response.header.X-Pet": false }, responseModels: { "application/json": "Pet" } },
    });
    expect(calls).toEqual([
      {
        operation: "PutMethodResponse",
        target,
        description: "Add method response 200 of GET /pets",
        kind: "create",
        params: { ...key, statusCode: "200", responseParameters: { "method.response.header.X-Pet": false }, responseModels: { "application/json": "Pet" } },
      },
      { operation: "PutMethodResponse", target, description: "Add method response 404 of GET /pets", kind: "create", params: { ...key, statusCode: "404" } },
    ]);
  });
});

describe("planMethodResponses", () => {
  it("adds the new, patches the changed (map keys escaped), then deletes the dropped", () => {
    const calls = planMethodResponses(
      key,
      target,
      {
        "200": { statusCode: "200", responseModels: { "application/json": "Empty" } },
        "201": { statusCode: "201" },
        "500": { statusCode: "500" },
      },
      {
        "200": { statusCode: "200", responseParameters: {}, responseModels: { "application/json": "Pet" } },
        "201": { statusCode: "201", responseParameters: {}, responseModels: {} },
        "404": { statusCode: "404", responseParameters: {}, responseModels: {} },
      },
    );
    expect(calls).toEqual([
      {
        operation: "UpdateMethodResponse",
        target,
        description: "Update method response 200 of GET /pets (responseModels)",
        kind: "update",
        params: { ...key, statusCode: "200", patchOperations: [{ op: "replace", path: "/responseModels/application~1json", value: "Pet" }] },
      },
      { operation: "PutMethodResponse", target, description: "Add method response 404 of GET /pets", kind: "create", params: { ...key, statusCode: "404" } },
      {
        operation: "DeleteMethodResponse",
        target,
        description: "Delete method response 500 of GET /pets",
        kind: "delete",
        params: { ...key, statusCode: "500" },
      },
    ]);
  });
});
