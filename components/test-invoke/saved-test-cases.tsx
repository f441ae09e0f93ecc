"use client";
/** The method's saved test cases, each with Run and Delete, and "Run these" for all of them. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { deleteTestCaseAction, listTestCasesAction, runTestCasesAction } from "@/app/(console)/apis/[apiId]/tests/actions";
import type { TestCaseView, TestRunReport } from "@/lib/testcase/index";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/card";
import { RunReport } from "./run-report";
import { DRAFT } from "./target-select";

export const testCaseKeys = {
  all: (apiId: string) => ["api", apiId, "testcases"] as const,
  method: (apiId: string, resourcePath: string, httpMethod: string) => ["api", apiId, "testcases", resourcePath, httpMethod] as const,
};

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
    queryKey: testCaseKeys.method(apiId, resourcePath, httpMethod),
    queryFn: async () => {
      const r = await listTestCasesAction(apiId, { resourcePath, httpMethod });
      if (!r.ok) throw new Error(r.error);
      return r.data;
    },
  });
}

export function SavedTestCases({ apiId, httpMethod, resourcePath, target }: { apiId: string; httpMethod: string; resourcePath: string; target: string }) {
  const client = useQueryClient();
  const key = testCaseKeys.method(apiId, resourcePath, httpMethod);
  const list = useSavedTestCases(apiId, resourcePath, httpMethod);
  const run = useMutation({
    mutationFn: async (ids?: string[]): Promise<TestRunReport> => {
      const r = await runTestCasesAction(apiId, {
        target: target === DRAFT ? "draft" : { stage: target },
        ...(ids ? { ids } : { filter: { resourcePath, httpMethod } }),
      });
      if (!r.ok) throw new Error(r.error);
      return r.data;
    },
  });
  const remove = useMutation({
    mutationFn: async (id: string) => {
      const r = await deleteTestCaseAction(apiId, id);
      if (!r.ok) throw new Error(r.error);
      return r.data;
    },
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
  const cases = list.data ?? [];
  return (
    <section className="mt-6 border-t border-slate-100 pt-4" data-testid="saved-test-cases">
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-semibold text-slate-700">Saved test cases</h3>
        {cases.length > 0 && (
          <Button type="button" variant="secondary" disabled={run.isPending} onClick={() => run.mutate(undefined)}>
            Run these {cases.length}
          </Button>
        )}
      </div>
      <ErrorBanner message={list.error?.message ?? run.error?.message ?? remove.error?.message ?? null} />
      {list.isLoading && <p className="text-sm text-slate-500">Loading…</p>}
      {!list.isLoading && cases.length === 0 && <p className="mt-1 text-sm text-slate-500">None yet: send a request, then save it as a test case.</p>}
      <ul className="mt-2 divide-y divide-slate-100 text-sm">
        {cases.map((t) => (
          <li key={t.id} className="flex flex-wrap items-center gap-2 py-1.5" data-testid="saved-test-case" data-name={t.name}>
            <span className="font-medium">{t.name}</span>
            <span className="font-mono text-xs text-slate-500">{t.request.pathWithQueryString}</span>
            <span className="text-xs text-slate-500">{describeExpectations(t)}</span>
            <span className="ml-auto flex gap-1">
              <Button type="button" variant="secondary" disabled={run.isPending} onClick={() => run.mutate([t.id])} aria-label={`Run ${t.name}`}>
                Run
              </Button>
              <Button
                type="button"
                variant="ghost"
                disabled={remove.isPending}
                onClick={() => confirm(`Delete test case ${t.name}?`) && remove.mutate(t.id)}
                aria-label={`Delete ${t.name}`}
              >
                Delete
              </Button>
            </span>
          </li>
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
