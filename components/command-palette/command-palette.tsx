"use client";
/**
 * The command palette (Ctrl/Cmd+K, or its button in the header): type part of an API's name, a
 * resource path, "GET /pets" or a stage's name, pick with the arrow keys and Enter (or a click),
 * and the console goes there. A modal <dialog> (components/ui/Dialog): focus stays inside, Escape
 * closes. The list follows the combobox pattern: the input keeps focus, aria-activedescendant
 * names the highlighted option.
 * Mounted once in the console's header, it also owns the console-wide Ctrl/Cmd+S (use-save-shortcut.ts).
 */
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { useShortcut } from "@/components/ui/use-shortcut";
import type { NavigationEntry } from "@/lib/workspace/navigation-index";
import { searchNavigation } from "@/lib/workspace/navigation-search";
import { useNavigationIndex } from "./use-navigation-index";
import { useSaveShortcut } from "./use-save-shortcut";

const KIND_LABEL: Record<NavigationEntry["kind"], string> = { api: "API", resource: "Resource", method: "Method", stage: "Stage" };

export function CommandPalette() {
  const [open, setOpen] = useState(false);
  useSaveShortcut();
  useShortcut("mod+k", (event) => {
    event.preventDefault();
    setOpen((was) => !was);
  });
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-keyshortcuts="Control+K Meta+K"
        className="flex items-center gap-2 rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-500 hover:bg-slate-50"
        data-testid="command-palette-button"
      >
        Search
        <kbd className="rounded border border-slate-200 px-1 font-sans text-xs">Ctrl K</kbd>
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Go to an API, resource, method or stage" testId="command-palette" className="mt-24 mb-auto">
        {open && <PaletteSearch onDone={() => setOpen(false)} />}
      </Dialog>
    </>
  );
}

function PaletteSearch({ onDone }: { onDone: () => void }) {
  const router = useRouter();
  const index = useNavigationIndex();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const results = useMemo(() => searchNavigation(index.data ?? [], query), [index.data, query]);
  const listId = useId();
  const optionId = (i: number) => `${listId}-option-${i}`;

  useEffect(() => {
    setActive(0);
  }, [query]);
  // A block body, not `() => el.scrollIntoView()`: Chromium's scroll methods now return a promise,
  // and React calls whatever an effect returns as its cleanup ("is not a function" on the next run).
  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: "nearest" });
  });

  const go = (entry: NavigationEntry | undefined) => {
    if (!entry) return;
    onDone();
    router.push(entry.url);
  };
  const onKeyDown = (event: React.KeyboardEvent) => {
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step && results.length) {
      event.preventDefault();
      setActive((i) => (i + step + results.length) % results.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      go(results[active]);
    }
  };

  return (
    <div className="space-y-2">
      <input
        // biome-ignore lint/a11y/noAutofocus: the palette is opened to type into it
        autoFocus
        role="combobox"
        aria-label="Search APIs, resources, methods and stages"
        aria-expanded={results.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={results.length ? optionId(active) : undefined}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder="PetStore, /pets/{petId}, GET /pets, prod…"
        className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      <PaletteStatus loading={index.isPending} error={index.error} empty={!results.length} />
      <div id={listId} role="listbox" aria-label="Matches" className="max-h-80 overflow-y-auto">
        {results.map((entry, i) => (
          // The input keeps focus (aria-activedescendant); tabIndex -1 lets a click focus an option without a tab stop per result.
          <div
            key={`${entry.kind}:${entry.url}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            onMouseMove={() => setActive(i)}
            onClick={() => go(entry)}
            onKeyDown={(e) => e.key === "Enter" && go(entry)}
            tabIndex={-1}
            className={`flex cursor-pointer items-baseline gap-2 rounded px-2 py-1.5 ${i === active ? "bg-indigo-50 text-indigo-900" : ""}`}
            data-testid="command-palette-option"
          >
            <span className="w-16 shrink-0 text-xs text-slate-500">{KIND_LABEL[entry.kind]}</span>
            <span className={`min-w-0 flex-1 truncate ${entry.kind === "api" ? "" : "font-mono text-xs"}`}>{entry.label}</span>
            {entry.kind !== "api" && <span className="shrink-0 text-xs text-slate-500">{entry.apiName}</span>}
          </div>
        ))}
      </div>
    </div>
  );
}

function PaletteStatus({ loading, error, empty }: { loading: boolean; error: Error | null; empty: boolean }) {
  const text = error ? `Could not load the list: ${error.message}` : loading ? "Loading…" : empty ? "Nothing matches" : null;
  return (
    <p role="status" className={`text-xs ${error ? "text-red-700" : "text-slate-500"}`}>
      {text}
    </p>
  );
}
