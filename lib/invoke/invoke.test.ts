/** End to end through invokeMethod with the real template engine. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invokeMethod, type InvokeRequest } from "./index";
import { designOf, FIXED_NOW, request, startServer, type TestServer } from "../../test/helpers/invoke";

const OPTIONS = { apiId: "beags1mnid", requestId: "test-request", now: () => FIXED_NOW };
const TIMESTAMPED = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{2} \d{2}:\d{2}:\d{2} UTC \d{4} : (.*)$/;

/**
 * The messages of a log, after checking that every entry carries a Java timestamp. A value with
 * line breaks (a multi-line body) continues on the following lines, as in AWS's log.
 */
function messages(log: string): string[] {
  const lines = log.trimEnd().split("\n");
  expect(lines[0]).toBe("Execution log for request test-request");
  const out: string[] = [];
  for (const line of lines.slice(1)) {
    const m = TIMESTAMPED.exec(line);
    if (m) out.push(m[3]);
    else {
      expect(out.length, `continuation before any entry: ${line}`).toBeGreaterThan(0);
      out[out.length - 1] += "\n" + line;
    }
  }
  return out;
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, body, res) => {
    const status = Number(new URL(req.url ?? "/", "http://x").searchParams.get("status") ?? "200");
    res.writeHead(status, { "Content-Type": "application/json", "X-Trace": "t-1" });
    res.end(status >= 400 ? JSON.stringify({ error: `status ${status}` }) : JSON.stringify({ got: JSON.parse(body || "{}") }));
  });
});
afterAll(() => server.close());

describe("MOCK status selection (reference test vector 7)", () => {
  const design = designOf({
    "/mock": {
      GET: {
        methodResponses: { "200": { statusCode: "200" }, "500": { statusCode: "500" } },
        integration: {
          type: "MOCK",
          requestTemplates: {
            "application/json": '{\n #if( $input.params(\'scope\') == "internal" )\n "statusCode": 200\n #else\n "statusCode": 500\n #end\n}',
          },
          integrationResponses: {
            "200": { statusCode: "200", responseTemplates: { "application/json": '{"scope": "internal"}' } },
            "500": { statusCode: "500", selectionPattern: "5\\d{2}", responseTemplates: { "application/json": '{"message": "not internal"}' } },
          },
        },
      },
    },
  });

  it.each([
    ["/mock?scope=internal", 200, '{"scope": "internal"}'],
    ["/mock?scope=public", 500, '{"message": "not internal"}'],
    ["/mock", 500, '{"message": "not internal"}'],
  ])("%s → %i", async (path, status, body) => {
    const result = await invokeMethod(design, request({ pathWithQueryString: path }), OPTIONS);
    expect(result.status).toBe(status);
    expect(result.body).toBe(body);
    expect(result.resourcePath).toBe("/mock");
    expect(result.steps.every((s) => s.ok)).toBe(true);
  });

  it("writes the MOCK log: no Endpoint, Sending or Received lines", async () => {
    const result = await invokeMethod(design, request({ pathWithQueryString: "/mock?scope=internal", headers: { day: "Wednesday" } }), OPTIONS);
    expect(messages(result.log)).toEqual([
      "Starting execution for request: test-request",
      "HTTP Method: GET, Resource Path: /mock",
      "Method request path: {}",
      "Method request query string: {scope=internal}",
      "Method request headers: {day=Wednesday}",
      "Method request body before transformations: (null)",
      'Method response body after transformations: {"scope": "internal"}',
      "Method response headers: {Content-Type=application/json}",
      "Successfully completed execution",
      "Method completed with status: 200",
    ]);
  });
});

