/**
 * API keys: create (value given or generated, returned once), update, delete, reveal (admins,
 * audited) and list. The value never reaches the history, the lists or an error message.
 */
import type { Db } from "../db/client";
import { mutate, type Actor } from "../audit/mutate";
import { assertCan } from "../auth/roles";
import { lockWorkspace } from "../db/locks";
import { fromZod, GatehouseError } from "../errors";
import { findApiKey } from "../usage-plan/lookup";
import {
  apiKeyCreateSchema,
  apiKeyUpdateSchema,
  auditOfApiKey,
  generateApiKeyValue,
  viewOfApiKey,
  type ApiKeyCreateInput,
  type ApiKeyUpdateInput,
} from "./rules";

/** AWS's answer to a value that is already a key; the value itself is not repeated. */
export const DUPLICATE_VALUE = "Another API key already has this value";

export async function listApiKeys(db: Db, actor: Actor) {
  assertCan(actor.role, "read");
  const rows = await db.apiKey.findMany({
    where: { workspaceId: actor.workspaceId },
    orderBy: { name: "asc" },
    include: { usagePlans: { select: { usagePlan: { select: { id: true, name: true } } } } },
  });
  return rows.map((r) => ({ ...viewOfApiKey(r), usagePlans: r.usagePlans.map((u) => u.usagePlan) }));
}

/** Creates a key; the answer carries its value, the only time it is shown without asking. */
export async function createApiKey(db: Db, actor: Actor, raw: ApiKeyCreateInput) {
  assertCan(actor.role, "apiKey.write");
  const parsed = apiKeyCreateSchema.safeParse(raw);
  if (!parsed.success) throw fromZod(parsed.error);
  const { value: given, ...settings } = parsed.data;
  const value = given ?? generateApiKeyValue();
  return mutate(db, actor, async (tx) => {
    await lockWorkspace(tx, actor.workspaceId);
    if (await tx.apiKey.findFirst({ where: { workspaceId: actor.workspaceId, value }, select: { id: true } })) {
      throw new GatehouseError(DUPLICATE_VALUE, 409, [{ field: "value", message: DUPLICATE_VALUE }], "Conflict");
    }
    const row = await tx.apiKey.create({ data: { workspaceId: actor.workspaceId, ...settings, value } });
    return {
      result: { apiKey: viewOfApiKey(row), value },
      audit: {
        action: "apiKey.create",
        entityType: "apiKey",
        entityId: row.name,
        summary: `Created API key ${row.name} (${given ? "given" : "generated"} value)`,
        before: null,
        after: auditOfApiKey(row),
      },
    };
  });
}

export async function updateApiKey(db: Db, actor: Actor, keyId: string, raw: ApiKeyUpdateInput) {
  assertCan(actor.role, "apiKey.write");
  const parsed = apiKeyUpdateSchema.safeParse(raw);
  if (!parsed.success) throw fromZod(parsed.error);
  return mutate(db, actor, async (tx) => {
    const current = await findApiKey(tx, actor.workspaceId, keyId);
    const row = await tx.apiKey.update({ where: { id: current.id }, data: parsed.data });
    return {
      result: viewOfApiKey(row),
      audit: {
        action: "apiKey.update",
        entityType: "apiKey",
        entityId: row.name,
        summary: current.name === row.name ? `Updated API key ${row.name}` : `Updated API key ${current.name}, now named ${row.name}`,
        before: auditOfApiKey(current),
        after: auditOfApiKey(row),
      },
    };
  });
}

/**
 * Deletes a key. A key in usage plans is refused (409, naming the plans) unless `detach` confirms
 * it leaves them with it.
 */
export async function deleteApiKey(db: Db, actor: Actor, keyId: string, options: { detach?: boolean } = {}) {
  assertCan(actor.role, "apiKey.write");
  return mutate(db, actor, async (tx) => {
    await lockWorkspace(tx, actor.workspaceId);
    const key = await findApiKey(tx, actor.workspaceId, keyId);
    const plans = (await tx.usagePlanKey.findMany({ where: { apiKeyId: key.id }, select: { usagePlan: { select: { name: true } } } })).map(
      (l) => l.usagePlan.name,
    );
    if (plans.length && !options.detach) {
      throw new GatehouseError(
        `API key ${key.name} is in ${plans.length === 1 ? "usage plan" : "usage plans"} ${plans.join(", ")}. Detach it first, or confirm to detach it with the deletion.`,
        409,
        plans.map((name) => ({ field: "usagePlans", message: name })),
        "Conflict",
      );
    }
    await tx.usagePlanKey.deleteMany({ where: { apiKeyId: key.id } });
    await tx.apiKey.delete({ where: { id: key.id } });
    return {
      result: { id: key.id, name: key.name, detachedFrom: plans },
      audit: {
        action: "apiKey.delete",
        entityType: "apiKey",
        entityId: key.name,
        summary: `Deleted API key ${key.name}${plans.length ? ` (detached from ${plans.join(", ")})` : ""}`,
        before: { ...auditOfApiKey(key), usagePlans: plans },
        after: null,
      },
    };
  });
}

/** An admin reads a key's value; the reading is recorded (who, when, which key), the value is not. */
export async function revealApiKey(db: Db, actor: Actor, keyId: string): Promise<string> {
  assertCan(actor.role, "apiKey.reveal");
  return mutate(db, actor, async (tx) => {
    const key = await findApiKey(tx, actor.workspaceId, keyId);
    return {
      result: key.value,
      audit: {
        action: "apiKey.reveal",
        entityType: "apiKey",
        entityId: key.name,
        summary: `Revealed the value of API key ${key.name}`,
        before: null,
        after: null,
      },
    };
  });
}
