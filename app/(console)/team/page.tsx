import { requireUser, actorOf } from "@/app/_server/session";
import { getDb } from "@/lib/db";
import { can } from "@/lib/auth/roles";
import { listMembers, listPendingInvitations } from "@/lib/workspace/members";
import { listWorkspaceSessions } from "@/lib/workspace/account";
import { listSignInLocks } from "@/lib/workspace/lockouts";
import { Card } from "@/components/ui/card";
import { InviteForm, MemberRow, RevokeButton } from "@/components/team/team-forms";

export default async function TeamPage() {
  const user = await requireUser();
  const { prisma } = await getDb();
  const admin = can(user.role, "member.write");
  const [members, invitations, sessions, locks] = await Promise.all([
    listMembers(prisma, user.workspaceId),
    admin ? listPendingInvitations(prisma, user.workspaceId) : Promise.resolve([]),
    admin ? listWorkspaceSessions(prisma, actorOf(user)) : Promise.resolve([]),
    admin ? listSignInLocks(prisma, actorOf(user)) : Promise.resolve([]),
  ]);
  const lockedUntil = new Map(locks.map((l) => [l.userId, l.lockedUntil.toISOString()]));
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <div className="space-y-4 lg:col-span-2">
        <Card title={`Members of ${user.workspaceName}`}>
          <table className="w-full text-sm" data-testid="member-list">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1">Member</th>
                <th>Role</th>
                <th />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {members.map((m) => (
                <MemberRow
                  key={m.userId}
                  member={{ ...m, since: m.since.toISOString(), signInLockedUntil: lockedUntil.get(m.userId) }}
                  editable={admin && m.userId !== user.userId}
                />
              ))}
            </tbody>
          </table>
        </Card>
        {admin && (
          <Card title="Signed-in sessions">
            <ul className="divide-y divide-slate-100 text-sm" data-testid="workspace-sessions">
              {sessions.map((s) => (
                <li key={s.id} className="flex items-center justify-between py-2">
                  <span>
                    <span className="font-medium">{s.user.email}</span>{" "}
                    <span className="text-slate-500">
                      {s.userAgent?.slice(0, 60) ?? "unknown browser"} · {s.ip ?? "?"} · last seen {s.lastSeenAt.toISOString().slice(0, 16).replace("T", " ")}{" "}
                      UTC
                    </span>
                  </span>
                  <RevokeButton kind="member-session" id={s.id} label="Revoke" />
                </li>
              ))}
            </ul>
          </Card>
        )}
      </div>
      <div className="space-y-4">
        {admin ? (
          <>
            <Card title="Invite a member">
              <InviteForm />
            </Card>
            <Card title="Pending invitations">
              <ul className="divide-y divide-slate-100 text-sm" data-testid="pending-invitations">
                {invitations.length === 0 && <li className="py-1 text-slate-500">None.</li>}
                {invitations.map((i) => (
                  <li key={i.id} className="flex items-center justify-between py-2">
                    <span>
                      {i.email} <span className="text-slate-500">as {i.role}</span>
                    </span>
                    <RevokeButton kind="invitation" id={i.id} label="Revoke" />
                  </li>
                ))}
              </ul>
            </Card>
          </>
        ) : (
          <p className="text-sm text-slate-500">Only admins can invite members and change roles.</p>
        )}
      </div>
    </div>
  );
}
