/**
 * OpenID Connect sign-in: authorization code with PKCE (S256), state and nonce, by openid-client.
 * `beginOidcSignIn` sends the browser to the provider with the transient values sealed in a
 * cookie (lib/auth/oidc-state.ts); `completeOidcSignIn` checks what comes back, exchanges the
 * code, maps the person's groups to a role (lib/auth/oidc-config.ts), brings their membership up
 * to date (lib/auth/oidc-members.ts) and opens the same session as password sign-in. A refusal is
 * an OidcSignInError with a reason the sign-in page explains; nothing is written before the
 * provider's answer has been checked and a role found.
 */
import * as client from "openid-client";
import type { Db } from "../db/client";
import { mutate } from "../audit/mutate";
import { GatehouseError } from "../errors";
import { claimAt, roleFromClaims, type OidcConfig } from "./oidc-config";
import { syncOidcMember, type OidcPerson } from "./oidc-members";
import { OIDC_STATE_TTL_MS, openOidcState, sealOidcState } from "./oidc-state";
import { safeRedirectPath } from "./safe-redirect";
import { createSession } from "./session";

export const OIDC_ERROR_MESSAGES = {
  denied: "The identity provider did not sign you in (access denied). Try again, or ask your administrator for access.",
  state: "This sign-in response does not belong to the sign-in started in this browser. Start again.",
  expired: "The sign-in took too long or was started in another browser. Start again.",
  unavailable: "The identity provider could not be reached. Try again in a moment.",
  no_role: "Your account at the identity provider is not in any group that has access to Gatehouse. Ask your administrator.",
  failed: "The identity provider's answer could not be verified. Start again.",
  account: "Your account could not be matched to a Gatehouse account. Ask your administrator.",
  not_configured: "Single sign-on is not configured on this server.",
} as const;

export type OidcErrorReason = keyof typeof OIDC_ERROR_MESSAGES;

export class OidcSignInError extends GatehouseError {
  constructor(
    readonly reason: OidcErrorReason,
    message: string = OIDC_ERROR_MESSAGES[reason],
  ) {
    super(message, reason === "unavailable" ? 503 : reason === "no_role" ? 403 : 400, [], `Oidc_${reason}`);
    this.name = "OidcSignInError";
  }
}

export function isOidcErrorReason(value: unknown): value is OidcErrorReason {
  return typeof value === "string" && Object.hasOwn(OIDC_ERROR_MESSAGES, value);
}

/** Seconds to wait for the provider before calling it down. */
const PROVIDER_TIMEOUT_S = 10;
/** Discovery once per process and configuration; a failure is not remembered, so a provider that comes back is used. */
const discovered = new Map<string, Promise<client.Configuration>>();

async function providerConfiguration(config: OidcConfig): Promise<client.Configuration> {
  const key = `${config.issuer.href} ${config.clientId} ${config.clientSecret}`;
  let pending = discovered.get(key);
  if (!pending) {
    // http is accepted only for loopback issuers (checked in oidc-config.ts): a provider run by the tests.
    const execute = config.issuer.protocol === "http:" ? [client.allowInsecureRequests] : [];
    pending = client.discovery(config.issuer, config.clientId, config.clientSecret, undefined, { execute, timeout: PROVIDER_TIMEOUT_S });
    discovered.set(key, pending);
    pending.catch(() => discovered.delete(key));
  }
  try {
    return await pending;
  } catch (e) {
    throw new OidcSignInError("unavailable", `${OIDC_ERROR_MESSAGES.unavailable} (${describe(e)})`);
  }
}

/** The provider's URL to send the browser to, and the sealed cookie the callback will need. */
export async function beginOidcSignIn(
  config: OidcConfig,
  input: { redirectUri: string; next?: string | null },
  now = Date.now(),
): Promise<{ url: URL; cookie: string; maxAgeSeconds: number }> {
  const provider = await providerConfiguration(config);
  const transient = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
    next: safeRedirectPath(input.next),
    expiresAt: now + OIDC_STATE_TTL_MS,
  };
  const url = client.buildAuthorizationUrl(provider, {
    redirect_uri: input.redirectUri,
    scope: config.scopes,
    response_type: "code",
    state: transient.state,
    nonce: transient.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(transient.codeVerifier),
    code_challenge_method: "S256",
  });
  return { url, cookie: sealOidcState(config.clientSecret, transient), maxAgeSeconds: OIDC_STATE_TTL_MS / 1000 };
}

