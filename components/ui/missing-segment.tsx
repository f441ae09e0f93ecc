"use client";
/**
 * not-found.tsx gets no params, so the id or name that was not found is read back from the URL
 * (usePathname works in a not-found boundary, on the server render too).
 */
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** The decoded path segment right after `after` (`/apis/abc/stages` after "apis" → "abc"); null if there is none. */
export function segmentAfter(pathname: string | null | undefined, after: string): string | null {
  const parts = (pathname ?? "").split("/").filter(Boolean);
  const at = parts.indexOf(after);
  const raw = at >= 0 ? parts[at + 1] : undefined;
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // a malformed escape: show it as typed
  }
}

/** The path up to and including the segment `upTo` (`/apis/abc/stages/prod`, "stages" → `/apis/abc/stages`); null if absent. */
export function pathUpTo(pathname: string | null | undefined, upTo: string): string | null {
  const parts = (pathname ?? "").split("/").filter(Boolean);
  const at = parts.indexOf(upTo);
  return at >= 0 ? `/${parts.slice(0, at + 1).join("/")}` : null;
}

/** A link to the page the current URL sits under (the stage list of a missing stage); nothing when the URL has no such part. */
export function LinkUpTo({ upTo, className, children }: { upTo: string; className?: string; children: ReactNode }) {
  const href = pathUpTo(usePathname(), upTo);
  return href ? (
    <Link href={href} className={className}>
      {children}
    </Link>
  ) : null;
}

/** `label` and the missing id or name in monospace ("with id `abc`"), or `fallback` when the URL has none. */
export function MissingSegment({ after, label, fallback }: { after: string; label: string; fallback: string }) {
  const value = segmentAfter(usePathname(), after);
  if (!value) return <>{fallback}</>;
  return (
    <>
      {label} <code className="rounded bg-slate-100 px-1 font-mono text-slate-800">{value}</code>
    </>
  );
}

/** The whole path asked for, for the 404 of a URL that matches no page. */
export function RequestedPath() {
  const path = usePathname();
  return path ? <code className="rounded bg-slate-100 px-1 font-mono text-slate-800">{path}</code> : <>this address</>;
}
