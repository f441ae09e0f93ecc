/**
 * "Run on AWS too" as a service (lib/restapi/aws-test-invoke.ts), on both databases, against the
 * fake control plane's TestInvokeMethod: the request reaches the method the draft routes it to,
 * AWS's answer is compared with the local one and recorded; refusals write nothing.
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import type { Role } from "../../lib/auth/roles";
import { createApiGatewayClient, shareLimiter } from "../../lib/aws/client";
import { ApiGatewayLimiter, ManualClock } from "../../lib/aws/limiter";
import { push } from "../../lib/aws/push";
import { importRestApi } from "../../lib/connection/import-service";
import { createConnection } from "../../lib/connection/service";
import { seedDemo } from "../../lib/db/seed";
import { ForbiddenError, GatehouseError } from "../../lib/errors";
import { testInvokeOnAwsAndRecord } from "../../lib/restapi/aws-test-invoke";
import { createRestApi } from "../../lib/restapi/service";
import { type FakeApiGateway, startFakeApiGateway } from "../fakes/fake-apigateway";
import { actorsOfEveryRole } from "../helpers/actors";
import { fullDesign } from "../helpers/aws-designs";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { rejection } from "../helpers/rejection";

beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID = "AKIAH4BAWSINVOKE";
  process.env.AWS_SECRET_ACCESS_KEY = "aws-invoke-secret";
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
});

describe.each(DATABASE_KINDS)("run on AWS too, on %s", (kind) => {
  let db: TestDatabase;
  let actors: Record<Role, Actor>;
  let fake: FakeApiGateway;
  let sdk: APIGatewayClient;
  let apiId: string;
  const p = () => db.handle.prisma;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemo(p());
    ({ actors } = await actorsOfEveryRole(p()));
  });
  afterAll(() => db?.drop());
  beforeEach(async () => {
    const clock = new ManualClock();
    fake = await startFakeApiGateway({ now: clock.now });
    const conn = { region: "us-east-1", endpointUrl: fake.url };
    shareLimiter(conn, new ApiGatewayLimiter({ clock }));
    sdk = createApiGatewayClient(conn, { limiter: new ApiGatewayLimiter({ clock }) });
    const connectionId = (await createConnection(p(), actors.admin, { name: `fake-${fake.port}`, region: "us-east-1", endpointUrl: fake.url })).id;
    const live = await push(sdk, { design: fullDesign(), stageName: "prod" });
    apiId = (await importRestApi(p(), actors.deployer, { connectionId, awsRestApiId: live.restApiId })).id;
  });
  afterEach(async () => {
    sdk.destroy();
    await fake.close();
  });

  const request = { httpMethod: "GET", pathWithQueryString: "/?q=1", headers: {}, body: "", stageVariables: {} };

  it("sends the request to the method the draft routes it to, compares and records it", async () => {
    const before = await p().auditEvent.count({ where: { restApiId: apiId } });
    const out = await testInvokeOnAwsAndRecord(p(), actors.editor, apiId, request, { status: 201, headers: {}, body: "" });
    expect(out.resourcePath).toBe("/");
    const sent = fake.calls.find((c) => c.operation === "TestInvokeMethod")!;
    expect(sent.body).toMatchObject({ pathWithQueryString: "/?q=1" });
    expect(out.aws.status).toBe(200);
    expect(out.differences?.map((d) => d.field)).toContain("status");
    const audit = await p().auditEvent.findFirstOrThrow({ where: { restApiId: apiId, action: "method.test_invoke_aws" } });
    expect(audit.entityId).toBe("/ GET");
    expect(audit.summary).toMatch(/difference\(s\) from local/);
    expect(await p().auditEvent.count({ where: { restApiId: apiId } })).toBe(before + 1);
  });

  it("refuses a viewer, a path no method matches and an API that is not on AWS, writing nothing", async () => {
    const before = await p().auditEvent.count();
    await rejection(testInvokeOnAwsAndRecord(p(), actors.viewer, apiId, request), ForbiddenError);
    const noRoute = await rejection(testInvokeOnAwsAndRecord(p(), actors.editor, apiId, { ...request, pathWithQueryString: "/nowhere" }), GatehouseError);
    expect(noRoute.status).toBe(400);
    expect(noRoute.issues.map((i) => i.field)).toEqual(["pathWithQueryString"]);
    const local = await createRestApi(p(), actors.editor, { name: "local-only" });
    const notPushed = await rejection(testInvokeOnAwsAndRecord(p(), actors.editor, local.id, request), GatehouseError);
    expect(notPushed.message).toBe("Push this API to AWS first");
    expect(await p().auditEvent.count()).toBe(before + 1); // only the createRestApi above
  });
});
