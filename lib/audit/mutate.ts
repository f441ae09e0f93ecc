/**
 * The one way Gatehouse writes. A mutation runs in a transaction and names what it changed;
 * the audit row (actor, time, action, entity, before/after) is written in the same
 * transaction, so a change and its history land together or not at all.
 */
import type { Db } from "../db/client";
import type { Role } from "../auth/roles";
import { maskQueryStrings, maskSecrets } from "./mask";

export interface Actor {
  userId: string | null;
  email: string;
  workspaceId: string;
  role: Role;
}

/** The seed and migrations act as the system, not as a person. */
export function systemActor(workspaceId: string): Actor {
  return { userId: null, email: "system", workspaceId, role: "admin" };
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  restApiId?: string | null;
  summary?: string;
  before?: unknown;
  after?: unknown;
}

/** A transaction client: what a mutation may use to write. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface MutationOutcome<T> {
  result: T;
  audit: AuditEntry | AuditEntry[];
}

export async function mutate<T>(db: Db, actor: Actor, change: (tx: Tx) => Promise<MutationOutcome<T>>): Promise<T> {
  return db.$transaction(async (tx) => {
    const { result, audit } = await change(tx);
    const entries = Array.isArray(audit) ? audit : [audit];
    if (entries.length === 0) throw new Error("a mutation must record at least one audit entry");
    await tx.auditEvent.createMany({
      data: entries.map((e) => ({
        workspaceId: actor.workspaceId,
        restApiId: e.restApiId ?? null,
        actorId: actor.userId,
        actorEmail: actor.email,
        action: e.action,
        entityType: e.entityType,
        // A path's query string may carry a token (`/pets?access_token=…`).
        entityId: maskQueryStrings(e.entityId),
        summary: maskQueryStrings(e.summary ?? ""),
        before: toJson(e.before),
        after: toJson(e.after),
      })),
    });
    return result;
  });
}

function toJson(value: unknown) {
  // Prisma needs DbNull for SQL NULL in a Json column; undefined leaves the column NULL.
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(maskSecrets(value)));
}
