/**
 * The push route over the job queue, with its real handlers, a real worker and PostgreSQL: POST
 * queues the push and streams the job's lines read from the database; while it runs, another tab
 * (GET) follows the same push, and a second push of the stage is refused with 409 naming who pushes
 * before anything is queued; both watchers see it end.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import type { SessionUser } from "../../lib/auth/session";
import { createConnection } from "../../lib/connection/service";
import type { DbHandle } from "../../lib/db/client";
import { seedDemo } from "../../lib/db/seed";
import { createDeployment } from "../../lib/deployment/service";
import { type FakeApiGateway, startFakeApiGateway } from "../fakes/fake-apigateway";
import { actorsOfEveryRole } from "../helpers/actors";
import { openTestDatabase, type TestDatabase } from "../helpers/databases";

const state = vi.hoisted(() => ({ handle: undefined as DbHandle | undefined, user: null as SessionUser | null }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/db", () => ({ getDb: async () => state.handle }));
vi.mock("@/app/_server/session", () => ({
  currentUser: async () => state.user,
  actorOf: (u: SessionUser) => ({ userId: u.userId, email: u.email, workspaceId: u.workspaceId, role: u.role }),
}));

const { GET, POST } = await import("../../app/api/apis/[apiId]/stages/[stageName]/push/route");
const { consoleJobs } = await import("../../lib/jobs");

type Line = { type: string; [k: string]: unknown };

/** Every NDJSON line of a streamed answer, as it comes. */
async function readLines(res: Response, onLine: (l: Line) => void = () => {}): Promise<Line[]> {
  const lines: Line[] = [];
  let buffer = "";
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value: chunk, done } = await reader.read();
    if (done) break;
    buffer += chunk;
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    for (const raw of parts.filter(Boolean)) {
      const line = JSON.parse(raw) as Line;
      lines.push(line);
      onLine(line);
    }
  }
  return lines;
}

async function until(what: string, check: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting until ${what}`);
}

describe("the push route queues a job and streams it from the database", () => {
  let db: TestDatabase;
  let fake: FakeApiGateway;
  let deployer: Actor;
  let apiId: string;
  let connectionId: string;
  const params = () => ({ params: Promise.resolve({ apiId, stageName: "live" }) });
  const url = () => `http://console.test/api/apis/${apiId}/stages/live/push`;

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID ??= "AKIAPUSHROUTETEST";
    process.env.AWS_SECRET_ACCESS_KEY ??= "push-route-test-secret";
    db = await openTestDatabase("postgres");
    state.handle = db.handle;
    process.env.DATABASE_URL = db.url;
    const prisma = db.handle.prisma;
    await seedDemo(prisma);
    const { actors } = await actorsOfEveryRole(prisma);
    deployer = actors.deployer;
    state.user = {
      sessionId: "s",
      userId: deployer.userId!,
      email: deployer.email,
      name: "Deployer",
      workspaceId: deployer.workspaceId,
      workspaceName: "Demo",
      role: "deployer",
    };
    fake = await startFakeApiGateway({ quotas: false });
    connectionId = (await createConnection(prisma, actors.admin, { name: "fake", region: "us-east-1", endpointUrl: fake.url })).id;
    const api = await prisma.restApi.findFirstOrThrow({ where: { name: "PetStore", workspaceId: deployer.workspaceId } });
    const deployment = await createDeployment(prisma, deployer, api.id, { description: "v1" });
    await prisma.stage.create({ data: { restApiId: api.id, name: "live", deploymentId: deployment.id } });
    apiId = api.id;
  }, 60_000);
  afterAll(async () => {
    await (await consoleJobs()).stop(1000);
    delete process.env.DATABASE_URL;
    await fake?.close();
    await db?.drop();
  });

  it("streams progress to the tab that pushed and to another tab, and refuses a second push with 409", async () => {
    expect((await GET(new Request(url()), params())).status).toBe(204); // nothing under way yet

    // AWS holds the document upload until released: the push stays mid-way meanwhile.
    let release = () => {};
    fake.faults.add({ operation: "PutRestApi", nth: 1, hold: new Promise<void>((r) => (release = r)) });
    const res = await POST(new Request(url(), { method: "POST", body: JSON.stringify({ connectionId }) }), params());
    expect(res.headers.get("content-type")).toBe("application/x-ndjson");
    const seen: Line[] = [];
    const pushed = readLines(res, (l) => seen.push(l));
    await until("the push made its first call", () => seen.some((l) => l.type === "progress"));

    const again = await POST(new Request(url(), { method: "POST", body: JSON.stringify({ connectionId }) }), params());
    expect(again.status).toBe(409);
    expect((await again.json()).message).toMatch(new RegExp(`^Stage live is already being pushed by ${deployer.email} since `));

    const other = await GET(new Request(url()), params());
    expect(other.status).toBe(200);
    const followed = readLines(other);
    release();

    const [mine, theirs] = await Promise.all([pushed, followed]);
    expect(mine[0]).toMatchObject({ type: "queued" });
    const progress = mine.filter((l) => l.type === "progress");
    expect(progress.map((l) => l.done)).toEqual(progress.map((_, i) => i + 1));
    expect(progress.at(-1)).toMatchObject({ done: progress.length, total: progress.length });
    const done = mine.at(-1)!;
    expect(done).toMatchObject({ type: "done", awsRestApiId: [...fake.state.restApis.keys()][0] });
    expect(theirs[0]).toEqual(mine[0]);
    expect(theirs.at(-1)).toEqual(done);
    expect(fake.callsOf("CreateRestApi")).toHaveLength(1);
  }, 120_000);

  it("answers refusals before queueing anything: a stage that does not exist is 404", async () => {
    const res = await POST(new Request(`http://console.test/api/apis/${apiId}/stages/nope/push`, { method: "POST", body: JSON.stringify({ connectionId }) }), {
      params: Promise.resolve({ apiId, stageName: "nope" }),
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ message: "Stage nope not found" });
  });

  it("answers a name no stage can have, or an id that is not one, as 'nothing under way' or not found, never 500 (found by the fuzz spec)", async () => {
    const at = (a: string, s: string) => ({ params: Promise.resolve({ apiId: a, stageName: s }) });
    // Next hands the segment decoded once: a literal % left in it does not decode again.
    for (const [a, s] of [
      [apiId, "50%q"],
      ["\u0000", "live"],
      ["admin", "live"],
      [apiId, "\u0012L\u0000"],
    ])
      expect((await GET(new Request(url()), at(a, s))).status, `${a} ${s}`).toBe(204);
    const post = await POST(new Request(url(), { method: "POST", body: JSON.stringify({ connectionId }) }), at(apiId, "50%q"));
    expect(post.status).toBe(404);
  });
});
