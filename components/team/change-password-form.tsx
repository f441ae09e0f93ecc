"use client";

import { useState } from "react";
import { changePasswordAction } from "@/app/(console)/account/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError, fieldsShown } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";

export function ChangePasswordForm() {
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const change = useServerAction(changePasswordAction, {
    success: (data) => `Password changed. ${data.otherSessionsRevoked} other session(s) signed out.`,
    // Only a success empties the fields; a refusal keeps both as typed.
    onSuccess: () => {
      setCurrentPassword("");
      setNewPassword("");
    },
  });
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void change.run({ currentPassword, newPassword });
      }}
    >
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={(e) => setCurrentPassword(e.target.value)}
        error={change.fieldErrors.currentPassword}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        value={newPassword}
        onChange={(e) => setNewPassword(e.target.value)}
        error={change.fieldErrors.newPassword}
      />
      <FormError failure={change.error} fieldShown={fieldsShown("currentPassword", "newPassword")} />
      <Button type="submit" pending={change.pending}>
        Change password
      </Button>
    </form>
  );
}
