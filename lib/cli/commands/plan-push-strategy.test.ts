/**
 * `gatehouse plan|push --strategy`, and a push with nothing to change, through the real binary
 * against the fake control plane: what the CLI says and which calls reached "AWS".
 */
import { APIGatewayClient, CreateDeploymentCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeApiGateway, type FakeApiGateway } from "../../../test/fakes/fake-apigateway/index";
import { cliScratch, runGatehouse } from "../../../test/helpers/cli";
import { CLI_ENV, petsOpenApi } from "./plan-push-fixtures";

const { write } = cliScratch("gatehouse-strategy-");
const gatehouse = (...args: string[]) => runGatehouse(args, { env: CLI_ENV });
/** Every write sent since `from`, answered or throttled. */
const attempts = (fake: FakeApiGateway, from: number) =>
  fake.calls
    .slice(from)
    .filter((c) => !c.operation.startsWith("Get"))
    .map((c) => c.operation);
/** The writes AWS accepted since `from` (a throttled call is retried by the limiter). */
const writes = (fake: FakeApiGateway, from: number) =>
  fake.calls
    .slice(from)
    .filter((c) => !c.operation.startsWith("Get") && c.status < 300)
    .map((c) => c.operation);
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split("\n").pop()!);

describe("gatehouse plan / push --strategy", () => {
  let fake: FakeApiGateway;
  beforeAll(async () => void (fake = await startFakeApiGateway({ port: 0 })));
  afterAll(() => fake?.close());
  const common = (name: string, file: string) => ["--openapi", file, "--stage", "dev", "--region", "us-east-1", "--endpoint", fake.url, "--api-name", name];

  it("per-entity never uses PutRestApi; put-rest-api and auto overwrite a new API in one call", async () => {
    const file = write("strategy.json", petsOpenApi("Strategy"));
    const perEntity = await gatehouse("plan", ...common("Strategy", file), "--strategy", "per-entity");
    expect(perEntity.code, perEntity.stderr).toBe(0);
    expect(perEntity.stdout).toContain("strategy: per-entity");
    expect(perEntity.stdout).toMatch(/CreateResource\s+Create resource \/pets\n/);
    expect(perEntity.stdout).not.toContain("PutRestApi");
    for (const strategy of ["put-rest-api", "auto"]) {
      const put = await gatehouse("plan", ...common("Strategy", file), "--strategy", strategy);
      expect(put.code, put.stderr).toBe(0);
      expect(put.stdout).toContain("strategy: put-rest-api (PutRestApi: 2 calls instead of");
      expect(put.stdout).toMatch(/PutRestApi\s+Overwrite the API/);
    }

    const before = fake.calls.length;
    const pushed = await gatehouse("push", ...common("Strategy", file), "--strategy", "per-entity", "--json");
    expect(pushed.code, pushed.stderr).toBe(0);
    const sent = writes(fake, before);
    expect(sent).not.toContain("PutRestApi");
    expect(sent.filter((o) => o === "CreateResource")).toHaveLength(2);
    expect(sent.slice(-2)).toEqual(["CreateDeployment", "CreateStage"]);
  }, 60_000);

  it("refuses an unknown strategy with exit 2 before calling AWS, and --help lists the choices", async () => {
    const file = write("bad.json", petsOpenApi("Bad"));
    const before = fake.calls.length;
    for (const command of ["plan", "push"]) {
      const r = await gatehouse(command, ...common("Bad", file), "--strategy", "putrestapi");
      expect(r).toEqual({ code: 2, stdout: "", stderr: `gatehouse ${command}: --strategy must be auto, per-entity or put-rest-api, not "putrestapi"\n` });
    }
    expect(fake.calls.length).toBe(before);
    const help = await gatehouse("push", "--help");
    expect(help.stdout).toContain("--strategy <strategy>");
    expect(help.stdout).toContain("auto, per-entity or put-rest-api");
  });
});

describe("gatehouse push with nothing to change", () => {
  let fake: FakeApiGateway;
  beforeAll(async () => void (fake = await startFakeApiGateway({ port: 0 })));
  afterAll(() => fake?.close());

  it("sends no write, exits 0 and names the deployment the stage already runs", async () => {
    const file = write("same.json", petsOpenApi("Same"));
    const common = ["--openapi", file, "--stage", "dev", "--region", "us-east-1", "--endpoint", fake.url, "--api-name", "Same"];
    const first = lastJson((await gatehouse("push", ...common, "--json")).stdout);

    let before = fake.calls.length;
    const again = await gatehouse("push", ...common);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(
      `Nothing to change: stage dev of ${first.restApiId} already runs deployment ${first.deploymentId} of this design; no call made`,
    );
    expect(attempts(fake, before)).toEqual([]);
    before = fake.calls.length;
    const json = await gatehouse("push", ...common, "--json");
    expect(lastJson(json.stdout)).toEqual({ restApiId: first.restApiId, deploymentId: first.deploymentId, stage: "dev", calls: 0, upToDate: true });
    expect(attempts(fake, before)).toEqual([]);
    const plan = await gatehouse("plan", ...common);
    expect(plan.stdout).toContain(`then nothing: stage dev already runs deployment ${first.deploymentId} of this design`);
  }, 60_000);

  it("deploys again when the stage runs a deployment someone else made, or the file changed", async () => {
    const file = write("other.json", petsOpenApi("Other"));
    const common = ["--openapi", file, "--stage", "dev", "--region", "us-east-1", "--endpoint", fake.url, "--api-name", "Other"];
    const first = lastJson((await gatehouse("push", ...common, "--json")).stdout);
    const aws = new APIGatewayClient({ region: "us-east-1", endpoint: fake.url, credentials: { accessKeyId: "x", secretAccessKey: "y" } });
    await aws.send(new CreateDeploymentCommand({ restApiId: first.restApiId, stageName: "dev", description: "by hand" }));
    aws.destroy();
    let before = fake.calls.length;
    const redeployed = lastJson((await gatehouse("push", ...common, "--json")).stdout);
    expect(redeployed).toMatchObject({ calls: 2, upToDate: false });
    expect(writes(fake, before)).toEqual(["CreateDeployment", "UpdateStage"]);

    write("other.json", petsOpenApi("Other", "bonjour"));
    before = fake.calls.length;
    const changed = lastJson((await gatehouse("push", ...common, "--json")).stdout);
    expect(changed).toMatchObject({ calls: 3, upToDate: false });
    expect(writes(fake, before)).toEqual(["PutIntegrationResponse", "CreateDeployment", "UpdateStage"]);
  }, 60_000);
});
