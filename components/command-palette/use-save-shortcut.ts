"use client";
/**
 * Ctrl/Cmd+S anywhere in the console: presses the Save of the card or form the focus is in (see
 * findSaveControl), and never lets the browser open its "Save page" dialog, saving or not.
 * Monaco editors take the key themselves first (code-editor-impl), which this then leaves alone.
 */
import { saveFrom, useShortcut } from "@/components/ui/use-shortcut";

export function useSaveShortcut(): void {
  useShortcut("mod+s", (event) => {
    event.preventDefault();
    saveFrom(document.activeElement);
  });
}
