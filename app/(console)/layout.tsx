import Link from "next/link";
import { actorOf, requireUser } from "@/app/_server/session";
import { signOutAction } from "@/app/(auth)/sign-in/actions";
import { getDb } from "@/lib/db";
import { waitingApprovalsFor } from "@/lib/stage/approvals";
import { notificationsFor } from "@/lib/notifications/notifications";
import { ApprovalsNavLink } from "@/components/approvals/approvals-nav-link";
import { NotificationsBell } from "@/components/notifications/notifications-bell";
import { CommandPalette } from "@/components/command-palette/command-palette";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const { prisma } = await getDb();
  const [waiting, notifications] = await Promise.all([waitingApprovalsFor(prisma, actorOf(user)), notificationsFor(prisma, actorOf(user))]);
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-6 py-3">
          <Link href="/" className="text-lg font-semibold text-indigo-700">
            Gatehouse
          </Link>
          <nav className="flex gap-4 text-sm text-slate-600">
            <Link href="/" className="hover:text-slate-900">
              APIs
            </Link>
            <Link href="/connections" className="hover:text-slate-900">
              AWS connections
            </Link>
            <Link href="/usage-plans" className="hover:text-slate-900">
              Usage plans
            </Link>
            <Link href="/history" className="hover:text-slate-900">
              History
            </Link>
            <Link href="/team" className="hover:text-slate-900">
              Team
            </Link>
            <ApprovalsNavLink waiting={waiting.length} />
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            {/* The palette (Ctrl/Cmd+K) and the console-wide Ctrl/Cmd+S: components/command-palette. */}
            <CommandPalette />
            <NotificationsBell userId={user.userId} initial={notifications} />
            <span className="text-slate-500">{user.workspaceName}</span>
            <Link href="/account" data-testid="current-user" className="hover:underline">
              {user.email}
            </Link>
            <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700" data-testid="current-role">
              {user.role}
            </span>
            <form action={signOutAction}>
              <button type="submit" className="text-slate-600 hover:text-slate-900">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-6 py-6">{children}</main>
    </div>
  );
}
