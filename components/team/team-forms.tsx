"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  changeMemberRoleAction,
  inviteMemberAction,
  removeMemberAction,
  revokeInvitationAction,
  revokeMemberSessionAction,
  unlockMemberSignInAction,
} from "@/app/(console)/team/actions";
import { revokeOwnSessionAction } from "@/app/(console)/account/actions";
import { ROLES } from "@/lib/auth/roles";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/card";
import { Field, SelectField } from "@/components/ui/field";

export function InviteForm() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("viewer");
  const [errors, setErrors] = useState<{ message?: string; fields?: Record<string, string> }>({});
  const [result, setResult] = useState<{ link: string; emailed: boolean; mailError?: string } | null>(null);
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await inviteMemberAction({ email, role });
          if (r.ok) {
            setResult(r.data);
            setErrors({});
            setEmail("");
            router.refresh();
          } else setErrors({ message: r.fieldErrors ? undefined : r.error, fields: r.fieldErrors });
        });
      }}
    >
      <Field label="Email" name="invite.email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.fields?.email} />
      <SelectField label="Role" name="invite.role" value={role} onChange={(e) => setRole(e.target.value)} options={ROLES} error={errors.fields?.role} />
      <ErrorBanner message={errors.message} />
      <Button type="submit" disabled={pending}>
        Create invitation
      </Button>
      {result && (
        <div className="rounded-md bg-emerald-50 p-2 text-xs text-emerald-900" data-testid="invitation-link">
          <p className="mb-1">
            {result.emailed ? "Emailed. The link, if you want to pass it on yourself:" : "Send this one-time link to the invitee (it works once, for 7 days):"}
          </p>
          <code className="break-all">{result.link}</code>
          {result.mailError && <p className="mt-1 text-amber-800">{result.mailError}</p>}
        </div>
      )}
    </form>
  );
}

/** signInLockedUntil: set (admins only) while the member is locked out of signing in from some address, or paused. */
export function MemberRow({
  member,
  editable,
}: {
  member: { userId: string; email: string; name: string; role: string; since: string; signInLockedUntil?: string };
  editable: boolean;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [role, setRole] = useState(member.role);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const run = (fn: () => Promise<{ ok: boolean; error?: string }>, done: string) =>
    start(async () => {
      setSaved(null);
      const r = await fn();
      if (r.ok) {
        setError(null);
        setSaved(done);
        router.refresh();
      } else setError(r.error ?? "Failed");
    });
  return (
    <tr data-member={member.email}>
      <td className="py-2">
        <div className="font-medium">{member.name}</div>
        <div className="text-xs text-slate-500">{member.email}</div>
        {member.signInLockedUntil && (
          <p className="text-xs text-amber-800" data-testid="sign-in-locked">
            Sign-in locked until {member.signInLockedUntil.slice(11, 16)} UTC after failed attempts{" "}
            <button
              type="button"
              className="underline"
              disabled={pending}
              onClick={() => run(() => unlockMemberSignInAction(member.userId), "Sign-in unlocked")}
            >
              Unlock
            </button>
          </p>
        )}
        {error && (
          <p className="text-xs text-red-600" role="alert">
            {error}
          </p>
        )}
        {saved && (
          <p className="text-xs text-emerald-700" role="status">
            {saved}
          </p>
        )}
      </td>
      <td>
        {editable ? (
          <select
            aria-label={`Role of ${member.email}`}
            value={role}
            onChange={(e) => setRole(e.target.value)}
            className="rounded border border-slate-300 px-2 py-1 text-sm"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        ) : (
          <span className="rounded bg-slate-100 px-2 py-0.5 text-xs">{member.role}</span>
        )}
      </td>
      <td className="text-right">
        {editable && (
          <div className="flex justify-end gap-2">
            <Button
              variant="secondary"
              disabled={pending || role === member.role}
              onClick={() => run(() => changeMemberRoleAction(member.userId, role), `Role changed to ${role}`)}
            >
              Save role
            </Button>
            <Button
              variant="danger"
              disabled={pending}
              onClick={() => confirm(`Remove ${member.email} from the workspace?`) && run(() => removeMemberAction(member.userId), "Removed")}
            >
              Remove
            </Button>
          </div>
        )}
      </td>
    </tr>
  );
}

const REVOKERS = {
  invitation: revokeInvitationAction,
  "member-session": revokeMemberSessionAction,
  "own-session": revokeOwnSessionAction,
};

export function RevokeButton({ kind, id, label }: { kind: keyof typeof REVOKERS; id: string; label: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span>
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await REVOKERS[kind](id);
            if (r.ok) router.refresh();
            else setError(r.error);
          })
        }
      >
        {label}
      </Button>
      {error && <span className="ml-2 text-xs text-red-600">{error}</span>}
    </span>
  );
}
