/**
 * Issue #15's pipeline, done only with the real `gatehouse remote` binary against the real /api/v1
 * route handlers (on a real PostgreSQL database) and the fake API Gateway: create an API from an
 * OpenAPI file, import its next version, deploy to dev, run the saved tests as a gate, compare,
 * promote to protected prod (exit 2 until an admin approves; the re-run then succeeds), push prod
 * to AWS. What people do in the console (stages, a saved test, the approval) is done through the
 * services, as the console would. Then what stops a pipeline: a failing gate, a bad file, a push
 * someone else is running.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import { createAccessToken } from "../../lib/auth/access-tokens";
import type { Role } from "../../lib/auth/roles";
import { createConnection } from "../../lib/connection/service";
import type { DbHandle } from "../../lib/db/client";
import { seedDemo } from "../../lib/db/seed";
import { createDeployment } from "../../lib/deployment/service";
import { parseDesign } from "../../lib/model/design";
import { editDesign } from "../../lib/restapi/service";
import { diffDesigns } from "../../lib/snapshot/diff";
import { formatDiffText } from "../../lib/snapshot/diff-format";
import { approveChangeRequest, rejectChangeRequest } from "../../lib/stage/approvals";
import { consoleJobs } from "../../lib/jobs";
import { acquirePushLock } from "../../lib/stage/push-lock";
import { createStage } from "../../lib/stage/service";
import { saveTestCase } from "../../lib/testcase/service";
import { type FakeApiGateway, startFakeApiGateway } from "../fakes/fake-apigateway";
import { actorsOfEveryRole } from "../helpers/actors";
import { cliScratch, runGatehouse } from "../helpers/cli";
import { openTestDatabase, type TestDatabase } from "../helpers/databases";
import { type ServedApiV1, serveApiV1 } from "./serve-api-v1";

const state = vi.hoisted(() => ({ handle: undefined as DbHandle | undefined }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/db", () => ({ getDb: async () => state.handle }));

const mock = (body: string) => ({
  responses: { "200": { description: "200 response" } },
  "x-amazon-apigateway-integration": {
    type: "mock",
    requestTemplates: { "application/json": '{"statusCode": 200}' },
    responses: { default: { statusCode: "200", responseTemplates: { "application/json": body } } },
  },
});
const V1 = { openapi: "3.0.1", info: { title: "Pets from CI", version: "1" }, paths: { "/pets": { get: mock('[{"id": 1}]') } } };
/** The next version of the file, as YAML: one more method. */
const V2_YAML = `openapi: 3.0.1
info: { title: Pets from CI, version: "2" }
paths:
  /pets:
    get: ${JSON.stringify(mock('[{"id": 1}]'))}
  /pets/{id}:
    get: ${JSON.stringify({ ...mock('{"id": 1}'), parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }] })}
`;

