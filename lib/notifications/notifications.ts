/**
 * The header's notifications (issue #14): what someone living in the console should not miss,
 * gathered from three sources, newest first:
 *  - change requests waiting for this person's decision (lib/stage/approvals.ts),
 *  - pushes in the workspace that finished, failed or were interrupted recently (the `pushes` table),
 *  - drift found on AWS (`drift.detected` audit rows, recorded by lib/connection/drift-service.ts).
 * Read-only; "read" state is the client's (the newest time it has seen).
 */
import type { Db } from "../db/client";
import type { Actor } from "../audit/mutate";
import { waitingApprovalsFor } from "../stage/approvals";
import { DRIFT_DETECTED_ACTION } from "./drift-finding";

export type NotificationKind = "approval" | "push" | "drift";
export type PushOutcome = "succeeded" | "failed" | "interrupted";

interface Common {
  /** Stable across polls: `<kind>:<row id>`. */
  id: string;
  /** ISO time it happened (request made, push finished, drift found). */
  at: string;
  restApiId: string;
  apiName: string;
}

export type Notification =
  | (Common & { kind: "approval"; stageName: string; summary: string; by: string })
  | (Common & { kind: "push"; stageName: string; outcome: PushOutcome; by: string; error: string | null })
  | (Common & { kind: "drift"; summary: string; by: string });

export interface NotificationOptions {
  now?: Date;
  /** How far back pushes and drift findings are shown. Waiting approvals show whatever their age. */
  days?: number;
  limit?: number;
}

export const DEFAULT_DAYS = 7;
export const DEFAULT_LIMIT = 30;

export async function notificationsFor(db: Db, actor: Actor, options: NotificationOptions = {}): Promise<Notification[]> {
  const days = options.days ?? DEFAULT_DAYS;
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isFinite(days) || days <= 0) throw new RangeError("days must be a positive number");
  if (!Number.isInteger(limit) || limit <= 0) throw new RangeError("limit must be a positive integer");
  const since = new Date((options.now ?? new Date()).getTime() - days * 86_400_000);
  const [approvals, pushes, drift] = await Promise.all([
    approvalNotifications(db, actor),
    pushNotifications(db, actor.workspaceId, since, limit),
    driftNotifications(db, actor.workspaceId, since, limit),
  ]);
  // Ties keep a fixed order (by id) so the list does not reshuffle between polls.
  return [...approvals, ...pushes, ...drift].sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id)).slice(0, limit);
}

async function approvalNotifications(db: Db, actor: Actor): Promise<Notification[]> {
  return (await waitingApprovalsFor(db, actor)).map((r) => ({
    kind: "approval",
    id: `approval:${r.id}`,
    at: r.createdAt.toISOString(),
    restApiId: r.restApiId,
    apiName: r.apiName,
    stageName: r.stageName,
    summary: r.summary,
    by: r.requestedByEmail,
  }));
}

async function pushNotifications(db: Db, workspaceId: string, since: Date, take: number): Promise<Notification[]> {
  const rows = await db.push.findMany({
    // Running pushes are shown on their stage; only outcomes are news.
    where: { restApi: { workspaceId }, status: { in: ["succeeded", "failed", "interrupted"] }, finishedAt: { gte: since } },
    orderBy: { finishedAt: "desc" },
    take,
    include: { stage: { select: { name: true } }, restApi: { select: { name: true } } },
  });
  const emails = await emailsOf(
    db,
    rows.map((r) => r.actorId),
  );
  return rows.map((r) => ({
    kind: "push",
    id: `push:${r.id}`,
    at: (r.finishedAt ?? r.startedAt).toISOString(),
    restApiId: r.restApiId,
    apiName: r.restApi.name,
    stageName: r.stage.name,
    outcome: r.status as PushOutcome,
    by: (r.actorId && emails.get(r.actorId)) || "someone no longer in Gatehouse",
    error: r.error,
  }));
}

async function emailsOf(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (!wanted.length) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [u.id, u.email]));
}

async function driftNotifications(db: Db, workspaceId: string, since: Date, take: number): Promise<Notification[]> {
  const rows = await db.auditEvent.findMany({
    where: { workspaceId, action: DRIFT_DETECTED_ACTION, createdAt: { gte: since }, restApiId: { not: null } },
    orderBy: { createdAt: "desc" },
    take,
  });
  const ids = [...new Set(rows.map((r) => r.restApiId as string))];
  // An API deleted since keeps its audit rows; its finding has nowhere to link to, so it is left out.
  const apis = new Map((await db.restApi.findMany({ where: { id: { in: ids }, workspaceId }, select: { id: true, name: true } })).map((a) => [a.id, a.name]));
  return rows
    .filter((r) => apis.has(r.restApiId as string))
    .map((r) => ({
      kind: "drift",
      id: `drift:${r.id}`,
      at: r.createdAt.toISOString(),
      restApiId: r.restApiId as string,
      apiName: apis.get(r.restApiId as string) as string,
      summary: r.summary,
      by: r.actorEmail,
    }));
}
