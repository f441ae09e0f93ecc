/**
 * The environment matrix: stages as columns, every variable and setting any stage has as a row.
 * A cell is missing when a stage lacks a value others have (a variable only dev defines is the
 * classic cause of "works in dev, 500 in prod"), and differing when stages disagree.
 */
import { flatten } from "../snapshot/diff-fields";
import { leafEqual } from "../snapshot/diff-fields";
import type { StageState } from "./transitions";

export interface MatrixRow {
  /** `variables.url`, `deployment`, `settings.methodSettings.*\/*.throttlingRateLimit`, … */
  key: string;
  group: "deployment" | "variables" | "settings" | "canary";
  /** One cell per stage, in column order; undefined = not set. */
  values: (string | undefined)[];
  missing: boolean;
  differs: boolean;
}

const show = (v: unknown) => (v === undefined ? undefined : typeof v === "string" ? v : JSON.stringify(v));

export function environmentMatrix(stages: { name: string; state: StageState }[]): { columns: string[]; rows: MatrixRow[] } {
  const flat = stages.map(({ state }) => {
    const { canarySettings, ...settings } = state.settings;
    const m = new Map<string, unknown>();
    m.set("deployment", state.deploymentId.slice(0, 8));
    m.set("protected", state.protected);
    flatten(state.variables, "variables", m);
    flatten(settings, "settings", m);
    if (canarySettings) flatten(canarySettings, "canary", m);
    return m;
  });
  const keys = new Set<string>();
  for (const m of flat) for (const k of m.keys()) keys.add(k);
  const order = (k: string) => (k === "deployment" ? 0 : k === "protected" ? 1 : k.startsWith("variables.") ? 2 : k.startsWith("canary.") ? 4 : 3);
  const rows = [...keys]
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
    .map((key): MatrixRow => {
      const raw = flat.map((m) => m.get(key));
      const present = raw.filter((v) => v !== undefined);
      const group = key === "deployment" || key === "protected" ? "deployment" : (key.split(".")[0] as MatrixRow["group"]);
      return {
        key,
        group,
        values: raw.map(show),
        // A canary is per stage by nature; only variables and settings are expected everywhere.
        missing: group !== "canary" && present.length > 0 && present.length < raw.length,
        differs: present.some((v) => !leafEqual(v, present[0])),
      };
    });
  return { columns: stages.map((s) => s.name), rows };
}
