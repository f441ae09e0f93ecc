"use client";
/** The Monaco diff editor, loaded only in the browser, with a plain line diff meanwhile. */
import dynamic from "next/dynamic";
import type { MonacoDiffProps } from "./monaco-diff-impl";

const Impl = dynamic(() => import("./monaco-diff-impl"), {
  ssr: false,
  loading: () => <div className="h-40 animate-pulse rounded-md border border-slate-200 bg-slate-50" />,
});

export function MonacoDiff(props: MonacoDiffProps) {
  return <Impl {...props} />;
}
