/**
 * Access tokens for pipelines (issue #15 item 5): a member creates a token in the console, sees it
 * once, and a pipeline sends it as `Authorization: Bearer …` to /api/v1 (or the CLI's remote mode).
 * A token acts as the member who made it, with the role chosen for it, never more than the member's
 * role at the time of use: demoting or removing a member demotes or voids their tokens at once.
 * Only the SHA-256 is stored; every token expires; creating and revoking are audited.
 * An admin may make a token the workspace's instead (`owner: "workspace"`): it acts as itself, audited
 * under its own name, with the role chosen for it, and keeps working when that admin leaves the team.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/client";
import { type Actor, mutate } from "../audit/mutate";
import { GatehouseError, NotFoundError, fromZod } from "../errors";
import { ROLES, type Role, roleAtLeast } from "./roles";
import { hashToken, type SessionUser } from "./session";

/** What every token starts with: recognisable in logs and by secret scanners. */
export const TOKEN_PREFIX = "gh_pat_";
export const MAX_TOKEN_DAYS = 366;
/** `last_used_at` is refreshed at most this often, not on every call of a busy pipeline. */
const LAST_USED_RESOLUTION_MS = 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export const CreateTokenInput = z.object({
  name: z.string().trim().min(1, "Name the token (what uses it)").max(100, "At most 100 characters"),
  role: z.enum(ROLES),
  expiresInDays: z.coerce.number().int("Whole days").min(1, "At least 1 day").max(MAX_TOKEN_DAYS, `At most ${MAX_TOKEN_DAYS} days: every token expires`),
  /** A member's own token (acts as them), or the workspace's (an admin's to make; acts as itself). */
  owner: z.enum(["member", "workspace"], { message: "Owner is member or workspace" }).default("member"),
});
export type CreateTokenInput = z.input<typeof CreateTokenInput>;

