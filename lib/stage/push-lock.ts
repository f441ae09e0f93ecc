/**
 * One push per stage at a time, across server processes: a row in `push_locks` keyed by the
 * stage is the lock (a primary key works the same on PostgreSQL and PGlite, and needs no
 * session-bound advisory lock that a pooled connection could lose). Its holder (host, pid, boot
 * id) and heartbeat let the next push recognise a holder that died (kill -9, crash, restart) and
 * take over, instead of a stage locked for good.
 *
 * The lock and the heartbeat are bookkeeping of a push already in the history, not a change of
 * anyone's data, so they are written directly rather than through `mutate()`: the push's start,
 * end and interruption are the audited events.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "../db/client";
import { ConflictError } from "../errors";

/** A holder silent for this long is taken to be dead (heartbeats come every HEARTBEAT_EVERY_MS). */
export const STALE_AFTER_MS = 2 * 60_000;
export const HEARTBEAT_EVERY_MS = 20_000;

export interface Holder {
  host: string;
  pid: number;
  /** Random per process start: tells this process from an earlier one that had the same pid. */
  boot: string;
}

// One boot id per process, however many copies of this module the process loads: Next bundles the
// job worker (instrumentation) and the routes and pages apart, and a copy with a boot id of its own
// took a push the worker holds for one by an earlier process with this pid — "abandoned", so a
// second push of the stage was queued instead of refused, and the stage could be deleted mid-push.
const BOOT = Symbol.for("gatehouse.push-lock.boot");
const processGlobals = globalThis as { [BOOT]?: string };
const thisProcess: Holder = { host: hostname(), pid: process.pid, boot: (processGlobals[BOOT] ??= randomUUID().slice(0, 8)) };

export const formatHolder = (h: Holder) => `${h.host}/${h.pid}/${h.boot}`;

/** This process as a lock row names its holder. */
export const thisHolder = () => formatHolder(thisProcess);

function parseHolder(text: string): Holder | null {
  const m = /^(.*)\/(\d+)\/([^/]+)$/.exec(text);
  return m ? { host: m[1], pid: Number(m[2]), boot: m[3] } : null;
}

/** Known to be gone: on this host, its process no longer runs (or this pid now belongs to a later process). */
export function holderGone(text: string): boolean {
  const h = parseHolder(text);
  if (!h || h.host !== thisProcess.host) return false;
  if (h.pid === thisProcess.pid) return h.boot !== thisProcess.boot;
  try {
    process.kill(h.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

export interface LockRow {
  stageId: string;
  token: string;
  holder: string;
  pushId: string | null;
  actorEmail: string;
  startedAt: Date;
  heartbeatAt: Date;
}

/** Its holder died or has said nothing for STALE_AFTER_MS: the next push may take over. */
export function lockAbandoned(lock: Pick<LockRow, "holder" | "heartbeatAt">, now = Date.now()): boolean {
  return holderGone(lock.holder) || now - lock.heartbeatAt.getTime() > STALE_AFTER_MS;
}

const utc = (d: Date) => `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string }; message?: string };
  return err?.code === "P2002" || err?.cause?.code === "23505" || /unique constraint/i.test(err?.message ?? "");
}

export interface LockRequest {
  stageId: string;
  restApiId: string;
  stageName: string;
  actorEmail: string;
}

/**
 * Takes the stage's push lock, or refuses with 409 naming who pushes and since when. A lock
 * whose holder is gone is taken over (compare-and-set on its token, so two takers cannot both
 * win); the lease then says which push was interrupted.
 */
export async function acquirePushLock(db: Db, req: LockRequest): Promise<PushLease> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const fresh = {
      token: randomUUID(),
      holder: thisHolder(),
      actorEmail: req.actorEmail,
      startedAt: new Date(),
      heartbeatAt: new Date(),
      pushId: null,
    };
    try {
      await db.pushLock.create({ data: { stageId: req.stageId, restApiId: req.restApiId, ...fresh } });
      return new PushLease(db, req.stageId, fresh.token, null);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    const held = await db.pushLock.findUnique({ where: { stageId: req.stageId } });
    if (!held) continue; // released in between: try again
    if (!lockAbandoned(held)) {
      throw new ConflictError(
        `Stage ${req.stageName} is already being pushed by ${held.actorEmail} since ${utc(held.startedAt)}: wait for it to finish, then push again.`,
      );
    }
    const taken = await db.pushLock.updateMany({ where: { stageId: req.stageId, token: held.token }, data: fresh });
    if (taken.count === 1) return new PushLease(db, req.stageId, fresh.token, held);
  }
  throw new ConflictError(`Stage ${req.stageName} is being pushed from another server right now: push again in a moment.`);
}

/**
 * A held push lock: says the push is alive (on a timer and as calls complete, with the calls so
 * far, so a push that dies keeps where it got to), and is released by its holder only.
 */
export class PushLease {
  private pushId: string | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private writing: Promise<void> = Promise.resolve();
  private pending: { calls: unknown[]; awsRestApiId?: string } | null = null;

  constructor(
    private readonly db: Db,
    readonly stageId: string,
    readonly token: string,
    /** The abandoned lock this lease took over, if any. */
    readonly tookOverFrom: LockRow | null,
  ) {
    this.timer = setInterval(() => this.beat(), HEARTBEAT_EVERY_MS);
    this.timer.unref?.();
  }

  /** The push row whose heartbeat this lease keeps (the lock row names it, written with the row). */
  attach(pushId: string) {
    this.pushId = pushId;
  }

  /** Calls made so far (and the REST API once created): written in order, coalesced while a write is in flight. */
  progress(calls: unknown[], awsRestApiId?: string) {
    const first = this.pending === null;
    this.pending = { calls: [...calls], awsRestApiId: awsRestApiId ?? this.pending?.awsRestApiId };
    if (first) this.enqueue();
  }

  private beat() {
    this.enqueue();
  }

  private enqueue() {
    this.writing = this.writing.then(() => this.write()).catch(() => undefined); // a missed heartbeat is retried by the next one
  }

  private async write() {
    const now = new Date();
    const update = this.pending;
    this.pending = null;
    await this.db.pushLock.updateMany({ where: { token: this.token }, data: { heartbeatAt: now } });
    if (!this.pushId) return;
    const data = update
      ? { heartbeatAt: now, calls: JSON.parse(JSON.stringify(update.calls)), ...(update.awsRestApiId ? { awsRestApiId: update.awsRestApiId } : {}) }
      : { heartbeatAt: now };
    await this.db.push.updateMany({ where: { id: this.pushId, status: "running" }, data });
  }

  /** Stops saying it is alive and waits for writes in flight (before the push records its end). */
  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.writing;
  }

  async release() {
    await this.stop();
    await this.db.pushLock.deleteMany({ where: { token: this.token } });
  }
}
