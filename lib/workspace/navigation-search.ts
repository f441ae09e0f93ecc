/**
 * The command palette's search over the navigation index, as the user types. Imports nothing but
 * types, so the browser bundle gets only this (not the design schema the index is built with).
 */
import type { NavigationEntry } from "./navigation-index";

/**
 * How well an entry matches: lower is better, null when it does not match.
 * Tiers: the label equals the query, starts with it, contains it; "API name + label" contains it;
 * every word of the query is in "API name + kind + label"; the query's letters appear in order
 * (fuzzy, ranked by how spread out they are).
 */
export function matchScore(entry: NavigationEntry, query: string): number | null {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  const label = entry.label.toLowerCase();
  const full = `${entry.apiName} ${entry.kind} ${entry.label}`.toLowerCase();
  if (label === q) return 0;
  if (label.startsWith(q)) return 1;
  if (label.includes(q)) return 2;
  if (`${entry.apiName} ${entry.label}`.toLowerCase().includes(q)) return 3;
  const words = q.split(/\s+/);
  if (words.every((w) => full.includes(w))) return 4;
  const span = subsequenceSpan(q.replace(/\s+/g, ""), label) ?? subsequenceSpan(q.replace(/\s+/g, ""), full);
  return span === null ? null : 5 + span / (span + 1);
}

/** Length of the shortest-from-the-first-hit stretch of `text` holding `letters` in order; null if they are not all there. */
function subsequenceSpan(letters: string, text: string): number | null {
  let start = -1;
  let at = 0;
  for (const letter of letters) {
    const found = text.indexOf(letter, at);
    if (found < 0) return null;
    if (start < 0) start = found;
    at = found + 1;
  }
  return at - start;
}

/** The entries matching the query, best first (ties keep the index's order), at most `limit`. */
export function searchNavigation(entries: NavigationEntry[], query: string, limit = 50): NavigationEntry[] {
  const scored: { entry: NavigationEntry; score: number; order: number }[] = [];
  entries.forEach((entry, order) => {
    const score = matchScore(entry, query);
    if (score !== null) scored.push({ entry, score, order });
  });
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  return scored.slice(0, limit).map((s) => s.entry);
}
