/**
 * The options every Gatehouse code editor is created with. Pure (types only from Monaco), so
 * test/editor can check them without a browser.
 */
import type * as Monaco from "monaco-editor";

export const CODE_EDITOR_OPTIONS = {
  minimap: { enabled: false },
  wordWrap: "on",
  tabSize: 2,
  fontSize: 13,
  scrollBeyondLastLine: false,
  automaticLayout: true,
  lineNumbersMinChars: 3,
  fixedOverflowWidgets: true,
  // Enter accepts a suggestion only when it changes the text: with the suggestion equal to what
  // is typed (`#else`, `#end`, `$input.body`), Enter starts a new line (Tab still accepts).
  acceptSuggestionOnEnter: "smart",
} satisfies Monaco.editor.IStandaloneEditorConstructionOptions;

/** Monaco's built-in theme for the page's colour scheme (the page follows `prefers-color-scheme`). */
export function monacoThemeFor(dark: boolean): "vs" | "vs-dark" {
  return dark ? "vs-dark" : "vs";
}
