/**
 * A stage's web ACL goes through WAFv2 (AssociateWebACL / DisassociateWebACL), never through an
 * UpdateStage `/webAclArn` patch, which AWS refuses and which would fail every other setting sent
 * in the same call. Real SDK clients against the fake control plane (which also speaks WAFv2).
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeApiGateway, startFakeApiGateway } from "../../test/fakes/fake-apigateway";
import { callApiGateway, createApiGatewayClient, type AwsConnection } from "./client";
import { ApiGatewayLimiter } from "./limiter";
import { readStage } from "./live";
import { stageUpdateOps, updateAwsStage, type AwsStageView } from "./stage-sync";
import { stageResourceArn } from "./waf";

const ACL = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/guard/0b3f1c2d-aaaa-bbbb-cccc-1234567890ab";
let fake: FakeApiGateway;
let conn: AwsConnection;
let client: APIGatewayClient;
let restApiId: string;

beforeAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = "AKIDFAKEFAKEFAKE";
  process.env.AWS_SECRET_ACCESS_KEY = "fake-secret";
  fake = await startFakeApiGateway({ quotas: false });
  conn = { region: "us-east-1", endpointUrl: fake.url };
});
afterAll(() => fake.close());

beforeEach(async () => {
  fake.reset({ state: true });
  client = createApiGatewayClient(conn, { limiter: new ApiGatewayLimiter() });
  restApiId = (await callApiGateway<{ id: string; rootResourceId: string }>(client, "CreateRestApi", { name: "waf" })).id;
  const root = (await callApiGateway<{ items: { id: string }[] }>(client, "GetResources", { restApiId })).items[0].id;
  await callApiGateway(client, "PutMethod", { restApiId, resourceId: root, httpMethod: "GET", authorizationType: "NONE" });
  await callApiGateway(client, "PutIntegration", { restApiId, resourceId: root, httpMethod: "GET", type: "MOCK" });
  await callApiGateway(client, "CreateDeployment", { restApiId, stageName: "prod" });
  fake.reset();
});
afterEach(() => client.destroy());

const view = (over: Partial<AwsStageView> = {}): AwsStageView => ({
  deploymentId: "",
  description: "",
  variables: {},
  cacheClusterEnabled: false,
  tracingEnabled: false,
  methodSettings: {},
  ...over,
});

describe("a stage's web ACL", () => {
  it("is attached with WAFv2 on the stage's ARN and shows on GetStage; the other settings still go in one UpdateStage", async () => {
    const target = { client, connection: conn, restApiId, stageName: "prod" };
    const ops = stageUpdateOps(view(), view({ tracingEnabled: true, webAclArn: ACL }));
    const calls = await updateAwsStage(target, ops, { had: undefined, want: ACL });
    expect(calls.map((c) => c.operation)).toEqual(["AssociateWebACL", "UpdateStage"]);
    const waf = fake.calls.find((c) => c.operation === "wafv2:AssociateWebACL")!;
    expect(waf.body).toEqual({ WebACLArn: ACL, ResourceArn: stageResourceArn("us-east-1", restApiId, "prod") });
    expect(fake.calls.find((c) => c.operation === "UpdateStage")!.body!.patchOperations).toEqual([{ op: "replace", path: "/tracingEnabled", value: "true" }]);
    expect(await readStage(client, restApiId, "prod")).toMatchObject({ webAclArn: ACL, tracingEnabled: true });

    await updateAwsStage(target, [], { had: ACL, want: undefined });
    expect(fake.calls.at(-1)!.operation).toBe("wafv2:DisassociateWebACL");
    expect((await readStage(client, restApiId, "prod"))!.webAclArn).toBeUndefined();
  });

  it("sends nothing to WAF when the web ACL is unchanged", async () => {
    await updateAwsStage({ client, connection: conn, restApiId, stageName: "prod" }, [], { had: ACL, want: ACL });
    expect(fake.calls).toEqual([]);
  });

  it("a WAF refusal names the missing permission and leaves the stage's other settings as they were", async () => {
    fake.faults.failNth("wafv2:AssociateWebACL", 1, {
      status: 400,
      type: "AccessDeniedException",
      message: "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: wafv2:AssociateWebACL",
    });
    const ops = stageUpdateOps(view(), view({ tracingEnabled: true, webAclArn: ACL }));
    const err = await updateAwsStage({ client, connection: conn, restApiId, stageName: "prod" }, ops, { want: ACL }).then(
      () => new Error("resolved"),
      (e: Error) => e,
    );
    expect(err.message).toContain("AccessDeniedException: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: wafv2:AssociateWebACL");
    expect(err.message).toContain("need wafv2:AssociateWebACL and apigateway:SetWebACL");
    expect(fake.calls.map((c) => c.operation)).not.toContain("UpdateStage");
    expect(await readStage(client, restApiId, "prod")).toMatchObject({ tracingEnabled: false });
  });

  it("when UpdateStage is refused after the web ACL was attached, the web ACL is detached again", async () => {
    fake.faults.failNth("UpdateStage", 1, { status: 400, type: "BadRequestException", message: "Invalid method setting path" });
    const err = await updateAwsStage({ client, connection: conn, restApiId, stageName: "prod" }, [{ op: "replace", path: "/tracingEnabled", value: "true" }], {
      want: ACL,
    }).then(
      () => new Error("resolved"),
      (e: Error) => e,
    );
    expect(err.name).toBe("BadRequestException");
    expect(fake.calls.map((c) => c.operation)).toEqual(["wafv2:AssociateWebACL", "UpdateStage", "wafv2:DisassociateWebACL"]);
    expect((await readStage(client, restApiId, "prod"))!.webAclArn).toBeUndefined();
  });
});
