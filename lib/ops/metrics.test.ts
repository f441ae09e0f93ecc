import { describe, expect, it, vi } from "vitest";
import { countAwsCalls, isThrottle } from "./aws-calls";
import { metrics, recordGatewayRequest, recordHttpRequest, recordPush, renderMetrics } from "./metrics";

/** The value of one series in the exposition text, or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("metrics", () => {
  it("keeps one registry per process, whichever copy of the module asks", async () => {
    vi.resetModules();
    const again: typeof import("./metrics") = await import("./metrics");
    expect(again.metrics).not.toBe(metrics);
    expect(again.metrics()).toBe(metrics());
  });

  it("counts HTTP requests by method, route group and status, with durations", async () => {
    recordHttpRequest({ method: "GET", route: "page", status: 200, durationMs: 40 });
    recordHttpRequest({ method: "GET", route: "page", status: 200, durationMs: 3000 });
    recordHttpRequest({ method: "POST", route: "api", status: 401, durationMs: 2 });
    const { body, contentType } = await renderMetrics();
    expect(contentType).toContain("text/plain");
    expect(sample(body, 'gatehouse_http_requests_total{method="GET",route="page",status="200"}')).toBe(2);
    expect(sample(body, 'gatehouse_http_requests_total{method="POST",route="api",status="401"}')).toBe(1);
    expect(sample(body, 'gatehouse_http_request_duration_seconds_count{method="GET",route="page"}')).toBe(2);
    expect(sample(body, 'gatehouse_http_request_duration_seconds_bucket{le="0.05",method="GET",route="page"}')).toBe(1);
    expect(sample(body, 'gatehouse_http_request_duration_seconds_sum{method="GET",route="page"}')).toBeCloseTo(3.04);
  });

  it("counts gateway traffic by API, stage and status", async () => {
    recordGatewayRequest({ api: "a1", stage: "prod", status: 200, durationMs: 5 });
    recordGatewayRequest({ api: "a1", stage: "prod", status: 502, durationMs: 5 });
    recordGatewayRequest({ api: "", stage: "", status: 403, durationMs: 1 });
    const { body } = await renderMetrics();
    expect(sample(body, 'gatehouse_gateway_requests_total{api="a1",stage="prod",status="502"}')).toBe(1);
    expect(sample(body, 'gatehouse_gateway_requests_total{api="",stage="",status="403"}')).toBe(1);
    expect(sample(body, 'gatehouse_gateway_request_duration_seconds_count{api="a1",stage="prod"}')).toBe(2);
  });

  it("counts pushes by outcome with their duration", async () => {
    recordPush({ outcome: "failed", durationMs: 1500 });
    const { body } = await renderMetrics();
    expect(sample(body, 'gatehouse_pushes_total{outcome="failed"}')).toBe(1);
    expect(sample(body, 'gatehouse_push_duration_seconds_sum{outcome="failed"}')).toBe(1.5);
  });

  it("includes the default process metrics", async () => {
    const { body } = await renderMetrics();
    expect(body).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(body).toMatch(/^nodejs_heap_size_used_bytes \d/m);
  });
});

/** A stand-in for an SDK client's middleware stack: runs the added middleware around `send`. */
type Handler = (args: unknown) => Promise<unknown>;
type Middleware = (next: Handler, context: { commandName: string }) => Handler;

function fakeClient(answer: (command: string) => Promise<unknown>) {
  const middleware: Middleware[] = [];
  const client = { middlewareStack: { add: (mw: Middleware) => middleware.push(mw) } };
  const send = (commandName: string) => {
    const innermost: Handler = () => answer(commandName);
    return middleware.reduce<Handler>((next, mw) => mw(next, { commandName }), innermost)(undefined);
  };
  return { client, send };
}

function awsError(name: string, status: number) {
  return Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
}

describe("AWS call counting", () => {
  it("recognises throttles by name or HTTP 429, and nothing else", () => {
    expect(isThrottle(awsError("TooManyRequestsException", 429))).toBe(true);
    expect(isThrottle(awsError("ThrottlingException", 400))).toBe(true);
    expect(isThrottle(awsError("SomethingNew", 429))).toBe(true);
    expect(isThrottle(awsError("NotFoundException", 404))).toBe(false);
    expect(isThrottle(new Error("socket hang up"))).toBe(false);
    expect(isThrottle(undefined)).toBe(false);
  });

  it("counts each call by operation and outcome, throttles apart, and passes answers and errors through", async () => {
    const { client, send } = fakeClient(async (command) => {
      if (command === "GetRestApisCommand") return { items: [] };
      if (command === "PutMethodCommand") throw awsError("TooManyRequestsException", 429);
      throw awsError("NotFoundException", 404);
    });
    countAwsCalls(client, "testsvc");
    await expect(send("GetRestApisCommand")).resolves.toEqual({ items: [] });
    await expect(send("PutMethodCommand")).rejects.toThrow("TooManyRequestsException");
    await expect(send("PutMethodCommand")).rejects.toThrow("TooManyRequestsException");
    await expect(send("GetStageCommand")).rejects.toThrow("NotFoundException");
    const { body } = await renderMetrics();
    expect(sample(body, 'gatehouse_aws_calls_total{service="testsvc",operation="GetRestApis",outcome="success"}')).toBe(1);
    expect(sample(body, 'gatehouse_aws_calls_total{service="testsvc",operation="PutMethod",outcome="throttled"}')).toBe(2);
    expect(sample(body, 'gatehouse_aws_calls_total{service="testsvc",operation="GetStage",outcome="error"}')).toBe(1);
    expect(sample(body, 'gatehouse_aws_throttles_total{service="testsvc",operation="PutMethod"}')).toBe(2);
    expect(sample(body, 'gatehouse_aws_throttles_total{service="testsvc",operation="GetStage"}')).toBeUndefined();
  });
});
