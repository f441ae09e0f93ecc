/**
 * Import from AWS and "run all" as jobs, on PostgreSQL with a worker in this process: the caller
 * gets the same answer as from the service in its request (and its refusals, with their status),
 * and the run is recorded once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import { createConnection } from "../../lib/connection/service";
import { seedDemo } from "../../lib/db/seed";
import { createDeployment } from "../../lib/deployment/service";
import { importAsJob } from "../../lib/jobs/import-job";
import { JOB_KINDS } from "../../lib/jobs/kinds";
import { JobQueue } from "../../lib/jobs/queue";
import { runTestsAsJob } from "../../lib/jobs/test-run-job";
import { pushStage } from "../../lib/stage/push-service";
import { runTestCases, saveTestCase } from "../../lib/testcase/service";
import { type FakeApiGateway, startFakeApiGateway } from "../fakes/fake-apigateway";
import { actorsOfEveryRole } from "../helpers/actors";
import { openTestDatabase, type TestDatabase } from "../helpers/databases";

describe("import and test runs as jobs", () => {
  let db: TestDatabase;
  let fake: FakeApiGateway;
  let queue: JobQueue;
  let actors: Record<"admin" | "editor" | "deployer" | "viewer", Actor>;
  let apiId: string;
  const p = () => db.handle.prisma;

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID ??= "AKIAIMPORTJOBTEST";
    process.env.AWS_SECRET_ACCESS_KEY ??= "import-job-test-secret";
    db = await openTestDatabase("postgres");
    await seedDemo(p());
    ({ actors } = await actorsOfEveryRole(p()));
    fake = await startFakeApiGateway({ quotas: false });
    queue = await JobQueue.start(db.handle, JOB_KINDS, { connectionString: db.url, pollingSeconds: 0.5 });
    apiId = (await p().restApi.findFirstOrThrow({ where: { name: "PetStore", workspaceId: actors.admin.workspaceId } })).id;
  }, 60_000);
  afterAll(async () => {
    await queue?.stop(1000);
    await fake?.close();
    await db?.drop();
  });

  it("runs the saved tests on a worker and answers with the same report as in the request, recorded once per run", async () => {
    await saveTestCase(p(), actors.editor, apiId, {
      resourcePath: "/pets/{petId}",
      httpMethod: "GET",
      name: "pet 1",
      request: { pathWithQueryString: "/pets/1" },
      expectations: { status: 200 },
    });
    const before = await p().auditEvent.count({ where: { action: "testcase.run", restApiId: apiId } });
    const viaJob = await runTestsAsJob(queue, actors.editor, { restApiId: apiId, run: { target: "draft" } });
    const direct = await runTestCases(p(), actors.editor, apiId, { target: "draft" });
    const shape = (r: typeof direct) => r.results.map((x) => ({ name: x.testCase.name, status: x.status, passed: x.passed, failures: x.failures }));
    expect(shape(viaJob)).toEqual(shape(direct));
    expect(viaJob.results).toHaveLength(1);
    expect(await p().auditEvent.count({ where: { action: "testcase.run", restApiId: apiId } })).toBe(before + 2);

    // A refusal comes back as the service raised it: a viewer may not run tests (403), nothing recorded.
    await expect(runTestsAsJob(queue, actors.viewer, { restApiId: apiId, run: { target: "draft" } })).rejects.toMatchObject({ status: 403 });
    expect(await p().auditEvent.count({ where: { action: "testcase.run", restApiId: apiId } })).toBe(before + 2);
  });

  it("imports a REST API from AWS on a worker; importing it again is refused 409 naming it", async () => {
    const connection = await createConnection(p(), actors.admin, { name: "fake", region: "us-east-1", endpointUrl: fake.url });
    const deployment = await createDeployment(p(), actors.deployer, apiId, { description: "v1" });
    await p().stage.create({ data: { restApiId: apiId, name: "live", deploymentId: deployment.id } });
    const pushed = await pushStage(p(), actors.deployer, apiId, "live", { connectionId: connection.id });
    // Forget it on this side, as if it had been made on AWS by hand.
    await p().restApi.update({ where: { id: apiId }, data: { name: "PetStore (local)", awsRestApiId: null, awsConnectionId: null } });

    const imported = await importAsJob(queue, actors.deployer, { connectionId: connection.id, awsRestApiId: pushed.awsRestApiId });
    expect(imported).toMatchObject({ name: "PetStore", stages: ["live"] });
    const row = await p().restApi.findUniqueOrThrow({ where: { id: imported.id } });
    expect(row.awsRestApiId).toBe(pushed.awsRestApiId);

    const again = importAsJob(queue, actors.deployer, { connectionId: connection.id, awsRestApiId: pushed.awsRestApiId });
    await expect(again).rejects.toMatchObject({ status: 409, message: `REST API ${pushed.awsRestApiId} is already imported as PetStore` });
    await expect(importAsJob(queue, actors.deployer, { connectionId: connection.id, awsRestApiId: "NOT AN ID" })).rejects.toMatchObject({
      status: 400,
      issues: [{ field: "awsRestApiId", message: "Choose a REST API to import" }],
    });
  });
});
