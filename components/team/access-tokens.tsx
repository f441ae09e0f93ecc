"use client";
/**
 * Access tokens for pipelines (/api/v1 and the CLI's remote mode): create one (shown once, here,
 * right after creation), see which exist, revoke. The rules live in lib/auth/access-tokens.ts.
 */
import { useState } from "react";
import { createAccessTokenAction, revokeAccessTokenAction } from "@/app/(console)/account/actions";
import { Button } from "@/components/ui/button";
import { Checkbox, Field, SelectField } from "@/components/ui/field";
import { FormError, fieldsShown } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import type { AccessTokenView } from "@/lib/auth/access-tokens";
import { ROLES, type Role } from "@/lib/auth/roles";

export function CreateAccessTokenForm({ maxRole }: { maxRole: Role }) {
  const [name, setName] = useState("");
  const [role, setRole] = useState<string>(maxRole === "admin" ? "deployer" : maxRole);
  const [expiresInDays, setExpiresInDays] = useState("90");
  const [workspace, setWorkspace] = useState(false);
  const create = useServerAction(createAccessTokenAction, { refresh: true, onSuccess: () => setName("") });
  const roles = ROLES.slice(0, ROLES.indexOf(maxRole) + 1);
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void create.run({ name, role, expiresInDays, owner: workspace ? "workspace" : "member" });
      }}
    >
      <Field label="Name (what will use it)" name="token.name" value={name} onChange={(e) => setName(e.target.value)} error={create.fieldErrors.name} />
      <div className="grid grid-cols-2 gap-3">
        <SelectField label="Role" name="token.role" value={role} onChange={(e) => setRole(e.target.value)} options={roles} error={create.fieldErrors.role} />
        <Field
          label="Expires in (days)"
          name="token.expiresInDays"
          type="number"
          min={1}
          max={366}
          value={expiresInDays}
          onChange={(e) => setExpiresInDays(e.target.value)}
          error={create.fieldErrors.expiresInDays}
        />
      </div>
      {maxRole === "admin" && (
        <Checkbox
          label="The workspace's token: it acts as itself (not as you) and keeps working if you leave the team"
          name="token.owner"
          checked={workspace}
          onChange={(e) => setWorkspace(e.target.checked)}
        />
      )}
      <FormError failure={create.error} fieldShown={fieldsShown("name", "role", "expiresInDays")} />
      <Button type="submit" pending={create.pending}>
        Create token
      </Button>
      {create.data && (
        <div className="rounded-md bg-emerald-50 p-2 text-xs text-emerald-900" data-testid="new-access-token">
          <p className="mb-1">Copy it now: it is shown only this once. Send it as Authorization: Bearer …</p>
          <code className="break-all">{create.data.token}</code>
        </div>
      )}
    </form>
  );
}

export function AccessTokenList({ tokens, showOwner }: { tokens: AccessTokenView[]; showOwner: boolean }) {
  if (!tokens.length) return <p className="text-sm text-slate-500">No access tokens yet.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="access-tokens">
      {tokens.map((t) => (
        <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
          <span className="min-w-0 text-slate-600">
            <span className="font-medium text-slate-900">{t.name}</span> · <code>{t.prefix}…</code> · {t.role}
            {showOwner && <> · {t.owner === "workspace" ? `workspace (made by ${t.ownerEmail})` : t.ownerEmail}</>} · {tokenState(t)}
          </span>
          {!t.revokedAt && <RevokeTokenButton id={t.id} />}
        </li>
      ))}
    </ul>
  );
}

function tokenState(t: AccessTokenView): string {
  const day = (iso: string) => iso.slice(0, 10);
  if (t.revokedAt) return `revoked ${day(t.revokedAt)}`;
  const used = t.lastUsedAt ? `last used ${day(t.lastUsedAt)}` : "never used";
  return new Date(t.expiresAt).getTime() <= Date.now() ? `expired ${day(t.expiresAt)}` : `expires ${day(t.expiresAt)}, ${used}`;
}

function RevokeTokenButton({ id }: { id: string }) {
  const revoke = useServerAction(revokeAccessTokenAction, { refresh: true, success: "Token revoked" });
  return (
    <span>
      <Button variant="secondary" pending={revoke.pending} onClick={() => revoke.run(id)}>
        Revoke
      </Button>
      <FormError failure={revoke.error} />
    </span>
  );
}
