"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { SESSION_COOKIE, revokeSession, resolveSession } from "@/lib/auth/session";
import { PASSWORD_SIGN_IN_OFF, signIn, SignInError } from "@/lib/auth/sign-in";
import { passwordSignInEnabled } from "@/lib/auth/oidc-config";
import { mutate } from "@/lib/audit/mutate";
import { clientIp, isHttps } from "@/app/_server/session";
import { signInAttemptsPerAddress } from "@/lib/auth/rate-limit";
import { describeWait, reserveAddressAttempt } from "@/lib/auth/throttle";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";

export interface SignInState {
  error?: string;
  fieldErrors?: { email?: string; password?: string };
  email?: string;
  /** The refusal's HTTP status when it is not a plain 400 (403: password sign-in is off). */
  status?: number;
}

const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email"),
  password: z.string().min(1, "Enter your password"),
  next: z.string().optional(),
});

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  // A hand-made action call may send anything as arguments: a clear answer, not a 500.
  if (!(form instanceof FormData)) return { error: "Send the sign-in form." };
  if (!passwordSignInEnabled()) return { error: PASSWORD_SIGN_IN_OFF, status: 403 };
  const parsed = signInSchema.safeParse(Object.fromEntries(form));
  const email = String(form.get("email") ?? "");
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((i) => [i.path[0], i.message]));
    return { fieldErrors, email };
  }
  const ip = await clientIp();
  const { prisma } = await getDb();
  const refusedUntil = await reserveAddressAttempt(prisma, ip, signInAttemptsPerAddress(), new Date());
  if (refusedUntil) return { error: `Too many sign-in attempts from your address. Try again in ${describeWait(refusedUntil.getTime() - Date.now())}.`, email };
  let token: string;
  let expiresAt: Date;
  try {
    const h = await headers();
    ({ token, expiresAt } = await signIn(prisma, { ...parsed.data, userAgent: h.get("user-agent") ?? undefined, ip }));
  } catch (e) {
    if (e instanceof SignInError) return { error: e.message, email, ...(e.status === 403 && { status: 403 }) };
    throw e;
  }
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: await isHttps(),
    path: "/",
    expires: expiresAt,
  });
  const user = await resolveSession(prisma, token);
  if (user) {
    await mutate(prisma, { userId: user.userId, email: user.email, workspaceId: user.workspaceId, role: user.role }, async () => ({
      result: null,
      audit: { action: "user.sign_in", entityType: "user", entityId: user.email, summary: `${user.email} signed in` },
    }));
  }
  // Only paths on the console's own origin, checked by resolving them: never an open redirect.
  redirect(safeRedirectPath(parsed.data.next));
}

export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token) {
    const { prisma } = await getDb();
    const user = await resolveSession(prisma, token);
    await revokeSession(prisma, token);
    if (user) {
      await mutate(prisma, { userId: user.userId, email: user.email, workspaceId: user.workspaceId, role: user.role }, async () => ({
        result: null,
        audit: { action: "user.sign_out", entityType: "user", entityId: user.email, summary: `${user.email} signed out` },
      }));
    }
  }
  jar.delete(SESSION_COOKIE);
  redirect("/sign-in");
}
