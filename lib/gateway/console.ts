/**
 * The console's gateway: every deployed stage of the database at `/gw/{api}/{stage}/…`, the
 * console's session cookie stripped before anything reaches a backend (a signed-in browser sends
 * it to `/gw/…` on the same origin), the client's address read behind the declared proxies.
 */
import { SESSION_COOKIE } from "../auth/session";
import { trustedProxiesFromEnv } from "../auth/client-address";
import type { Db } from "../db/client";
import type { ExchangeOptions } from "./exchange";
import { consoleLocator } from "./locate";

/** `dbOf` opens (or returns the open) database; a failure to open it is answered as AWS's 500. */
export function consoleGatewayOptions(dbOf: () => Promise<Db>): ExchangeOptions {
  return { locate: consoleLocator(dbOf), stripCookies: [SESSION_COOKIE], trustedProxies: trustedProxiesFromEnv() };
}
