/**
 * A database outage (issue #15, "Bad input"): requests fail fast with 503 and a message, nothing is
 * half-written, the console recovers on its own when the database returns, and queued jobs run then.
 * The outage is staged by a TCP proxy between the console's pool and the real PostgreSQL: cut
 * connections, refused connections, and a black hole that accepts and never answers.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";
import { openDb, type DbHandle } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed";
import { DATABASE_UNAVAILABLE_MESSAGE, databaseUnavailable } from "@/lib/db/unavailable";
import { defineJob } from "@/lib/jobs/kind";
import { JobQueue } from "@/lib/jobs/queue";
import { createRestApi } from "@/lib/restapi/service";
import { actorsOfEveryRole } from "@/test/helpers/actors";
import { openTestDatabase, type TestDatabase } from "@/test/helpers/databases";
import { startTcpProxy, type TcpProxy } from "@/test/helpers/tcp-proxy";

const state = vi.hoisted(() => ({ handle: undefined as DbHandle | undefined, user: undefined as SessionUser | undefined }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/db", () => ({ getDb: async () => state.handle }));
vi.mock("@/app/_server/session", () => ({
  currentUser: async () => state.user,
  actorOf: (u: SessionUser) => ({ userId: u.userId, email: u.email, workspaceId: u.workspaceId, role: u.role }),
}));
const { runAction } = await import("@/app/_server/action");

describe("a database outage", () => {
  let direct: TestDatabase;
  let proxy: TcpProxy;
  let viaProxy: DbHandle;
  const createApi = (name: string) => runAction("api.create", ({ db, actor }) => createRestApi(db, actor, { name }));
  const counts = async () => ({ apis: await direct.handle.prisma.restApi.count(), audit: await direct.handle.prisma.auditEvent.count() });

  beforeAll(async () => {
    direct = await openTestDatabase("postgres");
    await seedDemo(direct.handle.prisma);
    const { actors } = await actorsOfEveryRole(direct.handle.prisma);
    proxy = await startTcpProxy({ host: "127.0.0.1", port: Number(new URL(direct.url!).port || 5432) });
    const url = new URL(direct.url!);
    url.port = String(proxy.port);
    process.env.GATEHOUSE_DB_CONNECT_TIMEOUT_MS = "700";
    viaProxy = await openDb({ databaseUrl: url.toString(), migrate: false });
    state.handle = viaProxy;
    state.user = { ...actors.admin, name: "Admin" } as unknown as SessionUser;
  }, 120_000);
  afterAll(async () => {
    delete process.env.GATEHOUSE_DB_CONNECT_TIMEOUT_MS;
    await viaProxy?.close().catch(() => undefined);
    await proxy?.close();
    await direct?.drop();
  });

  it.each(["refusing", "black hole"] as const)(
    "%s: a write answers 503 DatabaseUnavailable with a message, writes nothing, and works again once it is back",
    async (mode) => {
      expect(await createApi(`before ${mode}`)).toMatchObject({ ok: true });
      const before = await counts();
      await proxy.set(mode);
      // A black hole is the case that used to hang for ever: the pool now gives up after its connect timeout.
      const refused = await createApi(`during ${mode}`);
      expect(refused).toEqual({ ok: false, status: 503, code: "DatabaseUnavailable", error: DATABASE_UNAVAILABLE_MESSAGE, fieldErrors: undefined });
      expect(await counts()).toEqual(before);
      await proxy.set("up");
      expect(await createApi(`after ${mode}`)).toMatchObject({ ok: true });
      expect(await counts()).toEqual({ apis: before.apis + 1, audit: before.audit + 1 });
    },
    60_000,
  );

  it("a read answers 503 too, and a fault that is not an outage is still a 500", async () => {
    await proxy.set("refusing");
    const read = await runAction("read", ({ db }) => db.restApi.count());
    expect(read).toMatchObject({ ok: false, status: 503, code: "DatabaseUnavailable" });
    await proxy.set("up");
    const fault = await runAction("read", async () => {
      throw new Error("a bug");
    });
    expect(fault).toMatchObject({ ok: false, status: 500 });
    expect(databaseUnavailable(new Error("a bug"))).toBeUndefined();
  }, 30_000);

  it("jobs resume when the database returns: a job queued while the worker could not reach it runs then, once", async () => {
    const ran: string[] = [];
    const echo = defineJob({
      name: "outage-echo",
      payload: z.object({ word: z.string() }),
      handler: async (_ctx, input) => void ran.push(input.word),
      retryLimit: 3,
      retryDelaySeconds: 1,
      expireInSeconds: 30,
      permanent: () => false,
    });
    // The worker reaches the database through the proxy; a sender (another instance) directly.
    const worker = await JobQueue.start(viaProxy, [echo], { connectionString: proxyUrl(direct.url!, proxy.port), pollingSeconds: 0.5 });
    const sender = await JobQueue.start(direct.handle, [echo], { connectionString: direct.url, work: false });
    try {
      await proxy.set("refusing");
      await expect(worker.send(echo, null, { word: "refused" })).rejects.toSatisfy((e) => databaseUnavailable(e) !== undefined);
      const id = await sender.send(echo, null, { word: "queued during the outage" });
      await new Promise((r) => setTimeout(r, 2_000)); // several of the worker's polls fail meanwhile
      expect(ran).toEqual([]);
      await proxy.set("up");
      await sender.waitFor(echo, id, { pollMs: 100 });
      expect(ran).toEqual(["queued during the outage"]);
    } finally {
      await worker.stop(1000).catch(() => undefined);
      await sender.stop(1000);
    }
  }, 90_000);
});

function proxyUrl(url: string, port: number): string {
  const u = new URL(url);
  u.port = String(port);
  return u.toString();
}

describe("GATEHOUSE_DB_CONNECT_TIMEOUT_MS", () => {
  it("defaults to 5 s, takes milliseconds, and refuses a value it cannot use by name", async () => {
    const { connectTimeoutMs } = await import("@/lib/db/client");
    expect(connectTimeoutMs({})).toBe(5_000);
    expect(connectTimeoutMs({ GATEHOUSE_DB_CONNECT_TIMEOUT_MS: " 1500 " })).toBe(1_500);
    for (const bad of ["0", "fast", "1.5", "9999999"])
      expect(() => connectTimeoutMs({ GATEHOUSE_DB_CONNECT_TIMEOUT_MS: bad })).toThrow(/GATEHOUSE_DB_CONNECT_TIMEOUT_MS must be/);
  });
});
