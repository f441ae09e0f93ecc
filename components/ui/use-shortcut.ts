"use client";
/**
 * Keyboard shortcuts: "mod" is Ctrl or Cmd (either works, on every platform), and what Ctrl/Cmd+S
 * saves or Ctrl/Cmd+Enter runs is found from where the focus is, in the page itself:
 * - save: the nearest `[data-save-scope]`, form, section (a Card) or dialog around the focus; in it,
 *   the control marked `data-save-action`, else its one enabled button labelled "Save …" ("Save as …"
 *   opens something, it does not save); a `[data-save-scope]` with neither submits its form.
 *   Two Save buttons in the scope is ambiguous: nothing is saved rather than the wrong thing.
 * - run: the nearest `[data-run-scope]`; its `data-run-action` control or its form's submit button.
 * A busy (disabled) control is not clicked, so a shortcut cannot send an action twice.
 */
import { useEffect, useRef } from "react";

export interface Shortcut {
  /** Lower-case `KeyboardEvent.key`: "s", "k", "enter", "escape". */
  key: string;
  mod: boolean;
  shift: boolean;
  alt: boolean;
}

export type KeyLike = Pick<KeyboardEvent, "key" | "code" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">;

/** "mod+shift+k" → its parts. An unknown modifier is an error, not a shortcut that never fires. */
export function parseShortcut(text: string): Shortcut {
  const parts = text
    .toLowerCase()
    .split("+")
    .map((p) => p.trim());
  const key = parts.pop();
  if (!key) throw new Error(`Shortcut "${text}" names no key`);
  const unknown = parts.filter((p) => !["mod", "shift", "alt"].includes(p));
  if (unknown.length) throw new Error(`Shortcut "${text}": unknown modifier ${unknown.join(", ")} (use mod, shift, alt)`);
  return { key, mod: parts.includes("mod"), shift: parts.includes("shift"), alt: parts.includes("alt") };
}

/**
 * Whether the event is the shortcut. Modifiers must be exactly the ones named (Ctrl+Shift+S is not
 * Ctrl+S). A letter also matches by its physical key (`code` "KeyS"), so the shortcut works on
 * keyboard layouts where that key types another letter.
 */
export function matchesShortcut(event: KeyLike, shortcut: Shortcut | string): boolean {
  const s = typeof shortcut === "string" ? parseShortcut(shortcut) : shortcut;
  if ((event.ctrlKey || event.metaKey) !== s.mod || event.shiftKey !== s.shift || event.altKey !== s.alt) return false;
  const key = event.key.toLowerCase();
  if (key === s.key) return true;
  return /^[a-z]$/.test(s.key) && event.code === `Key${s.key.toUpperCase()}`;
}

/**
 * Calls `handler` on every keydown of the window matching `shortcut` while `enabled`. The handler
 * decides about preventDefault. Events an inner handler already took (defaultPrevented, e.g. by
 * Monaco's own keybinding) are left alone, so nothing runs twice.
 */
export function useShortcut(shortcut: string, handler: (event: KeyboardEvent) => void, enabled = true): void {
  const parsed = useRef(parseShortcut(shortcut));
  parsed.current = parseShortcut(shortcut);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.defaultPrevented && matchesShortcut(event, parsed.current)) latest.current(event);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [enabled]);
}

const SAVE_LABEL = /^save\b(?!\s+as\b)/i;

const enabled = (el: Element): el is HTMLElement => el instanceof HTMLElement && !(el as HTMLButtonElement).disabled;

const SAVE_SCOPES = "[data-save-scope], form, section, dialog";

/**
 * The control Ctrl/Cmd+S should press for focus at `from`, or null when there is none (or two).
 * Scopes are tried from the innermost out: an editor sits in inner boxes (a template's preview, a
 * small "add" form) inside the card whose Save it belongs to.
 */
export function findSaveControl(from: Element): HTMLElement | null {
  for (let scope = from.closest(SAVE_SCOPES); scope; scope = scope.parentElement?.closest(SAVE_SCOPES) ?? null) {
    const found = saveControlIn(scope, from);
    if (found !== undefined) return found;
  }
  return null;
}

/** The scope's save control; null when it has one that can't be pressed or several; undefined when it has none. */
function saveControlIn(scope: Element, from: Element): HTMLElement | null | undefined {
  const marked = scope.querySelector("[data-save-action]");
  if (marked) return enabled(marked) ? marked : null;
  const saves = [...scope.querySelectorAll("button")].filter((b) => SAVE_LABEL.test(b.textContent?.trim() ?? ""));
  if (saves.length === 1) return enabled(saves[0]) ? saves[0] : null;
  if (saves.length > 1) return null;
  if (scope.hasAttribute("data-save-scope")) {
    const form = scope instanceof HTMLFormElement ? scope : from.closest("form");
    return form && scope.contains(form) ? form : null;
  }
  return undefined;
}

/** Presses the save control for focus at `from`; false when there is nothing to save there. */
export function saveFrom(from: Element | null): boolean {
  const control = from && findSaveControl(from);
  if (!control) return false;
  // After the current event: a keystroke just typed into Monaco reaches the form's state first.
  setTimeout(() => (control instanceof HTMLFormElement ? control.requestSubmit() : control.click()), 0);
  return true;
}

/** The control Ctrl/Cmd+Enter should press for focus at `from` (the test panel's Send). */
export function findRunControl(from: Element): HTMLElement | null {
  const scope = from.closest("[data-run-scope]");
  if (!scope) return null;
  const control = scope.querySelector("[data-run-action]") ?? scope.querySelector('button[type="submit"]');
  return control && enabled(control) ? control : null;
}

export function runFrom(from: Element | null): boolean {
  const control = from && findRunControl(from);
  if (!control) return false;
  setTimeout(() => control.click(), 0);
  return true;
}
