/** What a usage plan looks like to the console and the history: settings, API stages by name, keys by name (never their values). */
import type { Quota, Throttle } from "./rules";

/** The Prisma selection behind a plan's view. */
export const PLAN_VIEW = {
  id: true,
  name: true,
  description: true,
  throttle: true,
  quota: true,
  apiStages: {
    select: { throttle: true, stage: { select: { name: true, restApi: { select: { id: true, name: true } } } } },
    orderBy: { createdAt: "asc" as const },
  },
  keys: { select: { apiKey: { select: { id: true, name: true, enabled: true } } }, orderBy: { createdAt: "asc" as const } },
} as const;

interface PlanRow {
  id: string;
  name: string;
  description: string;
  throttle: unknown;
  quota: unknown;
  apiStages: { throttle: unknown; stage: { name: string; restApi: { id: string; name: string } } }[];
  keys: { apiKey: { id: string; name: string; enabled: boolean } }[];
}

export interface UsagePlanView {
  id: string;
  name: string;
  description: string;
  throttle: Throttle | null;
  quota: Quota | null;
  apiStages: { apiId: string; apiName: string; stage: string; throttle: Record<string, Throttle> }[];
  keys: { id: string; name: string; enabled: boolean }[];
}

export function viewOfPlan(row: PlanRow): UsagePlanView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    throttle: (row.throttle as Throttle | null) ?? null,
    quota: (row.quota as Quota | null) ?? null,
    apiStages: row.apiStages.map((s) => ({
      apiId: s.stage.restApi.id,
      apiName: s.stage.restApi.name,
      stage: s.stage.name,
      throttle: (s.throttle ?? {}) as Record<string, Throttle>,
    })),
    keys: row.keys.map((k) => k.apiKey),
  };
}

/** A plan as the history records it: by names, so the entry reads on its own. */
export function settingsOf(view: UsagePlanView) {
  return {
    name: view.name,
    description: view.description,
    throttle: view.throttle,
    quota: view.quota,
    apiStages: view.apiStages.map((s) => ({ apiStage: `${s.apiName}/${s.stage}`, throttle: s.throttle })),
    // `keys`, not `apiKeys`: the history masks values under secret-looking names, and these are names.
    keys: view.keys.map((k) => k.name),
  };
}
