/**
 * What a sign-in must remember between leaving for the provider and coming back (the PKCE
 * verifier, state, nonce and where to go next), kept in a short-lived httpOnly cookie, encrypted
 * and authenticated (AES-256-GCM). No server memory: the callback may reach another instance.
 * The key is derived from the client secret, which every instance has and nobody else does.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

export const OIDC_STATE_COOKIE = "gatehouse_oidc";
/** Long enough to sign in at the provider (with a second factor), short enough to be useless later. */
export const OIDC_STATE_TTL_MS = 10 * 60 * 1000;
/** Where the cookie is sent: only to the callback. */
export const OIDC_STATE_COOKIE_PATH = "/auth/oidc";

export interface OidcTransient {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
  expiresAt: number;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

function keyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "gatehouse", "oidc sign-in state cookie v1", 32));
}

export function sealOidcState(secret: string, value: OidcTransient): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(secret), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** The remembered sign-in, or null when the cookie is missing, tampered with, from another key, or expired. */
export function openOidcState(secret: string, sealed: string | undefined, now = Date.now()): OidcTransient | null {
  if (!sealed || sealed.length > 4096) return null;
  const raw = Buffer.from(sealed, "base64url");
  if (raw.length <= IV_BYTES + TAG_BYTES) return null;
  let value: OidcTransient;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFrom(secret), raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
    value = JSON.parse(text) as OidcTransient;
  } catch {
    return null;
  }
  if (typeof value.expiresAt !== "number" || value.expiresAt <= now) return null;
  return value;
}
