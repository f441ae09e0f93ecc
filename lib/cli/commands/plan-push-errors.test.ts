/**
 * What `gatehouse push` prints when AWS refuses, when something that is not API Gateway answers,
 * and when there are no credentials; and that a push stopped by a refusal resumes once the cause
 * is fixed. Real binary, real SDK, the fake control plane (behind a proxy for the HTML answer).
 */
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeApiGateway, type FakeApiGateway } from "../../../test/fakes/fake-apigateway/index";
import { cliScratch, runGatehouse } from "../../../test/helpers/cli";
import { CLI_ENV, envWithoutCredentials, petsOpenApi } from "./plan-push-fixtures";

const { write } = cliScratch("gatehouse-errors-");
const BAD_GATEWAY = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>";

/** Forwards to the fake, except PutRestApi (PUT /restapis/{id}), answered by a load balancer's HTML error page. */
function htmlOnPutRestApi(target: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method === "PUT" && /^\/restapis\/[^/]+(\?|$)/.test(req.url ?? "")) {
      req.resume();
      res.writeHead(502, { "content-type": "text/html" });
      return res.end(BAD_GATEWAY);
    }
    const upstream = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r(server)));
}

describe("gatehouse push: errors as AWS gave them", () => {
  let fake: FakeApiGateway;
  let proxy: Server;
  beforeAll(async () => {
    fake = await startFakeApiGateway({ port: 0 });
    proxy = await htmlOnPutRestApi(fake.url);
  });
  afterAll(async () => {
    await new Promise((r) => proxy.close(r));
    await fake.close();
  });
  const args = (name: string, endpoint = fake.url) => [
    "push",
    "--openapi",
    write(`${name}.json`, petsOpenApi(name)),
    "--stage",
    "dev",
    "--region",
    "us-east-1",
    "--endpoint",
    endpoint,
    "--api-name",
    name,
  ];

  it("a refusal prints AWS's code and message with the call and the entity; fixed, the push resumes on the same API", async () => {
    // AWS's wording for a bad mapping expression (recorded: test_put_integration_request_parameter_bool_type): 400 BadRequestException.
    const message = "Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: true]";
    fake.faults.failNth("PutIntegrationResponse", 1, { status: 400, type: "BadRequestException", message });
    const failed = await runGatehouse([...args("Refused"), "--strategy", "per-entity"], { env: CLI_ENV });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(
      `Add integration response 200 of GET /pets/{petId} failed: PutIntegrationResponse (GET /pets/{petId}): BadRequestException: ${message}`,
    );
    expect(failed.stderr).toMatch(/\(7 of 9 calls made\)\. Fix the cause, then push again with --api-id [a-z0-9]{10}: it continues from where it stopped\./);
    const restApiId = /--api-id ([a-z0-9]{10})/.exec(failed.stderr)![1];

    const resumed = await runGatehouse([...args("Refused"), "--strategy", "per-entity", "--json"], { env: CLI_ENV });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout.trim().split("\n").pop()!)).toMatchObject({ restApiId, calls: 3 });
    expect(fake.state.describe(restApiId)).toContain("integration GET /pets/{petId} MOCK");
    expect([...fake.state.restApis.values()].filter((a) => a.api.name === "Refused")).toHaveLength(1);
  }, 60_000);

  it("an HTML error page instead of PutRestApi's answer gives the status and the page's first bytes, not a parse error", async () => {
    const r = await runGatehouse(args("Html", `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`), { env: CLI_ENV });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Overwrite the API with its OpenAPI document`);
    expect(r.stderr).toContain(`PutRestApi (API Html): The endpoint answered HTTP 502 (text/html) with a body that is not API Gateway's JSON: ${BAD_GATEWAY}`);
    expect(r.stderr).toMatch(/run again to continue with --api-id [a-z0-9]{10}/);
    expect(r.stderr).not.toContain("Unexpected token");
  }, 60_000);

  it("no credentials: says which are missing and how to provide them, sends nothing", async () => {
    const before = fake.calls.length;
    const r = await runGatehouse(args("NoKeys"), { env: envWithoutCredentials() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "gatehouse push: GetRestApis: No AWS credentials: no AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the environment; no AWS_PROFILE and no default profile in /nonexistent or /nonexistent",
    );
    expect(r.stderr).toContain("or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN for temporary keys), or an instance or container role.");
    expect(r.stderr).not.toMatch(/again/i);
    expect(fake.calls.length).toBe(before);
  }, 60_000);
});
