/** Lambda integrations through a LambdaInvoker: here a fake function in-process (no AWS). */
import { describe, expect, it } from "vitest";
import type { LambdaInvoker } from "./context";
import { invokeMethod } from "./index";
import { functionErrorOf, lambdaFunctionOf, parseProxyResponse } from "./lambda";
import { designOf, FIXED_NOW, request } from "../../test/helpers/invoke";

const FN = "arn:aws:lambda:us-east-1:123456789012:function:pets";
const URI = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FN}/invocations`;
const OPTIONS = { apiId: "abc123", requestId: "req-1", now: () => FIXED_NOW };

type Call = { functionArn: string; payload: string };
type Reply = { statusCode?: number; payload: string; functionError?: string };

/** A fake LambdaInvoker: records calls and answers with `reply(payload)`. */
function fakeLambda(reply: (payload: string) => Reply | Promise<Reply>): LambdaInvoker & { calls: Call[] } {
  const calls: Call[] = [];
  const fn = async (functionArn: string, payload: string) => {
    calls.push({ functionArn, payload });
    const r = await reply(payload);
    return { statusCode: r.statusCode ?? 200, payload: r.payload, functionError: r.functionError };
  };
  return Object.assign(fn, { calls });
}

const proxyDesign = designOf(
  {
    "/pets/{id}": { POST: { authorizationType: "CUSTOM", authorizerId: "a1", integration: { type: "AWS_PROXY", httpMethod: "POST", uri: URI } } },
    "/fn/{x}": {
      GET: {
        integration: {
          type: "AWS_PROXY",
          httpMethod: "POST",
          uri: "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:${stageVariables.fn}/invocations",
        },
      },
    },
  },
  { authorizers: [{ id: "a1", name: "auth", type: "TOKEN" }] },
);

describe("lambdaFunctionOf", () => {
  it("reads region and function ARN from a Lambda integration URI; other URIs are not Lambda", () => {
    expect(lambdaFunctionOf(URI)).toEqual({ region: "us-east-1", functionArn: FN });
    expect(lambdaFunctionOf(`${URI}?a=1`)).toEqual({ region: "us-east-1", functionArn: FN });
    expect(lambdaFunctionOf("arn:aws:apigateway:us-east-1:s3:path/bucket/key")).toBeUndefined();
    expect(lambdaFunctionOf("https://example.com")).toBeUndefined();
  });
});

describe("AWS_PROXY Lambda", () => {
  it("sends the REST API proxy event (payload format 1.0)", async () => {
    const lambda = fakeLambda(() => ({ payload: JSON.stringify({ statusCode: 201, body: "ok" }) }));
    await invokeMethod(
      proxyDesign,
      request({
        httpMethod: "POST",
        pathWithQueryString: "/pets/7?a=1&a=2&b=x",
        headers: { "Content-Type": "application/json", "User-Agent": "curl/8" },
        body: '{"name":"Rex"}',
        stageVariables: { env: "dev" },
        authorizer: { principalId: "user-1", context: { tenant: "acme" } },
      }),
      { ...OPTIONS, lambda },
    );
    expect(lambda.calls).toHaveLength(1);
    expect(lambda.calls[0].functionArn).toBe(FN);
    const event = JSON.parse(lambda.calls[0].payload);
    expect(event).toMatchObject({
      resource: "/pets/{id}",
      path: "/pets/7",
      httpMethod: "POST",
      headers: { "Content-Type": "application/json", "User-Agent": "curl/8" },
      multiValueHeaders: { "Content-Type": ["application/json"], "User-Agent": ["curl/8"] },
      queryStringParameters: { a: "2", b: "x" },
      multiValueQueryStringParameters: { a: ["1", "2"], b: ["x"] },
      pathParameters: { id: "7" },
      stageVariables: { env: "dev" },
      body: '{"name":"Rex"}',
      isBase64Encoded: false,
      requestContext: {
        resourceId: "/pets/{id}",
        resourcePath: "/pets/{id}",
        httpMethod: "POST",
        stage: "test-invoke-stage",
        requestId: "req-1",
        apiId: "abc123",
        identity: { sourceIp: "test-invoke-source-ip", userAgent: "curl/8" },
        authorizer: { principalId: "user-1", tenant: "acme", integrationLatency: 0 },
      },
    });
    expect(Object.keys(event).sort()).toEqual(
      [
        "body",
        "headers",
        "httpMethod",
        "isBase64Encoded",
        "multiValueHeaders",
        "multiValueQueryStringParameters",
        "path",
        "pathParameters",
        "queryStringParameters",
        "requestContext",
        "resource",
        "stageVariables",
      ].sort(),
    );
  });

  it("uses null for empty maps and an empty body, and substitutes stage variables in the function ARN", async () => {
    const lambda = fakeLambda(() => ({ payload: JSON.stringify({ statusCode: 200 }) }));
    const result = await invokeMethod(proxyDesign, request({ pathWithQueryString: "/fn/1", stageVariables: { fn: "blue" } }), { ...OPTIONS, lambda });
    expect(lambda.calls[0].functionArn).toBe("arn:aws:lambda:eu-west-1:1:function:blue");
    const event = JSON.parse(lambda.calls[0].payload);
    expect(event).toMatchObject({ headers: null, multiValueHeaders: null, queryStringParameters: null, multiValueQueryStringParameters: null, body: null });
    expect(event.requestContext.authorizer).toBeUndefined();
    expect(result.status).toBe(200);
    expect(result.body).toBe("");
    expect(result.log).toMatch(
      /Sending request to https:\/\/lambda\.eu-west-1\.amazonaws\.com\/2015-03-31\/functions\/arn:aws:lambda:eu-west-1:1:function:blue\/invocations/,
    );
  });

  it("answers with the proxy response: status, headers (multi-value merged), body", async () => {
    const lambda = fakeLambda(() => ({
      payload: JSON.stringify({
        statusCode: 404,
        headers: { "Content-Type": "text/plain", "X-One": 1 },
        multiValueHeaders: { "Set-Cookie": ["a=1", "b=2"] },
        body: "no pet",
      }),
    }));
    const result = await invokeMethod(proxyDesign, request({ httpMethod: "POST", pathWithQueryString: "/pets/9" }), { ...OPTIONS, lambda });
    expect(result.status).toBe(404);
    expect(result.body).toBe("no pet");
    expect(result.headers).toMatchObject({ "Content-Type": "text/plain", "X-One": "1", "Set-Cookie": "b=2" });
    expect(result.multiValueHeaders).toEqual({ "Content-Type": ["text/plain"], "X-One": ["1"], "Set-Cookie": ["a=1", "b=2"] });
    expect(result.log).toMatch(/Endpoint response body before transformations: \{"statusCode":404/);
    expect(result.log).toMatch(/Endpoint request body after transformations: \{"resource":"\/pets\/\{id\}"/);
  });

  it.each([
    ["not JSON", "hello"],
    ["an array", "[1]"],
    ["no statusCode", JSON.stringify({ body: "x" })],
    ["an object body", JSON.stringify({ statusCode: 200, body: { a: 1 } })],
    ["an unknown field", JSON.stringify({ statusCode: 200, body: "x", extra: true })],
    ["non-scalar headers", JSON.stringify({ statusCode: 200, headers: { a: { b: 1 } } })],
  ])("answers a malformed proxy response (%s) with 502 and AWS's log line", async (_, payload) => {
    const lambda = fakeLambda(() => ({ payload }));
    const result = await invokeMethod(proxyDesign, request({ httpMethod: "POST", pathWithQueryString: "/pets/1" }), { ...OPTIONS, lambda });
    expect(result.status).toBe(502);
    expect(JSON.parse(result.body)).toEqual({ message: "Internal server error" });
    expect(result.log).toMatch(/Execution failed due to configuration error: Malformed Lambda proxy response/);
    expect(result.log).toMatch(/Method completed with status: 502/);
  });

  it("answers a function error with 502 and the customer-function-error line", async () => {
    const lambda = fakeLambda(() => ({ payload: JSON.stringify({ errorMessage: "boom", errorType: "Error" }), functionError: "Unhandled" }));
    const result = await invokeMethod(proxyDesign, request({ httpMethod: "POST", pathWithQueryString: "/pets/1" }), { ...OPTIONS, lambda });
    expect(result.status).toBe(502);
    expect(result.log).toMatch(/Lambda execution failed with status 200 due to customer function error: boom/);
  });

  it("parses statusCode given as a numeric string; a base64 body stays text without binary media types", () => {
    expect(parseProxyResponse(JSON.stringify({ statusCode: "201", isBase64Encoded: true, body: "aGk=" }))).toEqual({
      statusCode: 201,
      headers: {},
      multiValueHeaders: {},
      body: "aGk=",
      isBase64Encoded: true,
    });
    expect(parseProxyResponse(JSON.stringify({ statusCode: 99 }))).toBeUndefined();
  });
});

describe("AWS (non-proxy) Lambda", () => {
  const design = designOf({
    "/calc": {
      POST: {
        methodResponses: { "200": { statusCode: "200" }, "400": { statusCode: "400" }, "500": { statusCode: "500" } },
        integration: {
          type: "AWS",
          httpMethod: "POST",
          uri: URI,
          requestTemplates: { "application/json": '{"op": "$input.path(\'$.op\')", "source": "gatehouse"}' },
          integrationResponses: {
            "200": { statusCode: "200" },
            "400": {
              statusCode: "400",
              selectionPattern: "Invalid.*",
              responseTemplates: { "application/json": '{"error": "$input.path(\'$.errorMessage\')"}' },
            },
            "500": { statusCode: "500", selectionPattern: "(\\n|.)*Internal(\\n|.)*" },
          },
        },
      },
    },
  });
  const call = (lambda: LambdaInvoker, op = "add") =>
    invokeMethod(
      design,
      request({ httpMethod: "POST", pathWithQueryString: "/calc", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ op }) }),
      { ...OPTIONS, lambda },
    );

  it("sends the transformed body and answers a success through the default response", async () => {
    const lambda = fakeLambda(() => ({ payload: '{"result": 3}' }));
    const result = await call(lambda);
    expect(JSON.parse(lambda.calls[0].payload)).toEqual({ op: "add", source: "gatehouse" });
    expect(result.status).toBe(200);
    expect(result.body).toBe('{"result": 3}');
    expect(result.log).toMatch(/Received response. Status: 200, Integration latency: \d+ ms/);
    expect(result.log).not.toMatch(/customer function error/);
  });

  it("selects the integration response on the function error's errorMessage (Java regex, full match)", async () => {
    const lambda = fakeLambda(() => ({ payload: JSON.stringify({ errorMessage: "Invalid operation: pow", errorType: "Error" }), functionError: "Unhandled" }));
    const result = await call(lambda, "pow");
    expect(result.status).toBe(400);
    expect(JSON.parse(result.body)).toEqual({ error: "Invalid operation: pow" });
    expect(result.log).toMatch(/Lambda execution failed with status 200 due to customer function error: Invalid operation: pow/);
    expect(result.log).toMatch(/Endpoint response headers: \{Content-Type=application\/json, X-Amz-Function-Error=Unhandled\}/);
  });

  it("matches patterns across line breaks only when the pattern allows them", async () => {
    const lambda = fakeLambda(() => ({ payload: JSON.stringify({ errorMessage: "Oops\nInternal failure" }), functionError: "Unhandled" }));
    expect((await call(lambda)).status).toBe(500);
  });

  it("answers an unmatched function error with the default response: 200, as AWS does", async () => {
    const lambda = fakeLambda(() => ({ payload: JSON.stringify({ errorMessage: "Something else", errorType: "TypeError" }), functionError: "Unhandled" }));
    const result = await call(lambda);
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ errorMessage: "Something else", errorType: "TypeError" });
  });

  it("does not select on the status code: a 4\\d{2}-style pattern does not catch a success", async () => {
    const d = designOf({
      "/x": {
        GET: {
          methodResponses: { "200": { statusCode: "200" }, "400": { statusCode: "400" } },
          integration: {
            type: "AWS",
            httpMethod: "POST",
            uri: URI,
            integrationResponses: { "200": { statusCode: "200" }, "400": { statusCode: "400", selectionPattern: "2\\d{2}" } },
          },
        },
      },
    });
    const result = await invokeMethod(d, request({ pathWithQueryString: "/x" }), { ...OPTIONS, lambda: fakeLambda(() => ({ payload: "{}" })) });
    expect(result.status).toBe(200);
  });

  it("answers Lambda Invoke failures as AWS does: permissions 500, timeout 504, others 504 integration failure", async () => {
    const denied = fakeLambda(() => {
      throw Object.assign(new Error("not authorized to perform lambda:InvokeFunction"), { name: "AccessDeniedException" });
    });
    const r1 = await call(denied);
    expect(r1.status).toBe(500);
    expect(r1.log).toMatch(/Execution failed due to configuration error: Invalid permissions on Lambda function/);

    const d = designOf({
      "/slow": {
        GET: {
          methodResponses: { "200": { statusCode: "200" } },
          integration: { type: "AWS", httpMethod: "POST", uri: URI, timeoutInMillis: 50, integrationResponses: { "200": { statusCode: "200" } } },
        },
      },
    });
    const slow = fakeLambda(() => new Promise((resolve) => setTimeout(() => resolve({ payload: "{}" }), 500)));
    const r2 = await invokeMethod(d, request({ pathWithQueryString: "/slow" }), { ...OPTIONS, lambda: slow });
    expect(r2.status).toBe(504);
    expect(r2.log).toMatch(/Execution failed due to a timeout error/);

    const broken = fakeLambda(() => {
      throw new Error("socket hang up");
    });
    const r3 = await call(broken);
    expect(r3.status).toBe(504);
    expect(r3.log).toMatch(/Execution failed due to an integration error: Lambda Invoke failed: socket hang up/);
  });

  it("still needs an AWS connection without a LambdaInvoker, and names other AWS services as not run locally", async () => {
    const none = await call(undefined as unknown as LambdaInvoker);
    expect(none.status).toBe(500);
    expect(none.log).toMatch(/AWS integrations call AWS services .*need an AWS connection/);
    const s3 = designOf({ "/s3": { GET: { integration: { type: "AWS", httpMethod: "GET", uri: "arn:aws:apigateway:us-east-1:s3:path/bucket/key" } } } });
    const r = await invokeMethod(s3, request({ pathWithQueryString: "/s3" }), { ...OPTIONS, lambda: fakeLambda(() => ({ payload: "{}" })) });
    expect(r.status).toBe(500);
    expect(r.log).toMatch(/other than Lambda/);
  });

  it("reads errorMessage and errorType from an error payload", () => {
    expect(functionErrorOf('{"errorMessage":"x","errorType":"E"}')).toEqual({ errorMessage: "x", errorType: "E" });
    expect(functionErrorOf('"bare"')).toEqual({ errorMessage: "" });
  });
});
