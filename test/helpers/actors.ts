/** The demo workspace (seeded) with one actor per role: the seed's admin and viewer, plus an editor and a deployer. */
import type { Db } from "../../lib/db/client";
import type { Actor } from "../../lib/audit/mutate";
import type { Role } from "../../lib/auth/roles";
import { DEMO_ADMIN_EMAIL, DEMO_VIEWER_EMAIL } from "../../lib/db/seed";

export async function actorsOfEveryRole(db: Db): Promise<{ workspaceId: string; actors: Record<Role, Actor> }> {
  const workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: "demo" } })).id;
  const actors = {} as Record<Role, Actor>;
  for (const [role, email] of [
    ["admin", DEMO_ADMIN_EMAIL],
    ["viewer", DEMO_VIEWER_EMAIL],
  ] as const) {
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    actors[role] = { userId: user.id, email: user.email, workspaceId, role };
  }
  for (const role of ["editor", "deployer"] as const) {
    const user = await db.user.create({ data: { email: `${role}@example.com`, name: role, passwordHash: "unused" } });
    await db.membership.create({ data: { workspaceId, userId: user.id, role } });
    actors[role] = { userId: user.id, email: user.email, workspaceId, role };
  }
  return { workspaceId, actors };
}
