import "server-only";
import { NextResponse } from "next/server";
import type { Permission } from "@/lib/auth/roles";
import { runAction, type ActionContext } from "./action";

/** Route handlers answer JSON: 401 without a session, 403 for a role that may not, 4xx with messages. */
export async function jsonRoute<T>(permission: Permission, work: (ctx: ActionContext) => Promise<T>): Promise<NextResponse> {
  const result = await runAction(permission, work);
  if (result.ok) return NextResponse.json(result.data, { headers: { "cache-control": "no-store" } });
  const { status, error, code, fieldErrors } = result;
  return NextResponse.json({ message: error, code, fieldErrors }, { status, headers: { "cache-control": "no-store" } });
}
