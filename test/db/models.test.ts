/** The Prisma client reads and writes every model on both databases, through the real adapters. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { parsePrismaSchema } from "../helpers/prisma-schema";

const modelNames = parsePrismaSchema(resolve(__dirname, "../../prisma/schema.prisma")).models.map((m) => m.name);

describe.each(DATABASE_KINDS)("Prisma client on %s", (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db?.drop());

  it("writes and reads back every model", async () => {
    const p = db.handle.prisma;
    const touched = new Set<string>();
    // Every model is written below; the last assertion fails if a model is added without a line here.
    const user = await p.user.create({ data: { email: "a@example.com", name: "A", passwordHash: "x" } });
    touched.add("User");
    const session = await p.session.create({ data: { tokenHash: "h1", userId: user.id, expiresAt: new Date(Date.now() + 1000), userAgent: "ua" } });
    touched.add("Session");
    await p.signInThrottle.create({ data: { email: "a@example.com", clientAddress: "192.0.2.1", failures: 2, windowStartedAt: new Date() } });
    touched.add("SignInThrottle");
    const ws = await p.workspace.create({ data: { name: "W", slug: "w" } });
    touched.add("Workspace");
    await p.membership.create({ data: { workspaceId: ws.id, userId: user.id, role: "deployer" } });
    touched.add("Membership");
    const conn = await p.awsConnection.create({ data: { workspaceId: ws.id, name: "prod", region: "eu-west-1", endpointUrl: "http://127.0.0.1:1" } });
    touched.add("AwsConnection");
    const api = await p.restApi.create({
      data: { workspaceId: ws.id, name: "Api", design: { name: "Api", nested: { list: [1, "two", null] } }, awsConnectionId: conn.id },
    });
    touched.add("RestApi");
    const dep = await p.deployment.create({ data: { restApiId: api.id, snapshot: { a: 1 }, contentHash: "abc", createdById: user.id } });
    touched.add("Deployment");
    const stage = await p.stage.create({ data: { restApiId: api.id, name: "dev", deploymentId: dep.id, variables: { url: "example.com" } } });
    touched.add("Stage");
    const push = await p.push.create({ data: { restApiId: api.id, stageId: stage.id, connectionId: conn.id, plan: { calls: [] }, actorId: user.id } });
    touched.add("Push");
    const lock = await p.pushLock.create({
      data: {
        stageId: stage.id,
        restApiId: api.id,
        token: "00000000-0000-4000-8000-000000000001",
        holder: "host/1/boot",
        pushId: push.id,
        actorEmail: user.email,
      },
    });
    expect(lock.heartbeatAt).toBeInstanceOf(Date);
    await expect(
      p.pushLock.create({
        data: { stageId: stage.id, restApiId: api.id, token: "00000000-0000-4000-8000-000000000002", holder: "other", actorEmail: user.email },
      }),
    ).rejects.toThrow();
    touched.add("PushLock");
    const audit = await p.auditEvent.create({
      data: {
        workspaceId: ws.id,
        restApiId: api.id,
        actorId: user.id,
        actorEmail: user.email,
        action: "x.y",
        entityType: "x",
        entityId: "1",
        before: { v: 1 },
        after: { v: 2 },
      },
    });
    touched.add("AuditEvent");
    // Moved only by the audit insert trigger (migration 0009): read, never written.
    expect((await p.auditChainHead.findUniqueOrThrow({ where: { id: true } })).lastEventId).toBe(audit.id);
    touched.add("AuditChainHead");
    const invitation = await p.invitation.create({
      data: { workspaceId: ws.id, email: "b@example.com", role: "viewer", tokenHash: "t1", invitedById: user.id, expiresAt: new Date(Date.now() + 1000) },
    });
    touched.add("Invitation");
    const token = await p.accessToken.create({
      data: {
        workspaceId: ws.id,
        userId: user.id,
        name: "ci",
        role: "deployer",
        tokenHash: "pat1",
        prefix: "gh_pat_abcdef",
        expiresAt: new Date(Date.now() + 1000),
      },
    });
    expect((await p.accessToken.findUniqueOrThrow({ where: { tokenHash: "pat1" } })).id).toBe(token.id);
    touched.add("AccessToken");
    await p.oidcIdentity.create({ data: { issuer: "https://idp.example.com", subject: "248289761001", userId: user.id } });
    expect((await p.oidcIdentity.findUniqueOrThrow({ where: { issuer_subject: { issuer: "https://idp.example.com", subject: "248289761001" } } })).userId).toBe(
      user.id,
    );
    touched.add("OidcIdentity");
    const apiKey = await p.apiKey.create({ data: { workspaceId: ws.id, name: "partner", value: "abcdefghij0123456789", tags: { team: "a" } } });
    await expect(p.apiKey.create({ data: { workspaceId: ws.id, name: "same value", value: "abcdefghij0123456789" } })).rejects.toThrow();
    touched.add("ApiKey");
    const plan = await p.usagePlan.create({
      data: { workspaceId: ws.id, name: "gold", throttle: { rateLimit: 10.5, burstLimit: 20 }, quota: { limit: 1000, period: "WEEK", offset: 1 } },
    });
    touched.add("UsagePlan");
    await p.usagePlanKey.create({ data: { usagePlanId: plan.id, apiKeyId: apiKey.id } });
    // A key in a plan is deleted only after the service detaches it.
    await expect(p.apiKey.delete({ where: { id: apiKey.id } })).rejects.toThrow();
    touched.add("UsagePlanKey");
    await p.usagePlanStage.create({ data: { usagePlanId: plan.id, stageId: stage.id, throttle: { "/pets/GET": { rateLimit: 1, burstLimit: 2 } } } });
    touched.add("UsagePlanStage");
    expect(
      await p.usagePlan.findUniqueOrThrow({
        where: { id: plan.id },
        select: { quota: true, keys: { select: { apiKey: { select: { tags: true, enabled: true } } } }, apiStages: { select: { throttle: true } } },
      }),
    ).toEqual({
      quota: { limit: 1000, period: "WEEK", offset: 1 },
      keys: [{ apiKey: { tags: { team: "a" }, enabled: true } }],
      apiStages: [{ throttle: { "/pets/GET": { rateLimit: 1, burstLimit: 2 } } }],
    });
    await p.awsQuotaBucket.create({ data: { scope: "123456789012/us-east-1", key: "*", tokens: 39.5, atMs: 1_700_000_000_000.5 } });
    expect(
      await p.awsQuotaBucket.findUniqueOrThrow({ where: { scope_key: { scope: "123456789012/us-east-1", key: "*" } }, select: { tokens: true, atMs: true } }),
    ).toEqual({ tokens: 39.5, atMs: 1_700_000_000_000.5 });
    touched.add("AwsQuotaBucket");
    const testCase = await p.testCase.create({
      data: {
        restApiId: api.id,
        resourcePath: "/pets/{petId}",
        httpMethod: "GET",
        name: "found",
        request: { pathWithQueryString: "/pets/1?x=y", headers: {}, body: "", stageVariables: {} },
        expectations: { status: 200, bodyContains: ['"id"'] },
        createdById: user.id,
      },
    });
    touched.add("TestCase");
    const request = await p.stageChangeRequest.create({
      data: {
        restApiId: api.id,
        stageId: stage.id,
        change: { kind: "deploy", deploymentId: dep.id },
        summary: "Point dev",
        requestedById: user.id,
        requestedByEmail: user.email,
      },
    });
    touched.add("StageChangeRequest");
    expect(await p.stageChangeRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "pending",
      change: { kind: "deploy", deploymentId: dep.id },
      decidedAt: null,
    });
    expect(
      (
        await p.testCase.findUniqueOrThrow({
          where: { restApiId_resourcePath_httpMethod_name: { restApiId: api.id, resourcePath: "/pets/{petId}", httpMethod: "GET", name: "found" } },
        })
      ).expectations,
    ).toEqual({ status: 200, bodyContains: ['"id"'] });
    await expect(
      p.testCase.create({ data: { restApiId: api.id, resourcePath: "/pets/{petId}", httpMethod: "GET", name: "found", request: {} } }),
    ).rejects.toThrow();
    expect(testCase.updatedAt).toBeInstanceOf(Date);
    expect((await p.invitation.findUniqueOrThrow({ where: { tokenHash: "t1" }, include: { invitedBy: true } })).invitedBy?.email).toBe(user.email);
    expect(invitation.acceptedAt).toBeNull();
    expect([...touched].sort()).toEqual([...modelNames].sort());

    const read = await p.user.findUniqueOrThrow({
      where: { email: "a@example.com" },
      include: {
        sessions: true,
        memberships: { include: { workspace: { include: { restApis: { include: { stages: { include: { deployment: true, pushes: true } } } } } } } },
      },
    });
    expect(read.sessions[0].id).toBe(session.id);
    const readApi = read.memberships[0].workspace.restApis[0];
    expect(read.memberships[0].role).toBe("deployer");
    expect(readApi.design).toEqual({ name: "Api", nested: { list: [1, "two", null] } });
    expect(readApi.stages[0].variables).toEqual({ url: "example.com" });
    expect(readApi.stages[0].deployment.contentHash).toBe("abc");
    expect(readApi.stages[0].pushes[0].id).toBe(push.id);
    expect(readApi.stages[0].pushes[0].status).toBe("running");
    expect(typeof audit.id).toBe("bigint");
    expect((await p.auditEvent.findFirstOrThrow({ where: { id: audit.id } })).after).toEqual({ v: 2 });
    expect(
      (await p.signInThrottle.findUniqueOrThrow({ where: { email_clientAddress: { email: "a@example.com", clientAddress: "192.0.2.1" } } })).failures,
    ).toBe(2);

    const updated = await p.push.update({ where: { id: push.id }, data: { status: "succeeded", finishedAt: new Date(), awsDeploymentId: "d1" } });
    expect(updated.status).toBe("succeeded");
    await p.session.delete({ where: { id: session.id } });
    expect(await p.session.count()).toBe(0);
  });

  it("refuses to change a deployment's snapshot: deployments are immutable", async () => {
    const p = db.handle.prisma;
    const ws = await p.workspace.create({ data: { name: "W2", slug: "w2" } });
    const api = await p.restApi.create({ data: { workspaceId: ws.id, name: "Api", design: {} } });
    const dep = await p.deployment.create({ data: { restApiId: api.id, snapshot: { a: 1 }, contentHash: "h" } });
    await expect(p.deployment.update({ where: { id: dep.id }, data: { snapshot: { a: 2 } } })).rejects.toThrow(/immutable/);
    await p.deployment.update({ where: { id: dep.id }, data: { description: "renamed" } });
    expect((await p.deployment.findUniqueOrThrow({ where: { id: dep.id } })).snapshot).toEqual({ a: 1 });
  });
});
