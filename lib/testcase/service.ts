/**
 * Saved test cases of an API's methods: list, save (create or update), delete, and run them all —
 * against the draft or a stage's deployment — as one audited run with a pass/fail report.
 */
import type { Db } from "../db/client";
import { mutate, type Actor } from "../audit/mutate";
import { assertCan } from "../auth/roles";
import { invokeMethod, outboundPolicyFromEnv } from "../invoke/index";
import { NotFoundError, ValidationError, fromZod } from "../errors";
import { isUuid } from "../model/ids";
import { getRestApiOrThrow } from "../restapi/service";
import { clip, loadInvokeTarget } from "../restapi/test-invoke";
import { checkExpectations } from "./check";
import { createLambdaInvoker } from "../aws/lambda";
import {
  expectationsSchema,
  runTestCasesSchema,
  saveTestCaseSchema,
  testCaseRequestSchema,
  type Expectations,
  type RunTarget,
  type RunTestCasesInput,
  type SaveTestCaseInput,
  type TestCaseRequest,
} from "./schema";

export interface TestCaseView {
  id: string;
  restApiId: string;
  resourcePath: string;
  httpMethod: string;
  name: string;
  request: TestCaseRequest;
  expectations: Expectations;
  createdAt: Date;
  updatedAt: Date;
}

export interface TestCaseRunResult {
  testCase: { id: string; name: string; resourcePath: string; httpMethod: string; pathWithQueryString: string };
  status: number;
  passed: boolean;
  failures: string[];
  latencyMs: number;
  body: string;
  log: string;
}

export interface TestRunReport {
  target: RunTarget;
  total: number;
  passed: number;
  failed: number;
  results: TestCaseRunResult[];
}

type Row = {
  id: string;
  restApiId: string;
  resourcePath: string;
  httpMethod: string;
  name: string;
  request: unknown;
  expectations: unknown;
  createdAt: Date;
  updatedAt: Date;
};

