/**
 * POST /apis/{apiId}/tests/run: the API's saved test cases as a pipeline's gate, through the
 * console's "Run all" (lib/testcase `runTestCases`, which records the run in the history). The
 * answer says passed or failed per case and why; the request itself succeeds either way.
 */
import { z } from "zod";
import type { Actor } from "../audit/mutate";
import type { Db } from "../db/client";
import { runTestCases } from "../testcase/service";
import { parse, stageName } from "./parse";

const TARGET = /^(draft|stage:.+)$/s;
const RunInput = z
  .object({
    /** `draft` (the default) or `stage:NAME`: the stage's deployment with its variables. */
    target: z.string().regex(TARGET, "Target is draft or stage:NAME").default("draft"),
    /** Only these saved cases. */
    ids: z.array(z.uuid("Not a test case id")).max(500).optional(),
  })
  .strict();

export async function runTests(db: Db, actor: Actor, apiId: string, body: unknown) {
  const input = parse(RunInput, body);
  const stage = input.target === "draft" ? null : parse(z.object({ target: stageName }), { target: input.target.slice("stage:".length) }).target;
  const report = await runTestCases(db, actor, apiId, { target: stage === null ? "draft" : { stage }, ids: input.ids });
  return {
    target: input.target,
    total: report.total,
    passed: report.passed,
    failed: report.failed,
    results: report.results.map((r) => ({
      id: r.testCase.id,
      name: r.testCase.name,
      method: r.testCase.httpMethod,
      resourcePath: r.testCase.resourcePath,
      path: r.testCase.pathWithQueryString,
      passed: r.passed,
      status: r.status,
      failures: r.failures,
      latencyMs: r.latencyMs,
    })),
  };
}
