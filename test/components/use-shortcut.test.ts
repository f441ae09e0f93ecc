/** Shortcut key matching: "mod" is Ctrl or Cmd, modifiers must be exactly the ones named, letters match by physical key too. */
import { describe, expect, it } from "vitest";
import { type KeyLike, matchesShortcut, parseShortcut } from "../../components/ui/use-shortcut";

const press = (key: string, mods: Partial<Omit<KeyLike, "key" | "code">> & { code?: string } = {}): KeyLike => ({
  key,
  code: mods.code ?? (key.length === 1 ? `Key${key.toUpperCase()}` : key),
  ctrlKey: mods.ctrlKey ?? false,
  metaKey: mods.metaKey ?? false,
  shiftKey: mods.shiftKey ?? false,
  altKey: mods.altKey ?? false,
});

describe("parseShortcut", () => {
  it("reads the key and modifiers, case-insensitively", () => {
    expect(parseShortcut("Mod+Shift+K")).toEqual({ key: "k", mod: true, shift: true, alt: false });
    expect(parseShortcut("mod+Enter")).toEqual({ key: "enter", mod: true, shift: false, alt: false });
  });

  it("refuses an unknown modifier or a missing key", () => {
    expect(() => parseShortcut("ctrl+s")).toThrow(/unknown modifier ctrl/);
    expect(() => parseShortcut("mod+")).toThrow(/names no key/);
  });
});

describe("matchesShortcut", () => {
  it("takes Ctrl or Cmd as mod", () => {
    expect(matchesShortcut(press("s", { ctrlKey: true }), "mod+s")).toBe(true);
    expect(matchesShortcut(press("s", { metaKey: true }), "mod+s")).toBe(true);
    expect(matchesShortcut(press("Enter", { metaKey: true }), "mod+enter")).toBe(true);
  });

  it("does not fire without the modifier, or with one more", () => {
    expect(matchesShortcut(press("s"), "mod+s")).toBe(false);
    expect(matchesShortcut(press("S", { ctrlKey: true, shiftKey: true }), "mod+s")).toBe(false);
    expect(matchesShortcut(press("s", { ctrlKey: true, altKey: true }), "mod+s")).toBe(false);
    expect(matchesShortcut(press("k", { ctrlKey: true }), "mod+s")).toBe(false);
  });

  it("matches an upper-case key (Caps Lock) and a letter typed on another layout by its physical key", () => {
    expect(matchesShortcut(press("K", { ctrlKey: true, code: "KeyK" }), "mod+k")).toBe(true);
    expect(matchesShortcut(press("л", { ctrlKey: true, code: "KeyK" }), "mod+k")).toBe(true);
    expect(matchesShortcut(press("л", { ctrlKey: true, code: "KeyL" }), "mod+k")).toBe(false);
  });

  it("matches shift shortcuts only with shift", () => {
    expect(matchesShortcut(press("P", { ctrlKey: true, shiftKey: true }), "mod+shift+p")).toBe(true);
    expect(matchesShortcut(press("p", { ctrlKey: true }), "mod+shift+p")).toBe(false);
  });
});
