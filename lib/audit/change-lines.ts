/** A before/after pair as diff lines for the history view (jsdiff's JSON diff over pretty JSON). */
import { diffJson } from "diff";

export interface ChangeLine {
  kind: "add" | "remove" | "same";
  text: string;
}

export function changeLines(before: unknown, after: unknown): ChangeLine[] {
  const parts = diffJson((before ?? {}) as object, (after ?? {}) as object);
  const lines: ChangeLine[] = [];
  for (const part of parts) {
    const kind = part.added ? "add" : part.removed ? "remove" : "same";
    for (const text of part.value.replace(/\n$/, "").split("\n")) lines.push({ kind, text });
  }
  return lines;
}
