import { describe, expect, it } from "vitest";
import type { InvocationContext } from "./context";
import { GatewayError } from "./errors";
import { chooseRequestTemplate, integrationRequest, substitutePathParameters, substituteStageVariables, withQuery } from "./integration-request";
import { methodRequest } from "./method-request";
import { parseRequest } from "./parse";
import { runPipeline } from "./pipeline";
import { routeRequest } from "./route";
import { contextFor, designOf } from "../../test/helpers/invoke";

const BEHAVIORS = ["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"] as const;
const JSON_ONLY = { "application/json": '{"statusCode": 200}' };

describe("passthroughBehavior (developer guide table)", () => {
  // [behavior, templates, content type] → expected
  const matrix: [(typeof BEHAVIORS)[number], Record<string, string>, string | undefined, string][] = [
    ["WHEN_NO_MATCH", JSON_ONLY, "application/json", "template"],
    ["WHEN_NO_MATCH", JSON_ONLY, "text/plain", "passthrough"],
    ["WHEN_NO_MATCH", {}, "text/plain", "passthrough"],
    ["WHEN_NO_TEMPLATES", JSON_ONLY, "application/json; charset=utf-8", "template"],
    ["WHEN_NO_TEMPLATES", JSON_ONLY, "text/plain", "unsupported"],
    ["WHEN_NO_TEMPLATES", {}, "text/plain", "passthrough"],
    ["NEVER", JSON_ONLY, "Application/JSON", "template"],
    ["NEVER", JSON_ONLY, "text/plain", "unsupported"],
    ["NEVER", {}, "text/plain", "unsupported"],
    // A missing Content-Type is read as application/json.
    ["NEVER", JSON_ONLY, undefined, "template"],
    ["WHEN_NO_TEMPLATES", { "text/plain": "x" }, undefined, "unsupported"],
  ];

  it.each(matrix)("%s with templates %j and Content-Type %s → %s", (behavior, templates, contentType, expected) => {
    expect(chooseRequestTemplate(templates, contentType, behavior).kind).toBe(expected);
  });

  it.each(BEHAVIORS)('answers %s through the pipeline: 415 {"message": "Unsupported Media Type"} or a pass-through', async (behavior) => {
    for (const templates of [JSON_ONLY, {}]) {
      const design = designOf({
        "/m": {
          POST: {
            methodResponses: { "200": { statusCode: "200" } },
            integration: {
              type: "MOCK",
              passthroughBehavior: behavior,
              requestTemplates: templates,
              integrationResponses: { "200": { statusCode: "200", responseTemplates: { "application/json": '"passed"' } } },
            },
          },
        },
      });
      const ctx = contextFor(design, { httpMethod: "POST", pathWithQueryString: "/m", headers: { "Content-Type": "text/plain" }, body: "hi" });
      await runPipeline(ctx);
      const expected = chooseRequestTemplate(templates, "text/plain", behavior).kind;
      if (expected === "unsupported") {
        expect(ctx.response).toMatchObject({ status: 415, body: '{"message": "Unsupported Media Type"}' });
        expect(ctx.log.messages().at(-1)).toBe("Method completed with status: 415");
      } else {
        expect(ctx.response).toMatchObject({ status: 200, body: '"passed"' });
      }
    }
  });
});

describe("integration URI", () => {
  it("substitutes stage variables in both notations", () => {
    expect(substituteStageVariables("http://${stageVariables.host}/v/${stageVariables['ver']}", { host: "h.example", ver: "2" })).toBe("http://h.example/v/2");
  });

  it("substitutes {param} encoded and keeps the slashes of a greedy value", () => {
    expect(substitutePathParameters("http://b/pets/{id}/{proxy}", { id: "a b", proxy: "x/y z" })).toBe("http://b/pets/a%20b/x/y%20z");
    expect(substitutePathParameters("http://b/{missing}", {})).toBe("http://b/{missing}");
  });

  it("appends a query string to a URI that may have one", () => {
    expect(withQuery("http://b/p", { a: "1" })).toBe("http://b/p?a=1");
    expect(withQuery("http://b/p?x=0", [["a", "1 2"]])).toBe("http://b/p?x=0&a=1+2");
    expect(withQuery("http://b/p", {})).toBe("http://b/p");
  });
});

