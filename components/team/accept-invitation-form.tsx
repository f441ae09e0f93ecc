"use client";

import { useState } from "react";
import { type AcceptState, acceptInvitationAction } from "@/app/invite/[token]/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError, fieldsShown } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import type { ActionReply } from "@/lib/http/action-reply";

/** The action redirects into the console on success; an answer at all is a refusal. */
async function acceptInvitation(input: { token: string; name: string; password: string }): Promise<ActionReply<never>> {
  const form = new FormData();
  for (const [k, v] of Object.entries(input)) form.set(k, v);
  const state: AcceptState = await acceptInvitationAction({}, form);
  return { ok: false, status: 400, error: state.error ?? "Some fields are not valid", fieldErrors: state.fieldErrors };
}

/** Controlled, and submitted without a form action: a refusal keeps the name and password as typed (issue 14). */
export function AcceptInvitationForm({ token, existingUser }: { token: string; existingUser: boolean }) {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const join = useServerAction(acceptInvitation);
  return (
    <form
      className="mt-6 space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void join.run({ token, name: existingUser ? "" : name, password });
      }}
    >
      {!existingUser && (
        <Field label="Your name" name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} error={join.fieldErrors.name} />
      )}
      <Field
        label={existingUser ? "Password of your account" : "Choose a password"}
        name="password"
        type="password"
        autoComplete={existingUser ? "current-password" : "new-password"}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={join.fieldErrors.password}
      />
      <FormError failure={join.error} fieldShown={fieldsShown("name", "password")} />
      <Button type="submit" pending={join.pending} className="w-full">
        {join.pending ? "Joining…" : "Join the workspace"}
      </Button>
    </form>
  );
}
