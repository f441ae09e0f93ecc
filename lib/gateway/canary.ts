/**
 * Canary releases: API Gateway sends `percentTraffic` percent of a stage's requests, at random,
 * to the canary deployment, with the canary's `stageVariableOverrides` merged over the stage's
 * variables, and tells templates so through `$context.isCanaryRequest`.
 */
import type { CanarySettings } from "./settings";

export interface CanaryChoice {
  isCanaryRequest: boolean;
  /** The canary's deployment when chosen. */
  deploymentId?: string;
  /** Merged over the stage variables when chosen; empty otherwise. */
  stageVariableOverrides: Record<string, string>;
}

/** Picks base or canary for one request; `random` returns [0, 1) (Math.random, or a seeded one in tests). */
export function chooseCanary(canarySettings: CanarySettings | null | undefined, random: () => number = Math.random): CanaryChoice {
  if (!canarySettings || !(canarySettings.percentTraffic > 0)) return { isCanaryRequest: false, stageVariableOverrides: {} };
  const canary = random() * 100 < canarySettings.percentTraffic;
  return canary
    ? { isCanaryRequest: true, deploymentId: canarySettings.deploymentId, stageVariableOverrides: { ...canarySettings.stageVariableOverrides } }
    : { isCanaryRequest: false, stageVariableOverrides: {} };
}

/** mulberry32: a small seeded generator for reproducible splits (tests, benchmarks). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    let t = (s = (s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
