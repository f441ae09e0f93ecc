"use client";

import Editor, { type OnMount } from "@monaco-editor/react";
import { useLayoutEffect, useRef } from "react";
import { runFrom, saveFrom } from "@/components/ui/use-shortcut";
import { CODE_EDITOR_OPTIONS } from "./editor-options";
import { setupMonaco, useMonacoTheme } from "./monaco-setup";

setupMonaco();

export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  language?: "vtl" | "json" | "plaintext";
  height?: number;
  readOnly?: boolean;
  ariaLabel?: string;
  /** The editor and the bundled monaco namespace, once mounted (markers, model context). */
  onMount?: OnMount;
}

/**
 * Monaco owns the text while the user types. @monaco-editor/react's controlled `value` writes the
 * parent's value back from a passive effect; Monaco types through EditContext `textupdate` events
 * that React does not treat as discrete, so a keystroke's echo can land after the next keystroke
 * and erase it (fast typing lost characters). Here the model is created from `defaultValue`, the
 * parent's value is written only when it is not an echo of something Monaco reported, and the
 * write happens in a layout effect (same task as the render).
 */
/**
 * Ctrl/Cmd+S saves what this editor is part of (the Save button of its card or form, see
 * use-shortcut.ts) instead of opening the browser's "Save page"; inside a `[data-run-scope]`
 * (the test panel) Ctrl/Cmd+Enter runs it, in place of Monaco's "insert line below".
 * addAction, not addCommand: addCommand's keybinding is global in Monaco, so with several editors on
 * the page the last one mounted would receive every editor's Ctrl+S.
 */
function addShortcuts(editor: Parameters<OnMount>[0], monaco: Parameters<OnMount>[1]) {
  const container = editor.getContainerDomNode();
  const { KeyMod, KeyCode } = monaco;
  editor.addAction({ id: "gatehouse.save", label: "Save", keybindings: [KeyMod.CtrlCmd | KeyCode.KeyS], run: () => void saveFrom(container) });
  if (container.closest("[data-run-scope]")) {
    editor.addAction({ id: "gatehouse.run", label: "Run", keybindings: [KeyMod.CtrlCmd | KeyCode.Enter], run: () => void runFrom(container) });
  }
}

export default function CodeEditorImpl({ value, onChange, language = "vtl", height = 160, readOnly, ariaLabel, onMount }: CodeEditorProps) {
  const theme = useMonacoTheme();
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  /** Values Monaco reported since the parent last caught up with the model. */
  const reported = useRef<string[]>([]);
  const latest = useRef(value);
  useLayoutEffect(() => {
    latest.current = value;
    const model = editorRef.current?.getModel();
    if (!model) return;
    if (model.getValue() === value) {
      reported.current = [];
      return;
    }
    if (reported.current.includes(value)) return; // an echo of typing the model is already past
    reported.current = [];
    // As one undoable edit (works on read-only editors too).
    model.pushStackElement();
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value, forceMoveMarkers: true }], () => null);
    model.pushStackElement();
  }, [value]);
  return (
    <div className="overflow-hidden rounded-md border border-slate-300" data-code-editor={ariaLabel}>
      <Editor
        defaultValue={value}
        onChange={(v) => {
          const text = v ?? "";
          reported.current.push(text);
          if (reported.current.length > 50) reported.current.shift();
          onChange(text);
        }}
        onMount={(editor, monaco) => {
          editorRef.current = editor;
          // A value set between the first render and the mount.
          if (editor.getValue() !== latest.current) editor.setValue(latest.current);
          addShortcuts(editor, monaco);
          onMount?.(editor, monaco);
        }}
        language={language}
        theme={theme}
        height={height}
        options={{ ...CODE_EDITOR_OPTIONS, readOnly, ariaLabel }}
      />
    </div>
  );
}
