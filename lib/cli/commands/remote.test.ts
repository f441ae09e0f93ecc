/**
 * `gatehouse remote …` end to end, as a pipeline step runs it: the real CLI process against the
 * real /api/v1 route handlers (served on loopback by this test, on a real PostgreSQL database),
 * authenticated by an access token from the environment.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAccessToken } from "../../auth/access-tokens";
import type { DbHandle } from "../../db/client";
import { seedDemo } from "../../db/seed";
import { editDesign } from "../../restapi/service";
import { createDeployment } from "../../deployment/service";
import { createStage } from "../../stage/service";
import { actorsOfEveryRole } from "../../../test/helpers/actors";
import { runGatehouse } from "../../../test/helpers/cli";
import { openTestDatabase, type TestDatabase } from "../../../test/helpers/databases";
import { type ServedApiV1, serveApiV1 } from "../../../test/cli/serve-api-v1";

const state = vi.hoisted(() => ({ handle: undefined as DbHandle | undefined }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/db", () => ({ getDb: async () => state.handle }));

describe("gatehouse remote", () => {
  let db: TestDatabase;
  let server: ServedApiV1;
  let env: NodeJS.ProcessEnv;
  let apiId: string;

  beforeAll(async () => {
    db = await openTestDatabase("postgres", { migrate: true });
    state.handle = db.handle;
    const p = db.handle.prisma;
    await seedDemo(p);
    const { actors } = await actorsOfEveryRole(p);
    apiId = (await p.restApi.findFirstOrThrow({ where: { workspaceId: actors.admin.workspaceId } })).id;
    const first = await createDeployment(p, actors.deployer, apiId, { description: "first" });
    await createStage(p, actors.deployer, apiId, { name: "dev", deploymentId: first.id });
    await createStage(p, actors.deployer, apiId, { name: "prod", deploymentId: first.id });
    await p.stage.updateMany({ where: { restApiId: apiId, name: "prod" }, data: { protected: true } });
    const api = await p.restApi.findUniqueOrThrow({ where: { id: apiId } });
    await editDesign(p, actors.editor, apiId, api.version, { type: "addResourcePath", path: "/from-ci" });
    server = await serveApiV1();
    const { token } = await createAccessToken(p, actors.deployer, { name: "pipeline", role: "deployer", expiresInDays: 1 });
    env = { ...process.env, GATEHOUSE_SERVER: server.url, GATEHOUSE_TOKEN: token };
  }, 180_000);
  afterAll(async () => {
    server?.close();
    await db?.drop();
  });

  it("deploys to dev, then promotes to protected prod as an approval request, and shows it in the history", async () => {
    const apis = await runGatehouse(["remote", "apis"], { env });
    expect(apis).toMatchObject({ code: 0, stderr: "" });
    expect(apis.stdout).toContain(apiId);

    const deploy = await runGatehouse(["remote", "deploy", apiId, "--stage", "dev", "--description", "build 42"], { env });
    expect(deploy.stderr).toBe("");
    expect(deploy.stdout).toMatch(/^Deployment [0-9a-f-]{36} created\.\nStage dev: /);

    const promote = await runGatehouse(["remote", "promote", apiId, "--from", "dev", "--to", "prod", "--wait", "1"], { env });
    expect(promote.stdout).toMatch(/Stage prod is protected: approval requested \([0-9a-f-]{36}\)/);
    expect(promote.stderr).toContain("prod is still waiting for approval after 1 s");
    expect(promote.code).toBe(2);

    const history = await runGatehouse(["remote", "history", "--api", apiId, "--json"], { env });
    expect(history.code).toBe(0);
    const rows = JSON.parse(history.stdout) as { actorEmail: string }[];
    expect(rows[0].actorEmail).toBe("deployer@example.com");
  }, 120_000);

  it("says what is wrong, on stderr with exit 1: no token, a bad token, a bad field", async () => {
    const noToken = await runGatehouse(["remote", "apis"], { env: { ...env, GATEHOUSE_TOKEN: "" } });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain("remote mode needs an access token");
    const bad = await runGatehouse(["remote", "apis", "--token", "gh_pat_nope"], { env });
    expect(bad).toMatchObject({ code: 1, stdout: "" });
    expect(bad.stderr).toContain("401 TokenInvalid");
    const field = await runGatehouse(["remote", "deploy", apiId, "--stage", "not valid!"], { env });
    expect(field.code).toBe(1);
    expect(field.stderr).toMatch(/400 ValidationError[\s\S]*stageName: Stage name only allows/);
    const modeAlone = await runGatehouse(["remote", "import", "api.yaml", "--mode", "overwrite"], { env });
    expect(modeAlone).toMatchObject({ code: 1, stderr: "gatehouse remote: --mode and --dry-run are for importing into an API: add --api ID\n" });
    const missing = await runGatehouse(["remote", "import", "/no/such/file.yaml"], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("cannot read /no/such/file.yaml");
    const format = await runGatehouse(["remote", "diff", apiId, "--from", "draft", "--to", "draft", "--format", "html"], { env });
    expect(format).toMatchObject({ code: 1, stderr: 'gatehouse remote: --format must be text or json, not "html"\n' });
  }, 120_000);
});
