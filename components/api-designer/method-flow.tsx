"use client";

import { Fragment } from "react";
import type { ApiDesign, Method } from "@/lib/model/design";
import { methodFlow, type FlowPart } from "@/lib/model/flow";

/** The editor card each flow box opens: its DOM id, so a click can scroll to it and focus its first field. */
export const flowTarget = (part: FlowPart) => `flow-editor-${part}`;

function focusEditor(part: FlowPart) {
  // The integration and its request share one card, as PutIntegration sets both.
  const el = document.getElementById(flowTarget(part === "integration" ? "integrationRequest" : part));
  if (!el) return;
  el.scrollIntoView({ behavior: "smooth", block: "start" });
  el.querySelector<HTMLElement>("input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])")?.focus({
    preventScroll: true,
  });
  el.classList.add("ring-2", "ring-indigo-400");
  setTimeout(() => el.classList.remove("ring-2", "ring-indigo-400"), 1200);
}

/**
 * AWS's method flow as five boxes: client → method request → integration request → integration
 * (backend) → integration response → method response → client. Each box summarises its part
 * and opens its editor below.
 */
export function MethodFlow({ design, method }: { design: Pick<ApiDesign, "authorizers" | "requestValidators">; method: Method }) {
  const boxes = methodFlow(design, method);
  return (
    // contain:inline-size: the flow never widens the column it sits in (its boxes would otherwise push
    // the page past a 1280 px window); the boxes share the width and it scrolls on its own when too narrow.
    <div className="overflow-x-auto [contain:inline-size]" data-testid="method-flow">
      <div className="flex items-stretch gap-1">
        {boxes.map((box, i) => (
          <Fragment key={box.part}>
            {i > 0 && (
              <span aria-hidden className="shrink-0 self-center px-0.5 text-lg text-slate-500">
                →
              </span>
            )}
            <button
              type="button"
              onClick={() => focusEditor(box.part)}
              className={`min-w-32 max-w-52 flex-1 basis-0 rounded-lg border p-2 text-left shadow-sm hover:border-indigo-400 hover:bg-indigo-50 ${box.part === "integration" ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}
              data-testid={`flow-${box.part}`}
              title={`Edit the ${box.title.toLowerCase()}`}
            >
              <span className="block text-xs font-semibold uppercase tracking-wide text-slate-500">{box.title}</span>
              {box.lines.map((line, j) => (
                <span key={j} className="mt-0.5 block truncate font-mono text-[11px] text-slate-700" title={line}>
                  {line}
                </span>
              ))}
            </button>
          </Fragment>
        ))}
      </div>
    </div>
  );
}
