import "server-only";
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import type { Actor } from "@/lib/audit/mutate";
import { bearerOf, resolveAccessToken, type TokenUser } from "@/lib/auth/access-tokens";
import { assertCan, type Permission } from "@/lib/auth/roles";
import type { Db } from "@/lib/db";
import { invalid } from "@/lib/errors";
import { guardedDb } from "@/lib/input/db-guard";
import { OpenApiDocumentError } from "@/lib/restapi/openapi-service";
import { toActionError } from "./action";

export interface ApiV1Context {
  db: Db;
  /** A member (a personal token), or a workspace token acting as itself (userId null). */
  user: TokenUser;
  actor: Actor;
}

const noStore = { "cache-control": "no-store" };

/**
 * The frame of every /api/v1 handler: an access token (never a session cookie: a pipeline's
 * calls must not ride on a browser's sign-in), the role check, then the work through lib/'s
 * services, which audit as the token's owner. Errors answer JSON `{ message, code, fieldErrors }`
 * with their status: 401 TokenMissing/TokenInvalid/TokenExpired/TokenRevoked, 403, 4xx.
 */
export async function apiV1<T>(request: Request, permission: Permission, work: (ctx: ApiV1Context) => Promise<T>, status = 200): Promise<NextResponse> {
  try {
    const { prisma } = await getDb();
    const user = await resolveAccessToken(prisma, bearerOf(request.headers.get("authorization")));
    assertCan(user.role, permission);
    const actor = { userId: user.userId, email: user.email, workspaceId: user.workspaceId, role: user.role };
    const data = await work({ db: guardedDb(prisma), user, actor });
    return NextResponse.json(data, { status, headers: noStore });
  } catch (e) {
    const failure = toActionError(e);
    const headers = failure.status === 401 ? { ...noStore, "www-authenticate": 'Bearer realm="gatehouse"' } : noStore;
    // A refused OpenAPI file lists every problem with its JSON pointer (several may share one, or be about the whole file).
    const problems = e instanceof OpenApiDocumentError ? { problems: e.problems } : {};
    return NextResponse.json(
      { message: failure.error, code: failure.code, fieldErrors: failure.fieldErrors, ...problems },
      { status: failure.status, headers },
    );
  }
}

/** The query string as a plain object (a repeated name keeps its last value). */
export const queryOf = (request: Request): Record<string, string> => Object.fromEntries(new URL(request.url).searchParams);

/** The JSON body of a request, or a 400 naming the problem (an empty body is `{}`). */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw invalid("body", "Send a JSON object");
}
