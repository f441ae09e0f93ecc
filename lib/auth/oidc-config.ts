/**
 * OpenID Connect sign-in's configuration, read from the environment once at start
 * (instrumentation-node.ts) and again wherever it is used. A mistake is refused with the
 * variable named, so a server never starts half-configured and fails only at someone's sign-in.
 */
import { ROLES, roleAtLeast, type Role } from "./roles";

export interface OidcConfig {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** The provider's name on the sign-in button: "Sign in with <name>". */
  name: string;
  /** The claim holding the person's groups; a dotted path reaches into objects (`realm_access.roles`). */
  roleClaim: string;
  /** Group → role; the highest role among a person's groups wins. */
  roleMap: ReadonlyMap<string, Role>;
  /** The role of someone none of whose groups is mapped; null refuses them. */
  defaultRole: Role | null;
  scopes: string;
  /** The callback URL registered at the provider; unset, it is derived from the request. */
  redirectUrl: URL | null;
}

export class OidcConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = "OidcConfigError";
  }
}

type Env = Record<string, string | undefined>;

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The configuration, or null when OIDC is not configured (no GATEHOUSE_OIDC_* variable set). */
export function oidcConfigFromEnv(env: Env = process.env): OidcConfig | null {
  const set = Object.keys(env).filter((k) => k.startsWith("GATEHOUSE_OIDC_") && env[k]?.trim());
  if (set.length === 0) return null;
  const issuer = httpUrl(env, "GATEHOUSE_OIDC_ISSUER", true);
  const clientId = required(env, "GATEHOUSE_OIDC_CLIENT_ID");
  // The console is a confidential client; the secret also keys the sign-in's transient cookie.
  const clientSecret = required(env, "GATEHOUSE_OIDC_CLIENT_SECRET");
  const roleMap = parseRoleMap(env.GATEHOUSE_OIDC_ROLE_MAP ?? "");
  const defaultRole = parseRole("GATEHOUSE_OIDC_DEFAULT_ROLE", env.GATEHOUSE_OIDC_DEFAULT_ROLE);
  if (roleMap.size === 0 && !defaultRole) {
    throw new OidcConfigError("GATEHOUSE_OIDC_ROLE_MAP", "map at least one group to a role (e.g. devs=editor), or set GATEHOUSE_OIDC_DEFAULT_ROLE");
  }
  const scopes = env.GATEHOUSE_OIDC_SCOPES?.trim() || "openid email profile";
  if (!scopes.split(/\s+/).includes("openid")) throw new OidcConfigError("GATEHOUSE_OIDC_SCOPES", 'must include "openid"');
  return {
    issuer: issuer!,
    clientId,
    clientSecret,
    name: env.GATEHOUSE_OIDC_NAME?.trim() || "single sign-on",
    roleClaim: env.GATEHOUSE_OIDC_ROLE_CLAIM?.trim() || "groups",
    roleMap,
    defaultRole,
    scopes,
    redirectUrl: httpUrl(env, "GATEHOUSE_OIDC_REDIRECT_URL", false),
  };
}

/** GATEHOUSE_PASSWORD_SIGN_IN=off turns password sign-in off; only with OIDC configured, or nobody could sign in. */
export function passwordSignInEnabled(env: Env = process.env): boolean {
  const value = env.GATEHOUSE_PASSWORD_SIGN_IN?.trim().toLowerCase();
  if (!value || value === "on") return true;
  if (value !== "off") throw new OidcConfigError("GATEHOUSE_PASSWORD_SIGN_IN", `"${value}" is neither on nor off`);
  return false;
}

/** Every sign-in setting at once, as the server checks them at start; throws OidcConfigError. */
export function checkSignInConfig(env: Env = process.env): void {
  const oidc = oidcConfigFromEnv(env);
  if (!passwordSignInEnabled(env) && !oidc) {
    throw new OidcConfigError("GATEHOUSE_PASSWORD_SIGN_IN", "is off but OpenID Connect is not configured (GATEHOUSE_OIDC_ISSUER …): nobody could sign in");
  }
}

/** The role a person's claims give them: the highest mapped group, else the default role, else null. */
export function roleFromClaims(config: Pick<OidcConfig, "roleClaim" | "roleMap" | "defaultRole">, claims: Record<string, unknown>): Role | null {
  let best: Role | null = null;
  for (const group of groupsIn(claimAt(claims, config.roleClaim))) {
    const role = config.roleMap.get(group);
    if (role && (!best || roleAtLeast(role, best))) best = role;
  }
  return best ?? config.defaultRole;
}

/** The claim's value, looked up by name first (claims may contain dots), then as a dotted path. */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function groupsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

function parseRoleMap(raw: string): Map<string, Role> {
  const map = new Map<string, Role>();
  for (const entry of raw
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    // The last "=" splits: a group name may contain one (LDAP DNs: cn=devs,… are not comma-free anyway).
    const at = entry.lastIndexOf("=");
    const group = entry.slice(0, at).trim();
    if (at < 0 || !group) throw new OidcConfigError("GATEHOUSE_OIDC_ROLE_MAP", `"${entry}" is not group=role`);
    map.set(group, parseRole("GATEHOUSE_OIDC_ROLE_MAP", entry.slice(at + 1).trim())!);
  }
  return map;
}

function parseRole(variable: string, raw: string | undefined): Role | null {
  if (!raw?.trim()) return null;
  const role = raw.trim().toLowerCase();
  if (!(ROLES as readonly string[]).includes(role)) throw new OidcConfigError(variable, `"${raw.trim()}" is not a role (${ROLES.join(", ")})`);
  return role as Role;
}

function required(env: Env, variable: string): string {
  const value = env[variable]?.trim();
  if (!value) throw new OidcConfigError(variable, "is required when OpenID Connect sign-in is configured");
  return value;
}

/** An https URL, or http on loopback only (a test provider): tokens never cross a network in clear. */
function httpUrl(env: Env, variable: string, isRequired: boolean): URL | null {
  const raw = isRequired ? required(env, variable) : env[variable]?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OidcConfigError(variable, `"${raw}" is not a URL`);
  }
  if (url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname))) return url;
  throw new OidcConfigError(variable, `"${raw}" must be https (http only on 127.0.0.1 or localhost)`);
}
