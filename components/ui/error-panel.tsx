"use client";
/**
 * What the error.tsx files show: what happened, the reference that finds it in the server's log,
 * a retry and a way home. Never the stack: in production a server error reaches the browser
 * only as Next's generic sentence and a digest, and the stack is for the log.
 */
import { useEffect } from "react";
import { Button } from "./button";

export interface ErrorSummary {
  /** One sentence for the person in front of the page. */
  headline: string;
  /** The error's own message where it is safe to show (the browser's own errors, or Next's placeholder for server ones). */
  detail: string | null;
  /** Next's digest of a server error: the same id is printed with the error in the server log. */
  reference: string | null;
}

/** Reads what error.tsx receives (`unknown`: anything can be thrown) into what the page may show. */
export function summarizeError(error: unknown): ErrorSummary {
  const digest = typeof error === "object" && error !== null && "digest" in error ? String((error as { digest: unknown }).digest || "") : "";
  const message = error instanceof Error ? error.message.trim() : typeof error === "string" ? error.trim() : "";
  return {
    headline: digest ? "The server could not prepare this page." : "This page stopped working in the browser.",
    detail: message || null,
    reference: digest || null,
  };
}

/**
 * `retry` re-fetches the failed segment from the server and renders it again (Next 16's
 * replacement for calling router.refresh() and reset() together); a passing fault clears.
 */
export function ErrorPanel({ error, retry, homeHref = "/" }: { error: unknown; retry: () => void; homeHref?: string }) {
  useEffect(() => {
    console.error(error); // the browser console gets the whole error, stack included, for whoever debugs
  }, [error]);
  const summary = summarizeError(error);
  return (
    <section role="alert" className="mx-auto max-w-xl rounded-lg border border-red-200 bg-white p-6 shadow-sm" data-testid="error-page">
      <p className="text-xs font-medium uppercase tracking-wide text-red-600">Something went wrong</p>
      <h1 className="mt-1 text-xl font-semibold">{summary.headline}</h1>
      {summary.detail && <p className="mt-2 text-sm text-slate-600">{summary.detail}</p>}
      {summary.reference && (
        <p className="mt-2 text-sm text-slate-600">
          Reference <code className="rounded bg-slate-100 px-1 font-mono text-slate-800">{summary.reference}</code>: the server log has the details under it.
        </p>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-4 text-sm">
        <Button onClick={() => retry()}>Try again</Button>
        {/* A plain link, not next/link: after a failure a full load is the surer way back. */}
        <a href={homeHref} className="font-medium text-indigo-700 hover:underline">
          Back to the APIs
        </a>
      </div>
    </section>
  );
}
