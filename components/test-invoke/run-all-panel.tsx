"use client";
/** The Tests tab: the API's saved test cases, and "Run all" against the draft or a stage. */
import { useState } from "react";
import { runTestCasesAction } from "@/app/(console)/apis/[apiId]/tests/actions";
import type { Expectations } from "@/lib/testcase/index";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/card";
import { useServerAction } from "@/components/ui/use-server-action";
import { RunReport } from "./run-report";
import { describeExpectations } from "./saved-test-cases";
import { DRAFT, TargetSelect, type StageOption } from "./target-select";

export interface TestCaseRow {
  id: string;
  name: string;
  resourcePath: string;
  httpMethod: string;
  pathWithQueryString: string;
  expectations: Expectations;
}

export function RunAllPanel({ apiId, cases, stages, canRun }: { apiId: string; cases: TestCaseRow[]; stages: StageOption[]; canRun: boolean }) {
  const [target, setTarget] = useState(DRAFT);
  const run = useServerAction(runTestCasesAction);
  // A refused input names its fields; the panel has one field (the target), so the message says it all.
  const failure = run.error && (run.error.fieldErrors ? Object.values(run.error.fieldErrors).join("; ") : run.error.error);
  return (
    <div className="space-y-4">
      {cases.length === 0 ? (
        <p className="text-sm text-slate-500">No test cases yet. Open a method on the Design tab, send a request, and save it as a test case.</p>
      ) : (
        <table className="w-full text-left text-sm" data-testid="test-case-list">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-1">Method</th>
              <th className="py-1">Name</th>
              <th className="py-1">Request</th>
              <th className="py-1">Checks</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {cases.map((c) => (
              <tr key={c.id} data-testid="test-case-row" data-name={c.name}>
                <td className="py-1 font-mono text-xs">
                  {c.httpMethod} {c.resourcePath}
                </td>
                <td className="py-1">{c.name}</td>
                <td className="py-1 font-mono text-xs">{c.pathWithQueryString}</td>
                <td className="py-1 text-xs text-slate-500">{describeExpectations(c)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canRun ? (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            run.run(apiId, { target: target === DRAFT ? "draft" : { stage: target } });
          }}
        >
          <TargetSelect stages={stages} value={target} onChange={setTarget} name="run.target" />
          <Button type="submit" pending={run.pending} disabled={cases.length === 0}>
            {run.pending ? "Running…" : "Run all"}
          </Button>
        </form>
      ) : (
        <p className="text-sm text-slate-500">Running test cases needs the editor role or above.</p>
      )}
      <ErrorBanner message={failure} />
      {run.data && <RunReport report={run.data} />}
    </div>
  );
}
