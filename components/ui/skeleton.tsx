/**
 * Placeholders shown by the loading.tsx files while a page's data loads: grey shapes where the
 * page's parts will be, so the layout does not jump when it arrives. Server components (no state).
 */
import type { ReactNode } from "react";

/** One grey bar or block; its size comes from the caller's classes (`h-4 w-40`). */
export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded bg-slate-200 ${className}`} />;
}

/**
 * The region a skeleton fills: announced once to screen readers as "Loading <what>…" (the grey
 * shapes themselves are hidden from them) and marked busy.
 */
export function LoadingRegion({ what, children }: { what: string; children: ReactNode }) {
  return (
    <div role="status" aria-busy="true" aria-live="polite" data-testid="loading">
      <span className="sr-only">Loading {what}…</span>
      {children}
    </div>
  );
}

/** A card as components/ui/card draws it, with a title bar and `rows` lines of content. */
export function SkeletonCard({ rows = 3, className = "" }: { rows?: number; className?: string }) {
  return (
    <div aria-hidden="true" className={`rounded-lg border border-slate-200 bg-white shadow-sm ${className}`}>
      <div className="border-b border-slate-100 px-4 py-3">
        <Skeleton className="h-4 w-32" />
      </div>
      <div className="space-y-3 p-4">
        {Array.from({ length: rows }, (_, i) => (
          // Uneven widths read as text rather than as a table of identical bars.
          <Skeleton key={i} className={`h-4 ${i % 3 === 2 ? "w-1/2" : i % 2 ? "w-3/4" : "w-full"}`} />
        ))}
      </div>
    </div>
  );
}

/** Any console page: the API list and its side cards, team, connections, account. */
export function PageSkeleton() {
  return (
    <LoadingRegion what="page">
      <div className="grid gap-6 lg:grid-cols-3">
        <SkeletonCard rows={6} className="lg:col-span-2" />
        <div className="space-y-6">
          <SkeletonCard rows={3} />
          <SkeletonCard rows={2} />
        </div>
      </div>
    </LoadingRegion>
  );
}

/** The designer: the resource tree on the left, the method's flow on the right. */
export function DesignerSkeleton() {
  return (
    <LoadingRegion what="the API design">
      <div className="grid gap-4 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <SkeletonCard rows={10} />
        <div className="space-y-4">
          <div aria-hidden="true" className="grid grid-cols-5 gap-2">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="h-16" />
            ))}
          </div>
          <SkeletonCard rows={6} />
        </div>
      </div>
    </LoadingRegion>
  );
}

/** A tab of an API made of cards (tests, AWS, OpenAPI, compare, matrix). */
export function TabSkeleton({ what }: { what: string }) {
  return (
    <LoadingRegion what={what}>
      <div className="space-y-4">
        <SkeletonCard rows={4} />
        <SkeletonCard rows={3} />
      </div>
    </LoadingRegion>
  );
}

/** Deployments & stages: the deployment list beside the stage list. */
export function StagesSkeleton() {
  return (
    <LoadingRegion what="deployments and stages">
      <div className="grid gap-4 lg:grid-cols-2">
        <SkeletonCard rows={5} />
        <SkeletonCard rows={7} />
      </div>
    </LoadingRegion>
  );
}

/** One stage: its title, the settings form, then promote, canary and deployment history. */
export function StageSkeleton() {
  return (
    <LoadingRegion what="the stage">
      <div className="space-y-4">
        <Skeleton className="h-6 w-48" />
        <div className="grid gap-4 lg:grid-cols-2">
          <SkeletonCard rows={9} />
          <div className="space-y-4">
            <SkeletonCard rows={2} />
            <SkeletonCard rows={2} />
            <SkeletonCard rows={4} />
          </div>
        </div>
      </div>
    </LoadingRegion>
  );
}

/** History: the filter row, then one line per change. */
export function HistorySkeleton() {
  return (
    <LoadingRegion what="the history">
      <div aria-hidden="true" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div className="flex flex-wrap gap-2">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-8 w-32" />
          ))}
        </div>
        <div className="mt-4 divide-y divide-slate-100">
          {Array.from({ length: 8 }, (_, i) => (
            <div key={i} className="flex items-center gap-3 py-3">
              <Skeleton className="h-4 w-36" />
              <Skeleton className="h-4 w-24" />
              <Skeleton className="h-4 flex-1" />
            </div>
          ))}
        </div>
      </div>
    </LoadingRegion>
  );
}
