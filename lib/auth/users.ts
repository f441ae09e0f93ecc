/** Accounts and workspace membership. */
import type { Db } from "../db/client";
import { mutate, type Actor } from "../audit/mutate";
import { ValidationError } from "../errors";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./password";
import type { Role } from "./roles";
import { normaliseEmail } from "./sign-in";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Creates a user and makes them a member of the actor's workspace. */
export async function createMember(db: Db, actor: Actor, input: { email: string; name: string; password: string; role: Role }) {
  const email = normaliseEmail(input.email);
  const issues = [];
  if (!EMAIL.test(email)) issues.push({ field: "email", message: "Enter an email address" });
  if (!input.name.trim()) issues.push({ field: "name", message: "Name is required" });
  if (input.password.length < MIN_PASSWORD_LENGTH) issues.push({ field: "password", message: `At least ${MIN_PASSWORD_LENGTH} characters` });
  if (issues.length) throw new ValidationError(issues);
  const passwordHash = await hashPassword(input.password);
  return mutate(db, actor, async (tx) => {
    if (await tx.user.findUnique({ where: { email } })) throw new ValidationError([{ field: "email", message: "A user with this email already exists" }]);
    const user = await tx.user.create({ data: { email, name: input.name.trim(), passwordHash } });
    await tx.membership.create({ data: { workspaceId: actor.workspaceId, userId: user.id, role: input.role } });
    return {
      result: user,
      audit: {
        action: "member.create",
        entityType: "member",
        entityId: email,
        summary: `Added ${email} as ${input.role}`,
        before: null,
        after: { email, name: user.name, role: input.role },
      },
    };
  });
}
