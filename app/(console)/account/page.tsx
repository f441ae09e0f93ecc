import { requireUser } from "@/app/_server/session";
import { getDb } from "@/lib/db";
import { listOwnSessions } from "@/lib/workspace/account";
import { Card } from "@/components/ui/card";
import { ChangePasswordForm } from "@/components/team/change-password-form";
import { RevokeButton } from "@/components/team/team-forms";
import { AccessTokenList, CreateAccessTokenForm } from "@/components/team/access-tokens";
import { listAccessTokens } from "@/lib/auth/access-tokens";
import { actorOf } from "@/app/_server/session";

export default async function AccountPage() {
  const user = await requireUser();
  const { prisma } = await getDb();
  const sessions = await listOwnSessions(prisma, user.userId);
  const tokens = await listAccessTokens(prisma, actorOf(user));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title="Change password">
        <ChangePasswordForm />
      </Card>
      <Card title="Your sessions">
        <ul className="divide-y divide-slate-100 text-sm" data-testid="own-sessions">
          {sessions.map((s) => (
            <li key={s.id} className="flex items-center justify-between py-2">
              <span className="text-slate-600">
                {s.userAgent?.slice(0, 60) ?? "unknown browser"} · {s.ip ?? "?"} · since {s.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                {s.id === user.sessionId && <span className="ml-2 rounded bg-emerald-50 px-1.5 text-xs text-emerald-700">this browser</span>}
              </span>
              {s.id !== user.sessionId && <RevokeButton kind="own-session" id={s.id} label="Sign out" />}
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Access tokens">
        <p className="mb-3 text-sm text-slate-600">
          For pipelines: the API at <code>/api/v1</code> (described by{" "}
          <a className="underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>
          ) and the CLI&apos;s remote mode. A token acts as you, with at most your role.
        </p>
        <CreateAccessTokenForm maxRole={user.role} />
      </Card>
      <Card title={user.role === "admin" ? "Access tokens of the workspace" : "Your access tokens"}>
        <AccessTokenList tokens={tokens} showOwner={user.role === "admin"} />
      </Card>
    </div>
  );
}
