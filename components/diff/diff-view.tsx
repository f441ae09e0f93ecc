"use client";
/**
 * A semantic diff for people: the summary first (what was added, removed, changed), then one
 * collapsible block per entity with its field-level changes; templates, schemas and policies open
 * in Monaco's diff editor. Stage variables and settings (diffStages) follow as their own table.
 */
import { useState } from "react";
import type { DesignDiff, DiffCounts, DiffEntry, FieldChange, StageDiff } from "@/lib/snapshot/diff";
import { MonacoDiff } from "./monaco-diff";

const ROWS: { key: keyof Omit<DesignDiff["summary"], "identical" | "changes" | "apiSettings">; label: string }[] = [
  { key: "resources", label: "Resources" },
  { key: "methods", label: "Methods" },
  { key: "integrations", label: "Integrations" },
  { key: "methodResponses", label: "Method responses" },
  { key: "integrationResponses", label: "Integration responses" },
  { key: "models", label: "Models" },
  { key: "requestValidators", label: "Validators" },
  { key: "authorizers", label: "Authorizers" },
  { key: "gatewayResponses", label: "Gateway responses" },
];

const ENTITY_LABEL: Record<DiffEntry["entity"], string> = {
  api: "API settings",
  resource: "Resource",
  method: "Method",
  integration: "Integration",
  integrationResponse: "Integration response",
  methodResponse: "Method response",
  model: "Model",
  requestValidator: "Validator",
  authorizer: "Authorizer",
  gatewayResponse: "Gateway response",
};

const KIND_STYLE: Record<DiffEntry["kind"], string> = {
  added: "bg-emerald-50 text-emerald-700",
  removed: "bg-red-50 text-red-700",
  changed: "bg-amber-50 text-amber-800",
};

export function formatDiffValue(v: unknown): string {
  if (v === undefined) return "—";
  if (typeof v === "string") return v.includes("\n") ? `${v.split("\n")[0]} …` : JSON.stringify(v);
  return JSON.stringify(v);
}

function Counts({ c }: { c: DiffCounts }) {
  return (
    <>
      <td className={`px-2 text-right ${c.added ? "font-semibold text-emerald-700" : "text-slate-500"}`}>+{c.added}</td>
      <td className={`px-2 text-right ${c.removed ? "font-semibold text-red-700" : "text-slate-500"}`}>−{c.removed}</td>
      <td className={`px-2 text-right ${c.changed ? "font-semibold text-amber-700" : "text-slate-500"}`}>~{c.changed}</td>
    </>
  );
}

export function DiffSummaryTable({ summary }: { summary: DesignDiff["summary"] }) {
  if (summary.identical)
    return (
      <p className="text-sm text-emerald-700" data-testid="diff-identical">
        No differences: both sides hold the same API definition.
      </p>
    );
  return (
    <div data-testid="diff-summary">
      <table className="text-sm">
        <thead>
          <tr className="text-xs text-slate-500">
            <th className="pr-4 text-left font-medium">What</th>
            <th className="px-2 text-right font-medium">Added</th>
            <th className="px-2 text-right font-medium">Removed</th>
            <th className="px-2 text-right font-medium">Changed</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.filter((r) => {
            const c = summary[r.key];
            return c.added + c.removed + c.changed > 0 || r.key === "resources" || r.key === "methods";
          }).map((r) => (
            <tr key={r.key} data-summary-row={r.key}>
              <td className="pr-4 text-slate-700">{r.label}</td>
              <Counts c={summary[r.key]} />
            </tr>
          ))}
        </tbody>
      </table>
      {summary.apiSettings.length > 0 && <p className="mt-1 text-xs text-slate-600">API settings changed: {summary.apiSettings.join(", ")}</p>}
    </div>
  );
}

function languageOf(path: string): "vtl" | "json" | "plaintext" {
  if (/Templates\./.test(path)) return "vtl";
  if (/(^|\.)(schema|policy)$/.test(path)) return "json";
  return "plaintext";
}

