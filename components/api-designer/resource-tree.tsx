"use client";

import { type CSSProperties, type RefObject, useEffect, useMemo, useRef, useState } from "react";
import type { ApiDesign } from "@/lib/model/design";
import { indexTree, visibleTreeRows } from "@/lib/model/tree";

const ROW_HEIGHT = 26;
const VIEWPORT_ROWS = 24;
const OVERSCAN = 8;

type Selection = { resourceId: string; method?: string };
type TreeRow = ReturnType<typeof visibleTreeRows>[number];

/**
 * The resource tree, built for 300 resources and 1,200 methods: one index per design, a
 * filter, collapsible subtrees, and only the rows in view are in the DOM (fixed-height rows
 * in a scrolling window).
 */
export function ResourceTree({ design, selected, onSelect }: { design: ApiDesign; selected: Selection; onSelect: (s: Selection) => void }) {
  const index = useMemo(() => indexTree(design), [design]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [filter, setFilter] = useState("");
  const [scrollTop, setScrollTop] = useState(0);
  const rows = useMemo(() => visibleTreeRows(index, { collapsed, filter }), [index, collapsed, filter]);
  const viewport = useRef<HTMLDivElement>(null);
  useSelectedRowInView(viewport, rows, selected.resourceId);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil(scrollTop / ROW_HEIGHT) + VIEWPORT_ROWS + OVERSCAN);
  const toggle = (id: string) =>
    setCollapsed((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <div className="space-y-2">
      <TreeToolbar
        filter={filter}
        onFilter={(value) => {
          setFilter(value);
          setScrollTop(0);
        }}
        onCollapseAll={() => setCollapsed(new Set([...index.children.keys()].filter((id) => id !== index.root.id)))}
        onExpandAll={() => setCollapsed(new Set())}
      />
      <p className="text-xs text-slate-500" data-testid="resource-count">
        {index.byId.size} resources · {design.resources.reduce((n, r) => n + Object.keys(r.methods).length, 0)} methods
        {filter ? ` · ${rows.filter((r) => r.kind === "resource").length} shown` : ""}
      </p>
      <div
        className="overflow-y-auto text-sm"
        style={{ maxHeight: ROW_HEIGHT * VIEWPORT_ROWS }}
        ref={viewport}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        data-testid="resource-tree"
        role="tree"
        aria-label="Resources"
      >
        <div style={{ height: rows.length * ROW_HEIGHT, position: "relative" }}>
          {rows.slice(first, last).map((row, i) => {
            const style = { position: "absolute" as const, top: (first + i) * ROW_HEIGHT, left: 0, right: 0, height: ROW_HEIGHT, paddingLeft: row.depth * 14 };
            return row.kind === "method" ? (
              <MethodRow key={`${row.id} ${row.verb}`} row={row} style={style} selected={selected} onSelect={onSelect} />
            ) : (
              <ResourceRow key={row.id} row={row} style={style} selected={selected} onSelect={onSelect} onToggle={toggle} />
            );
          })}
        </div>
        {rows.length === 0 && <p className="px-2 py-1 text-xs text-slate-500">No resource matches.</p>}
      </div>
    </div>
  );
}

/**
 * A selection made elsewhere (a link, reload, Back, the command palette) may be far down a long
 * tree: scroll its row into the window. A row already in view (a click) does not move.
 */
function useSelectedRowInView(viewport: RefObject<HTMLDivElement | null>, rows: TreeRow[], resourceId: string) {
  // Only when the selection changes: collapsing or filtering must not pull the tree back to it.
  const rowsNow = useRef(rows);
  rowsNow.current = rows;
  useEffect(() => {
    const el = viewport.current;
    const at = rowsNow.current.findIndex((r) => r.kind === "resource" && r.id === resourceId);
    if (!el || at < 0) return;
    const top = at * ROW_HEIGHT;
    if (top < el.scrollTop || top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = Math.max(0, top - ROW_HEIGHT * 2);
  }, [viewport, resourceId]);
}

function TreeToolbar({
  filter,
  onFilter,
  onCollapseAll,
  onExpandAll,
}: {
  filter: string;
  onFilter: (value: string) => void;
  onCollapseAll: () => void;
  onExpandAll: () => void;
}) {
  return (
    <div className="flex items-center gap-2">
      <input
        type="search"
        aria-label="Filter resources"
        placeholder="Filter: /pets, GET /orders…"
        value={filter}
        onChange={(e) => onFilter(e.target.value)}
        className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
      />
      <button type="button" className="whitespace-nowrap text-xs text-indigo-700 hover:underline" onClick={onCollapseAll}>
        Collapse all
      </button>
      <button type="button" className="whitespace-nowrap text-xs text-indigo-700 hover:underline" onClick={onExpandAll}>
        Expand all
      </button>
    </div>
  );
}

type RowProps<K extends TreeRow["kind"]> = {
  row: Extract<TreeRow, { kind: K }>;
  style: CSSProperties;
  selected: Selection;
  onSelect: (s: Selection) => void;
};

function MethodRow({ row, style, selected, onSelect }: RowProps<"method">) {
  const active = selected.resourceId === row.id && selected.method === row.verb;
  return (
    <div style={style} role="treeitem" aria-selected={active} tabIndex={-1}>
      <button
        type="button"
        onClick={() => onSelect({ resourceId: row.id, method: row.verb })}
        className={`ml-5 rounded px-2 text-left text-xs font-semibold ${active ? "bg-indigo-600 text-white" : "text-slate-600 hover:text-indigo-700"}`}
        data-method={`${row.verb} ${row.path}`}
      >
        {row.verb}
      </button>
    </div>
  );
}

function ResourceRow({ row, style, selected, onSelect, onToggle }: RowProps<"resource"> & { onToggle: (id: string) => void }) {
  const active = selected.resourceId === row.id && !selected.method;
  // The resource of the selected method is highlighted lightly.
  const highlighted = active || (selected.resourceId === row.id && selected.method);
  return (
    <div
      style={style}
      className="flex items-center"
      role="treeitem"
      aria-selected={active}
      aria-expanded={row.hasChildren ? row.expanded : undefined}
      tabIndex={-1}
    >
      {row.hasChildren ? (
        <button
          type="button"
          onClick={() => onToggle(row.id)}
          className="w-5 text-xs text-slate-500 hover:text-slate-700"
          aria-label={`${row.expanded ? "Collapse" : "Expand"} ${row.path}`}
        >
          {row.expanded ? "▾" : "▸"}
        </button>
      ) : (
        <span className="w-5" />
      )}
      <button
        type="button"
        onClick={() => onSelect({ resourceId: row.id })}
        className={`min-w-0 flex-1 truncate rounded px-1.5 py-0.5 text-left font-mono ${highlighted ? "bg-indigo-50 text-indigo-800" : "hover:bg-slate-50"}`}
        data-resource-path={row.path}
        title={row.path}
      >
        {row.label}
        {!row.expanded && row.methodCount > 0 && <span className="ml-1 text-xs text-slate-500">({row.methodCount})</span>}
      </button>
    </div>
  );
}
