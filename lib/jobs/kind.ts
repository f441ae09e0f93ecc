/**
 * What a job kind is: its queue name, the payload it accepts (zod, checked when the job is sent
 * AND when a worker takes it: a payload written by an older or foreign sender fails clearly instead
 * of half-running), its handler, and how it retries. Every payload travels in one envelope that
 * says who asked (the actor the job acts as, audited as them).
 */
import { z } from "zod";
import type { Actor } from "../audit/mutate";
import { ROLES } from "../auth/roles";
import type { Db } from "../db/client";
import type { JobQueue } from "./queue";

export const actorSchema = z.object({
  userId: z.string().uuid().nullable(),
  email: z.string().min(1),
  workspaceId: z.string().uuid(),
  role: z.enum(ROLES),
});

/** `actor: null` only for the system's own scheduled jobs (a sweep that then sends one job per workspace's item, as the system of that workspace). */
export const envelopeSchema = z.object({ actor: actorSchema.nullable(), input: z.unknown() });

/** The job a handler runs: pg-boss's id and which attempt this is. */
export interface JobRun {
  id: string;
  kind: string;
  /** 0 on the first attempt, then 1, 2… (pg-boss's retry count). */
  retryCount: number;
  retryLimit: number;
}

export interface JobContext {
  db: Db;
  /** Who the job acts for; null for a scheduled job (the system). */
  actor: Actor | null;
  job: JobRun;
  /** To send follow-up jobs (a drift sweep sends one check per connection). */
  send: <P>(kind: JobKind<P>, actor: Actor | null, input: P, options?: SendOptions) => Promise<string>;
  /** The queue itself, for the system's housekeeping jobs (handing back a dead worker's push). */
  queue: JobQueue;
}

export interface SendOptions {
  /** At most one job with this key per `singletonSeconds` (pg-boss drops the others). */
  singletonKey?: string;
  singletonSeconds?: number;
}

export interface JobKind<P> {
  name: string;
  payload: z.ZodType<P>;
  handler: (ctx: JobContext, input: P) => Promise<unknown>;
  /** Attempts after the first, for errors worth retrying (a crash, a database outage, a busy lock). */
  retryLimit: number;
  retryDelaySeconds: number;
  /** Each retry waits about twice as long as the one before (pg-boss's backoff, with jitter). */
  retryBackoff?: boolean;
  /** A job active this long is taken to be dead (its worker was killed) and retried. */
  expireInSeconds: number;
  /** Errors that another attempt cannot fix: the job fails at once, no retry. */
  permanent: (e: unknown) => boolean;
  /** Optional cron (pg-boss schedule) that sends this job with an empty input as the system. */
  cron?: string;
}

/** A failure no retry can fix: the payload is wrong, or the service refused with a reason. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentJobError";
  }
}

export const defineJob = <P>(kind: JobKind<P>): JobKind<P> => kind;

/** Kinds of different payloads in one table: each handler only ever sees its own kind's parsed payload. */
// biome-ignore lint/suspicious/noExplicitAny: a handler's parameter type varies by kind (contravariant), so no narrower type holds them all
export type AnyJobKind = JobKind<any>;
