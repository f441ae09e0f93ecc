"use client";
/**
 * The Monaco diff editor, loaded only in the browser and only once its place is on screen
 * (WhenVisible: Monaco is ~900 KB gzip), with a plain placeholder of its height meanwhile.
 */
import dynamic from "next/dynamic";
import { WhenVisible } from "@/components/ui/when-visible";
import type { MonacoDiffProps } from "./monaco-diff-impl";

const DEFAULT_HEIGHT = 220;

function DiffPlaceholder({ height }: { height: number }) {
  return <div className="animate-pulse rounded-md border border-slate-200 bg-slate-50" style={{ height }} data-editor-placeholder />;
}

const Impl = dynamic(() => import("./monaco-diff-impl"), {
  ssr: false,
  loading: () => <DiffPlaceholder height={DEFAULT_HEIGHT} />,
});

export function MonacoDiff(props: MonacoDiffProps) {
  return (
    <WhenVisible placeholder={<DiffPlaceholder height={props.height ?? DEFAULT_HEIGHT} />}>
      <Impl {...props} />
    </WhenVisible>
  );
}
