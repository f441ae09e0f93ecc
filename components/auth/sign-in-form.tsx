"use client";

import { useState } from "react";
import { type SignInState, signInAction } from "@/app/(auth)/sign-in/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError, fieldsShown } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import type { ActionReply } from "@/lib/http/action-reply";

/** The action redirects into the console on success; an answer at all is a refusal. */
async function signIn(input: { email: string; password: string; next?: string }): Promise<ActionReply<never>> {
  const form = new FormData();
  for (const [k, v] of Object.entries(input)) if (v !== undefined) form.set(k, v);
  const state: SignInState = await signInAction({}, form);
  return { ok: false, status: state.status ?? 400, error: state.error ?? "Some fields are not valid", fieldErrors: state.fieldErrors };
}

/** Controlled, and submitted without a form action: a refusal keeps the email and password as typed. */
export function SignInForm({ next }: { next?: string }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const signing = useServerAction(signIn);
  return (
    <form
      className="mt-6 space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void signing.run({ email, password, next });
      }}
    >
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={signing.fieldErrors.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={signing.fieldErrors.password}
      />
      <FormError failure={signing.error} fieldShown={fieldsShown("email", "password")} />
      <Button type="submit" pending={signing.pending} className="w-full">
        {signing.pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