describe("HTTP integration end to end", () => {
  const design = designOf({
    "/{city}": {
      POST: {
        methodResponses: { "200": { statusCode: "200" }, "400": { statusCode: "400" } },
        integration: {
          type: "HTTP",
          httpMethod: "POST",
          uri: "${stageVariables.backend}/greet",
          requestParameters: { "integration.request.querystring.status": "method.request.querystring.status" },
          requestTemplates: {
            "application/json":
              '#set($inputRoot = $input.path(\'$\'))\n{ "city": "$input.params(\'city\')", "time": "$input.params(\'time\')", "day": "$input.params(\'day\')", "name": "$inputRoot.callerName" }',
          },
          integrationResponses: {
            "200": { statusCode: "200", responseParameters: { "method.response.header.X-Trace": "integration.response.header.X-Trace" } },
            "400": {
              statusCode: "400",
              selectionPattern: "4\\d{2}",
              responseTemplates: { "application/json": "{\"failed\": $input.json('$.error')}" },
            },
          },
        },
      },
    },
  });
  const call = (query: string): InvokeRequest =>
    request({
      httpMethod: "POST",
      pathWithQueryString: `/Seattle?time=morning${query}`,
      headers: { day: "Wednesday" },
      body: '{ "callerName": "John" }',
      stageVariables: { backend: server.url },
    });

  it("transforms the request (reference test vector 5), calls the backend and logs as AWS does", async () => {
    const result = await invokeMethod(design, call(""), OPTIONS);
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ got: { city: "Seattle", time: "morning", day: "Wednesday", name: "John" } });
    expect(result.headers["X-Trace"]).toBe("t-1");
    expect(result.headers["Content-Type"]).toBe("application/json");
    expect(result.headers["X-Amzn-Trace-Id"]).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);

    const log = messages(result.log);
    const at = (prefix: string) => {
      const i = log.findIndex((l) => l.startsWith(prefix));
      expect(i, prefix).toBeGreaterThanOrEqual(0);
      return i;
    };
    const order = [
      "Starting execution for request: test-request",
      "HTTP Method: POST, Resource Path: /Seattle",
      "Method request path: {city=Seattle}",
      "Method request query string: {time=morning}",
      "Method request headers: {day=Wednesday}",
      'Method request body before transformations: { "callerName": "John" }',
      `Endpoint request URI: ${server.url}/greet`,
      "Endpoint request headers: {",
      "Endpoint request body after transformations: {",
      `Sending request to ${server.url}/greet`,
      "Received response. Status: 200, Integration latency: ",
      "Endpoint response headers: {",
      "Endpoint response body before transformations: {",
      "Method response body after transformations: {",
      "Method response headers: {X-Amzn-Trace-Id=Root=1-",
      "Successfully completed execution",
      "Method completed with status: 200",
    ].map(at);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(log).toHaveLength(order.length);
    expect(log[at("Method response headers")]).toMatch(/X-Trace=t-1/);
  });

  it("selects the integration response by a regex on the backend status and renders its template", async () => {
    const result = await invokeMethod(design, call("&status=404"), OPTIONS);
    expect(result.status).toBe(400);
    expect(JSON.parse(result.body)).toEqual({ failed: "status 404" });
    expect(messages(result.log)).toContainEqual(expect.stringMatching(/^Received response\. Status: 404, Integration latency: \d+ ms$/));
  });

  it("answers a backend status that nothing maps with AWS's configuration error", async () => {
    const strict = designOf({
      "/x": {
        GET: {
          methodResponses: { "200": { statusCode: "200" } },
          integration: {
            type: "HTTP",
            httpMethod: "GET",
            uri: `${server.url}/x?status=503`,
            integrationResponses: { "200": { statusCode: "200", selectionPattern: "2\\d{2}" } },
          },
        },
      },
    });
    const result = await invokeMethod(strict, request({ pathWithQueryString: "/x" }), OPTIONS);
    expect(result.status).toBe(500);
    expect(result.body).toBe('{"message": "Internal server error"}');
    expect(messages(result.log).slice(-2)).toEqual([
      "Execution failed due to configuration error: No match for output mapping and no default output mapping configured. Endpoint Response Status Code: 503",
      "Method completed with status: 500",
    ]);
    expect(result.steps.at(-1)).toMatchObject({ name: "integrationResponse", ok: false });
  });

  it("answers a timeout with 504 and AWS's timeout line", async () => {
    const slow = await startServer((_req, _body, res) => setTimeout(() => res.end("late"), 1000));
    try {
      const d = designOf({ "/s": { GET: { integration: { type: "HTTP_PROXY", httpMethod: "GET", uri: `${slow.url}/`, timeoutInMillis: 50 } } } });
      const result = await invokeMethod(d, request({ pathWithQueryString: "/s" }), OPTIONS);
      expect(result.status).toBe(504);
      expect(result.body).toBe('{"message": "Endpoint request timed out"}');
      expect(messages(result.log).slice(-2)).toEqual(["Execution failed due to a timeout error", "Method completed with status: 504"]);
    } finally {
      await slow.close();
    }
  });
});

