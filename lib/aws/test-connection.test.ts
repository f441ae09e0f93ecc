import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeApiGateway, startFakeApiGateway } from "../../test/fakes/fake-apigateway";
import { testConnection } from "./test-connection";

const saved = { ...process.env };
let fake: FakeApiGateway;

beforeAll(() => {
  // Keep the default chain away from this machine's real config and the instance metadata service.
  process.env.AWS_CONFIG_FILE = "/nonexistent/gatehouse-test-config";
  process.env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/gatehouse-test-credentials";
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
  delete process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  delete process.env.AWS_WEB_IDENTITY_TOKEN_FILE;
});
afterAll(() => {
  process.env = saved;
});
beforeEach(async () => {
  process.env.AWS_ACCESS_KEY_ID = "AKIDFAKEFAKEFAKE";
  process.env.AWS_SECRET_ACCESS_KEY = "fake-secret-value";
  fake = await startFakeApiGateway({ quotas: false });
});
afterEach(async () => {
  await fake.close();
});

const byName = (r: Awaited<ReturnType<typeof testConnection>>) => Object.fromEntries(r.checks.map((c) => [c.name, c]));

describe("testConnection", () => {
  it("passes the three checks against a reachable endpoint, and says whether stages' web ACLs can be managed", async () => {
    const r = await testConnection({ region: "eu-west-1", endpointUrl: fake.url });
    expect(r.ok).toBe(true);
    expect(r.checks.map((c) => c.name)).toEqual(["credentials", "region", "permission", "waf"]);
    expect(fake.calls.map((c) => c.operation)).toEqual(["GetRestApis", "wafv2:ListWebACLs"]);
    expect(byName(r).waf).toMatchObject({ ok: true });
    expect(JSON.stringify(r)).not.toContain("fake-secret-value");
    expect(JSON.stringify(r)).not.toContain("AKIDFAKEFAKEFAKE");
  });

  it("says so when no credentials can be found", async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    const r = await testConnection({ region: "us-east-1", endpointUrl: fake.url });
    expect(r.ok).toBe(false);
    expect(byName(r).credentials.ok).toBe(false);
    expect(byName(r).credentials.message).toMatch(/No AWS credentials were found/);
    expect(fake.calls).toHaveLength(0);
  });

  it("a connection without AWS WAF permissions still passes; the WAF check says what stages can't do", async () => {
    fake.faults.failNth("wafv2:ListWebACLs", 1, { status: 400, type: "AccessDeniedException", message: "not authorized to perform: wafv2:ListWebACLs" });
    const r = await testConnection({ region: "us-east-1", endpointUrl: fake.url });
    expect(r.ok).toBe(true);
    expect(byName(r).waf.ok).toBe(false);
    expect(byName(r).waf.message).toMatch(
      /^Optional: AWS WAF answered AccessDeniedException: not authorized to perform: wafv2:ListWebACLs\. Stages' web ACLs can't be attached/,
    );
  });

  it("reports permission denied in plain words", async () => {
    fake.faults.failNth("GetRestApis", 1, {
      status: 403,
      type: "AccessDeniedException",
      message: "User: arn:aws:iam::123:user/x is not authorized to perform: apigateway:GET",
    });
    const r = await testConnection({ region: "us-east-1", endpointUrl: fake.url });
    expect(byName(r).credentials.ok).toBe(true);
    expect(byName(r).region.ok).toBe(true);
    expect(byName(r).permission).toMatchObject({ ok: false });
    expect(byName(r).permission.message).toMatch(/Permission denied/);
  });

  it("reports rejected credentials", async () => {
    fake.faults.failNth("GetRestApis", 1, {
      status: 403,
      type: "UnrecognizedClientException",
      message: "The security token included in the request is invalid.",
    });
    const r = await testConnection({ region: "us-east-1", endpointUrl: fake.url });
    expect(byName(r).credentials.ok).toBe(false);
    expect(byName(r).credentials.message).toMatch(/rejected the credentials/);
  });

  it("reports an unknown region without calling AWS", async () => {
    const r = await testConnection({ region: "zz-north-1" });
    expect(r.ok).toBe(false);
    expect(byName(r).region.message).toMatch(/not a Region Gatehouse knows/);
    const r2 = await testConnection({ region: "Frankfurt" });
    expect(byName(r2).region.message).toMatch(/not an AWS Region name/);
  });

  it("reports an unreachable endpoint", async () => {
    const url = fake.url;
    await fake.close();
    const r = await testConnection({ region: "us-east-1", endpointUrl: url });
    expect(byName(r).region.ok).toBe(false);
    expect(byName(r).region.message).toMatch(/Cannot reach API Gateway/);
    fake = await startFakeApiGateway({ quotas: false });
  });
});

describe("connections with a role ARN", () => {
  it("assumes the role through STS and signs API Gateway calls with the role's credentials", async () => {
    process.env.AWS_ENDPOINT_URL_STS = fake.url;
    try {
      const r = await testConnection({ region: "us-east-1", endpointUrl: fake.url, roleArn: "arn:aws:iam::123456789012:role/gatehouse-deployer" });
      expect(r.ok).toBe(true);
      const sts = fake.calls.find((c) => c.operation === "sts:AssumeRole");
      expect(sts?.body).toMatchObject({ RoleArn: "arn:aws:iam::123456789012:role/gatehouse-deployer", RoleSessionName: "gatehouse" });
      expect(fake.calls.find((c) => c.operation === "GetRestApis")?.accessKeyId).toBe("ASIAFAKEASSUMEDROLE1");
    } finally {
      delete process.env.AWS_ENDPOINT_URL_STS;
    }
  });

  it("reports a role that cannot be assumed", async () => {
    process.env.AWS_ENDPOINT_URL_STS = fake.url;
    try {
      const r = await testConnection({ region: "us-east-1", endpointUrl: fake.url, roleArn: "arn:aws:iam::123456789012:user/not-a-role" });
      expect(r.ok).toBe(false);
      expect(byName(r).credentials.message).toMatch(/Could not assume role arn:aws:iam::123456789012:user\/not-a-role/);
    } finally {
      delete process.env.AWS_ENDPOINT_URL_STS;
    }
  });
});
