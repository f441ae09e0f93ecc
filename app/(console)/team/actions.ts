"use server";
/** Team management: invitations, roles, removal, sessions. Admin only, checked here and in lib/. */
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_server/action";
import { inviteMember, revokeInvitation, changeMemberRole, removeMember } from "@/lib/workspace/members";
import { revokeSessionById } from "@/lib/workspace/account";
import { unlockMemberSignIn } from "@/lib/workspace/lockouts";

async function baseUrl(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return process.env.GATEHOUSE_PUBLIC_URL ?? `${proto}://${host}`;
}

export async function inviteMemberAction(input: { email: string; role: string }) {
  return runAction("member.write", async ({ db, actor }) => {
    const result = await inviteMember(db, actor, z.object({ email: z.string(), role: z.string() }).parse(input), { baseUrl: await baseUrl() });
    revalidatePath("/team");
    return result;
  });
}

export async function revokeInvitationAction(invitationId: string) {
  return runAction("member.write", async ({ db, actor }) => {
    await revokeInvitation(db, actor, z.string().parse(invitationId));
    revalidatePath("/team");
    return null;
  });
}

export async function changeMemberRoleAction(userId: string, role: string) {
  return runAction("member.write", async ({ db, actor }) => {
    await changeMemberRole(db, actor, z.string().parse(userId), z.string().parse(role));
    revalidatePath("/team");
    return null;
  });
}

export async function removeMemberAction(userId: string) {
  return runAction("member.write", async ({ db, actor }) => {
    await removeMember(db, actor, z.string().parse(userId));
    revalidatePath("/team");
    return null;
  });
}

export async function revokeMemberSessionAction(sessionId: string) {
  return runAction("member.write", async ({ db, actor }) => {
    await revokeSessionById(db, actor, z.string().parse(sessionId));
    revalidatePath("/team");
    return null;
  });
}

export async function unlockMemberSignInAction(userId: string) {
  return runAction("member.write", async ({ db, actor }) => {
    await unlockMemberSignIn(db, actor, z.string().parse(userId));
    revalidatePath("/team");
    return null;
  });
}
