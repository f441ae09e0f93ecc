/**
 * "Run all" of an API's saved test cases as a job: a suite of many cases (each may call a backend
 * or a Lambda) runs on a worker, not inside the request; the console waits for its report. The run
 * is recorded once, at its end, so a retried attempt is a fresh run, never half of one.
 */
import { z } from "zod";
import { GatehouseError } from "../errors";
import { runTestCasesSchema } from "../testcase/schema";
import { runTestCases } from "../testcase/service";
import { defineJob, PermanentJobError } from "./kind";

const testRunInputSchema = z.object({ restApiId: z.string().uuid(), run: runTestCasesSchema });
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
