"use client";
/**
 * The palette's entries from GET /api/palette. Called only while the palette is open, so the list is
 * fetched on first open and again on each later open (shown from the cache meanwhile).
 */
import { useQuery } from "@tanstack/react-query";
import type { NavigationEntry } from "@/lib/workspace/navigation-index";
import { queryKeys } from "@/components/query-keys";

export const PALETTE_QUERY_KEY = queryKeys.palette();

async function fetchNavigationIndex({ signal }: { signal: AbortSignal }): Promise<NavigationEntry[]> {
  const res = await fetch("/api/palette", { signal, headers: { accept: "application/json" } });
  if (!res.ok) throw Object.assign(new Error((await res.json().catch(() => ({}))).message ?? res.statusText), { status: res.status });
  return res.json();
}

export function useNavigationIndex() {
  return useQuery({ queryKey: PALETTE_QUERY_KEY, queryFn: fetchNavigationIndex, staleTime: 0 });
}
