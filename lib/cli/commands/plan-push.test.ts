/** `gatehouse plan` and `push` through the real CLI and the real SDK, against the FAKE API Gateway control plane. */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { APIGatewayClient, GetResourcesCommand, GetStageCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeApiGateway } from "../../../test/fakes/fake-apigateway/index";

const BIN = join(__dirname, "..", "..", "..", "bin", "gatehouse.mjs");
const ENV = { ...process.env, AWS_ACCESS_KEY_ID: "AKIAFAKECLI000000000", AWS_SECRET_ACCESS_KEY: "fake", AWS_REGION: "us-east-1" };

function gatehouse(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: ENV });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const openapi = {
  openapi: "3.0.1",
  info: { title: "CliPets", version: "1" },
  paths: {
    "/pets/{petId}": {
      get: {
        parameters: [{ name: "petId", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "ok" } },
        "x-amazon-apigateway-integration": {
          type: "mock",
          requestTemplates: { "application/json": '{"statusCode": 200}' },
          responses: { default: { statusCode: "200", responseTemplates: { "application/json": '{"id": "$input.params(\'petId\')"}' } } },
        },
      },
    },
  },
};

describe("gatehouse plan / push", () => {
  let fake: Awaited<ReturnType<typeof startFakeApiGateway>>;
  let file: string;
  beforeAll(async () => {
    fake = await startFakeApiGateway({ port: 0 });
    file = join(mkdtempSync(join(tmpdir(), "gatehouse-cli-")), "api.json");
    writeFileSync(file, JSON.stringify(openapi));
  });
  afterAll(() => fake?.close());

  it("plans, pushes, and then plans nothing more", async () => {
    const common = ["--openapi", file, "--stage", "dev", "--region", "us-east-1", "--endpoint", fake.url, "--api-name", "CliPets"];
    const plan = await gatehouse("plan", ...common);
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("A new REST API CliPets will be created");
    // A whole new API is fewer calls as one PutRestApi (overwrite) of its OpenAPI document.
    expect(plan.stdout).toMatch(/PutRestApi\s+Overwrite the API with its OpenAPI document/);
    expect(plan.stdout).toMatch(/strategy: put-rest-api \(PutRestApi: \d+ calls instead of \d+\)/);
    expect(plan.stdout).toContain("then CreateDeployment and CreateStage dev");

    const push = await gatehouse("push", ...common, "--json");
    expect(push.status, push.stderr).toBe(0);
    const summary = JSON.parse(push.stdout.trim().split("\n").pop()!) as { restApiId: string; deploymentId: string; stage: string; calls: number };
    expect(summary.stage).toBe("dev");
    expect(summary.calls).toBeGreaterThan(3);

    const aws = new APIGatewayClient({ region: "us-east-1", endpoint: fake.url, credentials: { accessKeyId: "x", secretAccessKey: "y" } });
    const resources = (await aws.send(new GetResourcesCommand({ restApiId: summary.restApiId, embed: ["methods"] }))).items ?? [];
    expect(resources.find((r) => r.path === "/pets/{petId}")?.resourceMethods?.GET?.methodIntegration?.type).toBe("MOCK");
    expect((await aws.send(new GetStageCommand({ restApiId: summary.restApiId, stageName: "dev" }))).deploymentId).toBe(summary.deploymentId);

    // Found by name this time, and already up to date.
    const again = await gatehouse("plan", ...common);
    expect(again.stdout).toContain(`REST API ${summary.restApiId} (CliPets)`);
    expect(again.stdout).toContain("0 change call(s)");
  }, 60_000);

  it("refuses bad arguments with messages and exit 2, before calling AWS", async () => {
    const before = fake.calls.length;
    const r = await gatehouse("push", "--stage", "dev!", "--api-id", "a", "--api-name", "b");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--openapi FILE is required");
    expect(r.stderr).toContain("--stage must be 1 to 128 characters of a-zA-Z0-9-_");
    expect(r.stderr).toContain("give --api-id or --api-name, not both");
    expect(fake.calls.length).toBe(before);
  });

  it("exits 1 with AWS's error when a call fails midway; running it again converges on the same API without duplicates", async () => {
    const common = ["--openapi", file, "--stage", "qa", "--region", "us-east-1", "--endpoint", fake.url, "--api-name", "CliRerun"];
    fake.faults.failNth("PutRestApi", 1, { status: 500, message: "We encountered an internal error. Please try again." });
    const failed = await gatehouse("push", ...common, "--json");
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain("We encountered an internal error. Please try again.");
    expect(failed.stderr).toMatch(/run again to continue with --api-id [a-z0-9]{10}/);
    const restApiId = /--api-id ([a-z0-9]{10})/.exec(failed.stderr)![1];
    const ok = await gatehouse("push", ...common, "--json");
    expect(ok.status, ok.stderr).toBe(0);
    const summary = JSON.parse(ok.stdout.trim().split("\n").pop()!) as { restApiId: string; deploymentId: string; stage: string; calls: number };
    expect(Object.keys(summary)).toEqual(["restApiId", "deploymentId", "stage", "calls", "upToDate"]);
    expect(summary.restApiId).toBe(restApiId);
    const lines = fake.state.describe(restApiId);
    expect(new Set(lines).size).toBe(lines.length);
    expect([...fake.state.restApis.values()].filter((a) => a.api.name === "CliRerun")).toHaveLength(1);
    expect(lines).toContain("integration GET /pets/{petId} MOCK");
  }, 60_000);

  it("reports AWS's error and exits 1 when the API id does not exist, creating nothing", async () => {
    const before = fake.calls.length;
    const r = await gatehouse("push", "--openapi", file, "--stage", "dev", "--region", "us-east-1", "--endpoint", fake.url, "--api-id", "nosuchapi1");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("REST API nosuchapi1 not found");
    expect(fake.calls.slice(before).map((c) => c.operation)).toEqual(["GetRestApi"]);
  }, 60_000);
});
