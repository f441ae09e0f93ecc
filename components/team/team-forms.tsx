"use client";

import { useState } from "react";
import { revokeOwnSessionAction } from "@/app/(console)/account/actions";
import {
  changeMemberRoleAction,
  inviteMemberAction,
  removeMemberAction,
  revokeInvitationAction,
  revokeMemberSessionAction,
  unlockMemberSignInAction,
} from "@/app/(console)/team/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Select, SelectField } from "@/components/ui/field";
import { FormError, fieldsShown } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { ROLES } from "@/lib/auth/roles";
import type { ActionReply } from "@/lib/http/action-reply";

export function InviteForm() {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("viewer");
  const invite = useServerAction(inviteMemberAction, { refresh: true, onSuccess: () => setEmail("") });
  const result = invite.data;
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void invite.run({ email, role });
      }}
    >
      <Field label="Email" name="invite.email" value={email} onChange={(e) => setEmail(e.target.value)} error={invite.fieldErrors.email} />
      <SelectField label="Role" name="invite.role" value={role} onChange={(e) => setRole(e.target.value)} options={ROLES} error={invite.fieldErrors.role} />
      <FormError failure={invite.error} fieldShown={fieldsShown("email", "role")} />
      <Button type="submit" pending={invite.pending}>
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

/** One of a member row's actions, and what the row says once it is done. */
interface RowCall {
  call: () => Promise<ActionReply<unknown>>;
  done: string;
}
const runRowCall = (c: RowCall) => c.call();

/** signInLockedUntil: set (admins only) while the member is locked out of signing in from some address, or paused. */
export function MemberRow({
  member,
  editable,
}: {
  member: { userId: string; email: string; name: string; role: string; since: string; signInLockedUntil?: string };
  editable: boolean;
}) {
  const [role, setRole] = useState(member.role);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const act = useServerAction(runRowCall, { refresh: true, onSuccess: (_data, c) => setSaved(c.done) });
  const run = (call: RowCall["call"], done: string) => {
    setSaved(null);
    return act.run({ call, done });
  };
  return (
    <tr data-member={member.email}>
      <td className="py-2">
        <div className="font-medium">{member.name}</div>
        <div className="text-xs text-slate-500">{member.email}</div>
        {member.signInLockedUntil && (
          <p className="text-xs text-amber-800" data-testid="sign-in-locked">
            Sign-in locked until {member.signInLockedUntil.slice(11, 16)} UTC after failed attempts{" "}
            <Button variant="link" pending={act.pending} onClick={() => run(() => unlockMemberSignInAction(member.userId), "Sign-in unlocked")}>
              Unlock
            </Button>
          </p>
        )}
        {act.error && (
          <p className="text-xs text-red-600" role="alert">
            {act.error.error}
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
          <Select aria-label={`Role of ${member.email}`} value={role} onChange={(e) => setRole(e.target.value)} options={ROLES} />
        ) : (
          <span className="rounded bg-slate-100 px-2 py-0.5 text-xs">{member.role}</span>
        )}
      </td>
      <td className="text-right">
        {editable && (
          <div className="flex justify-end gap-2">
            <Button
              variant="secondary"
              disabled={role === member.role}
              pending={act.pending}
              onClick={() => run(() => changeMemberRoleAction(member.userId, role), `Role changed to ${role}`)}
            >
              Save role
            </Button>
            <Button variant="danger" pending={act.pending} onClick={() => setConfirmRemove(true)}>
              Remove
            </Button>
            <Dialog
              open={confirmRemove}
              onClose={() => setConfirmRemove(false)}
              title={`Remove ${member.email} from the workspace?`}
              actions={
                <>
                  <Button variant="secondary" onClick={() => setConfirmRemove(false)}>
                    Keep
                  </Button>
                  <Button
                    variant="danger"
                    pending={act.pending}
                    onClick={() => {
                      setConfirmRemove(false);
                      void run(() => removeMemberAction(member.userId), "Removed");
                    }}
                  >
                    Remove {member.name}
                  </Button>
                </>
              }
            >
              <p className="text-left text-slate-600">They lose access at once and their sessions end. Their changes stay in the history.</p>
            </Dialog>
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
  const revoke = useServerAction(REVOKERS[kind], { refresh: true });
  return (
    <span>
      <Button variant="secondary" pending={revoke.pending} onClick={() => revoke.run(id)}>
        {label}
      </Button>
      {revoke.error && (
        <span role="alert" className="ml-2 text-xs text-red-600">
          {revoke.error.error}
        </span>
      )}
    </span>
  );
}
