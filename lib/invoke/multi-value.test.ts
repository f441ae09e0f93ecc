/**
 * Repeated headers and query parameters as API Gateway handles them: the last value in the
 * single-value maps, every value in the multi-value ones (the Lambda proxy event's
 * multiValueHeaders / multiValueQueryStringParameters), `method.request.multivalue*` mapping
 * sources, HTTP_PROXY forwarding every value, and a Lambda proxy response's multiValueHeaders
 * merged with its headers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LambdaInvoker } from "./context";
import { invokeMethod } from "./index";
import { parseRequest } from "./parse";
import { contextFor, designOf, FIXED_NOW, request, startServer, type TestServer } from "../../test/helpers/invoke";

const OPTIONS = { apiId: "abc123", requestId: "req-1", now: () => FIXED_NOW };

describe("repeated headers in parse", () => {
  it("keeps every value in multiValueHeaders and the last in headers, names matched case-insensitively", () => {
    const ctx = contextFor(designOf({}), {
      headers: { accept: "text/plain", "X-Single": "s" },
      multiValueHeaders: { "X-Tag": ["a", "b"], Accept: ["application/json"] },
    });
    parseRequest(ctx);
    expect(ctx.request!.multiValueHeaders).toEqual({ "X-Tag": ["a", "b"], Accept: ["application/json", "text/plain"], "X-Single": ["s"] });
    expect(ctx.request!.headers).toEqual({ "X-Tag": "b", Accept: "text/plain", "X-Single": "s" });
  });

  it("does not repeat a value given both in headers and multiValueHeaders", () => {
    const ctx = contextFor(designOf({}), { headers: { "X-Tag": "b" }, multiValueHeaders: { "X-Tag": ["a", "b"] } });
    parseRequest(ctx);
    expect(ctx.request!.multiValueHeaders).toEqual({ "X-Tag": ["a", "b"] });
  });
});

describe("repeated values through integrations", () => {
  let backend: TestServer;
  beforeAll(async () => {
    backend = await startServer((_req, _body, res) => {
      res.setHeader("Set-Cookie", ["a=1", "b=2"]);
      res.setHeader("Content-Type", "application/json");
      res.end("{}");
    });
  });
  afterAll(() => backend.close());

  it("HTTP_PROXY forwards every value of a repeated query parameter and header, and returns every Set-Cookie", async () => {
    const design = designOf({ "/p": { GET: { integration: { type: "HTTP_PROXY", httpMethod: "GET", uri: `${backend.url}/p` } } } });
    const before = backend.requests.length;
    const result = await invokeMethod(design, request({ pathWithQueryString: "/p?a=1&a=2&b=x", multiValueHeaders: { "X-Tag": ["one", "two"] } }), OPTIONS);
    const sent = backend.requests[before];
    expect(new URL(sent.url, "http://x").searchParams.getAll("a")).toEqual(["1", "2"]);
    // HTTP allows a repeated field as one comma-joined line; either way both values arrive in order.
    expect(String(sent.headers["x-tag"])).toMatch(/^one,\s?two$/);
    expect(result.multiValueHeaders?.["set-cookie"]).toEqual(["a=1", "b=2"]);
    expect(result.headers["set-cookie"]).toBe("b=2");
  });

  it("maps multivaluequerystring to repeated parameters, multivalueheader to a comma list, querystring/header to the last value", async () => {
    const design = designOf({
      "/m": {
        GET: {
          requestParameters: { "method.request.multivaluequerystring.id": true },
          methodResponses: { "200": { statusCode: "200" } },
          integration: {
            type: "HTTP",
            httpMethod: "POST",
            uri: `${backend.url}/m`,
            requestParameters: {
              "integration.request.querystring.ids": "method.request.multivaluequerystring.id",
              "integration.request.querystring.last": "method.request.querystring.id",
              "integration.request.header.X-All": "method.request.multivalueheader.X-Tag",
              "integration.request.header.X-Last": "method.request.header.X-Tag",
            },
            requestTemplates: { "application/json": '{"id": "$input.params(\'id\')", "tag": "$input.params(\'X-Tag\')"}' },
            integrationResponses: { "200": { statusCode: "200" } },
          },
        },
      },
    });
    const before = backend.requests.length;
    const result = await invokeMethod(design, request({ pathWithQueryString: "/m?id=1&id=2", multiValueHeaders: { "X-Tag": ["one", "two"] } }), OPTIONS);
    expect(result.status).toBe(200);
    const sent = backend.requests[before];
    const query = new URL(sent.url, "http://x").searchParams;
    expect(query.getAll("ids")).toEqual(["1", "2"]);
    expect(query.getAll("last")).toEqual(["2"]);
    expect(sent.headers["x-all"]).toBe("one,two");
    expect(sent.headers["x-last"]).toBe("two");
    // $input.params() reads the single-value maps: the last value.
    expect(JSON.parse(sent.body)).toEqual({ id: "2", tag: "two" });
  });
});

describe("repeated values and the Lambda proxy integration", () => {
  const FN = "arn:aws:lambda:us-east-1:123456789012:function:f";
  const design = designOf({
    "/l": {
      GET: { integration: { type: "AWS_PROXY", httpMethod: "POST", uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FN}/invocations` } },
    },
  });

  it("builds both maps in the event: last value in headers/queryStringParameters, all in the multi-value maps", async () => {
    let event: Record<string, unknown> = {};
    const lambda: LambdaInvoker = async (_fn, payload) => {
      event = JSON.parse(payload);
      return { statusCode: 200, payload: JSON.stringify({ statusCode: 200 }) };
    };
    await invokeMethod(design, request({ pathWithQueryString: "/l?a=1&a=2&b=x", headers: { Host: "h" }, multiValueHeaders: { "X-Tag": ["one", "two"] } }), {
      ...OPTIONS,
      lambda,
    });
    expect(event.queryStringParameters).toEqual({ a: "2", b: "x" });
    expect(event.multiValueQueryStringParameters).toEqual({ a: ["1", "2"], b: ["x"] });
    expect(event.headers).toEqual({ "X-Tag": "two", Host: "h" });
    expect(event.multiValueHeaders).toEqual({ "X-Tag": ["one", "two"], Host: ["h"] });
  });

  it("merges a proxy response's multiValueHeaders with its headers; a pair in both appears once", async () => {
    const lambda: LambdaInvoker = async () => ({
      statusCode: 200,
      payload: JSON.stringify({
        statusCode: 200,
        headers: { "Set-Cookie": "c=3", "X-Same": "v" },
        multiValueHeaders: { "Set-Cookie": ["a=1", "b=2"], "X-Same": ["v"] },
        body: "ok",
      }),
    });
    const result = await invokeMethod(design, request({ pathWithQueryString: "/l" }), { ...OPTIONS, lambda });
    expect(result.multiValueHeaders).toMatchObject({ "Set-Cookie": ["a=1", "b=2", "c=3"], "X-Same": ["v"] });
    expect(result.headers["Set-Cookie"]).toBe("c=3");
  });
});
