"use client";

import type { ApiDesign } from "@/lib/model/design";
import { resourcePath, resourcesInTreeOrder } from "@/lib/model/tree";

export function ResourceTree({ design, selected, onSelect }: { design: ApiDesign; selected: { resourceId: string; method?: string }; onSelect: (s: { resourceId: string; method?: string }) => void }) {
  return (
    <ul className="space-y-0.5 text-sm" data-testid="resource-tree">
      {resourcesInTreeOrder(design).map((r) => {
        const path = resourcePath(design, r);
        const depth = path === "/" ? 0 : path.split("/").length - 1;
        return (
          <li key={r.id} style={{ paddingLeft: depth * 14 }}>
            <button
              onClick={() => onSelect({ resourceId: r.id })}
              className={`w-full rounded px-2 py-1 text-left font-mono ${selected.resourceId === r.id ? "bg-indigo-50 text-indigo-800" : "hover:bg-slate-50"}`}
              data-resource-path={path}
            >
              {path === "/" ? "/" : `/${r.pathPart}`}
            </button>
            {Object.keys(r.methods).sort().map((verb) => (
              <button
                key={verb}
                onClick={() => onSelect({ resourceId: r.id, method: verb })}
                className="ml-4 block rounded px-2 text-left text-xs font-semibold text-slate-600 hover:text-indigo-700"
                data-method={`${verb} ${path}`}
              >
                {verb}
              </button>
            ))}
          </li>
        );
      })}
    </ul>
  );
}
