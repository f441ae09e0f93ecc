import type { NextRequest } from "next/server";
import { beginOidcSignIn, OidcSignInError } from "@/lib/auth/oidc";
import { oidcConfigFromEnv } from "@/lib/auth/oidc-config";
import { logger } from "@/lib/ops/logger";
import { backToSignIn, callbackUrl, isHttpsRequest, redirectTo, stateCookie } from "../respond";

export const dynamic = "force-dynamic";

/** "Sign in with …": to the provider, remembering the sign-in in a sealed cookie (lib/auth/oidc.ts). */
export async function GET(request: NextRequest) {
  const config = oidcConfigFromEnv();
  if (!config) return backToSignIn("not_configured");
  const next = request.nextUrl.searchParams.get("next");
  try {
    const begun = await beginOidcSignIn(config, { redirectUri: callbackUrl(request, config), next });
    const res = redirectTo(begun.url.href);
    res.headers.append("set-cookie", stateCookie(begun.cookie, begun.maxAgeSeconds, isHttpsRequest(request)));
    return res;
  } catch (e) {
    if (!(e instanceof OidcSignInError)) throw e;
    logger().warn({ reason: e.reason }, `[gatehouse] OIDC sign-in could not start: ${e.message}`);
    return backToSignIn(e.reason, next ?? undefined);
  }
}
