"use client";
// Pages outside the console (sign-in, invitations), and a console layout that failed (e.g. the
// database is unreachable while the session is read).
import { ErrorPanel } from "@/components/ui/error-panel";

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main className="p-6">
      <ErrorPanel error={error} retry={retry} />
    </main>
  );
}
