import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { InvocationContext } from "./context";
import { GatewayError } from "./errors";
import { integration, mockStatusCode } from "./integration";
import { integrationRequest } from "./integration-request";
import { methodRequest } from "./method-request";
import { parseRequest } from "./parse";
import { runPipeline } from "./pipeline";
import { routeRequest } from "./route";
import { contextFor, designOf, startServer, type TestServer } from "../../test/helpers/invoke";

let server: TestServer;

beforeAll(async () => {
  server = await startServer((req, body, res) => {
    if (req.url?.startsWith("/slow")) {
      setTimeout(() => {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end("{}");
      }, 1500);
      return;
    }
    const status = Number(new URL(req.url ?? "/", "http://x").searchParams.get("status") ?? "200");
    res.writeHead(status, { "Content-Type": "application/json", "X-Backend": "yes", "Set-Cookie": "a=1" });
    res.end(JSON.stringify({ method: req.method, url: req.url, body, tenant: req.headers["x-tenant"] ?? null }));
  });
});
afterAll(() => server.close());

/** A context as the integration request leaves it. */
async function readyFor(integrationSpec: Record<string, unknown>, req: Parameters<typeof contextFor>[1] = {}, options = {}): Promise<InvocationContext> {
  const design = designOf({ "/{proxy+}": { ANY: { integration: integrationSpec, methodResponses: { "200": { statusCode: "200" } } } } });
  const ctx = contextFor(design, { pathWithQueryString: "/x", stageVariables: { backend: server.url }, ...req }, options);
  parseRequest(ctx);
  routeRequest(ctx);
  await methodRequest(ctx);
  integrationRequest(ctx);
  return ctx;
}

async function errorOf(p: Promise<void>): Promise<GatewayError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof GatewayError) return e;
    throw e;
  }
  throw new Error("expected a GatewayError");
}

