/**
 * The arithmetic of the page-weight benchmark (bench/pages.bench.ts), kept apart from the browser
 * so it can be unit-tested: which scripts a page loaded in which phase, their gzip sizes, and the
 * verdict against the budget of issue #14 (≤ 250 KB gzip of JavaScript on first load).
 */
import { gzipSync } from "node:zlib";

/** 250 KB (kibibytes, as bundle tools print them) of gzip JavaScript on first load of any console page. */
export const FIRST_LOAD_BUDGET_BYTES = 250 * 1024;

/** When a script arrived: before the load event, after it with no interaction, or after an action (e.g. opening an editor). */
export type Phase = "first-load" | "after-load" | "on-action";

export interface ScriptLoad {
  url: string;
  phase: Phase;
  /** Bytes of the body as gzip (level 6, what servers and bundle reports use), whatever the server sent. */
  gzipBytes: number;
}

/** The gzip size of a response body, the unit of the budget (independent of whether the server compressed it). */
export function gzipSize(body: Buffer | string): number {
  return gzipSync(body, { level: 6 }).length;
}

/** Sum of gzip bytes per phase; a script fetched twice (same URL) counts once, in its first phase. */
export function bytesByPhase(loads: readonly ScriptLoad[]): Record<Phase, number> {
  const totals: Record<Phase, number> = { "first-load": 0, "after-load": 0, "on-action": 0 };
  const seen = new Set<string>();
  for (const load of loads) {
    if (seen.has(load.url)) continue;
    seen.add(load.url);
    totals[load.phase] += load.gzipBytes;
  }
  return totals;
}

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export function verdict(firstLoadBytes: number, budget = FIRST_LOAD_BUDGET_BYTES): "PASS" | "OVER" {
  return firstLoadBytes <= budget ? "PASS" : "OVER";
}

export interface PageResult {
  name: string;
  /** Gzip bytes per phase. */
  bytes: Record<Phase, number>;
  /** Scripts per phase (count). */
  scripts: Record<Phase, number>;
  /** ms from navigation start until every control on the page is hydrated (see pages.bench.ts). */
  interactiveMs: number;
  /** ms from navigation start to the load event. */
  loadMs: number;
}

export function countByPhase(loads: readonly ScriptLoad[]): Record<Phase, number> {
  const counts: Record<Phase, number> = { "first-load": 0, "after-load": 0, "on-action": 0 };
  const seen = new Set<string>();
  for (const load of loads) {
    if (seen.has(load.url)) continue;
    seen.add(load.url);
    counts[load.phase]++;
  }
  return counts;
}

/** One line per page: first-load JS against the budget, what came after, and the timings. */
export function formatPageResult(r: PageResult, budget = FIRST_LOAD_BUDGET_BYTES): string {
  const first = `${kb(r.bytes["first-load"]).padStart(9)} in ${String(r.scripts["first-load"]).padStart(2)} scripts ${verdict(r.bytes["first-load"], budget)}`;
  const after = `after load ${kb(r.bytes["after-load"]).padStart(9)}`;
  const action = r.scripts["on-action"] ? `; on action ${kb(r.bytes["on-action"])} in ${r.scripts["on-action"]} scripts` : "";
  return `${r.name.padEnd(34)} first load ${first}; ${after}${action}; interactive ${Math.round(r.interactiveMs)} ms (load event ${Math.round(r.loadMs)} ms)`;
}
