import { NextResponse, type NextRequest } from "next/server";
import { bodyOverLimit, payloadTooLargeBody } from "./lib/http/body-limits";
import { actionRequestProblem, isActionRequest, isCrossOriginAction } from "./lib/http/action-request";

const SESSION_COOKIE = "gatehouse_session";
// /invite/<token>: the one-time link is itself the credential.
// /api/v1 authenticates by access token in its own frame (app/_server/api-v1.ts), never by cookie.
// /auth/oidc: single sign-on's start and callback, which come before there is a session.
const PUBLIC_PATHS = ["/sign-in", "/api/health", "/api/ready", "/api/metrics", "/api/v1", "/invite", "/gw", "/auth/oidc"];

/**
 * A first gate, on cookie presence only: pages redirect to sign-in, endpoints answer 401.
 * The session itself is verified against the database by every page, action and handler.
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // Before the session check: a public page's server action (sign-in, invite) has a body too.
  if (request.method !== "GET" && request.method !== "HEAD" && (await bodyOverLimit(request.headers, request.body))) {
    return NextResponse.json(payloadTooLargeBody(), { status: 413 });
  }
  // Next answers 500 to action bodies it cannot decode: refuse those here with the reason (400).
  if (isActionRequest(request.method, request.headers) && isCrossOriginAction(request.headers)) {
    return NextResponse.json({ message: "Cross-origin request refused", code: "CrossOrigin" }, { status: 403 });
  }
  if (isActionRequest(request.method, request.headers) && request.body && !request.body.locked) {
    const problem = await actionRequestProblem(request.headers, await request.arrayBuffer());
    if (problem) return NextResponse.json({ message: problem, code: "BadActionRequest" }, { status: 400 });
  }
  if (PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return NextResponse.next();
  if (request.cookies.get(SESSION_COOKIE)?.value) return NextResponse.next();
  if (pathname.startsWith("/api/")) {
    return NextResponse.json({ message: "Sign in to continue", code: "Unauthenticated" }, { status: 401 });
  }
  // Server actions are POSTs to page URLs; answer them with 401 rather than a redirect page.
  if (request.method !== "GET" && request.method !== "HEAD") {
    return NextResponse.json({ message: "Sign in to continue", code: "Unauthenticated" }, { status: 401 });
  }
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Everything but Next's static assets, files in public/ and the local gateway: /gw is public
  // and, outside the proxy, Next does not copy (and cut at proxyClientMaxBodySize) its bodies.
  matcher: ["/((?!_next/static|_next/image|gw(?:/|$)|favicon.ico|.*\\.(?:png|svg|ico|txt|js|css|woff2?)$).*)"],
};
