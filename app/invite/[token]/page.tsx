import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { findInvitation } from "@/lib/workspace/members";
import { AcceptInvitationForm } from "@/components/team/accept-invitation-form";

export const metadata: Metadata = { title: "Accept invitation" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { prisma } = await getDb();
  const invitation = await findInvitation(prisma, token);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold">Gatehouse</h1>
        {invitation ? (
          <>
            <p className="mt-2 text-sm text-slate-600">
              You are invited to <strong>{invitation.workspaceName}</strong> as <strong>{invitation.role}</strong> ({invitation.email}).
            </p>
            <AcceptInvitationForm token={token} existingUser={invitation.existingUser} />
          </>
        ) : (
          <p className="mt-2 text-sm text-slate-600" role="alert">
            This invitation link is not valid any more. Ask for a new one.
          </p>
        )}
      </div>
    </main>
  );
}
