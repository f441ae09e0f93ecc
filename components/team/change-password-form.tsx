"use client";

import { useState, useTransition } from "react";
import { changePasswordAction } from "@/app/(console)/account/actions";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/card";
import { Field } from "@/components/ui/field";

export function ChangePasswordForm() {
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<{ message?: string; fields?: Record<string, string> }>({});
  const [done, setDone] = useState<string | null>(null);
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const form = e.currentTarget;
        start(async () => {
          const r = await changePasswordAction({ currentPassword: String(f.get("currentPassword")), newPassword: String(f.get("newPassword")) });
          if (r.ok) {
            setErrors({});
            setDone(`Password changed. ${r.data.otherSessionsRevoked} other session(s) signed out.`);
            form.reset();
          } else {
            setDone(null);
            setErrors({ message: r.fieldErrors ? undefined : r.error, fields: r.fieldErrors });
          }
        });
      }}
    >
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" error={errors.fields?.currentPassword} />
      <Field label="New password" name="newPassword" type="password" autoComplete="new-password" error={errors.fields?.newPassword} />
      <ErrorBanner message={errors.message} />
      {done && <p className="rounded bg-emerald-50 px-2 py-1 text-sm text-emerald-800">{done}</p>}
      <Button type="submit" disabled={pending}>
        Change password
      </Button>
    </form>
  );
}
