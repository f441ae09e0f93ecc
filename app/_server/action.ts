import "server-only";
import { ZodError } from "zod";
import { getDb } from "@/lib/db";
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/audit/mutate";
import { assertCan, type Permission } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session";
import { GatehouseError } from "@/lib/errors";
import { guardedDb, inputErrorFromDatabase } from "@/lib/input/db-guard";
import { databaseUnavailable } from "@/lib/db/unavailable";
import type { ActionFailure, ActionReply } from "@/lib/http/action-reply";
import { actorOf, currentUser } from "./session";

export type { ActionFailure, ActionReply };

export interface ActionContext {
  db: Db;
  user: SessionUser;
  actor: Actor;
}

/**
 * The frame of every server action: a session (401 without one), the role check (403),
 * then the work; known errors become messages with their HTTP status, never a thrown page.
 */
export async function runAction<T>(permission: Permission, work: (ctx: ActionContext) => Promise<T>): Promise<ActionReply<T>> {
  try {
    const user = await currentUser();
    if (!user) return { ok: false, status: 401, error: "Sign in to continue", code: "Unauthenticated" };
    assertCan(user.role, permission);
    const { prisma } = await getDb();
    // Guarded: text with U+0000 is refused as a field error before any write.
    const data = await work({ db: guardedDb(prisma), user, actor: actorOf(user) });
    return { ok: true, data };
  } catch (e) {
    return toActionError(e);
  }
}

export function toActionError(e: unknown): ActionFailure {
  if (e instanceof GatehouseError) {
    const fieldErrors = Object.fromEntries(e.issues.filter((i) => i.field).map((i) => [i.field, i.message]));
    return { ok: false, status: e.status, error: e.message, code: e.code, fieldErrors: Object.keys(fieldErrors).length ? fieldErrors : undefined };
  }
  const unavailable = databaseUnavailable(e);
  if (unavailable) {
    console.warn(`[gatehouse] database unavailable: ${(e as Error)?.message?.split("\n").pop()}`);
    return toActionError(unavailable);
  }
  const fromDatabase = inputErrorFromDatabase(e);
  if (fromDatabase) return toActionError(fromDatabase);
  if (e instanceof ZodError) {
    const fieldErrors = Object.fromEntries(e.issues.map((i) => [i.path.join("."), i.message]));
    return { ok: false, status: 400, error: "Some fields are not valid", code: "ValidationError", fieldErrors };
  }
  // Next's redirect()/notFound() are thrown on purpose: let them through.
  if (e && typeof e === "object" && "digest" in e && String((e as { digest: unknown }).digest).startsWith("NEXT_")) throw e;
  console.error("[gatehouse] action failed", e);
  return { ok: false, status: 500, error: "Something went wrong on the server. The change was not saved." };
}
