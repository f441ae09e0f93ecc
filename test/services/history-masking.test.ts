/**
 * Secrets never reach the history (#16 item 5), on both databases: a test invoke's console
 * session cookie, a secret-named stage variable, query parameter and JSON body property (nested),
 * and the same in a saved test case, are masked in what viewers list and in the CSV/JSON exports.
 * Rows written before masking existed are masked when read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import type { Role } from "../../lib/auth/roles";
import { historyToCsv, historyToJson, listHistory } from "../../lib/audit/history";
import { seedDemo } from "../../lib/db/seed";
import { parseDesign } from "../../lib/model/design";
import { findResourceByPath } from "../../lib/model/tree";
import { createRestApi, editDesign } from "../../lib/restapi/service";
import { testInvoke } from "../../lib/restapi/test-invoke";
import { saveTestCase } from "../../lib/testcase/index";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { actorsOfEveryRole } from "../helpers/actors";

const SESSION = "live-session-token-0123456789abcdef";
const SECRETS = [SESSION, "hunter2-db", "s3cr3t-body", "nested-pw-9", "query-token-77"];

describe.each(DATABASE_KINDS)("secrets masked in the history on %s", (kind) => {
  let db: TestDatabase;
  let workspaceId: string;
  let apiId: string;
  let actors: Record<Role, Actor>;
  const p = () => db.handle.prisma;

  /** Everything a viewer can see of the history, and both exports, as one text. */
  async function whatViewersSee(): Promise<string> {
    const entries = await listHistory(p(), { workspaceId, restApiId: apiId, limit: 5000 });
    return [JSON.stringify(entries.map((e) => ({ ...e, createdAt: 0 }))), historyToCsv(entries), historyToJson(entries)].join("\n");
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    expect(await seedDemo(p())).toBe(true);
    ({ workspaceId, actors } = await actorsOfEveryRole(p()));
    // A MOCK POST /echo answering with the request body, so the answer carries the secrets too.
    const api = await createRestApi(p(), actors.editor, { name: "Masking" });
    apiId = api.id;
    let version = api.version;
    let design = parseDesign(api.design);
    const run = async (command: unknown) => {
      const r = await editDesign(p(), actors.editor, api.id, version, command);
      version = r.version;
      design = r.design;
    };
    await run({ type: "addResourcePath", path: "/echo" });
    const echo = findResourceByPath(design, "/echo")!.id;
    await run({ type: "putMethod", resourceId: echo, method: { httpMethod: "POST" } });
    await run({ type: "putMethodResponse", resourceId: echo, httpMethod: "POST", response: { statusCode: "200", responseParameters: {}, responseModels: {} } });
    await run({
      type: "putIntegration",
      resourceId: echo,
      httpMethod: "POST",
      integration: { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } },
    });
    await run({
      type: "putIntegrationResponse",
      resourceId: echo,
      httpMethod: "POST",
      response: { statusCode: "200", responseParameters: {}, responseTemplates: { "application/json": "$input.body" } },
    });
  });

  afterAll(async () => {
    await db?.drop();
  });

  const request = {
    httpMethod: "POST" as const,
    pathWithQueryString: "/echo?access_token=query-token-77&page=2",
    headers: { "Content-Type": "application/json", Cookie: `theme=dark; gatehouse_session=${SESSION}`, "X-Trace": "trace-1" },
    body: JSON.stringify({ user: "ann", password: "s3cr3t-body", profile: { settings: { dbPwd: "nested-pw-9" } }, note: "kept" }, null, 2),
    stageVariables: { dbPass: "hunter2-db", region: "eu-west-1" },
  };

  it("masks a test invoke's cookie, stage variables, query and JSON body, in the list and in both exports", async () => {
    const result = await testInvoke(p(), actors.editor, apiId, request);
    expect(result.status).toBe(200);
    const seen = await whatViewersSee();
    for (const secret of SECRETS) expect(seen).not.toContain(secret);
    // What is not secret stays readable: names, other values, the body's shape.
    for (const kept of ["gatehouse_session=****", "theme=****", "trace-1", "eu-west-1", "page=2", "access_token=****", "kept", "ann"])
      expect(seen).toContain(kept);
    const entry = (await listHistory(p(), { workspaceId, restApiId: apiId, action: "method.test_invoke" }))[0];
    const recorded = (entry.before as { request: { body: string; stageVariables: Record<string, string> } }).request;
    expect(JSON.parse(recorded.body)).toEqual({ user: "ann", password: "****", profile: { settings: { dbPwd: "****" } }, note: "kept" });
    expect(recorded.stageVariables).toEqual({ dbPass: "****", region: "eu-west-1" });
  });

  it("masks a saved test case's request in its history entry", async () => {
    const { httpMethod, ...rest } = request;
    await saveTestCase(p(), actors.editor, apiId, { resourcePath: "/echo", httpMethod, name: "with secrets", request: rest, expectations: { status: 200 } });
    const seen = await whatViewersSee();
    for (const secret of SECRETS) expect(seen).not.toContain(secret);
    // The test case itself keeps what it needs to run.
    const row = await p().testCase.findFirstOrThrow({ where: { restApiId: apiId, name: "with secrets" } });
    expect(JSON.stringify(row.request)).toContain("hunter2-db");
  });

  it("masks rows written before masking existed when they are read", async () => {
    await p().auditEvent.create({
      data: {
        workspaceId,
        restApiId: apiId,
        actorId: actors.editor.userId,
        actorEmail: actors.editor.email,
        action: "method.test_invoke",
        entityType: "method",
        entityId: "/echo POST",
        summary: "Test-invoked POST /echo?access_token=query-token-77: 200",
        before: { request },
        after: { status: 200 },
      },
    });
    const seen = await whatViewersSee();
    for (const secret of SECRETS) expect(seen).not.toContain(secret);
  });
});
