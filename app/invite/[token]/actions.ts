"use server";
/** Accepting an invitation is the one write a visitor without a session may make: the link is the credential. */
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { SESSION_COOKIE } from "@/lib/auth/session";
import { signInAttemptsPerAddress } from "@/lib/auth/rate-limit";
import { describeWait, reserveAddressAttempt } from "@/lib/auth/throttle";
import { acceptInvitation } from "@/lib/workspace/members";
import { toActionError } from "@/app/_server/action";
import { clientIp, isHttps } from "@/app/_server/session";

export interface AcceptState {
  error?: string;
  fieldErrors?: Record<string, string>;
}

export async function acceptInvitationAction(_prev: AcceptState, form: FormData): Promise<AcceptState> {
  // A hand-made action call may send anything as arguments: a clear answer, not a 500.
  if (!(form instanceof FormData)) return { error: "Send the invitation form." };
  const ip = await clientIp();
  const { prisma } = await getDb();
  const refusedUntil = await reserveAddressAttempt(prisma, `invite:${ip}`, signInAttemptsPerAddress(), new Date());
  if (refusedUntil) return { error: `Too many attempts from your address. Try again in ${describeWait(refusedUntil.getTime() - Date.now())}.` };
  const h = await headers();
  let session: { token: string; expiresAt: Date };
  try {
    session = await acceptInvitation(prisma, {
      token: String(form.get("token") ?? ""),
      name: String(form.get("name") ?? ""),
      password: String(form.get("password") ?? ""),
      userAgent: h.get("user-agent") ?? undefined,
      ip,
    });
  } catch (e) {
    const err = toActionError(e);
    return { error: err.fieldErrors ? undefined : err.error, fieldErrors: err.fieldErrors };
  }
  (await cookies()).set(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: "lax", secure: await isHttps(), path: "/", expires: session.expiresAt });
  redirect("/");
}