export function FieldRows({ fields }: { fields: FieldChange[] }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <table className="w-full table-fixed text-xs">
      <thead>
        <tr className="text-slate-500">
          <th className="w-1/3 text-left font-medium">Field</th>
          <th className="text-left font-medium">Before</th>
          <th className="text-left font-medium">After</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr key={f.path} className="border-t border-slate-100 align-top" data-field={f.path}>
            <td className="break-all py-1 pr-2 font-mono">{f.path}</td>
            {f.lineDiff ? (
              <td colSpan={2} className="py-1">
                <button type="button" className="text-indigo-700 hover:underline" onClick={() => setOpen(open === f.path ? null : f.path)}>
                  {open === f.path
                    ? "Hide line diff"
                    : `Line diff (+${f.lineDiff.filter((l) => l.kind === "add").length} −${f.lineDiff.filter((l) => l.kind === "remove").length})`}
                </button>
                {open === f.path && (
                  <div className="mt-1">
                    <MonacoDiff
                      before={typeof f.before === "string" ? f.before : ""}
                      after={typeof f.after === "string" ? f.after : ""}
                      language={languageOf(f.path)}
                      ariaLabel={f.path}
                    />
                  </div>
                )}
              </td>
            ) : (
              <>
                <td className="break-all py-1 pr-2 font-mono text-red-700">{formatDiffValue(f.before)}</td>
                <td className="break-all py-1 font-mono text-emerald-700">{formatDiffValue(f.after)}</td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DiffEntries({ entries }: { entries: DiffEntry[] }) {
  return (
    <ul className="space-y-1" data-testid="diff-entries">
      {entries.map((e) => (
        <li key={`${e.entity} ${e.key}`} className="rounded border border-slate-200" data-entry={`${e.entity} ${e.key}`}>
          <details>
            <summary className="flex cursor-pointer items-center gap-2 px-2 py-1 text-sm">
              <span className={`w-16 rounded px-1 text-center text-xs ${KIND_STYLE[e.kind]}`}>{e.kind}</span>
              <span className="text-slate-500">{ENTITY_LABEL[e.entity]}</span>
              <span className="font-mono">{e.key}</span>
              {e.fields.length > 0 && (
                <span className="ml-auto text-xs text-slate-500">
                  {e.fields.length} field{e.fields.length === 1 ? "" : "s"}
                </span>
              )}
            </summary>
            {e.fields.length > 0 && (
              <div className="border-t border-slate-100 px-2 py-1">
                <FieldRows fields={e.fields} />
              </div>
            )}
          </details>
        </li>
      ))}
    </ul>
  );
}

export function StageDiffTable({ diff }: { diff: StageDiff }) {
  if (diff.identical) return <p className="text-sm text-slate-500">Same variables and settings.</p>;
  return (
    <div data-testid="stage-diff">
      <FieldRows fields={diff.fields} />
    </div>
  );
}

/** Summary, then drill-down; stage differences when both sides are stages. */
export function DiffView({ design, stage, beforeLabel, afterLabel }: { design: DesignDiff; stage?: StageDiff; beforeLabel: string; afterLabel: string }) {
  return (
    <div className="space-y-4">
      <section>
        <h3 className="mb-1 text-sm font-semibold">
          Summary{" "}
          <span className="font-normal text-slate-500">
            ({beforeLabel} → {afterLabel})
          </span>
        </h3>
        <DiffSummaryTable summary={design.summary} />
      </section>
      {design.entries.length > 0 && (
        <section>
          <h3 className="mb-1 text-sm font-semibold">Changes</h3>
          <DiffEntries entries={design.entries} />
        </section>
      )}
      {stage && (
        <section>
          <h3 className="mb-1 text-sm font-semibold">Stage variables and settings</h3>
          <StageDiffTable diff={stage} />
        </section>
      )}
    </div>
  );
}
