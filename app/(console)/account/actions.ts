"use server";
/** A person's own account: password, sessions and access tokens. Any role may manage their own. */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_server/action";
import { changePassword, revokeSessionById } from "@/lib/workspace/account";
import { createAccessToken, type CreateTokenInput, revokeAccessToken } from "@/lib/auth/access-tokens";

export async function changePasswordAction(input: { currentPassword: string; newPassword: string }) {
  return runAction("read", async ({ db, actor, user }) => {
    const parsed = z.object({ currentPassword: z.string(), newPassword: z.string() }).parse(input);
    const result = await changePassword(db, actor, user.sessionId, parsed);
    revalidatePath("/account");
    return result;
  });
}

export async function revokeOwnSessionAction(sessionId: string) {
  return runAction("read", async ({ db, actor }) => {
    await revokeSessionById(db, actor, z.string().parse(sessionId));
    revalidatePath("/account");
    return null;
  });
}

/** An access token for pipelines (/api/v1): the secret is in this reply only. Any member, for at most their role; an admin may make it the workspace's. */
export async function createAccessTokenAction(input: { name: string; role: string; expiresInDays: number | string; owner?: string }) {
  return runAction("read", async ({ db, actor }) => {
    const created = await createAccessToken(db, actor, input as CreateTokenInput);
    revalidatePath("/account");
    return created;
  });
}

export async function revokeAccessTokenAction(tokenId: string) {
  return runAction("read", async ({ db, actor }) => {
    const revoked = await revokeAccessToken(db, actor, z.string().parse(tokenId));
    revalidatePath("/account");
    return revoked;
  });
}
