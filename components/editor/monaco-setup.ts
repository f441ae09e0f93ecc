"use client";
/**
 * Monaco comes from the monaco-editor package in our own bundle: nothing loads from a CDN.
 * @monaco-editor/react is pointed at that instance, and the editor worker is bundled too.
 */
import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor";
import { useSyncExternalStore } from "react";
import { monacoThemeFor } from "./editor-options";
import { registerVtl } from "./vtl-language";

declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
  }
}

let done = false;

export function setupMonaco(): typeof monaco {
  if (done) return monaco;
  done = true;
  window.MonacoEnvironment = {
    getWorker(_id: string, label: string) {
      if (label === "json") {
        return new Worker(new URL("monaco-editor/language/json/json.worker.js", import.meta.url), { type: "module" });
      }
      return new Worker(new URL("monaco-editor/editor/editor.worker.js", import.meta.url), { type: "module" });
    },
  };
  loader.config({ monaco });
  registerVtl(monaco);
  return monaco;
}

const DARK_QUERY = "(prefers-color-scheme: dark)";

function subscribeToColorScheme(onChange: () => void): () => void {
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/**
 * "vs" or "vs-dark" as the system's colour scheme is now, re-rendering when it changes. Pass it as
 * every Monaco's `theme`: Monaco's theme is global, and @monaco-editor/react sets its `theme` prop
 * (default "light") on every mount, so one editor without it would turn all of them light.
 */
export function useMonacoTheme(): "vs" | "vs-dark" {
  const dark = useSyncExternalStore(
    subscribeToColorScheme,
    () => window.matchMedia(DARK_QUERY).matches,
    () => false,
  );
  return monacoThemeFor(dark);
}
