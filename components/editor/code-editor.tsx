"use client";
/** Monaco, loaded only in the browser (it needs window), with a plain placeholder meanwhile. */
import dynamic from "next/dynamic";
import type { CodeEditorProps } from "./code-editor-impl";

const Impl = dynamic(() => import("./code-editor-impl"), {
  ssr: false,
  loading: () => <div className="h-40 animate-pulse rounded-md border border-slate-200 bg-slate-50" />,
});

export function CodeEditor(props: CodeEditorProps) {
  return <Impl {...props} />;
}
