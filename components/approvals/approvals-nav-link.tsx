/**
 * The header's way to the approvals page, with how many change requests wait for this person's
 * decision, so an approver sees them from any page rather than only on the stage they change.
 */
import Link from "next/link";

export function ApprovalsNavLink({ waiting }: { waiting: number }) {
  return (
    <Link href="/approvals" className="inline-flex items-center gap-1 hover:text-slate-900" data-testid="nav-approvals">
      Approvals
      {waiting > 0 && (
        <span className="rounded-full bg-amber-700 px-1.5 text-xs font-semibold text-white" data-testid="approvals-waiting">
          {waiting}
          <span className="sr-only"> waiting for you</span>
        </span>
      )}
    </Link>
  );
}
