import { changeLines } from "@/lib/audit/change-lines";
import type { HistoryEntry } from "@/lib/audit/history";
import { MASKING_NOTE } from "@/lib/audit/mask";
import { isRevertable } from "@/lib/audit/revert-service";
import { RevertButton } from "./revert-button";

/** The audit timeline: who did what, when, and the before/after of each change. */
export function HistoryList({ entries, canRevert = false }: { entries: HistoryEntry[]; canRevert?: boolean }) {
  const note = (
    <p className="mb-2 text-xs text-slate-500" data-testid="masking-note">
      {MASKING_NOTE}
    </p>
  );
  if (entries.length === 0)
    return (
      <>
        {note}
        <p className="text-sm text-slate-500">Nothing has happened here yet.</p>
      </>
    );
  return (
    <>
      {note}
      <ol className="divide-y divide-slate-100" data-testid="history-list">
        {entries.map((e) => (
          <li key={e.id} className="py-2" data-action={e.action}>
            <details>
              <summary className="flex cursor-pointer items-baseline gap-3 text-sm">
                <time className="w-44 shrink-0 font-mono text-xs text-slate-500" dateTime={e.createdAt.toISOString()}>
                  {e.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC
                </time>
                <span className="w-48 shrink-0 truncate text-slate-700" data-testid="history-actor">
                  {e.actorEmail}
                </span>
                <span className="w-60 shrink-0 truncate rounded bg-slate-100 px-1.5 font-mono text-xs" title={e.action}>
                  {e.action}
                </span>
                <span className="text-slate-800">{e.summary || `${e.entityType} ${e.entityId}`}</span>
              </summary>
              {(e.before !== null || e.after !== null) && (
                <pre className="mt-2 max-h-96 overflow-auto rounded bg-slate-50 p-2 text-xs" data-testid="history-diff">
                  {changeLines(e.before, e.after).map((l, i) => (
                    <div
                      key={i}
                      className={l.kind === "add" ? "bg-emerald-50 text-emerald-800" : l.kind === "remove" ? "bg-red-50 text-red-800" : "text-slate-600"}
                    >
                      {l.kind === "add" ? "+ " : l.kind === "remove" ? "- " : "  "}
                      {l.text}
                    </div>
                  ))}
                </pre>
              )}
              {canRevert && isRevertable(e) && <RevertButton entryId={e.id} />}
            </details>
          </li>
        ))}
      </ol>
    </>
  );
}
