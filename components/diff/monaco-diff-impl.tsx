"use client";
/** Monaco's diff editor over two texts (read-only), from the bundled monaco-editor (no CDN). */
import { DiffEditor } from "@monaco-editor/react";
import { setupMonaco, useMonacoTheme } from "@/components/editor/monaco-setup";

setupMonaco();

export interface MonacoDiffProps {
  before: string;
  after: string;
  language?: "vtl" | "json" | "plaintext";
  height?: number;
  ariaLabel?: string;
}

export default function MonacoDiffImpl({ before, after, language = "plaintext", height = 220, ariaLabel }: MonacoDiffProps) {
  // Monaco has one theme for every editor on the page: the diff must set the same one (dark mode).
  const theme = useMonacoTheme();
  return (
    <div className="overflow-hidden rounded-md border border-slate-300" data-diff-editor={ariaLabel}>
      <DiffEditor
        original={before}
        modified={after}
        language={language}
        height={height}
        theme={theme}
        options={{
          readOnly: true,
          originalEditable: false,
          renderSideBySide: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          fontSize: 12,
          automaticLayout: true,
        }}
      />
    </div>
  );
}
