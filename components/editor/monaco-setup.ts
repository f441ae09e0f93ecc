"use client";
/**
 * Monaco comes from the monaco-editor package in our own bundle: nothing loads from a CDN.
 * @monaco-editor/react is pointed at that instance, and the editor worker is bundled too.
 */
import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor";
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