describe("response override (reference test vector 8)", () => {
  it("sets the status from $context.responseOverride.status and leaves the body", async () => {
    const payload = '{"errors":[{"key":"GetPetRequest.petId","message":"The value is out of range."}]}';
    const design = designOf({
      "/pets": {
        POST: {
          methodResponses: { "200": { statusCode: "200" } },
          integration: {
            type: "HTTP",
            httpMethod: "POST",
            uri: `${server.url}/echo`,
            requestTemplates: { "application/json": "$input.body" },
            integrationResponses: {
              "200": {
                statusCode: "200",
                responseTemplates: {
                  "application/json":
                    '#set($inputRoot = $input.path(\'$\'))\n$input.json("$.got")\n#if($inputRoot.toString().contains("error"))\n#set($context.responseOverride.status = 400)\n#set($context.responseOverride.header.X-Why = "error")\n#end',
                },
              },
            },
          },
        },
      },
    });
    const result = await invokeMethod(design, request({ httpMethod: "POST", pathWithQueryString: "/pets", body: payload }), OPTIONS);
    expect(result.status).toBe(400);
    expect(JSON.parse(result.body)).toEqual(JSON.parse(payload));
    expect(result.headers["X-Why"]).toBe("error");
    expect(messages(result.log).at(-1)).toBe("Method completed with status: 400");
  });
});

describe("errors answered as API Gateway answers them", () => {
  it("403 Missing Authentication Token for an unknown route", async () => {
    const result = await invokeMethod(designOf({}), request({ pathWithQueryString: "/nothing" }), OPTIONS);
    expect(result).toMatchObject({ status: 403, body: '{"message":"Missing Authentication Token"}', resourceId: undefined });
    expect(messages(result.log).at(-1)).toBe("Method completed with status: 403");
  });

  it("500 with the guard's reason for a backend on the metadata address", async () => {
    const d = designOf({ "/m": { GET: { integration: { type: "HTTP_PROXY", httpMethod: "GET", uri: "http://169.254.169.254/latest/meta-data/" } } } });
    const result = await invokeMethod(d, request({ pathWithQueryString: "/m" }), OPTIONS);
    expect(result.status).toBe(500);
    expect(result.log).toMatch(/Execution failed due to configuration error: Invalid endpoint address\n.*169\.254\.169\.254.*refused/);
    expect(result.log).not.toMatch(/Received response/);
  });

  it("500 Unable to transform request for a broken template", async () => {
    const d = designOf({
      "/t": {
        GET: { integration: { type: "MOCK", requestTemplates: { "application/json": "#if($x" }, integrationResponses: { "200": { statusCode: "200" } } } },
      },
    });
    const result = await invokeMethod(d, request({ pathWithQueryString: "/t" }), OPTIONS);
    expect(result.status).toBe(500);
    expect(result.log).toMatch(/Execution failed due to configuration error: Unable to transform request/);
  });
});
