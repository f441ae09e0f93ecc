/**
 * Text rendering of a design or stage diff: a summary, then one block per entry marked
 * `+` (added), `-` (removed) or `~` (changed), with field changes as `path: before → after`
 * and multi-line values (templates, schemas, policies) as indented line diffs.
 * The JSON form of a diff is the DesignDiff itself (`JSON.stringify(diff, null, 2)`).
 */
import type { DesignDiff, DiffCounts, DiffEntity, DiffEntry, DiffKind, DiffSummary, StageDiff } from "./diff";
import type { FieldChange, LineDiff } from "./diff-fields";

const MARK: Record<DiffKind, string> = { added: "+", removed: "-", changed: "~" };

const LABEL: Record<DiffEntity, string> = {
  api: "api",
  resource: "resource",
  method: "method",
  integration: "integration",
  integrationResponse: "integration response",
  methodResponse: "method response",
  model: "model",
  requestValidator: "request validator",
  authorizer: "authorizer",
  gatewayResponse: "gateway response",
};

const SUMMARY_ROWS: [keyof DiffSummary, string][] = [
  ["resources", "resources"],
  ["methods", "methods"],
  ["integrations", "integrations"],
  ["integrationResponses", "integration responses"],
  ["methodResponses", "method responses"],
  ["models", "models"],
  ["requestValidators", "request validators"],
  ["authorizers", "authorizers"],
  ["gatewayResponses", "gateway responses"],
];

/** Lines of context kept around each change in a line diff. */
const CONTEXT = 2;

export function formatValue(v: unknown): string {
  if (v === undefined) return "(none)";
  return JSON.stringify(v);
}

/** A line diff with unchanged runs trimmed to CONTEXT lines around the changes. */
export function formatLineDiff(lines: LineDiff[], indent: string): string[] {
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((l, i) => {
    if (l.kind === "same") return;
    for (let j = Math.max(0, i - CONTEXT); j <= Math.min(lines.length - 1, i + CONTEXT); j++) keep[j] = true;
  });
  const out: string[] = [];
  let skipped = false;
  lines.forEach((l, i) => {
    if (!keep[i]) {
      skipped = true;
      return;
    }
    if (skipped) out.push(`${indent}  …`);
    skipped = false;
    const mark = l.kind === "add" ? "+" : l.kind === "remove" ? "-" : " ";
    out.push(`${indent}${mark} ${l.text}`.trimEnd());
  });
  if (skipped && out.length > 0) out.push(`${indent}  …`);
  return out;
}

function formatField(f: FieldChange, kind: DiffKind | "changed", indent: string): string[] {
  if (f.lineDiff) return [`${indent}${f.path}:`, ...formatLineDiff(f.lineDiff, `${indent}  `)];
  if (kind === "added") return [`${indent}${f.path}: ${formatValue(f.after)}`];
  if (kind === "removed") return [`${indent}${f.path}: ${formatValue(f.before)}`];
  return [`${indent}${f.path}: ${formatValue(f.before)} → ${formatValue(f.after)}`];
}

function countsText(c: DiffCounts): string {
  const parts: string[] = [];
  if (c.added) parts.push(`${c.added} added`);
  if (c.removed) parts.push(`${c.removed} removed`);
  if (c.changed) parts.push(`${c.changed} changed`);
  return parts.join(", ");
}

export function formatSummaryText(s: DiffSummary): string[] {
  if (s.identical) return ["No differences."];
  const lines = [`Summary: ${s.changes} change${s.changes === 1 ? "" : "s"}`];
  if (s.apiSettings.length) lines.push(`  API settings: ${s.apiSettings.join(", ")} changed`);
  for (const [key, label] of SUMMARY_ROWS) {
    const text = countsText(s[key] as DiffCounts);
    if (text) lines.push(`  ${label}: ${text}`);
  }
  return lines;
}

export function formatEntryText(e: DiffEntry): string[] {
  const head = e.entity === "api" ? `${MARK[e.kind]} api settings` : `${MARK[e.kind]} ${LABEL[e.entity]} ${e.key}`;
  // A removed entity is named, not listed field by field: its content is in the JSON form.
  if (e.kind === "removed") return [head];
  return [head, ...e.fields.flatMap((f) => formatField(f, e.kind, "    "))];
}

/** The diff as readable text; "No differences." when the designs are equal. */
export function formatDiffText(diff: DesignDiff): string {
  if (diff.summary.identical) return "No differences.\n";
  const lines = formatSummaryText(diff.summary);
  lines.push("");
  for (const e of diff.entries) lines.push(...formatEntryText(e));
  return lines.join("\n") + "\n";
}

/** A stage comparison as text. */
export function formatStageDiffText(diff: StageDiff): string {
  const title = diff.before || diff.after ? `Stage ${diff.before ?? "?"} → ${diff.after ?? "?"}` : "Stages";
  if (diff.identical) return `${title}: no differences.\n`;
  const lines = [`${title}: ${diff.fields.length} field${diff.fields.length === 1 ? "" : "s"} differ`];
  for (const f of diff.fields) lines.push(...formatField(f, "changed", "  "));
  return lines.join("\n") + "\n";
}
