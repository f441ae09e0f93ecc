/**
 * Every job kind the console runs, one row each: name, payload schema, handler, retries, expiry
 * (see kind.ts). A worker on every instance takes each of them.
 */
import { driftCheckJob, driftSweepJob } from "./drift-job";
import { importJob } from "./import-job";
import type { AnyJobKind } from "./kind";
import { pushJob } from "./push-job";
import { pushRescueJob } from "./push-rescue";
import { testRunJob } from "./test-run-job";

export const JOB_KINDS: AnyJobKind[] = [pushJob, pushRescueJob, driftCheckJob, driftSweepJob, importJob, testRunJob];
