"use client";

import { useActionState } from "react";
import { acceptInvitationAction, type AcceptState } from "@/app/invite/[token]/actions";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/card";
import { Field } from "@/components/ui/field";

export function AcceptInvitationForm({ token, existingUser }: { token: string; existingUser: boolean }) {
  const [state, action, pending] = useActionState<AcceptState, FormData>(acceptInvitationAction, {});
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {!existingUser && <Field label="Your name" name="name" autoComplete="name" error={state.fieldErrors?.name} />}
      <Field
        label={existingUser ? "Password of your account" : "Choose a password"}
        name="password"
        type="password"
        autoComplete={existingUser ? "current-password" : "new-password"}
        error={state.fieldErrors?.password}
      />
      <ErrorBanner message={state.error} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Joining…" : "Join the workspace"}
      </Button>
    </form>
  );
}
