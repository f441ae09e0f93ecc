"use client";
/** The method's saved test cases, each with Run and Delete, and "Run these" for all of them. */
import { useQuery } from "@tanstack/react-query";
import { deleteTestCaseAction, listTestCasesAction, runTestCasesAction } from "@/app/(console)/apis/[apiId]/tests/actions";
import { queryKeys } from "@/components/query-keys";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/card";
import { useServerAction } from "@/components/ui/use-server-action";
import type { TestCaseView } from "@/lib/testcase/index";
import { RunReport } from "./run-report";
import { DRAFT } from "./target-select";

/** Describes a case's checks in a few words. */
export function describeExpectations(t: Pick<TestCaseView, "expectations">): string {
  const e = t.expectations;
  const parts: string[] = [];
  if (e.status !== undefined) parts.push(`status ${e.status}`);
  if (e.bodyContains?.length) parts.push(`${e.bodyContains.length} body check${e.bodyContains.length === 1 ? "" : "s"}`);
  if (e.bodyJson?.length) parts.push(`${e.bodyJson.length} JSON path check${e.bodyJson.length === 1 ? "" : "s"}`);
  if (e.headerEquals && Object.keys(e.headerEquals).length) parts.push("header checks");
  return parts.length ? `expects ${parts.join(", ")}` : "no checks";
}

/** The method's saved test cases (one cache entry: the list and the Test panel's starting path share it). */
export function useSavedTestCases(apiId: string, resourcePath: string, httpMethod: string) {
  return useQuery({
    queryKey: queryKeys.testCases.method(apiId, resourcePath, httpMethod),
    queryFn: async () => {
      const r = await listTestCasesAction(apiId, { resourcePath, httpMethod });
      if (!r.ok) throw new Error(r.error);
      return r.data;
    },
  });
}

function SavedCaseRow({ t, run, remove, busy }: { t: TestCaseView; run: () => void; remove: () => void; busy: { run: boolean; remove: boolean } }) {
  return (
    <li className="flex flex-wrap items-center gap-2 py-1.5" data-testid="saved-test-case" data-name={t.name}>
      <span className="font-medium">{t.name}</span>
      <span className="font-mono text-xs text-slate-500">{t.request.pathWithQueryString}</span>
      <span className="text-xs text-slate-500">{describeExpectations(t)}</span>
      <span className="ml-auto flex gap-1">
        <Button variant="secondary" disabled={busy.run} onClick={run} aria-label={`Run ${t.name}`}>
          Run
        </Button>
        <Button variant="ghost" disabled={busy.remove} onClick={() => confirm(`Delete test case ${t.name}?`) && remove()} aria-label={`Delete ${t.name}`}>
          Delete
        </Button>
      </span>
    </li>
  );
}

export function SavedTestCases({ apiId, httpMethod, resourcePath, target }: { apiId: string; httpMethod: string; resourcePath: string; target: string }) {
  const list = useSavedTestCases(apiId, resourcePath, httpMethod);
  const run = useServerAction(runTestCasesAction);
  const remove = useServerAction(deleteTestCaseAction, {
    invalidate: [queryKeys.testCases.method(apiId, resourcePath, httpMethod)],
    success: "Test case deleted",
  });
  const runCases = (ids?: string[]) =>
    run.run(apiId, { target: target === DRAFT ? "draft" : { stage: target }, ...(ids ? { ids } : { filter: { resourcePath, httpMethod } }) });
  const cases = list.data ?? [];
  const busy = { run: run.pending, remove: remove.pending };
  return (
    <section className="mt-6 border-t border-slate-100 pt-4" data-testid="saved-test-cases">
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-semibold text-slate-700">Saved test cases</h3>
        {cases.length > 0 && (
          <Button variant="secondary" disabled={run.pending} onClick={() => runCases()}>
            Run these {cases.length}
          </Button>
        )}
      </div>
      <ErrorBanner message={list.error?.message ?? run.error?.error ?? remove.error?.error ?? null} />
      {list.isLoading && <p className="text-sm text-slate-500">Loading…</p>}
      {!list.isLoading && cases.length === 0 && <p className="mt-1 text-sm text-slate-500">None yet: send a request, then save it as a test case.</p>}
      <ul className="mt-2 divide-y divide-slate-100 text-sm">
        {cases.map((t) => (
          <SavedCaseRow key={t.id} t={t} run={() => runCases([t.id])} remove={() => remove.run(apiId, t.id)} busy={busy} />
        ))}
      </ul>
      {run.data && (
        <div className="mt-3">
          <RunReport report={run.data} />
        </div>
      )}
    </section>
  );
}
