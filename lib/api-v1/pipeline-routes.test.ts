/**
 * The pipeline API's import, diff, push and test-run routes through their handlers on a real
 * database: each role's token gets exactly what the console's permission table allows, and bad
 * input (a bad file, a bad query, a NUL byte in the path or the body) is a 4xx with its code and
 * fields, with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/audit/mutate";
import { createAccessToken } from "@/lib/auth/access-tokens";
import type { Role } from "@/lib/auth/roles";
import type { DbHandle } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed";
import { createDeployment } from "@/lib/deployment/service";
import { createStage } from "@/lib/stage/service";
import { saveTestCase } from "@/lib/testcase/service";
import { actorsOfEveryRole } from "@/test/helpers/actors";
import { openTestDatabase, type TestDatabase } from "@/test/helpers/databases";

const state = vi.hoisted(() => ({ handle: undefined as DbHandle | undefined }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/db", () => ({ getDb: async () => state.handle }));

const apisRoute = await import("@/app/api/v1/apis/route");
const openapiRoute = await import("@/app/api/v1/apis/[apiId]/openapi/route");
const diffRoute = await import("@/app/api/v1/apis/[apiId]/diff/route");
const pushRoute = await import("@/app/api/v1/apis/[apiId]/stages/[stageName]/push/route");
const testsRoute = await import("@/app/api/v1/apis/[apiId]/tests/run/route");
const promoteRoute = await import("@/app/api/v1/apis/[apiId]/stages/[stageName]/promote/route");

const FILE = JSON.stringify({
  openapi: "3.0.1",
  info: { title: "Routes test", version: "1" },
  paths: {
    "/items": {
      get: {
        responses: { "200": { description: "ok" } },
        "x-amazon-apigateway-integration": {
          type: "mock",
          requestTemplates: { "application/json": '{"statusCode": 200}' },
          responses: { default: { statusCode: "200", responseTemplates: { "application/json": '{"ok": true}' } } },
        },
      },
    },
  },
});
const YAML_FILE = "openapi: 3.0.1\ninfo: { title: From YAML, version: '1' }\npaths:\n  /yaml:\n    get:\n      responses: { '200': { description: ok } }\n";

const call = (method: string, path: string, token: string | undefined, body?: string, type = "application/json") =>
  new Request(`http://console.example/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": type }) },
    body,
  });
const params = <T>(p: T) => ({ params: Promise.resolve(p) });
type Refusal = { code: string; message: string; fieldErrors?: Record<string, string>; problems?: { pointer: string; message: string }[] };

describe("/api/v1 import, diff, push, tests/run", () => {
  let db: TestDatabase;
  const actors = {} as Record<Role, Actor>;
  const tokens = {} as Record<Role, string>;
  let apiId: string;
  const p = () => db.handle.prisma;
  const auditCount = () => p().auditEvent.count();
  const put = (token: string, query: string, body: string, type?: string) =>
    openapiRoute.PUT(call("PUT", `/apis/${apiId}/openapi${query}`, token, body, type), params({ apiId }));
  const diff = (token: string, query: string) => diffRoute.GET(call("GET", `/apis/${apiId}/diff${query}`, token), params({ apiId }));
  const push = (token: string, stageName: string, body = "{}") =>
    pushRoute.POST(call("POST", `/apis/${apiId}/stages/x/push`, token, body), params({ apiId, stageName }));
  const run = (token: string, body: unknown) => testsRoute.POST(call("POST", `/apis/${apiId}/tests/run`, token, JSON.stringify(body)), params({ apiId }));

  beforeAll(async () => {
    db = await openTestDatabase("postgres", { migrate: true });
    state.handle = db.handle;
    await seedDemo(p());
    Object.assign(actors, (await actorsOfEveryRole(p())).actors);
    for (const role of ["viewer", "editor", "deployer"] as const) {
      tokens[role] = (await createAccessToken(p(), actors[role], { name: `ci-${role}`, role, expiresInDays: 1 })).token;
    }
    const created = await apisRoute.POST(call("POST", "/apis?name=Routes", tokens.editor, FILE));
    expect(created.status).toBe(201);
    apiId = ((await created.json()) as { id: string }).id;
    const d = await createDeployment(p(), actors.deployer, apiId, { description: "one" });
    await createStage(p(), actors.deployer, apiId, { name: "dev", deploymentId: d.id });
    await saveTestCase(p(), actors.editor, apiId, {
      resourcePath: "/items",
      httpMethod: "GET",
      name: "items",
      request: { pathWithQueryString: "/items" },
      expectations: { status: 200, bodyContains: ['"ok": true'] },
    });
  }, 180_000);
  afterAll(() => db.drop());

  it("gives each role's token what the permission table gives the role, and writes nothing it refuses", async () => {
    const before = await auditCount();
    const refusals = [
      await apisRoute.POST(call("POST", "/apis", tokens.viewer, FILE)),
      await put(tokens.viewer, "", FILE),
      await run(tokens.viewer, {}),
      await push(tokens.editor, "dev"),
    ];
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect(((await refusals[3].json()) as Refusal).code).toBe("Forbidden");
    expect(await auditCount()).toBe(before);
    expect((await diff(tokens.viewer, "?from=stage:dev&to=draft")).status).toBe(200);
    expect((await run(tokens.editor, {})).status).toBe(200);
    expect((await apisRoute.POST(call("POST", "/apis", undefined, FILE))).status).toBe(401);
  });

  it("imports a file (YAML too) into the draft, merge or overwrite, or only says what it would change", async () => {
    const version = (await p().restApi.findUniqueOrThrow({ where: { id: apiId } })).version;
    const dry = await put(tokens.editor, "?dryRun=true", YAML_FILE, "application/yaml");
    expect(await dry.json()).toMatchObject({ applied: false, mode: "merge", changes: ["+ resource /yaml", "+ method /yaml GET"] });
    expect((await p().restApi.findUniqueOrThrow({ where: { id: apiId } })).version).toBe(version);
    const merged = await put(tokens.editor, `?mode=merge&baseVersion=${version}`, YAML_FILE, "application/yaml");
    expect(merged.status).toBe(200);
    expect(await merged.json()).toMatchObject({ applied: true, version: version + 1 });
    const stale = await put(tokens.editor, `?mode=overwrite&baseVersion=${version}`, FILE);
    expect(stale.status).toBe(409);
    const overwritten = await put(tokens.editor, "?mode=overwrite", FILE);
    expect(await overwritten.json()).toMatchObject({ applied: true, version: version + 2, changes: expect.arrayContaining(["- resource /yaml"]) });
  });

  it("refuses a bad file with every problem and its pointer, and bad options by name; nothing is written", async () => {
    const before = await auditCount();
    const apis = await p().restApi.count();
    const bad = JSON.stringify({ openapi: "3.0.1", info: { title: "x", version: "1" }, paths: { "/a": { get: { responses: { abc: {} } } }, b: {} } });
    const refused = await put(tokens.editor, "", bad);
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as Refusal;
    expect(body.code).toBe("InvalidOpenApi");
    expect(body.problems!.length).toBeGreaterThanOrEqual(2);
    expect(body.problems!.map((x) => x.pointer)).toContain("/paths/~1a/get/responses/abc");
    const empty = (await (await apisRoute.POST(call("POST", "/apis", tokens.editor, " "))).json()) as Refusal;
    expect(empty).toMatchObject({ code: "InvalidOpenApi", problems: [{ pointer: "", message: expect.stringContaining("OpenAPI") }] });
    const options = (await (await put(tokens.editor, "?mode=replace&dryRun=yes&colour=red", FILE)).json()) as Refusal;
    expect(Object.keys(options.fieldErrors ?? {}).sort()).toEqual(["colour", "dryRun", "mode"]);
    // A NUL escaped in the file's JSON becomes text PostgreSQL cannot store: a field error, not a half-made API.
    const nul = await apisRoute.POST(call("POST", "/apis", tokens.editor, FILE.replace('"Routes test"', '"Routes\\u0000test"')));
    expect(nul.status).toBe(400);
    expect(((await nul.json()) as Refusal).message).toContain("NUL");
    expect(await p().restApi.count()).toBe(apis);
    expect(await auditCount()).toBe(before);
  });

  it("diffs two sides as the console's comparison; a bad side is a field error, an unknown one 404", async () => {
    const same = (await (await diff(tokens.viewer, "?from=stage:dev&to=stage:dev")).json()) as { design: { summary: { identical: boolean } }; stage: object };
    expect(same.design.summary.identical).toBe(true);
    expect(same.stage).toMatchObject({ identical: true });
    const missing = (await (await diff(tokens.viewer, "?to=draft")).json()) as Refusal;
    expect(Object.keys(missing.fieldErrors!)).toEqual(["from"]);
    const badRef = await diff(tokens.viewer, "?from=deployment:nope&to=draft");
    expect(badRef.status).toBe(400);
    expect(((await badRef.json()) as Refusal).fieldErrors).toHaveProperty("from");
    expect((await diff(tokens.viewer, "?from=stage:nowhere&to=draft")).status).toBe(404);
    const nul = (await (await diff(tokens.viewer, "?from=draft&to=stage:%00")).json()) as Refusal;
    expect(nul.fieldErrors).toEqual({ to: expect.stringContaining("Stage name only allows") });
  });

  it("runs the saved tests, says passed per case, and refuses a bad target", async () => {
    const report = (await (await run(tokens.editor, { target: "stage:dev" })).json()) as { passed: number; results: { name: string; passed: boolean }[] };
    expect(report).toMatchObject({ passed: 1, results: [{ name: "items", passed: true }] });
    for (const target of ["prod", "stage:bad name", "stage:\u0000"]) {
      const res = await run(tokens.editor, { target });
      expect(res.status, target).toBe(400);
      expect(((await res.json()) as Refusal).fieldErrors, target).toHaveProperty("target");
    }
    const nowhere = await run(tokens.editor, { target: "stage:nowhere" });
    expect(nowhere.status).toBe(400);
    expect(((await nowhere.json()) as Refusal).fieldErrors).toEqual({ stage: "This API has no stage named nowhere" });
  });

  it("refuses a push with a bad stage name (a NUL too), a bad connection id, or no AWS connection: 400 with the field", async () => {
    const before = await auditCount();
    for (const [stage, body, field] of [
      ["dev\u0000", "{}", "stageName"],
      ["dev", '{"connectionId":"not-an-id"}', "connectionId"],
      ["dev", '{"connectionId":"\\u0000"}', "connectionId"],
      ["dev", '{"connectionId":"\u0000"}', "body"],
      ["dev", "{}", "connectionId"],
    ]) {
      const res = await push(tokens.deployer, stage, body);
      expect(res.status, `${stage} ${body}`).toBe(400);
      expect(((await res.json()) as Refusal).fieldErrors, `${stage} ${body}`).toHaveProperty(field);
    }
    expect(await auditCount()).toBe(before);
  });

  it("refuses a promotion to a stage name with a NUL as a field error on `to`", async () => {
    const res = await promoteRoute.POST(
      call("POST", `/apis/${apiId}/stages/x/promote`, tokens.deployer, '{"from":"dev"}'),
      params({ apiId, stageName: "prod\u0000" }),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as Refusal).fieldErrors).toHaveProperty("to");
  });
});
