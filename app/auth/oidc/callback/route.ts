import type { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { completeOidcSignIn, OidcSignInError } from "@/lib/auth/oidc";
import { oidcConfigFromEnv } from "@/lib/auth/oidc-config";
import { OIDC_STATE_COOKIE } from "@/lib/auth/oidc-state";
import { clientAddress, trustedProxiesFromEnv } from "@/lib/auth/client-address";
import { SESSION_COOKIE } from "@/lib/auth/session";
import { logger } from "@/lib/ops/logger";
import { backToSignIn, callbackUrl, clearedStateCookie, isHttpsRequest, redirectTo } from "../respond";

export const dynamic = "force-dynamic";

/** The provider sends the browser back here: checked and signed in by lib/auth/oidc.ts, or back to sign-in with the reason. */
export async function GET(request: NextRequest) {
  const config = oidcConfigFromEnv();
  if (!config) return backToSignIn("not_configured");
  const { prisma } = await getDb();
  try {
    const done = await completeOidcSignIn(prisma, config, {
      redirectUri: callbackUrl(request, config),
      query: request.nextUrl.searchParams,
      cookie: request.cookies.get(OIDC_STATE_COOKIE)?.value,
      userAgent: request.headers.get("user-agent") ?? undefined,
      ip: clientAddress(request.headers.get("x-forwarded-for"), trustedProxiesFromEnv()) ?? "local",
    });
    const res = redirectTo(done.next);
    const secure = isHttpsRequest(request) ? "; Secure" : "";
    // The same session cookie as password sign-in (app/(auth)/sign-in/actions.ts).
    res.headers.append("set-cookie", `${SESSION_COOKIE}=${done.token}; Path=/; Expires=${done.expiresAt.toUTCString()}; HttpOnly; SameSite=Lax${secure}`);
    res.headers.append("set-cookie", clearedStateCookie());
    return res;
  } catch (e) {
    if (!(e instanceof OidcSignInError)) throw e;
    logger().warn({ reason: e.reason }, `[gatehouse] OIDC sign-in refused: ${e.message}`);
    return backToSignIn(e.reason);
  }
}
