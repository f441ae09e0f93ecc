"use client";
/**
 * Monaco, loaded only in the browser (it needs window) and only once the editor's place is on
 * screen (WhenVisible): Monaco is ~900 KB gzip, and a page whose editors sit in closed tabs or
 * below the fold should not fetch it. A plain placeholder of the editor's height stands in meanwhile.
 */
import dynamic from "next/dynamic";
import { WhenVisible } from "@/components/ui/when-visible";
import type { CodeEditorProps } from "./code-editor-impl";

const DEFAULT_HEIGHT = 160;

function EditorPlaceholder({ height }: { height: number }) {
  return <div className="animate-pulse rounded-md border border-slate-200 bg-slate-50" style={{ height }} data-editor-placeholder />;
}

const Impl = dynamic(() => import("./code-editor-impl"), {
  ssr: false,
  loading: () => <EditorPlaceholder height={DEFAULT_HEIGHT} />,
});

export function CodeEditor(props: CodeEditorProps) {
  const placeholder = <EditorPlaceholder height={props.height ?? DEFAULT_HEIGHT} />;
  return (
    <WhenVisible placeholder={placeholder}>
      <Impl {...props} />
    </WhenVisible>
  );
}
