/**
 * `gatehouse remote test API [--stage NAME]`: the API's saved test cases as a pipeline's gate, run
 * on the server against the draft or a stage. One line per case; exit 1 when any failed.
 */
import type { Command } from "commander";
import { apiPath, call, EXIT_FAILED, guarded, optsOf, print } from "./client";

interface TestRun {
  target: string;
  total: number;
  passed: number;
  failed: number;
  results: { name: string; method: string; path: string; passed: boolean; status: number; failures: string[] }[];
}

const caseLines = (r: TestRun["results"][number]) => [
  `${r.passed ? "PASS" : "FAIL"}  ${r.method} ${r.path}  ${r.name}  (${r.status})`,
  ...r.failures.map((f) => `      ${f}`),
];

export function registerRemoteTest(remote: Command): void {
  remote
    .command("test <apiId>")
    .description("Run the API's saved test cases against the draft or --stage (exit 1 if any fails)")
    .option("--stage <name>", "run against this stage's deployment and variables (default: the draft)")
    .action(
      guarded(async (apiId: string, o: { stage?: string }, cmd: Command) => {
        const body = { target: o.stage ? `stage:${o.stage}` : "draft" };
        const run = await call<TestRun>(optsOf(cmd), "POST", `${apiPath(apiId)}/tests/run`, { json: body });
        print(optsOf(cmd), run, () => [...run.results.flatMap(caseLines), `${run.passed} of ${run.total} passed against ${run.target}.`]);
        if (run.failed > 0) process.exitCode = EXIT_FAILED;
      }),
    );
}
