"use client";
/**
 * The designer's panels as links (`tab=`): the designer shows every panel on one page, so a panel
 * in the URL is where the view scrolls to. A link opened elsewhere, a reload or Back scrolls there too.
 */
import { useEffect } from "react";
import { type DesignerTab, type DesignerView, designerSearch } from "@/lib/url-state/designer-view";

const LABELS: Record<DesignerTab, string> = {
  settings: "API settings",
  resource: "Resource",
  method: "Method",
  cors: "CORS",
  "gateway-responses": "Gateway responses",
  models: "Models",
  validators: "Validators",
  authorizers: "Authorizers",
};

/** The DOM id of a panel's section. */
export const panelId = (tab: DesignerTab) => `designer-panel-${tab}`;

function scrollToPanel(tab: DesignerTab | undefined) {
  if (tab) document.getElementById(panelId(tab))?.scrollIntoView({ block: "start" });
}

/** Scrolls to the URL's panel when it changes (first render, a link, Back). */
export function useScrollToPanel(tab: DesignerTab | undefined) {
  useEffect(() => {
    scrollToPanel(tab);
  }, [tab]);
}

export function DesignerPanelNav({ view, tabs, onNavigate }: { view: DesignerView; tabs: readonly DesignerTab[]; onNavigate: (next: DesignerView) => void }) {
  return (
    <nav aria-label="Designer panels" className="flex flex-wrap gap-x-3 gap-y-1 text-xs" data-testid="designer-panel-nav">
      {tabs.map((tab) => (
        <a
          key={tab}
          href={designerSearch({ ...view, tab }) || "?"}
          aria-current={view.tab === tab ? "location" : undefined}
          className={`rounded px-1.5 py-0.5 hover:underline ${view.tab === tab ? "bg-indigo-50 font-semibold text-indigo-800" : "text-indigo-700"}`}
          onClick={(e) => {
            // A plain click stays in the page (a new history entry, no reload); modified clicks open a tab as links do.
            if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
            e.preventDefault();
            onNavigate({ ...view, tab });
            scrollToPanel(tab);
          }}
        >
          {LABELS[tab]}
        </a>
      ))}
    </nav>
  );
}
