/**
 * "Run all" of an API's saved test cases as a job: a suite of many cases (each may call a backend
 * or a Lambda) runs on a worker, not inside the request; the console waits for its report. The run
 * is recorded once, at its end, so a retried attempt is a fresh run, never half of one.
 */
import { z } from "zod";
import { GatehouseError } from "../errors";
import { runTestCasesSchema } from "../testcase/schema";
import { runTestCases, type TestRunReport } from "../testcase/service";
import type { Actor } from "../audit/mutate";
import { defineJob, PermanentJobError } from "./kind";
import type { JobQueue } from "./queue";

// The API id is checked by the service (404 for one not in the workspace), as when run in the request.
const testRunInputSchema = z.object({ restApiId: z.string().min(1), run: runTestCasesSchema });
export type TestRunJobInput = z.input<typeof testRunInputSchema>;

export const testRunJob = defineJob<z.output<typeof testRunInputSchema>>({
  name: "test-run",
  payload: testRunInputSchema,
  retryLimit: 1,
  retryDelaySeconds: 2,
  expireInSeconds: 10 * 60,
  permanent: (e) => e instanceof GatehouseError && e.status < 500,
  async handler({ db, actor }, { restApiId, run }) {
    if (!actor) throw new PermanentJobError("A test run must say who runs it");
    return runTestCases(db, actor, restApiId, run);
  },
});

/** Runs the suite on a worker (any instance) and answers with its report, as the request used to. */
export async function runTestsAsJob(queue: JobQueue, actor: Actor, input: TestRunJobInput): Promise<TestRunReport> {
  return (await queue.run(testRunJob, actor, testRunInputSchema.parse(input), { pollMs: 150 })) as TestRunReport;
}
