import "server-only";
import type { NextRequest } from "next/server";
import type { OidcConfig } from "@/lib/auth/oidc-config";
import type { OidcErrorReason } from "@/lib/auth/oidc";
import { OIDC_STATE_COOKIE, OIDC_STATE_COOKIE_PATH } from "@/lib/auth/oidc-state";

/** Where the provider sends the browser back: as registered there (GATEHOUSE_OIDC_REDIRECT_URL), else this console's own URL. */
export function callbackUrl(request: NextRequest, config: OidcConfig): string {
  if (config.redirectUrl) return config.redirectUrl.href;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? request.nextUrl.host;
  const proto = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(/:$/, "");
  return `${process.env.GATEHOUSE_PUBLIC_URL?.replace(/\/+$/, "") ?? `${proto}://${host}`}/auth/oidc/callback`;
}

/** A relative redirect (no host to get wrong behind a proxy), never cached. */
export function redirectTo(location: string): Response {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}

/** Back to the sign-in page, which explains the reason; the transient cookie goes. */
export function backToSignIn(reason: OidcErrorReason, next?: string): Response {
  const query = new URLSearchParams({ oidc_error: reason });
  if (next && next !== "/") query.set("next", next);
  const res = redirectTo(`/sign-in?${query}`);
  res.headers.append("set-cookie", clearedStateCookie());
  return res;
}

export function stateCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${OIDC_STATE_COOKIE}=${value}; Path=${OIDC_STATE_COOKIE_PATH}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export function clearedStateCookie(): string {
  return `${OIDC_STATE_COOKIE}=; Path=${OIDC_STATE_COOKIE_PATH}; Max-Age=0; HttpOnly; SameSite=Lax`;
}

export function isHttpsRequest(request: NextRequest): boolean {
  return request.headers.get("x-forwarded-proto") === "https" || request.nextUrl.protocol === "https:" || process.env.GATEHOUSE_SECURE_COOKIES === "1";
}
