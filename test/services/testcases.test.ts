/**
 * Saved test cases and test invoke against a stage, on both databases: saving (roles, validation,
 * names unique per method), running against the draft and a stage (its deployment snapshot and
 * variables; a case's own variables win), one history entry per run, deleting.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import type { Role } from "../../lib/auth/roles";
import { seedDemo } from "../../lib/db/seed";
import { createDeployment } from "../../lib/deployment/service";
import { parseDesign } from "../../lib/model/design";
import { ForbiddenError, NotFoundError, ValidationError } from "../../lib/errors";
import { findResourceByPath } from "../../lib/model/tree";
import { createRestApi, editDesign } from "../../lib/restapi/service";
import { testInvoke } from "../../lib/restapi/test-invoke";
import { createStage } from "../../lib/stage/service";
import { deleteTestCase, listTestCases, runTestCases, saveTestCase } from "../../lib/testcase/index";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { rejection } from "../helpers/rejection";
import { actorsOfEveryRole } from "../helpers/actors";
import { startServer, type TestServer } from "../helpers/invoke";

const PET = "/pets/{petId}";

describe.each(DATABASE_KINDS)("test cases on %s", (kind) => {
  let db: TestDatabase;
  let workspaceId: string;
  let petStoreId: string;
  const actors = {} as Record<Role, Actor>;
  const p = () => db.handle.prisma;
  const auditCount = () => p().auditEvent.count();

  /** An API whose MOCK GET /items answers with $context.stage and $stageVariables.color, deployed as stage prod (color=blue); the draft then says "draft". */
  async function stagedApi(name: string) {
    const api = await createRestApi(p(), actors.editor, { name });
    let version = api.version;
    let design = parseDesign(api.design);
    const run = async (command: unknown) => {
      const r = await editDesign(p(), actors.editor, api.id, version, command);
      version = r.version;
      design = r.design;
    };
    await run({ type: "addResourcePath", path: "/items" });
    const items = findResourceByPath(design, "/items")!.id;
    await run({ type: "putMethod", resourceId: items, method: { httpMethod: "GET" } });
    await run({ type: "putMethodResponse", resourceId: items, httpMethod: "GET", response: { statusCode: "200", responseParameters: {}, responseModels: {} } });
    await run({
      type: "putIntegration",
      resourceId: items,
      httpMethod: "GET",
      integration: { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } },
    });
    const template = (where: string) => `{"where": "${where}", "stage": "$context.stage", "color": "$stageVariables.color", "size": "$stageVariables.size"}`;
    await run({
      type: "putIntegrationResponse",
      resourceId: items,
      httpMethod: "GET",
      response: { statusCode: "200", responseParameters: {}, responseTemplates: { "application/json": template("deployed") } },
    });
    const deployment = await createDeployment(p(), actors.deployer, api.id, { description: "first" });
    await createStage(p(), actors.deployer, api.id, { name: "prod", deploymentId: deployment.id, variables: { color: "blue", size: "L" } });
    await run({
      type: "putIntegrationResponse",
      resourceId: items,
      httpMethod: "GET",
      response: { statusCode: "200", responseParameters: {}, responseTemplates: { "application/json": template("draft") } },
    });
    return api.id;
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    expect(await seedDemo(p())).toBe(true);
    const everyRole = await actorsOfEveryRole(p());
    workspaceId = everyRole.workspaceId;
    Object.assign(actors, everyRole.actors);
    petStoreId = (await p().restApi.findFirstOrThrow({ where: { workspaceId, name: "PetStore" } })).id;
  });
  afterAll(() => db?.drop());

  describe("saveTestCase and listTestCases", () => {
    it("saves a test case as an editor, audited, and lists it for a viewer", async () => {
      const before = await auditCount();
      const saved = await saveTestCase(p(), actors.editor, petStoreId, {
        resourcePath: PET,
        httpMethod: "GET",
        name: "found",
        request: { pathWithQueryString: "/pets/3" },
        expectations: { status: 200, bodyContains: ['"id": "3"'], bodyJson: [{ path: "$.type", equals: "dog" }] },
      });
      expect(saved).toMatchObject({
        name: "found",
        resourcePath: PET,
        httpMethod: "GET",
        request: { pathWithQueryString: "/pets/3", headers: {}, body: "", stageVariables: {} },
      });
      expect(await auditCount()).toBe(before + 1);
      const audit = await p().auditEvent.findFirstOrThrow({ where: { action: "testcase.create", entityId: saved.id } });
      expect(audit).toMatchObject({
        restApiId: petStoreId,
        entityType: "testcase",
        actorEmail: "editor@example.com",
        summary: "Saved test case found of GET /pets/{petId}",
      });
      const listed = await listTestCases(p(), actors.viewer, petStoreId, { resourcePath: PET, httpMethod: "GET" });
      expect(listed.map((t) => t.name)).toEqual(["found"]);
      expect(listed[0].expectations).toEqual({ status: 200, bodyContains: ['"id": "3"'], bodyJson: [{ path: "$.type", equals: "dog" }] });
      expect(await listTestCases(p(), actors.viewer, petStoreId, { resourcePath: "/pets", httpMethod: "GET" })).toEqual([]);
    });

    it("refuses a viewer, and bad input with field errors, writing nothing", async () => {
      const before = [await auditCount(), await p().testCase.count()];
      await rejection(
        saveTestCase(p(), actors.viewer, petStoreId, { resourcePath: PET, httpMethod: "GET", name: "x", request: { pathWithQueryString: "/pets/1" } }),
        ForbiddenError,
      );
      const e = await rejection(
        saveTestCase(p(), actors.editor, petStoreId, {
          resourcePath: PET,
          httpMethod: "GET",
          name: "",
          request: { pathWithQueryString: "pets/1" },
          expectations: { status: 9999, bodyJson: [{ path: "$.[", equals: 1 }] },
        }),
        ValidationError,
      );
      expect(e.issues.map((i) => i.field).sort()).toEqual(["expectations.bodyJson.0.path", "expectations.status", "name", "request.pathWithQueryString"]);
      await rejection(
        saveTestCase(p(), actors.editor, "not-an-id", { resourcePath: PET, httpMethod: "GET", name: "x", request: { pathWithQueryString: "/pets/1" } }),
        NotFoundError,
      );
      expect([await auditCount(), await p().testCase.count()]).toEqual(before);
    });

    it("keeps names unique per method, and updates by id", async () => {
      const a = await saveTestCase(p(), actors.editor, petStoreId, {
        resourcePath: PET,
        httpMethod: "GET",
        name: "dup",
        request: { pathWithQueryString: "/pets/1" },
      });
      const e = await rejection(
        saveTestCase(p(), actors.editor, petStoreId, { resourcePath: PET, httpMethod: "GET", name: "dup", request: { pathWithQueryString: "/pets/2" } }),
        ValidationError,
      );
      expect(e.issues).toEqual([{ field: "name", message: "GET /pets/{petId} already has a test case named dup" }]);
      // The same name on another method is fine.
      await saveTestCase(p(), actors.editor, petStoreId, { resourcePath: "/pets", httpMethod: "GET", name: "dup", request: { pathWithQueryString: "/pets" } });
      const updated = await saveTestCase(p(), actors.editor, petStoreId, {
        id: a.id,
        resourcePath: PET,
        httpMethod: "GET",
        name: "dup renamed",
        request: { pathWithQueryString: "/pets/5" },
        expectations: { status: 200 },
      });
      expect(updated).toMatchObject({ id: a.id, name: "dup renamed", request: { pathWithQueryString: "/pets/5" }, expectations: { status: 200 } });
      const audit = await p().auditEvent.findFirstOrThrow({ where: { action: "testcase.update", entityId: a.id } });
      expect(audit.before).toMatchObject({ name: "dup", request: { pathWithQueryString: "/pets/1" } });
      expect(audit.after).toMatchObject({ name: "dup renamed", request: { pathWithQueryString: "/pets/5" } });
      await deleteTestCase(p(), actors.editor, petStoreId, a.id);
      await p().testCase.deleteMany({ where: { restApiId: petStoreId, name: "dup" } });
    });
  });

  describe("runTestCases", () => {
    it("runs PetStore's cases against the draft: a pass, a 404 pass, and a failure with its reasons, as ONE history entry", async () => {
      await saveTestCase(p(), actors.editor, petStoreId, {
        resourcePath: PET,
        httpMethod: "GET",
        name: "missing",
        request: { pathWithQueryString: "/pets/0" },
        expectations: { status: 404, bodyJson: [{ path: "$.message", equals: "Pet 0 was not found" }] },
      });
      await saveTestCase(p(), actors.editor, petStoreId, {
        resourcePath: PET,
        httpMethod: "GET",
        name: "wrong",
        request: { pathWithQueryString: "/pets/4?x=y" },
        expectations: { status: 201, bodyContains: ['"id": "5"'] },
      });
      const before = await auditCount();
      const report = await runTestCases(p(), actors.editor, petStoreId, { target: "draft", filter: { resourcePath: PET, httpMethod: "GET" } });
      expect(await auditCount()).toBe(before + 1);
      expect(report).toMatchObject({ target: "draft", total: 3, passed: 2, failed: 1 });
      const byName = Object.fromEntries(report.results.map((r) => [r.testCase.name, r]));
      expect(byName.found).toMatchObject({ status: 200, passed: true, failures: [] });
      expect(byName.found.log).toContain("Method completed with status: 200");
      expect(byName.missing).toMatchObject({ status: 404, passed: true });
      expect(byName.wrong).toMatchObject({
        status: 200,
        passed: false,
        failures: ["Expected status 201, got 200", 'Body does not contain "\\"id\\": \\"5\\""'],
      });
      expect(byName.wrong.latencyMs).toBeGreaterThanOrEqual(0);
      const audit = await p().auditEvent.findFirstOrThrow({ where: { action: "testcase.run", restApiId: petStoreId }, orderBy: { id: "desc" } });
      expect(audit).toMatchObject({ entityType: "testcase", entityId: "draft", summary: "Ran 3 test cases against the draft: 2 passed, 1 failed" });
      expect((audit.after as { results: unknown[] }).results).toHaveLength(3);
    });

    it("runs only the given ids, and refuses a viewer", async () => {
      const all = await listTestCases(p(), actors.viewer, petStoreId);
      const found = all.find((t) => t.name === "found")!;
      const report = await runTestCases(p(), actors.editor, petStoreId, { target: "draft", ids: [found.id] });
      expect(report.results.map((r) => r.testCase.name)).toEqual(["found"]);
      await rejection(runTestCases(p(), actors.viewer, petStoreId, { target: "draft" }), ForbiddenError);
    });

    it("runs against a stage: its deployment snapshot and variables, the case's own variables winning", async () => {
      const apiId = await stagedApi("Staged runs");
      await saveTestCase(p(), actors.editor, apiId, {
        resourcePath: "/items",
        httpMethod: "GET",
        name: "plain",
        request: { pathWithQueryString: "/items" },
        expectations: {
          bodyJson: [
            { path: "$.where", equals: "deployed" },
            { path: "$.stage", equals: "prod" },
            { path: "$.color", equals: "blue" },
            { path: "$.size", equals: "L" },
          ],
        },
      });
      await saveTestCase(p(), actors.editor, apiId, {
        resourcePath: "/items",
        httpMethod: "GET",
        name: "override",
        request: { pathWithQueryString: "/items", stageVariables: { color: "red" } },
        expectations: {
          bodyJson: [
            { path: "$.color", equals: "red" },
            { path: "$.size", equals: "L" },
          ],
        },
      });
      const onStage = await runTestCases(p(), actors.editor, apiId, { target: { stage: "prod" } });
      expect(onStage.results.map((r) => [r.testCase.name, r.failures])).toEqual([
        ["override", []],
        ["plain", []],
      ]);
      expect(onStage).toMatchObject({ total: 2, passed: 2, failed: 0, target: { stage: "prod" } });
      const audit = await p().auditEvent.findFirstOrThrow({ where: { action: "testcase.run", restApiId: apiId } });
      expect(audit).toMatchObject({ entityId: "stage:prod", summary: "Ran 2 test cases against stage prod: 2 passed, 0 failed" });

      // The draft: its own template, TestInvokeMethod's stage name, no stage variables but the case's.
      const onDraft = await runTestCases(p(), actors.editor, apiId, { target: "draft" });
      expect(onDraft.passed).toBe(0);
      expect(onDraft.results.find((r) => r.testCase.name === "plain")!.failures).toEqual([
        '$.where is "draft", expected "deployed"',
        '$.stage is "test-invoke-stage", expected "prod"',
        '$.color is "", expected "blue"',
        '$.size is "", expected "L"',
      ]);

      const e = await rejection(runTestCases(p(), actors.editor, apiId, { target: { stage: "nope" } }), ValidationError);
      expect(e.issues).toEqual([{ field: "stage", message: "This API has no stage named nope" }]);
    });

    it("reports zero cases as an empty run", async () => {
      const apiId = await stagedApi("No cases");
      expect(await runTestCases(p(), actors.editor, apiId, { target: "draft" })).toEqual({ target: "draft", total: 0, passed: 0, failed: 0, results: [] });
    });
  });

  describe("repeated headers and binary bodies in saved cases", () => {
    let backend: TestServer;
    beforeAll(async () => {
      // Answers with the x-tags header the integration mapped and the body it got.
      backend = await startServer((req, body, res) => {
        res.setHeader("Content-Type", "application/json");
        res.end(JSON.stringify({ tags: req.headers["x-tags"] ?? null, body }));
      });
    });
    afterAll(() => backend?.close());

    /** An HTTP POST /echo that maps every X-Tag value into the x-tags endpoint header (the log shows it) and passes the backend's answer through. */
    async function echoApi(name: string) {
      const api = await createRestApi(p(), actors.editor, { name });
      let version = api.version;
      let design = parseDesign(api.design);
      const run = async (command: unknown) => {
        const r = await editDesign(p(), actors.editor, api.id, version, command);
        version = r.version;
        design = r.design;
      };
      await run({ type: "addResourcePath", path: "/echo" });
      const echo = findResourceByPath(design, "/echo")!.id;
      await run({
        type: "putMethod",
        resourceId: echo,
        method: { httpMethod: "POST", requestParameters: { "method.request.header.X-Tag": false, "method.request.multivalueheader.X-Tag": false } },
      });
      await run({
        type: "putMethodResponse",
        resourceId: echo,
        httpMethod: "POST",
        response: { statusCode: "200", responseParameters: {}, responseModels: {} },
      });
      await run({
        type: "putIntegration",
        resourceId: echo,
        httpMethod: "POST",
        integration: {
          type: "HTTP",
          httpMethod: "POST",
          uri: `${backend.url}/echo`,
          requestParameters: { "integration.request.header.x-tags": "method.request.multivalueheader.X-Tag" },
        },
      });
      await run({
        type: "putIntegrationResponse",
        resourceId: echo,
        httpMethod: "POST",
        response: { statusCode: "200", responseParameters: {}, responseTemplates: {} },
      });
      return api.id;
    }

    it("stores every value of a repeated header and a base64 body, and replays them", async () => {
      const apiId = await echoApi("Repeated headers");
      const saved = await saveTestCase(p(), actors.editor, apiId, {
        resourcePath: "/echo",
        httpMethod: "POST",
        name: "tags",
        request: {
          pathWithQueryString: "/echo",
          headers: { "X-Tag": "b", "Content-Type": "application/json" },
          multiValueHeaders: { "X-Tag": ["a", "b"] },
          body: Buffer.from('{"n": 1}').toString("base64"),
          isBase64Encoded: true,
        },
        expectations: {
          status: 200,
          bodyJson: [
            { path: "$.tags", equals: "a,b" },
            { path: "$.body", equals: '{"n": 1}' },
          ],
        },
      });
      expect(saved.request).toMatchObject({ multiValueHeaders: { "X-Tag": ["a", "b"] }, isBase64Encoded: true });
      const [listed] = await listTestCases(p(), actors.viewer, apiId);
      expect(listed.request.multiValueHeaders).toEqual({ "X-Tag": ["a", "b"] });

      const report = await runTestCases(p(), actors.editor, apiId, { target: "draft" });
      expect(report.results[0].failures).toEqual([]);
      expect(report.results[0].log).toMatch(/Endpoint request headers: {.*x-tags=a,b}/);
      expect(report.results[0].log).toContain('Method request body before transformations: {"n": 1}');
      expect(backend.requests.at(-1)!.headers["x-tags"]).toBe("a,b");
    });

    it("still loads and runs a row saved before repeated headers existed", async () => {
      const apiId = await echoApi("Old rows");
      // As rows were written before: single-value headers only, no multiValueHeaders / isBase64Encoded keys.
      await p().testCase.create({
        data: {
          restApiId: apiId,
          resourcePath: "/echo",
          httpMethod: "POST",
          name: "old",
          request: { pathWithQueryString: "/echo", headers: { "X-Tag": "only" }, body: "", stageVariables: {} },
          expectations: { status: 200 },
        },
      });
      const [old] = await listTestCases(p(), actors.viewer, apiId);
      expect(old.request).toEqual({ pathWithQueryString: "/echo", headers: { "X-Tag": "only" }, body: "", stageVariables: {} });
      const report = await runTestCases(p(), actors.editor, apiId, { target: "draft" });
      expect(report.passed).toBe(1);
      expect(report.results[0].log).toMatch(/Endpoint request headers: {.*x-tags=only}/);
      expect(JSON.parse(report.results[0].body)).toEqual({ tags: "only", body: "" });
    });

    it("refuses a body marked base64 that is not, and a repeated header without values, writing nothing", async () => {
      const apiId = await echoApi("Bad binary");
      const before = await auditCount();
      const e = await rejection(
        saveTestCase(p(), actors.editor, apiId, {
          resourcePath: "/echo",
          httpMethod: "POST",
          name: "bad",
          request: { pathWithQueryString: "/echo", body: "not base64!", isBase64Encoded: true, multiValueHeaders: { "X-Tag": [] } },
        }),
        ValidationError,
      );
      expect(e.issues).toEqual([
        { field: "request.multiValueHeaders.X-Tag", message: "A repeated header has at least one value" },
        { field: "request.body", message: "A binary body is base64 (A–Z, a–z, 0–9, +, /, = padding)" },
      ]);
      const invoked = await rejection(
        testInvoke(p(), actors.editor, apiId, { httpMethod: "POST", pathWithQueryString: "/echo", body: "%%%", isBase64Encoded: true }),
        ValidationError,
      );
      expect(invoked.issues).toEqual([{ field: "body", message: "A binary body is base64 (A–Z, a–z, 0–9, +, /, = padding)" }]);
      expect(await auditCount()).toBe(before);
      expect(await p().testCase.count({ where: { restApiId: apiId } })).toBe(0);
    });
  });

  describe("testInvoke with a stage", () => {
    it("invokes the stage's deployment with its variables and $context.stage, given variables replacing them; the draft runs as TestInvokeMethod does", async () => {
      const apiId = await stagedApi("Staged invoke");
      const staged = await testInvoke(p(), actors.editor, apiId, { httpMethod: "GET", pathWithQueryString: "/items", stage: "prod" });
      expect(JSON.parse(staged.body)).toEqual({ where: "deployed", stage: "prod", color: "blue", size: "L" });
      const given = await testInvoke(p(), actors.editor, apiId, {
        httpMethod: "GET",
        pathWithQueryString: "/items",
        stage: "prod",
        stageVariables: { color: "green" },
      });
      expect(JSON.parse(given.body)).toEqual({ where: "deployed", stage: "prod", color: "green", size: "" });
      const draft = await testInvoke(p(), actors.editor, apiId, { httpMethod: "GET", pathWithQueryString: "/items" });
      expect(JSON.parse(draft.body)).toMatchObject({ where: "draft", stage: "test-invoke-stage", color: "" });
      const audit = await p().auditEvent.findFirstOrThrow({ where: { action: "method.test_invoke", restApiId: apiId }, orderBy: { id: "asc" } });
      expect(audit.summary).toMatch(/^Test-invoked GET \/items on stage prod: 200 in \d+ ms$/);
      expect(audit.before).toMatchObject({ stage: "prod", request: { stageVariables: { color: "blue", size: "L" } } });

      const before = await auditCount();
      const e = await rejection(testInvoke(p(), actors.editor, apiId, { httpMethod: "GET", pathWithQueryString: "/items", stage: "staging" }), ValidationError);
      expect(e.issues).toEqual([{ field: "stage", message: "This API has no stage named staging" }]);
      expect(await auditCount()).toBe(before);
    });
  });

  describe("deleteTestCase", () => {
    it("deletes as an editor, audited; a viewer is refused; a second delete is not found", async () => {
      const t = await saveTestCase(p(), actors.editor, petStoreId, {
        resourcePath: PET,
        httpMethod: "GET",
        name: "to delete",
        request: { pathWithQueryString: "/pets/9" },
      });
      await rejection(deleteTestCase(p(), actors.viewer, petStoreId, t.id), ForbiddenError);
      expect(await deleteTestCase(p(), actors.editor, petStoreId, t.id)).toEqual({ id: t.id });
      expect(await p().testCase.count({ where: { id: t.id } })).toBe(0);
      expect(await p().auditEvent.findFirstOrThrow({ where: { action: "testcase.delete", entityId: t.id } })).toMatchObject({
        summary: "Deleted test case to delete of GET /pets/{petId}",
      });
      await rejection(deleteTestCase(p(), actors.editor, petStoreId, t.id), NotFoundError);
      await rejection(deleteTestCase(p(), actors.editor, petStoreId, "nope"), NotFoundError);
    });
  });
});
