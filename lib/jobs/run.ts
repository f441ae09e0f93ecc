/**
 * One attempt of one job, as a worker runs it: the payload checked again (a bad one fails the job
 * at once, with its error in history), the handler, and what its error means: retried while
 * attempts remain and another attempt can help, otherwise recorded in history and the job stops.
 */
import type { Actor } from "../audit/mutate";
import type { Db } from "../db/client";
import { GatehouseError } from "../errors";
import { logger } from "../ops/logger";
import { envelopeSchema, type JobContext, type JobKind, type JobRun, PermanentJobError } from "./kind";
import { recordJobFailed } from "./history";
import { recordJobRun } from "./metrics";

export interface AttemptDeps {
  db: Db;
  send: JobContext["send"];
  queue: JobContext["queue"];
  /** Makes pg-boss fail this job without retrying (it otherwise retries any thrown error). */
  noRetry: (job: JobRun) => Promise<void>;
}

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The payload as the kind accepts it, or a PermanentJobError saying what is wrong with it. */
function parsePayload<P>(kind: JobKind<P>, data: unknown): { actor: Actor | null; input: P } {
  const envelope = envelopeSchema.safeParse(data);
  const actor = envelope.success ? envelope.data.actor : null;
  const input = kind.payload.safeParse(envelope.success ? envelope.data.input : undefined);
  if (envelope.success && input.success) return { actor, input: input.data };
  const issues = (envelope.success ? input.error!.issues : envelope.error.issues).map((i) => `${i.path.join(".") || "payload"}: ${i.message}`);
  throw Object.assign(new PermanentJobError(`Bad ${kind.name} job payload: ${issues.join("; ")}`), { actor });
}

export async function runAttempt<P>(kind: JobKind<P>, job: JobRun, data: unknown, deps: AttemptDeps): Promise<unknown> {
  const started = performance.now();
  let actor: Actor | null = null;
  try {
    const parsed = parsePayload(kind, data);
    actor = parsed.actor;
    const result = await kind.handler({ db: deps.db, actor: parsed.actor, job, send: deps.send, queue: deps.queue }, parsed.input);
    recordJobRun(kind.name, "succeeded", performance.now() - started);
    return result ?? null;
  } catch (e) {
    actor ??= (e as { actor?: Actor | null }).actor ?? null;
    const permanent = e instanceof PermanentJobError || kind.permanent(e);
    const last = permanent || job.retryCount >= job.retryLimit;
    recordJobRun(kind.name, last ? "failed" : "retrying", performance.now() - started);
    logger().warn({ job: job.id, kind: kind.name, attempt: job.retryCount + 1, err: describe(e) }, last ? "job failed" : "job attempt failed; retrying");
    if (last) await stopForGood(job, e, actor, permanent, deps);
    throw e;
  }
}

/**
 * A service's refusal of what was asked (a 4xx: bad input, not found, a conflict, the role): the
 * requester gets it as the answer, and a refusal writes nothing, in a job as in a request. Faults,
 * AWS's refusals (5xx) and bad payloads go to history.
 */
const isRefusal = (e: unknown) => e instanceof GatehouseError && e.status < 500;

async function stopForGood(job: JobRun, e: unknown, actor: Actor | null, permanent: boolean, deps: AttemptDeps) {
  if (permanent) await deps.noRetry(job);
  // Without an actor (a payload that names nobody) there is no workspace to write history in: the
  // queue keeps the error (pg-boss's output) and the log says it.
  if (actor && !isRefusal(e))
    await recordJobFailed(deps.db, actor, job, describe(e), !permanent && job.retryLimit > 0).catch((err) =>
      logger().error({ err, job: job.id }, "recording a failed job"),
    );
}
