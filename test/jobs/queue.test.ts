/**
 * The job queue on both databases (PostgreSQL over its own pool, the embedded PGlite through the
 * executeSql bridge): a job runs once and keeps its result; a payload the kind refuses is refused
 * when sent (400) and, written by a looser sender, fails its job at once with the error in history;
 * a job that always throws stops after its retries, its error in history.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Actor } from "../../lib/audit/mutate";
import { ValidationError } from "../../lib/errors";
import { defineJob, type JobKind } from "../../lib/jobs/kind";
import { JobQueue } from "../../lib/jobs/queue";
import { seedDemo } from "../../lib/db/seed";
import { actorsOfEveryRole } from "../helpers/actors";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";

/** Bounded wait for a condition (what is tested is the condition, not the time). */
async function until<T>(what: string, read: () => Promise<T | null | undefined | false>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await read();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting until ${what}`);
}

describe.each(DATABASE_KINDS)("job queue on %s", (kind) => {
  let db: TestDatabase;
  let queue: JobQueue;
  let sender: JobQueue;
  let actor: Actor;
  const attempts = { echo: 0, flaky: 0, strict: 0 };

  const echo = defineJob<{ word: string }>({
    name: "test-echo",
    payload: z.object({ word: z.string().min(1) }),
    retryLimit: 2,
    retryDelaySeconds: 0,
    expireInSeconds: 60,
    permanent: () => false,
    async handler({ actor }, { word }) {
      attempts.echo++;
      return { echoed: word.toUpperCase(), by: actor?.email };
    },
  });
  const alwaysThrows = defineJob<{ n: number }>({
    name: "test-always-throws",
    payload: z.object({ n: z.number() }),
    retryLimit: 2,
    retryDelaySeconds: 0,
    expireInSeconds: 60,
    permanent: () => false,
    async handler(_ctx, { n }) {
      attempts.flaky++;
      throw new Error(`backend unavailable (${n})`);
    },
  });
  const strict = defineJob<{ count: number }>({
    name: "test-strict",
    payload: z.object({ count: z.number().int().positive() }),
    retryLimit: 3,
    retryDelaySeconds: 0,
    expireInSeconds: 60,
    permanent: () => false,
    async handler() {
      attempts.strict++;
      return null;
    },
  });
  const refuses = defineJob<{ name: string }>({
    name: "test-refuses",
    payload: z.object({ name: z.string() }),
    retryLimit: 3,
    retryDelaySeconds: 0,
    expireInSeconds: 60,
    permanent: (e) => e instanceof ValidationError,
    async handler(_ctx, { name }) {
      throw new ValidationError([{ field: "name", message: `${name} is taken` }]);
    },
  });
  /** The same queue name, as an older or careless sender would write it: anything goes. */
  const loose: JobKind<unknown> = { ...strict, payload: z.unknown() } as JobKind<unknown>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemo(db.handle.prisma);
    ({
      actors: { deployer: actor },
    } = await actorsOfEveryRole(db.handle.prisma));
    queue = await JobQueue.start(db.handle, [echo, alwaysThrows, strict, refuses], { connectionString: db.url, pollingSeconds: 0.5 });
    sender = await JobQueue.start(db.handle, [loose], { connectionString: db.url, work: false });
  }, 60_000);
  afterAll(async () => {
    await sender?.stop(1000);
    await queue?.stop(1000);
    await db?.drop();
  });

  const jobFailures = (jobId: string) => db.handle.prisma.auditEvent.findMany({ where: { action: "job.failed", entityId: jobId } });

  it("runs a job once and keeps what it returned", async () => {
    const id = await queue.send(echo, actor, { word: "pets" });
    const done = await until("the job completed", async () => ((await queue.job(echo, id))?.state === "completed" ? queue.job(echo, id) : null));
    expect(done?.output).toEqual({ echoed: "PETS", by: actor.email });
    expect(attempts.echo).toBe(1);
  });

  it("refuses a bad payload when sending: a 400 naming the field, nothing queued", async () => {
    const before = await queue.depths();
    const refused = await queue.send(echo, actor, { word: "" }).catch((e) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused.status).toBe(400);
    expect(refused.issues).toEqual([{ field: "word", message: expect.any(String) }]);
    expect(await queue.depths()).toEqual(before);
  });

  it("fails a job whose payload is bad once, without retrying, with the error in history", async () => {
    const id = await sender.send(loose, actor, { count: -2 });
    const failed = await until("the job failed", async () => ((await queue.job(strict, id))?.state === "failed" ? queue.job(strict, id) : null));
    expect(failed?.retryCount).toBe(0);
    expect(attempts.strict).toBe(0);
    const [entry, ...more] = await until("history has it", async () => {
      const rows = await jobFailures(id);
      return rows.length ? rows : null;
    });
    expect(more).toEqual([]);
    expect(entry.actorEmail).toBe(actor.email);
    expect(entry.summary).toMatch(/^Job test-strict failed without retrying .*: Bad test-strict job payload: count: /);
    expect(entry.after).toMatchObject({ kind: "test-strict", attempts: 1 });
  });

  it("a service's refusal (4xx) fails the job at once and, as in a request, writes nothing", async () => {
    const before = await db.handle.prisma.auditEvent.count();
    const id = await queue.send(refuses, actor, { name: "pets" });
    const failed = await until("the job failed", async () => ((await queue.job(refuses, id))?.state === "failed" ? queue.job(refuses, id) : null));
    expect(failed?.retryCount).toBe(0);
    await expect(queue.waitFor(refuses, id)).rejects.toMatchObject({ status: 400, message: "name: pets is taken" });
    expect(await db.handle.prisma.auditEvent.count()).toBe(before);
  });

  it("stops a job that always throws after its retries, its error in history", async () => {
    const id = await queue.send(alwaysThrows, actor, { n: 7 });
    const failed = await until("the job failed for good", async () =>
      (await queue.job(alwaysThrows, id))?.state === "failed" ? queue.job(alwaysThrows, id) : null,
    );
    expect(attempts.flaky).toBe(3);
    expect(failed?.retryCount).toBe(2);
    expect(failed?.output).toMatchObject({ message: "backend unavailable (7)" });
    const rows = await until("history has it", async () => {
      const r = await jobFailures(id);
      return r.length ? r : null;
    });
    expect(rows).toHaveLength(1);
    expect(rows[0].summary).toBe("Job test-always-throws failed after 3 attempts: backend unavailable (7)");
  });
});
