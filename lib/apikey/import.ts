/**
 * Imports API keys from AWS's CSV file (lib/apikey/csv.ts) in one transaction: a key whose value
 * is already a key overwrites it (AWS: the same value is the same key), the others are created,
 * and each is attached to the plans its row lists. Any bad row — a bad cell, an unknown plan, a
 * key that would reach one stage through two plans — writes nothing, and every bad row is listed.
 */
import type { Db } from "../db/client";
import { mutate, type Actor, type Tx } from "../audit/mutate";
import { assertCan } from "../auth/roles";
import { lockWorkspace } from "../db/locks";
import { ValidationError, type FieldIssue } from "../errors";
import { isUuid } from "../model/ids";
import { parseApiKeyCsv, type ImportedKey } from "./csv";
import { auditOfApiKey } from "./rules";

/** Keeps one import's transaction bounded. */
export const MAX_IMPORTED_KEYS = 5000;

interface PlanFacts {
  name: string;
  stageIds: string[];
}

export async function importApiKeys(db: Db, actor: Actor, csv: string) {
  assertCan(actor.role, "apiKey.write");
  assertCan(actor.role, "usagePlan.write");
  const { keys, issues } = parseApiKeyCsv(csv);
  if (keys.length > MAX_IMPORTED_KEYS) issues.push({ field: "file", message: `At most ${MAX_IMPORTED_KEYS} keys in one file` });
  // A file that cannot be read as a whole (no header, no rows, too long) is answered before the database.
  if (issues.some((i) => i.field === "file" || i.field.startsWith("line 1."))) throw new ValidationError(issues);
  return mutate(db, actor, async (tx) => {
    await lockWorkspace(tx, actor.workspaceId);
    const plans = await plansOf(tx, actor.workspaceId);
    const existing = await tx.apiKey.findMany({
      where: { workspaceId: actor.workspaceId, value: { in: keys.map((k) => k.value) } },
      include: { usagePlans: { select: { usagePlanId: true } } },
    });
    const byValue = new Map(existing.map((k) => [k.value, k]));
    const problems = keys.flatMap((k) => checkRow(k, plans, byValue.get(k.value)?.usagePlans.map((u) => u.usagePlanId) ?? []));
    // Every bad row at once, in the file's order, whether its cells or its plans are wrong.
    if (issues.length || problems.length) throw new ValidationError([...issues, ...problems].sort((a, b) => lineOf(a) - lineOf(b)));
    const audit = [];
    for (const k of keys) {
      const data = { name: k.name, description: k.description, enabled: k.enabled };
      const before = byValue.get(k.value);
      const row = before
        ? await tx.apiKey.update({ where: { id: before.id }, data })
        : await tx.apiKey.create({ data: { ...data, workspaceId: actor.workspaceId, value: k.value } });
      const already = new Set(before?.usagePlans.map((u) => u.usagePlanId) ?? []);
      const added = [...new Set(k.usagePlanIds)].filter((id) => !already.has(id));
      if (added.length) await tx.usagePlanKey.createMany({ data: added.map((usagePlanId) => ({ usagePlanId, apiKeyId: row.id })) });
      audit.push({
        action: "apiKey.import",
        entityType: "apiKey",
        entityId: row.name,
        summary: `${before ? "Overwrote" : "Imported"} API key ${row.name} from line ${k.line}${added.length ? `, attached to ${added.map((id) => plans.get(id)!.name).join(", ")}` : ""}`,
        before: before ? auditOfApiKey(before) : null,
        after: { ...auditOfApiKey(row), usagePlans: k.usagePlanIds.map((id) => plans.get(id)!.name) },
      });
    }
    return { result: { created: keys.length - existing.length, overwritten: existing.length }, audit };
  });
}

function lineOf(issue: FieldIssue): number {
  return Number(/^line (\d+)\./.exec(issue.field)?.[1] ?? 0);
}

async function plansOf(tx: Tx, workspaceId: string): Promise<Map<string, PlanFacts>> {
  const rows = await tx.usagePlan.findMany({ where: { workspaceId }, select: { id: true, name: true, apiStages: { select: { stageId: true } } } });
  return new Map(rows.map((p) => [p.id, { name: p.name, stageIds: p.apiStages.map((s) => s.stageId) }]));
}

/** A row's plans exist, and with the plans its key is in already, reach each stage once. */
function checkRow(key: ImportedKey, plans: Map<string, PlanFacts>, currentPlanIds: string[]): FieldIssue[] {
  const field = `line ${key.line}.usageplanIds`;
  const unknown = key.usagePlanIds.filter((id) => !isUuid(id) || !plans.has(id));
  if (unknown.length) return [{ field, message: `No usage plan ${unknown.join(", ")} in this workspace` }];
  const owner = new Map<string, string>();
  for (const id of new Set([...currentPlanIds, ...key.usagePlanIds])) {
    const plan = plans.get(id)!;
    for (const stageId of plan.stageIds) {
      const other = owner.get(stageId);
      if (other) return [{ field, message: `Usage plans ${other} and ${plan.name} cover the same API stage: a key may reach a stage through one plan only` }];
      owner.set(stageId, plan.name);
    }
  }
  return [];
}
