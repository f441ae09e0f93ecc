/**
 * SIGTERM and the job queue: stopping waits for a running job within the drain window (it ends and
 * is recorded); a job still running when the window closes is handed back to the queue, and a
 * worker on another instance runs it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Actor } from "../../lib/audit/mutate";
import { seedDemo } from "../../lib/db/seed";
import { defineJob } from "../../lib/jobs/kind";
import { JobQueue } from "../../lib/jobs/queue";
import { renderMetrics } from "../../lib/ops/metrics";
import { actorsOfEveryRole } from "../helpers/actors";
import { openTestDatabase, type TestDatabase } from "../helpers/databases";

async function until<T>(what: string, read: () => Promise<T | null | undefined | false> | T | null | undefined | false): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await read();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting until ${what}`);
}

describe("stopping the job queue (SIGTERM), on postgres", () => {
  let db: TestDatabase;
  let actor: Actor;
  const started: string[] = [];
  const finished: string[] = [];
  let release = () => {};

  /** Runs until released; says which instance ran it. */
  const held = defineJob<{ label: string }>({
    name: "test-held",
    payload: z.object({ label: z.string() }),
    retryLimit: 2,
    retryDelaySeconds: 0,
    expireInSeconds: 60,
    permanent: () => false,
    async handler(_ctx, { label }) {
      started.push(label);
      await new Promise<void>((r) => (release = r));
      finished.push(label);
      return { label };
    },
  });

  beforeAll(async () => {
    db = await openTestDatabase("postgres");
    await seedDemo(db.handle.prisma);
    ({
      actors: { deployer: actor },
    } = await actorsOfEveryRole(db.handle.prisma));
  }, 60_000);
  afterAll(async () => {
    await db?.drop();
  });

  const start = () => JobQueue.start(db.handle, [held], { connectionString: db.url, pollingSeconds: 0.5 });

  it("lets a running job finish within the drain window; its end is recorded", async () => {
    const queue = await start();
    const id = await queue.send(held, actor, { label: "a" });
    await until("the job runs", () => started.includes("a"));
    const stopping = queue.stop(10_000);
    setTimeout(() => release(), 300);
    await stopping;
    expect(finished).toContain("a");
    const watcher = await JobQueue.start(db.handle, [held], { connectionString: db.url, work: false });
    expect(await watcher.job(held, id)).toMatchObject({ state: "completed", output: { label: "a" } });
    // The scrape reports the queue's depth and the job's duration by kind.
    const { body } = await renderMetrics();
    expect(body).toMatch(/gatehouse_job_queue_depth\{kind="test-held"\} 0/);
    expect(body).toMatch(/gatehouse_job_duration_seconds_count\{kind="test-held",outcome="succeeded"\} [1-9]/);
    await watcher.stop(1000);
  });

  it("hands a job still running when the window closes back to the queue; another instance runs it", async () => {
    const first = await start();
    const id = await first.send(held, actor, { label: "b" });
    await until("the job runs", () => started.includes("b"));
    const releaseFirst = release;
    await first.stop(1000);
    const other = await start();
    try {
      await until("another instance runs it", () => started.filter((l) => l === "b").length === 2);
      release();
      expect(await other.waitFor(held, id, { pollMs: 100 })).toEqual({ label: "b" });
      const job = await other.job(held, id);
      expect(job?.retryCount).toBe(1);
    } finally {
      releaseFirst();
      await other.stop(1000);
    }
  });
});