describe("integration request", () => {
  function prepared(integration: Record<string, unknown>, req: Parameters<typeof contextFor>[1]): Promise<InvocationContext> {
    const design = designOf({ "/pets/{id}": { ANY: { integration } } });
    const ctx = contextFor(design, { ...req, stageVariables: { backend: "127.0.0.1:9", ...(req?.stageVariables ?? {}) } });
    parseRequest(ctx);
    routeRequest(ctx);
    return methodRequest(ctx).then(() => ctx);
  }

  it("maps parameters from the method request, statics, stage variables and $context into the endpoint request", async () => {
    const ctx = await prepared(
      {
        type: "HTTP",
        httpMethod: "POST",
        uri: "http://${stageVariables.backend}/items/{itemId}",
        requestParameters: {
          "integration.request.path.itemId": "method.request.path.id",
          "integration.request.querystring.kind": "method.request.querystring.type",
          "integration.request.header.X-Tenant": "method.request.header.tenant",
          "integration.request.header.X-Static": "'fixed'",
          "integration.request.header.X-Stage": "stageVariables.backend",
          "integration.request.header.X-Req": "context.requestId",
          "integration.request.querystring.name": "method.request.body.pet.name",
        },
      },
      { httpMethod: "GET", pathWithQueryString: "/pets/42?type=dog", headers: { Tenant: "acme" }, body: '{"pet":{"name":"Rex"}}' },
    );
    integrationRequest(ctx);
    const ir = ctx.integrationRequest!;
    expect(ir.httpMethod).toBe("POST");
    expect(ir.uri).toBe("http://127.0.0.1:9/items/42?kind=dog&name=Rex");
    expect(ir.headers).toMatchObject({
      "X-Tenant": "acme",
      "X-Static": "fixed",
      "X-Stage": "127.0.0.1:9",
      "X-Req": "req-1",
      "x-amzn-apigateway-api-id": "abc123",
      "User-Agent": "AmazonAPIGateway_abc123",
      "Content-Type": "application/json",
    });
    // Non-proxy integrations forward only what is mapped.
    expect(Object.keys(ir.headers).map((h) => h.toLowerCase())).not.toContain("tenant");
    expect(ir.body).toBe('{"pet":{"name":"Rex"}}');
    expect(ctx.log.messages().slice(-3)).toEqual([
      "Endpoint request URI: http://127.0.0.1:9/items/42?kind=dog&name=Rex",
      expect.stringMatching(/^Endpoint request headers: \{Accept=application\/json, Content-Type=application\/json, x-amzn-apigateway-api-id=abc123, /),
      'Endpoint request body after transformations: {"pet":{"name":"Rex"}}',
    ]);
  });

  it("forwards every header and query parameter for HTTP_PROXY, with the client's verb for ANY", async () => {
    const ctx = await prepared(
      {
        type: "HTTP_PROXY",
        httpMethod: "ANY",
        uri: "http://${stageVariables.backend}/{proxy}",
        requestParameters: { "integration.request.path.proxy": "method.request.path.id" },
      },
      { httpMethod: "DELETE", pathWithQueryString: "/pets/7?a=1&a=2", headers: { "X-Custom": "c", Host: "client.example" } },
    );
    integrationRequest(ctx);
    const ir = ctx.integrationRequest!;
    expect(ir.httpMethod).toBe("DELETE");
    expect(ir.uri).toBe("http://127.0.0.1:9/7?a=1&a=2");
    expect(ir.headers["X-Custom"]).toBe("c");
    expect(ir.headers.Host).toBeUndefined();
  });

  it("answers a missing integration with a configuration error", async () => {
    const design = designOf({ "/x": { GET: {} } });
    const ctx = contextFor(design, { pathWithQueryString: "/x" });
    parseRequest(ctx);
    routeRequest(ctx);
    expect(() => integrationRequest(ctx)).toThrow(GatewayError);
  });

  it("keeps the rendered MOCK template for the integration and writes no Endpoint lines", async () => {
    const ctx = await prepared({ type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 404}' } }, { pathWithQueryString: "/pets/1" });
    integrationRequest(ctx);
    expect(ctx.mockRequestBody).toBe('{"statusCode": 404}');
    expect(ctx.integrationRequest).toBeUndefined();
    expect(ctx.log.messages().some((l) => l.startsWith("Endpoint"))).toBe(false);
  });
});