describe("MOCK", () => {
  it("reads statusCode from the rendered request template, 200 when absent", () => {
    expect(mockStatusCode('{ "statusCode": 500 }')).toBe(500);
    expect(mockStatusCode('{\n  "statusCode": 404,\n}')).toBe(404);
    expect(mockStatusCode('{"other": 1}')).toBe(200);
    expect(mockStatusCode("")).toBe(200);
    expect(mockStatusCode(undefined)).toBe(200);
  });

  it("answers with an empty body: MOCK echoes nothing", async () => {
    const ctx = await readyFor({ type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 201}' } }, { body: '{"echo":"me"}' });
    await integration(ctx);
    expect(ctx.endpointResponse).toEqual({ status: 201, headers: {}, body: "", latencyMs: 0 });
  });
});

describe("HTTP integrations (real server on 127.0.0.1)", () => {
  it("sends the endpoint request and records the backend response and its log lines", async () => {
    const ctx = await readyFor(
      {
        type: "HTTP",
        httpMethod: "POST",
        uri: "${stageVariables.backend}/items/{proxy}?status=202",
        requestParameters: { "integration.request.header.X-Tenant": "'acme'" },
      },
      { pathWithQueryString: "/a/b", body: '{"n":1}' },
    );
    await integration(ctx);
    const r = ctx.endpointResponse!;
    expect(r.status).toBe(202);
    expect(r.headers["x-backend"]).toBe("yes");
    expect(JSON.parse(r.body)).toEqual({ method: "POST", url: "/items/a/b?status=202", body: '{"n":1}', tenant: "acme" });
    const lines = ctx.log.messages();
    const uri = `${server.url}/items/a/b?status=202`;
    expect(lines).toContain(`Sending request to ${uri}`);
    expect(lines.find((l) => l.startsWith("Received response."))).toMatch(/^Received response\. Status: 202, Integration latency: \d+ ms$/);
    expect(lines).toContain(`Endpoint response body before transformations: ${r.body}`);
    expect(lines.find((l) => l.startsWith("Endpoint response headers:"))).toMatch(/x-backend=yes/);
  });

  it("sends no body with GET", async () => {
    const ctx = await readyFor({ type: "HTTP", httpMethod: "GET", uri: "${stageVariables.backend}/g" }, { body: "ignored" });
    await integration(ctx);
    expect(JSON.parse(ctx.endpointResponse!.body).body).toBe("");
  });

  it("times out after timeoutInMillis with INTEGRATION_TIMEOUT", async () => {
    const ctx = await readyFor({ type: "HTTP_PROXY", httpMethod: "GET", uri: "${stageVariables.backend}/slow", timeoutInMillis: 100 });
    const started = Date.now();
    const e = await errorOf(integration(ctx));
    expect(e.responseType).toBe("INTEGRATION_TIMEOUT");
    expect(e.logLines).toEqual(["Execution failed due to a timeout error"]);
    expect(Date.now() - started).toBeLessThan(1400);
  });

  it("answers a refused connection with INTEGRATION_FAILURE", async () => {
    const closed = await startServer(() => undefined);
    const url = closed.url;
    await closed.close();
    const ctx = await readyFor({ type: "HTTP", httpMethod: "GET", uri: `${url}/x` });
    expect((await errorOf(integration(ctx))).responseType).toBe("INTEGRATION_FAILURE");
  });

  it("refuses 169.254.169.254 through the outbound guard without calling fetch", async () => {
    const fetchImpl = vi.fn(fetch);
    const ctx = await readyFor(
      { type: "HTTP", httpMethod: "GET", uri: "http://169.254.169.254/latest/meta-data/iam/" },
      {},
      { fetchImpl: fetchImpl as typeof fetch },
    );
    const e = await errorOf(integration(ctx));
    expect(fetchImpl).not.toHaveBeenCalled();
    expect(e.responseType).toBe("API_CONFIGURATION_ERROR");
    expect(e.logLines[0]).toBe("Execution failed due to configuration error: Invalid endpoint address");
    expect(e.logLines[1]).toMatch(/169\.254\.169\.254.*refused/);
  });

  it("fails AWS and AWS_PROXY integrations with a log that says they need an AWS connection", async () => {
    for (const type of ["AWS", "AWS_PROXY"]) {
      const ctx = await readyFor({ type, httpMethod: "POST", uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f/invocations" });
      const e = await errorOf(integration(ctx));
      expect(e.responseType).toBe("API_CONFIGURATION_ERROR");
      expect(e.logLines[0]).toMatch(new RegExp(`^Execution failed due to configuration error: ${type} integrations .*need an AWS connection`));
    }
  });
});

describe("outbound policy from the environment", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("applies GATEHOUSE_OUTBOUND_DENY when the caller passes no policy", async () => {
    vi.stubEnv("GATEHOUSE_OUTBOUND_DENY", "127.0.0.0/8");
    const ctx = await readyFor({ type: "HTTP", httpMethod: "GET", uri: "${stageVariables.backend}/x" });
    const before = server.requests.length;
    const e = await errorOf(integration(ctx));
    expect(e.logLines[1]).toMatch(/deny list/);
    expect(server.requests.length).toBe(before);
  });

  it("fails VPC_LINK integrations with a log that says they need AWS", async () => {
    const ctx = await readyFor({ type: "HTTP", httpMethod: "GET", connectionType: "VPC_LINK", connectionId: "abc", uri: "http://nlb.internal/" });
    expect((await errorOf(integration(ctx))).logLines[0]).toMatch(/VPC_LINK .*need an AWS connection/);
  });
});

describe("HTTP passthrough through the whole pipeline", () => {
  it("HTTP_PROXY returns the backend's status, headers and body unchanged", async () => {
    const design = designOf({
      "/{proxy+}": {
        ANY: {
          integration: {
            type: "HTTP_PROXY",
            httpMethod: "ANY",
            uri: `${server.url}/{proxy}`,
            requestParameters: { "integration.request.path.proxy": "method.request.path.proxy" },
          },
        },
      },
    });
    const ctx = contextFor(design, { httpMethod: "PUT", pathWithQueryString: "/v1/things?status=418", headers: { "X-Tenant": "t1" }, body: "raw" });
    await runPipeline(ctx);
    expect(ctx.response!.status).toBe(418);
    expect(ctx.response!.headers).toMatchObject({ "x-backend": "yes", "content-type": "application/json", "set-cookie": "a=1" });
    expect(JSON.parse(ctx.response!.body)).toEqual({ method: "PUT", url: "/v1/things?status=418", body: "raw", tenant: "t1" });
    expect(ctx.log.messages().at(-1)).toBe("Method completed with status: 418");
  });

  it("HTTP without templates passes the backend body through the default integration response", async () => {
    const design = designOf({
      "/p": {
        POST: {
          methodResponses: { "200": { statusCode: "200" } },
          integration: { type: "HTTP", httpMethod: "POST", uri: `${server.url}/p`, integrationResponses: { "200": { statusCode: "200" } } },
        },
      },
    });
    const ctx = contextFor(design, { httpMethod: "POST", pathWithQueryString: "/p", headers: { "Content-Type": "text/plain" }, body: "plain text" });
    await runPipeline(ctx);
    expect(ctx.response!.status).toBe(200);
    expect(JSON.parse(ctx.response!.body)).toMatchObject({ method: "POST", body: "plain text" });
    expect(server.requests.at(-1)!.headers["content-type"]).toBe("text/plain");
  });
});
