/**
 * The counting middleware on a real API Gateway client (lib/aws/client.ts) against the fake control
 * plane: what /api/metrics reports is what went over the wire, throttles included.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type FakeApiGateway, startFakeApiGateway } from "../../test/fakes/fake-apigateway";
import { createApiGatewayClient } from "../aws/client";
import { renderMetrics } from "./metrics";

function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe("AWS calls made through Gatehouse's API Gateway client", () => {
  let fake: FakeApiGateway;
  beforeAll(async () => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIAFAKEOPS000000000");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "fake-secret");
    fake = await startFakeApiGateway({ quotas: false });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await fake?.close();
  });

  it("are counted by operation and outcome, and a 429 TooManyRequests counts as a throttle", async () => {
    const client = createApiGatewayClient({ region: "us-east-1", endpointUrl: fake.url });
    const { GetRestApisCommand } = await import("@aws-sdk/client-api-gateway");
    const before = (await renderMetrics()).body;
    fake.faults.failNth("GetRestApis", 2, { status: 429, type: "TooManyRequestsException" });
    await client.send(new GetRestApisCommand({}));
    await expect(client.send(new GetRestApisCommand({}))).rejects.toMatchObject({ name: "TooManyRequestsException" });
    const after = (await renderMetrics()).body;
    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(delta('gatehouse_aws_calls_total{service="apigateway",operation="GetRestApis",outcome="success"}')).toBe(1);
    expect(delta('gatehouse_aws_calls_total{service="apigateway",operation="GetRestApis",outcome="throttled"}')).toBe(1);
    expect(delta('gatehouse_aws_throttles_total{service="apigateway",operation="GetRestApis"}')).toBe(1);
    expect(fake.calls.filter((c) => c.operation === "GetRestApis")).toHaveLength(2);
  });
});
