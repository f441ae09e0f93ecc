/**
 * Just-in-time membership for OpenID Connect sign-in. A person is known by the issuer and the
 * provider's subject; the first sign-in creates the account and its membership, later ones bring
 * the role in line with the provider's groups. Every change goes through mutate(), audited with
 * the same actions as the team page's (member.join, member.role), the person as the actor.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import { mutate, type Actor, type Tx } from "../audit/mutate";
import { GatehouseError } from "../errors";
import type { Role } from "./roles";
import { normaliseEmail } from "./sign-in";

export interface OidcPerson {
  issuer: string;
  subject: string;
  email: string;
  name: string;
  /** The provider vouches for the email: only then may it claim an existing account of that email. */
  emailVerified: boolean;
}

/** Accounts made by single sign-on have no password: no stored hash verifies (lib/auth/password.ts). */
export const NO_PASSWORD = "oidc$no-password";

export type MemberChange = "joined" | "role" | "none";

export interface SyncedMember {
  userId: string;
  email: string;
  change: MemberChange;
}

/** Makes sure the person is a member of the workspace with the role, and says what changed. */
export async function syncOidcMember(db: Db, workspaceId: string, person: OidcPerson, role: Role, providerName: string): Promise<SyncedMember> {
  try {
    return await syncOnce(db, workspaceId, person, role, providerName);
  } catch (e) {
    // Two first sign-ins at once (two tabs, two instances): the loser's insert hits a unique key
    // and its transaction rolled back; a second look finds the winner's rows.
    if ((e as { code?: string }).code !== "P2002") throw e;
    return syncOnce(db, workspaceId, person, role, providerName);
  }
}

async function syncOnce(db: Db, workspaceId: string, person: OidcPerson, role: Role, providerName: string): Promise<SyncedMember> {
  const known = await db.oidcIdentity.findUnique({ where: { issuer_subject: { issuer: person.issuer, subject: person.subject } }, include: { user: true } });
  const user = known?.user ?? (await claimableAccount(db, person));
  const userId = user?.id ?? randomUUID();
  const email = user?.email ?? normaliseEmail(person.email);
  const membership = user ? await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } } }) : null;
  if (known && membership?.role === role) return { userId, email, change: "none" };
  const actor: Actor = { userId, email, workspaceId, role };
  const change = await mutate(db, actor, async (tx) => {
    if (!user) await tx.user.create({ data: { id: userId, email, name: person.name, passwordHash: NO_PASSWORD } });
    if (!known) await tx.oidcIdentity.create({ data: { issuer: person.issuer, subject: person.subject, userId } });
    return membership ? changeRole(tx, workspaceId, userId, email, membership.role, role) : join(tx, workspaceId, userId, email, role, providerName);
  });
  return { userId, email, change };
}

/** An account of the same email may be taken over only on the provider's word that the email is theirs. */
async function claimableAccount(db: Db, person: OidcPerson) {
  const existing = await db.user.findUnique({ where: { email: normaliseEmail(person.email) } });
  if (!existing) return null;
  if (!person.emailVerified) {
    throw new GatehouseError(
      `An account for ${existing.email} exists already; the identity provider has not verified this email, so it cannot be linked. Ask an admin.`,
      409,
      [],
      "OidcAccountConflict",
    );
  }
  return existing;
}

async function join(tx: Tx, workspaceId: string, userId: string, email: string, role: Role, providerName: string) {
  await tx.membership.create({ data: { workspaceId, userId, role } });
  return {
    result: "joined" as const,
    audit: {
      action: "member.join",
      entityType: "member",
      entityId: email,
      summary: `${email} signed in with ${providerName} and joined as ${role}`,
      after: { email, role },
    },
  };
}

async function changeRole(tx: Tx, workspaceId: string, userId: string, email: string, before: Role, role: Role) {
  if (before !== role) await tx.membership.update({ where: { workspaceId_userId: { workspaceId, userId } }, data: { role } });
  return {
    result: before === role ? ("none" as const) : ("role" as const),
    audit: {
      action: before === role ? "member.link" : "member.role",
      entityType: "member",
      entityId: email,
      summary:
        before === role
          ? `${email} linked their identity provider's account`
          : `${email}'s groups at the identity provider changed their role from ${before} to ${role}`,
      before: { role: before },
      after: { role },
    },
  };
}