/** A token as lists show it: never the secret, nor its hash. */
export interface AccessTokenView {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  owner: "member" | "workspace";
  /** The member it acts as; for a workspace token, the admin who made it. */
  ownerEmail: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Who a token acts as: a member (a session's user), or a workspace token, which is no member (`userId` null). */
export type TokenUser = Omit<SessionUser, "userId"> & { userId: string | null };

/** The name a workspace token acts and is audited under (its history rows are told from members' by it). */
export const workspaceTokenActor = (name: string) => `${name} (workspace token)`;

/** Why a bearer token was refused: each a 401 with its own code, so a pipeline's log says which. */
export class TokenRefusedError extends GatehouseError {
  constructor(code: "TokenMissing" | "TokenInvalid" | "TokenExpired" | "TokenRevoked", message: string) {
    super(message, 401, [], code);
  }
}

/** Creates a token for the actor; the secret is in the result and nowhere else, ever. */
export async function createAccessToken(db: Db, actor: Actor, input: CreateTokenInput): Promise<{ token: string; view: AccessTokenView }> {
  const parsed = CreateTokenInput.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error);
  const { name, role, expiresInDays, owner } = parsed.data;
  if (!actor.userId) throw new GatehouseError("Only a member can create an access token", 403, [], "Forbidden");
  if (owner === "workspace" && actor.role !== "admin") {
    throw new GatehouseError(
      "Only an admin can make a workspace token",
      403,
      [{ field: "owner", message: "Only an admin can make a workspace token" }],
      "Forbidden",
    );
  }
  if (!roleAtLeast(actor.role, role)) {
    throw new GatehouseError(
      `A token cannot have more rights than you: your role is ${actor.role}`,
      403,
      [{ field: "role", message: `At most ${actor.role}` }],
      "Forbidden",
    );
  }
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const prefix = token.slice(0, TOKEN_PREFIX.length + 6);
  const expiresAt = new Date(Date.now() + expiresInDays * DAY_MS);
  const userId = actor.userId;
  const row = await mutate(db, actor, async (tx) => {
    const created = await tx.accessToken.create({
      data: { workspaceId: actor.workspaceId, userId, name, role, tokenHash: hashToken(token), prefix, expiresAt, workspaceOwned: owner === "workspace" },
      include: { user: { select: { email: true } } },
    });
    const after = { name, role, prefix, owner, expiresAt: expiresAt.toISOString() };
    const what = owner === "workspace" ? "workspace access token" : "access token";
    return {
      result: created,
      audit: { action: "token.create", entityType: "accessToken", entityId: created.id, summary: `Created ${what} "${name}" (${role})`, after },
    };
  });
  return { token, view: viewOf(row) };
}

/** Revokes a token: its owner, or an admin for anyone's in the workspace. */
export async function revokeAccessToken(db: Db, actor: Actor, id: string): Promise<AccessTokenView> {
  const row = await db.accessToken.findFirst({ where: { id, workspaceId: actor.workspaceId }, include: { user: { select: { email: true } } } });
  // A member revokes their own; an admin anyone's, and only an admin a workspace token.
  const mayRevoke = actor.role === "admin" || (row?.userId === actor.userId && !row?.workspaceOwned);
  if (!row || !mayRevoke) throw new NotFoundError("Access token");
  if (row.revokedAt) return viewOf(row);
  return mutate(db, actor, async (tx) => {
    const revoked = await tx.accessToken.update({ where: { id }, data: { revokedAt: new Date() }, include: { user: { select: { email: true } } } });
    const audit = { action: "token.revoke", entityType: "accessToken", entityId: id, summary: `Revoked access token "${row.name}" of ${row.user.email}` };
    return { result: viewOf(revoked), audit: { ...audit, before: { revokedAt: null }, after: { revokedAt: revoked.revokedAt?.toISOString() } } };
  });
}

/** The actor's own tokens; an admin sees every member's and the workspace's. Newest first. */
export async function listAccessTokens(db: Db, actor: Actor): Promise<AccessTokenView[]> {
  const rows = await db.accessToken.findMany({
    where: { workspaceId: actor.workspaceId, ...(actor.role === "admin" ? {} : { userId: actor.userId ?? "", workspaceOwned: false }) },
    include: { user: { select: { email: true } } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map(viewOf);
}

/**
 * Who a bearer token acts as: its member, with the lower of the token's and the member's roles, or
 * for a workspace token the token itself with its role; or a TokenRefusedError.
 */
export async function resolveAccessToken(db: Db, bearer: string | null | undefined, now = new Date()): Promise<TokenUser> {
  if (!bearer) throw new TokenRefusedError("TokenMissing", "Send an access token: Authorization: Bearer gh_pat_…");
  const row = bearer.startsWith(TOKEN_PREFIX)
    ? await db.accessToken.findUnique({ where: { tokenHash: hashToken(bearer) }, include: { user: true, workspace: true } })
    : null;
  if (!row) throw new TokenRefusedError("TokenInvalid", "This access token is not valid");
  if (row.revokedAt) throw new TokenRefusedError("TokenRevoked", `Access token "${row.name}" was revoked`);
  if (row.expiresAt.getTime() <= now.getTime())
    throw new TokenRefusedError("TokenExpired", `Access token "${row.name}" expired on ${row.expiresAt.toISOString()}`);
  const membership = row.workspaceOwned
    ? null
    : await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId: row.workspaceId, userId: row.userId } } });
  if (!row.workspaceOwned && !membership) throw new TokenRefusedError("TokenRevoked", `The owner of access token "${row.name}" is no longer a member`);
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.accessToken.updateMany({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  if (!membership) {
    const name = workspaceTokenActor(row.name);
    return { sessionId: `token:${row.id}`, userId: null, email: name, name, workspaceId: row.workspaceId, workspaceName: row.workspace.name, role: row.role };
  }
  return {
    sessionId: `token:${row.id}`,
    userId: row.userId,
    email: row.user.email,
    name: row.user.name,
    workspaceId: row.workspaceId,
    workspaceName: row.workspace.name,
    role: roleAtLeast(membership.role, row.role) ? row.role : membership.role,
  };
}

/** The token in an `Authorization: Bearer …` header, or null. */
export function bearerOf(authorization: string | null | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return m ? m[1] : null;
}

type TokenRow = {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  workspaceOwned: boolean;
  user: { email: string };
};

function viewOf(row: TokenRow): AccessTokenView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    owner: row.workspaceOwned ? "workspace" : "member",
    ownerEmail: row.user.email,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
