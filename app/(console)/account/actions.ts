"use server";
/** A person's own account: password and sessions. Any role may manage their own. */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_server/action";
import { changePassword, revokeSessionById } from "@/lib/workspace/account";

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
