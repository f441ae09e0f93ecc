import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { resolveSession, SESSION_COOKIE, type SessionUser } from "@/lib/auth/session";
import type { Actor } from "@/lib/audit/mutate";
import { clientAddress, trustedProxiesFromEnv } from "@/lib/auth/client-address";

/** The signed-in user for this request, or null. Cached per request. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const { prisma } = await getDb();
  return resolveSession(prisma, token);
});

/** For pages: the user, or a redirect to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return user;
}

export function actorOf(user: SessionUser): Actor {
  return { userId: user.userId, email: user.email, workspaceId: user.workspaceId, role: user.role };
}

/** Cookies are Secure when the request reached us over HTTPS (directly or through a proxy). */
export async function isHttps(): Promise<boolean> {
  const h = await headers();
  return h.get("x-forwarded-proto") === "https" || process.env.GATEHOUSE_SECURE_COOKIES === "1";
}

/** The client's address for rate limits and session lists: see lib/auth/client-address.ts for whom it trusts. */
export async function clientIp(): Promise<string> {
  const h = await headers();
  return clientAddress(h.get("x-forwarded-for"), trustedProxiesFromEnv()) ?? "local";
}
