"use client";
/**
 * The designer's view (resource, method, panel) lives in the URL, not in component state: reload,
 * Back and a shared link bring the same view back, and a link from elsewhere (the command palette)
 * changes it. Selecting pushes a history entry with the native History API, which Next's router
 * integrates (useSearchParams follows it, Back restores it) without asking the server to render the
 * page again, as router.push would for a new query string: one click would ship the whole design.
 */
import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { designerSearch, parseDesignerView, type DesignerView } from "@/lib/url-state/designer-view";

export function useDesignerView(): [DesignerView, (next: DesignerView, mode?: "push" | "replace") => void] {
  const searchParams = useSearchParams();
  const view = useMemo(() => parseDesignerView(searchParams), [searchParams]);
  const go = useCallback((next: DesignerView, mode: "push" | "replace" = "push") => {
    const url = `${window.location.pathname}${designerSearch(next)}`;
    if (url === `${window.location.pathname}${window.location.search}`) return;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }, []);
  return [view, go];
}