describe("a pipeline on the remote CLI only", () => {
  const files = cliScratch("gatehouse-pipeline-");
  let db: TestDatabase;
  let actors: Record<Role, Actor>;
  let fake: FakeApiGateway;
  let served: ServedApiV1;
  let connectionId: string;
  let env: NodeJS.ProcessEnv;
  let apiId: string;
  const p = () => db.handle.prisma;
  const gatehouse = (...args: string[]) => runGatehouse(["remote", ...args], { env });
  const stageRow = (name: string) => p().stage.findFirstOrThrow({ where: { restApiId: apiId, name }, include: { deployment: true } });

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = "AKIAPIPELINETESTKEY";
    process.env.AWS_SECRET_ACCESS_KEY = "pipeline-test-secret";
    delete process.env.AWS_PROFILE;
    db = await openTestDatabase("postgres", { migrate: true });
    state.handle = db.handle;
    // The push runs as a job: the route queues it on this database and this process's worker runs it.
    process.env.DATABASE_URL = db.url;
    await seedDemo(p());
    ({ actors } = await actorsOfEveryRole(p()));
    fake = await startFakeApiGateway({ quotas: false, totalQuota: null });
    connectionId = (await createConnection(p(), actors.admin, { name: "fake", region: "us-east-1", endpointUrl: fake.url })).id;
    served = await serveApiV1();
    const { token } = await createAccessToken(p(), actors.deployer, { name: "pipeline", role: "deployer", expiresInDays: 1 });
    env = { ...process.env, GATEHOUSE_SERVER: served.url, GATEHOUSE_TOKEN: token };
  }, 180_000);
  afterAll(async () => {
    await (await consoleJobs()).stop(1000);
    delete process.env.DATABASE_URL;
    served?.close();
    await fake?.close();
    await db?.drop();
  });

  it("imports, deploys, gates on the tests, promotes with approval and pushes", async () => {
    const created = await gatehouse("import", files.write("pets.json", V1), "--name", "Pets from CI", "--json");
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    apiId = (JSON.parse(created.stdout) as { id: string }).id;

    // In the console, once: stages dev and protected prod, and a saved test case.
    const first = await createDeployment(p(), actors.deployer, apiId, { description: "initial" });
    await createStage(p(), actors.deployer, apiId, { name: "dev", deploymentId: first.id });
    await createStage(p(), actors.deployer, apiId, { name: "prod", deploymentId: first.id });
    await p().stage.updateMany({ where: { restApiId: apiId, name: "prod" }, data: { protected: true } });
    await saveTestCase(p(), actors.editor, apiId, {
      resourcePath: "/pets/{id}",
      httpMethod: "GET",
      name: "one pet",
      request: { pathWithQueryString: "/pets/1" },
      expectations: { status: 200, bodyContains: ['"id": 1'] },
    });

    const imported = await gatehouse("import", files.write("pets.yaml", V2_YAML), "--api", apiId);
    expect(imported).toMatchObject({ code: 0, stderr: "" });
    expect(imported.stdout).toMatch(/^Imported \(merge\) into [0-9a-f-]{36}: \d+ changes?, draft version \d+\.\n/);
    expect(imported.stdout).toContain("/pets/{id}");

    const deployed = await gatehouse("deploy", apiId, "--stage", "dev", "--description", "build 7");
    expect(deployed).toMatchObject({ code: 0, stderr: "" });

    const gate = await gatehouse("test", apiId, "--stage", "dev");
    expect(gate.stdout).toBe("PASS  GET /pets/1  one pet  (200)\n1 of 1 passed against stage:dev.\n");
    expect(gate.code).toBe(0);

    // The same text the local `gatehouse diff` prints for these two designs, then how the stages differ.
    const diff = await gatehouse("diff", apiId, "--from", "stage:prod", "--to", "stage:dev");
    expect(diff.code).toBe(0);
    const [prod, dev] = [await stageRow("prod"), await stageRow("dev")];
    expect(diff.stdout.startsWith(formatDiffText(diffDesigns(parseDesign(prod.deployment.snapshot), parseDesign(dev.deployment.snapshot))))).toBe(true);
    expect(diff.stdout).toContain("Stage prod → dev: 1 field differ");

    const asked = await gatehouse("promote", apiId, "--from", "dev", "--to", "prod");
    expect(asked.stdout).toMatch(/^Stage prod is protected: approval requested \([0-9a-f-]{36}\)/);
    expect(asked.code).toBe(2);
    const request = await p().stageChangeRequest.findFirstOrThrow({ where: { restApiId: apiId, status: "pending" } });
    // Re-run while it waits: the same request, not a second one (nor a 409).
    const again = await gatehouse("promote", apiId, "--from", "dev", "--to", "prod", "--wait", "1");
    expect(again.stdout).toContain(`approval requested (${request.id})`);
    expect(again.stderr).toContain("prod is still waiting for approval after 1 s");
    expect(again.code).toBe(2);
    expect(await p().stageChangeRequest.count({ where: { restApiId: apiId } })).toBe(1);

    await approveChangeRequest(p(), actors.admin, apiId, request.id);
    const rerun = await gatehouse("promote", apiId, "--from", "dev", "--to", "prod");
    expect(rerun).toMatchObject({ code: 0, stderr: "" });
    expect(rerun.stdout).toContain(`Stage prod: Stage prod already runs deployment ${dev.deploymentId}`);

    const pushed = await gatehouse("push", apiId, "--stage", "prod", "--connection", connectionId);
    expect(pushed.stderr).toBe("");
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toMatch(/^Pushed prod to AWS: REST API \S+, deployment \S+ \(\d+ calls\)\.\n$/);
    expect(fake.callsOf("CreateRestApi")).toHaveLength(1);
    const awsApiId = (await p().restApi.findUniqueOrThrow({ where: { id: apiId } })).awsRestApiId!;
    expect([...fake.state.restApis.get(awsApiId)!.stages.keys()]).toEqual(["prod"]);
    // It ran as a job, as a push from the console does: the push row names it.
    const pushRow = await p().push.findFirstOrThrow({ where: { restApiId: apiId }, orderBy: { startedAt: "desc" } });
    expect(pushRow).toMatchObject({ status: "succeeded", jobId: expect.stringMatching(/^[0-9a-f-]{36}$/) });

    const history = await gatehouse("history", "--api", apiId, "--limit", "50", "--json");
    const actions = (JSON.parse(history.stdout) as { action: string; actorEmail: string }[]).filter((r) => r.actorEmail === actors.deployer.email);
    expect(actions.map((r) => r.action)).toEqual(
      expect.arrayContaining(["api.create", "api.import", "deployment.create", "testcase.run", "stage.change_requested"]),
    );
  }, 300_000);

  it("stops on a failing gate, a bad file and a push someone else runs, each with exit 1 and why", async () => {
    await saveTestCase(p(), actors.editor, apiId, {
      resourcePath: "/pets",
      httpMethod: "GET",
      name: "expects a 201",
      request: { pathWithQueryString: "/pets" },
      expectations: { status: 201 },
    });
    const gate = await gatehouse("test", apiId);
    expect(gate.code).toBe(1);
    expect(gate.stdout).toContain("FAIL  GET /pets  expects a 201  (200)\n");
    expect(gate.stdout).toContain("1 of 2 passed against draft.");

    const version = (await p().restApi.findUniqueOrThrow({ where: { id: apiId } })).version;
    const bad = {
      openapi: "3.0.1",
      info: { title: "Bad", version: "1" },
      paths: {
        "/pets": { get: { responses: { "200": { description: "ok" } }, "x-amazon-apigateway-integration": { type: "bogus" } } },
        "/toys": { get: { responses: { abc: { description: "x" } } } },
      },
    };
    const refused = await gatehouse("import", files.write("bad.json", bad), "--api", apiId, "--mode", "overwrite");
    expect(refused).toMatchObject({ code: 1, stdout: "" });
    expect(refused.stderr).toContain("400 InvalidOpenApi: The OpenAPI document has 2 problems; nothing was imported");
    expect(refused.stderr).toContain("\n  /paths/~1pets/get/x-amazon-apigateway-integration/type: must be one of mock");
    expect(refused.stderr).toContain('\n  /paths/~1toys/get/responses/abc: "abc" is not an HTTP status code');
    expect((await p().restApi.findUniqueOrThrow({ where: { id: apiId } })).version).toBe(version);

    const prod = await stageRow("prod");
    const lease = await acquirePushLock(p(), { stageId: prod.id, restApiId: apiId, stageName: "prod", actorEmail: "someone@example.com" });
    try {
      const busy = await gatehouse("push", apiId, "--stage", "prod");
      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(/409 Conflict: Stage prod is already being pushed by someone@example\.com since \d{4}-\d\d-\d\d/);
    } finally {
      await lease.release();
    }
  }, 180_000);

  it("ends promote --wait with exit 1 when the approval is rejected, not at the end of the wait", async () => {
    const api = await p().restApi.findUniqueOrThrow({ where: { id: apiId } });
    await editDesign(p(), actors.editor, apiId, api.version, { type: "addResourcePath", path: "/not-today" });
    expect((await gatehouse("deploy", apiId, "--stage", "dev")).code).toBe(0);
    const promoted = `POST /api/v1/apis/${apiId}/stages/prod/promote 200`;
    const before = served.answered.filter((a) => a === promoted).length;
    let exited = false;
    const waiting = gatehouse("promote", apiId, "--from", "dev", "--to", "prod", "--wait", "240").finally(() => {
      exited = true;
    });
    // Decide only once the CLI has asked (else its promotion would be a new request, waiting again).
    while (!exited && served.answered.filter((a) => a === promoted).length === before) await new Promise((r) => setTimeout(r, 50));
    const request = await p().stageChangeRequest.findFirstOrThrow({ where: { restApiId: apiId, status: "pending" } });
    await rejectChangeRequest(p(), actors.admin, apiId, request.id, "not today");
    const run = await waiting;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`the approval request ${request.id} was rejected or cancelled: prod still runs`);
  }, 300_000);
});