export interface OidcCallback {
  redirectUri: string;
  /** The callback's query string as the provider sent it. */
  query: URLSearchParams;
  cookie: string | undefined;
  userAgent?: string;
  ip?: string;
}

/** Checks the provider's answer and opens a session: the session's token, and where to go next. */
export async function completeOidcSignIn(db: Db, config: OidcConfig, callback: OidcCallback, now = Date.now()) {
  const transient = openOidcState(config.clientSecret, callback.cookie, now);
  // The provider's refusal first: it is what the person needs to hear, even if the cookie is gone too.
  if (callback.query.get("error") === "access_denied") throw new OidcSignInError("denied");
  if (!transient) throw new OidcSignInError("expired");
  if (callback.query.get("state") !== transient.state) throw new OidcSignInError("state");
  if (callback.query.has("error")) throw new OidcSignInError("failed", `${OIDC_ERROR_MESSAGES.failed} (${callback.query.get("error")})`);
  const claims = await exchangeCode(config, callback, transient);
  const role = roleFromClaims(config, claims);
  if (!role) throw new OidcSignInError("no_role");
  const person = personFrom(claims);
  const workspace = await db.workspace.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
  if (!workspace) throw new OidcSignInError("account", "This server has no workspace yet.");
  const member = await syncOidcMember(db, workspace.id, person, role, config.name).catch((e) => {
    throw e instanceof GatehouseError ? new OidcSignInError("account", e.message) : e;
  });
  const session = await createSession(db, member.userId, callback.userAgent, callback.ip);
  await mutate(db, { userId: member.userId, email: member.email, workspaceId: workspace.id, role }, async () => ({
    result: null,
    audit: { action: "user.sign_in", entityType: "user", entityId: member.email, summary: `${member.email} signed in with ${config.name}` },
  }));
  return { ...session, next: transient.next, userId: member.userId, change: member.change };
}

/** The code for tokens (PKCE, state and nonce checked by openid-client), and the person's claims. */
async function exchangeCode(config: OidcConfig, callback: OidcCallback, transient: { state: string; nonce: string; codeVerifier: string }) {
  const provider = await providerConfiguration(config);
  const currentUrl = new URL(callback.redirectUri);
  currentUrl.search = callback.query.toString();
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(provider, currentUrl, {
      pkceCodeVerifier: transient.codeVerifier,
      expectedState: transient.state,
      expectedNonce: transient.nonce,
      idTokenExpected: true,
    });
  } catch (e) {
    throw providerError(e);
  }
  const idClaims = tokens.claims() as Record<string, unknown> & { sub: string };
  // Many providers put groups and email only in userinfo (OIDC Core 5.4, for the code flow).
  if (claimAt(idClaims, config.roleClaim) !== undefined && typeof idClaims.email === "string") return idClaims;
  const info = await client.fetchUserInfo(provider, tokens.access_token, idClaims.sub).catch((e) => {
    throw providerError(e);
  });
  return { ...info, ...idClaims, ...pick(info, [config.roleClaim.split(".")[0], "email", "email_verified", "name"]) } as Record<string, unknown>;
}

function pick(from: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.filter((k) => from[k] !== undefined).map((k) => [k, from[k]]));
}

function personFrom(claims: Record<string, unknown>): OidcPerson {
  const email = typeof claims.email === "string" ? claims.email.trim() : "";
  if (!email) throw new OidcSignInError("account", "The identity provider did not share your email address (the email scope). Ask your administrator.");
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim() : email;
  return { issuer: String(claims.iss), subject: String(claims.sub), email, name, emailVerified: claims.email_verified === true };
}

/** A provider that cannot be reached is "unavailable"; anything it answered that does not check out is "failed". */
function providerError(e: unknown): OidcSignInError {
  const unreachable = e instanceof TypeError || (e as Error)?.name === "TimeoutError" || (e as Error)?.name === "AbortError";
  if (e instanceof client.AuthorizationResponseError && e.error === "access_denied") return new OidcSignInError("denied");
  return new OidcSignInError(unreachable ? "unavailable" : "failed", `${OIDC_ERROR_MESSAGES[unreachable ? "unavailable" : "failed"]} (${describe(e)})`);
}

function describe(e: unknown): string {
  const err = e as Error & { code?: string; cause?: { code?: string } };
  return err?.cause?.code ?? err?.code ?? err?.message ?? String(e);
}