/** A stored row as typed values; what no longer parses is read as empty rather than failing the list. */
function view(row: Row): TestCaseView {
  const request = testCaseRequestSchema.safeParse(row.request);
  const expectations = expectationsSchema.safeParse(row.expectations);
  return {
    id: row.id,
    restApiId: row.restApiId,
    resourcePath: row.resourcePath,
    httpMethod: row.httpMethod,
    name: row.name,
    request: request.success ? request.data : { pathWithQueryString: row.resourcePath, headers: {}, body: "", stageVariables: {} },
    expectations: expectations.success ? expectations.data : {},
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const methodLabel = (t: { httpMethod: string; resourcePath: string }) => `${t.httpMethod} ${t.resourcePath}`;

export async function listTestCases(db: Db, actor: Actor, restApiId: string, filter?: { resourcePath: string; httpMethod: string }): Promise<TestCaseView[]> {
  assertCan(actor.role, "read");
  const api = await getRestApiOrThrow(db, actor.workspaceId, restApiId);
  const rows = await db.testCase.findMany({
    where: { restApiId: api.id, ...(filter ? { resourcePath: filter.resourcePath, httpMethod: filter.httpMethod } : {}) },
    orderBy: [{ resourcePath: "asc" }, { httpMethod: "asc" }, { name: "asc" }],
  });
  return rows.map(view);
}

export async function saveTestCase(db: Db, actor: Actor, restApiId: string, raw: SaveTestCaseInput): Promise<TestCaseView> {
  assertCan(actor.role, "invoke.test");
  const parsed = saveTestCaseSchema.safeParse(raw);
  if (!parsed.success) throw fromZod(parsed.error);
  const input = parsed.data;
  const api = await getRestApiOrThrow(db, actor.workspaceId, restApiId);
  return mutate(db, actor, async (tx) => {
    const clash = await tx.testCase.findFirst({
      where: { restApiId: api.id, resourcePath: input.resourcePath, httpMethod: input.httpMethod, name: input.name },
    });
    if (clash && clash.id !== input.id) {
      throw new ValidationError([{ field: "name", message: `${methodLabel(input)} already has a test case named ${input.name}` }]);
    }
    const data = {
      resourcePath: input.resourcePath,
      httpMethod: input.httpMethod,
      name: input.name,
      request: input.request as object,
      expectations: input.expectations as object,
    };
    if (input.id) {
      const existing = await tx.testCase.findFirst({ where: { id: input.id, restApiId: api.id } });
      if (!existing) throw new NotFoundError("Test case");
      const row = await tx.testCase.update({ where: { id: existing.id }, data });
      const before = view(existing);
      return {
        result: view(row),
        audit: {
          action: "testcase.update",
          entityType: "testcase",
          entityId: row.id,
          restApiId: api.id,
          summary: `Updated test case ${row.name} of ${methodLabel(row)}`,
          before: {
            name: before.name,
            resourcePath: before.resourcePath,
            httpMethod: before.httpMethod,
            request: before.request,
            expectations: before.expectations,
          },
          after: data,
        },
      };
    }
    const row = await tx.testCase.create({ data: { ...data, restApiId: api.id, createdById: actor.userId } });
    return {
      result: view(row),
      audit: {
        action: "testcase.create",
        entityType: "testcase",
        entityId: row.id,
        restApiId: api.id,
        summary: `Saved test case ${row.name} of ${methodLabel(row)}`,
        before: null,
        after: data,
      },
    };
  });
}

export async function deleteTestCase(db: Db, actor: Actor, restApiId: string, testCaseId: string): Promise<{ id: string }> {
  assertCan(actor.role, "invoke.test");
  if (!isUuid(testCaseId)) throw new NotFoundError("Test case");
  const api = await getRestApiOrThrow(db, actor.workspaceId, restApiId);
  return mutate(db, actor, async (tx) => {
    const existing = await tx.testCase.findFirst({ where: { id: testCaseId, restApiId: api.id } });
    if (!existing) throw new NotFoundError("Test case");
    await tx.testCase.delete({ where: { id: existing.id } });
    const before = view(existing);
    return {
      result: { id: existing.id },
      audit: {
        action: "testcase.delete",
        entityType: "testcase",
        entityId: existing.id,
        restApiId: api.id,
        summary: `Deleted test case ${existing.name} of ${methodLabel(existing)}`,
        before: {
          name: before.name,
          resourcePath: before.resourcePath,
          httpMethod: before.httpMethod,
          request: before.request,
          expectations: before.expectations,
        },
        after: null,
      },
    };
  });
}

const targetLabel = (t: RunTarget) => (t === "draft" ? "the draft" : `stage ${t.stage}`);

/**
 * Runs the API's saved test cases (all, one method's, or the given ids) against the draft or a
 * stage — its deployment snapshot and variables, each case's own stage variables winning — and
 * records the run as one history entry.
 */
export async function runTestCases(db: Db, actor: Actor, restApiId: string, raw: RunTestCasesInput): Promise<TestRunReport> {
  assertCan(actor.role, "invoke.test");
  const parsed = runTestCasesSchema.safeParse(raw);
  if (!parsed.success) throw fromZod(parsed.error);
  const { target, filter, ids } = parsed.data;
  const invokeTarget = await loadInvokeTarget(db, actor.workspaceId, restApiId, target === "draft" ? undefined : target.stage);
  // loadInvokeTarget found the API in the actor's workspace.
  const apiId = restApiId;
  const rows = await db.testCase.findMany({
    where: { restApiId: apiId, ...(filter ? { resourcePath: filter.resourcePath, httpMethod: filter.httpMethod } : {}), ...(ids ? { id: { in: ids } } : {}) },
    orderBy: [{ resourcePath: "asc" }, { httpMethod: "asc" }, { name: "asc" }],
  });
  const outbound = outboundPolicyFromEnv(process.env);
  // Lambda integrations run through the API's AWS connection, as in a single test invoke.
  const lambda = invokeTarget.awsConnection ? createLambdaInvoker(invokeTarget.awsConnection) : undefined;
  const results: TestCaseRunResult[] = [];
  try {
    for (const tc of rows.map(view)) {
      const result = await invokeMethod(
        invokeTarget.design,
        {
          httpMethod: tc.httpMethod === "ANY" ? "GET" : tc.httpMethod,
          pathWithQueryString: tc.request.pathWithQueryString,
          headers: tc.request.headers,
          ...(tc.request.multiValueHeaders ? { multiValueHeaders: tc.request.multiValueHeaders } : {}),
          body: tc.request.body,
          ...(tc.request.isBase64Encoded ? { isBase64Encoded: true } : {}),
          stageVariables: { ...invokeTarget.stageVariables, ...tc.request.stageVariables },
          stage: invokeTarget.stage,
        },
        { apiId: invokeTarget.awsApiId, outbound, lambda },
      );
      const outcome = checkExpectations(result, tc.expectations);
      results.push({
        testCase: { id: tc.id, name: tc.name, resourcePath: tc.resourcePath, httpMethod: tc.httpMethod, pathWithQueryString: tc.request.pathWithQueryString },
        status: result.status,
        passed: outcome.passed,
        failures: outcome.failures,
        latencyMs: result.latencyMs,
        body: result.body,
        log: result.log,
      });
    }
  } finally {
    lambda?.destroy();
  }
  const passed = results.filter((r) => r.passed).length;
  const report: TestRunReport = { target, total: results.length, passed, failed: results.length - passed, results };
  await mutate(db, actor, async () => ({
    result: null,
    audit: {
      action: "testcase.run",
      entityType: "testcase",
      entityId: target === "draft" ? "draft" : `stage:${target.stage}`,
      restApiId: apiId,
      summary: `Ran ${report.total} test case${report.total === 1 ? "" : "s"} against ${targetLabel(target)}: ${report.passed} passed, ${report.failed} failed`,
      before: {
        target,
        filter: filter ?? null,
        ...(invokeTarget.stage === null ? { apiVersion: invokeTarget.apiVersion } : { deploymentId: invokeTarget.deploymentId }),
      },
      after: {
        total: report.total,
        passed: report.passed,
        failed: report.failed,
        results: results.map((r) => ({
          id: r.testCase.id,
          name: r.testCase.name,
          method: methodLabel(r.testCase),
          status: r.status,
          passed: r.passed,
          failures: r.failures,
          latencyMs: r.latencyMs,
          body: clip(r.body),
        })),
      },
    },
  }));
  return report;
}
