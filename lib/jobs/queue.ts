/**
 * The job queue: pg-boss on the console's database, in its own schema ("pgboss", which it creates
 * and migrates). Every instance runs a worker for every kind; pg-boss hands each job to one worker
 * (SELECT … FOR UPDATE SKIP LOCKED), retries it when its attempt throws or when its worker goes
 * silent past the kind's expiry (a `kill -9`), and runs the schedules.
 */
import PgBoss from "pg-boss";
import type { Actor } from "../audit/mutate";
import { connectTimeoutMs, type DbHandle } from "../db/client";
import { type FieldIssue, fromZod, GatehouseError } from "../errors";
import { logger } from "../ops/logger";
import type { AnyJobKind, JobKind, JobRun, SendOptions } from "./kind";
import { reportQueueDepth } from "./metrics";
import { pgBossDbOver } from "./pglite-db";
import { runAttempt } from "./run";

export interface QueueOptions {
  /** PostgreSQL: the connection string pg-boss's own pool uses (it owns its schema). */
  connectionString?: string;
  /** How often idle workers look for jobs. */
  pollingSeconds?: number;
  /** How often pg-boss looks for expired jobs (a killed worker's) to retry them; default 30. */
  maintenanceSeconds?: number;
  /** Run workers in this process (false: only send, as a CLI would). */
  work?: boolean;
  /** Overrides every kind's expiry (tests use a small one to retry a killed worker's job quickly). */
  expireInSeconds?: number;
}

const SCHEMA = "pgboss";

export class JobQueue {
  /** This process's worker per kind: woken when this process queues a job of its kind. */
  private readonly workers = new Map<string, string>();

  private constructor(
    private readonly boss: PgBoss,
    private readonly handle: DbHandle,
    private readonly kinds: JobKind<unknown>[],
  ) {}

  static async start(handle: DbHandle, kinds: AnyJobKind[], options: QueueOptions = {}): Promise<JobQueue> {
    const polling = options.pollingSeconds ?? 2;
    // On PostgreSQL pg-boss's own pool fails fast like the console's (GATEHOUSE_DB_CONNECT_TIMEOUT_MS).
    const connection =
      handle.kind === "pglite"
        ? { db: pgBossDbOver(handle.sql) }
        : { connectionString: options.connectionString, max: 4, connectionTimeoutMillis: connectTimeoutMs() };
    const boss = new PgBoss({ ...connection, schema: SCHEMA, maintenanceIntervalSeconds: options.maintenanceSeconds ?? 30, monitorStateIntervalSeconds: 60 });
    // The message and code only: pg's errors carry the whole client (connection settings, buffers).
    boss.on("error", (err: Error & { code?: string }) => logger().error({ err: { message: err.message, code: err.code } }, "job queue error"));
    await boss.start();
    const queue = new JobQueue(boss, handle, kinds);
    for (const kind of kinds) await queue.prepare(kind, options, polling);
    reportQueueDepth(() => queue.depths());
    return queue;
  }

  private async prepare(kind: JobKind<unknown>, options: QueueOptions, polling: number) {
    const settings = {
      retryLimit: kind.retryLimit,
      retryDelay: kind.retryDelaySeconds,
      retryBackoff: kind.retryBackoff ?? false,
      expireInSeconds: options.expireInSeconds ?? kind.expireInSeconds,
    };
    if (await this.boss.getQueue(kind.name)) await this.boss.updateQueue(kind.name, { name: kind.name, ...settings });
    else await this.boss.createQueue(kind.name, { name: kind.name, ...settings });
    if (kind.cron) await this.boss.schedule(kind.name, kind.cron, { actor: null, input: {} });
    if (options.work === false) return;
    const workerId = await this.boss.work(kind.name, { includeMetadata: true, pollingIntervalSeconds: polling, batchSize: 1 }, async ([job]) => {
      const run: JobRun = { id: job.id, kind: kind.name, retryCount: job.retryCount, retryLimit: job.retryLimit };
      return runAttempt(kind, run, job.data, {
        db: this.handle.prisma,
        send: (k, a, i, o) => this.send(k, a, i, o),
        noRetry: (j) => this.noRetry(j),
        queue: this,
      });
    });
    this.workers.set(kind.name, workerId);
  }

  /** Queues a job after checking its payload (a bad one is the sender's 400, never a queued job). */
  async send<P>(kind: JobKind<P>, actor: Actor | null, input: P, options: SendOptions = {}): Promise<string> {
    const parsed = kind.payload.safeParse(input);
    if (!parsed.success) throw fromZod(parsed.error);
    const id = await this.boss.send(kind.name, { actor, input: parsed.data }, options);
    // Our own idle worker takes it now rather than at its next poll (another instance's may win).
    const worker = this.workers.get(kind.name);
    if (id && worker) this.boss.notifyWorker(worker);
    // pg-boss answers null when a singleton key already has its job in this slot: that job is the answer.
    return id ?? "";
  }

