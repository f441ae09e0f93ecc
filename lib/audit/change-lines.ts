/** A before/after pair as diff lines for the history view (jsdiff's JSON diff over pretty JSON). */
import { diffJson } from "diff";

export interface ChangeLine {
  kind: "add" | "remove" | "same";
  text: string;
}

const pretty = (v: unknown) => JSON.stringify(v, null, 2).split("\n");

export function changeLines(before: unknown, after: unknown): ChangeLine[] {
  // A creation or a deletion is the whole entity added or removed, not a diff against "{}".
  if (before == null && after == null) return [];
  if (before == null) return pretty(after).map((text) => ({ kind: "add", text }));
  if (after == null) return pretty(before).map((text) => ({ kind: "remove", text }));
  const parts = diffJson(before as object, after as object);
  const lines: ChangeLine[] = [];
  for (const part of parts) {
    const kind = part.added ? "add" : part.removed ? "remove" : "same";
    for (const text of part.value.replace(/\n$/, "").split("\n")) lines.push({ kind, text });
  }
  return lines;
}