  /** A job as pg-boss keeps it (state, attempts, output), from any instance. */
  async job<P>(kind: JobKind<P>, id: string) {
    return this.boss.getJobById<unknown>(kind.name, id, { includeArchive: true });
  }

  /**
   * Ids of this kind's jobs not yet ended (queued, running, waiting to retry) whose envelope
   * contains `match` (JSON containment), oldest first: "is this stage being pushed?" from any instance.
   */
  async openJobs<P>(kind: JobKind<P>, match: Record<string, unknown>): Promise<string[]> {
    const { rows } = await this.boss
      .getDb()
      .executeSql(`SELECT id FROM ${SCHEMA}.job WHERE name = $1 AND state < 'completed' AND data @> $2::jsonb ORDER BY created_on, id`, [
        kind.name,
        JSON.stringify(match),
      ]);
    return rows.map((r: { id: string }) => r.id);
  }

  async depths(): Promise<Record<string, number>> {
    const entries = await Promise.all(this.kinds.map(async (k) => [k.name, await this.boss.getQueueSize(k.name)] as const));
    return Object.fromEntries(entries);
  }

  /**
   * Waits for a job to end: what its handler returned, or its error (the message and status it
   * failed with). For callers that answer only once the work is done (a pipeline's push).
   */
  async waitFor<P>(kind: JobKind<P>, id: string, options: { pollMs?: number; signal?: AbortSignal } = {}): Promise<unknown> {
    for (;;) {
      const job = await this.job(kind, id);
      if (!job) throw new Error(`Job ${id} (${kind.name}) does not exist`);
      if (job.state === "completed") return job.output;
      if (job.state === "failed" || job.state === "cancelled") throw jobError(job.output, job.state);
      options.signal?.throwIfAborted();
      await new Promise((r) => setTimeout(r, options.pollMs ?? 500));
    }
  }

  /**
   * Runs a job on whichever instance's worker takes it and answers with its result (or its error,
   * as the service raised it): for work that must outlive the request but whose caller waits.
   */
  async run<P>(kind: JobKind<P>, actor: Actor, input: P, options: { pollMs?: number; signal?: AbortSignal } = {}): Promise<unknown> {
    return this.waitFor(kind, await this.send(kind, actor, input), options);
  }

  /** This kind's jobs a worker holds now, and since when (pg-boss's started_on). */
  async activeJobs<P>(kind: JobKind<P>): Promise<{ id: string; startedOn: Date; retryCount: number; retryLimit: number }[]> {
    const { rows } = await this.boss
      .getDb()
      .executeSql(`SELECT id, started_on, retry_count, retry_limit FROM ${SCHEMA}.job WHERE name = $1 AND state = 'active' ORDER BY started_on`, [kind.name]);
    return rows.map((r: { id: string; started_on: Date | string; retry_count: number; retry_limit: number }) => ({
      id: r.id,
      startedOn: new Date(r.started_on),
      retryCount: r.retry_count,
      retryLimit: r.retry_limit,
    }));
  }

  /**
   * Ends a running job's attempt as failed on behalf of a worker known to be dead: pg-boss retries it
   * (after the kind's retry delay) while attempts remain, instead of waiting for its expiry.
   */
  async handBack<P>(kind: JobKind<P>, id: string, reason: string): Promise<void> {
    await this.boss.fail(kind.name, id, { message: reason });
  }

  /** The failing attempt becomes the last: pg-boss fails a job for good once retry_count reaches retry_limit. */
  private async noRetry(job: JobRun) {
    await this.boss.getDb().executeSql(`UPDATE ${SCHEMA}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2`, [job.kind, job.id]);
  }

  /**
   * Stops taking jobs and waits up to `drainMs` for running ones: a job that finishes is recorded;
   * one still running is left active, and pg-boss retries it elsewhere after its expiry.
   */
  async stop(drainMs = 20_000): Promise<void> {
    reportQueueDepth(null);
    await this.boss.stop({ graceful: true, wait: true, timeout: drainMs });
  }
}

/** A failed job's error as the services raise it (message, HTTP status, code), from what pg-boss kept. */
function jobError(output: unknown, state: string): GatehouseError {
  const o = (output ?? {}) as { message?: unknown; status?: unknown; code?: unknown; issues?: unknown };
  const message = typeof o.message === "string" ? o.message : `The job was ${state}`;
  const issues = Array.isArray(o.issues) ? (o.issues as FieldIssue[]).filter((i) => typeof i?.field === "string" && typeof i?.message === "string") : [];
  return new GatehouseError(message, typeof o.status === "number" ? o.status : 500, issues, typeof o.code === "string" ? o.code : "JobFailed");
}
