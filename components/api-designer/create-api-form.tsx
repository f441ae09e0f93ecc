"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createApiAction } from "@/app/(console)/apis/actions";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/card";
import { Field } from "@/components/ui/field";

export function CreateApiForm() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<{ message?: string; fields?: Record<string, string> }>({});
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        start(async () => {
          const result = await createApiAction({ name: String(form.get("name")), description: String(form.get("description") ?? "") });
          if (result.ok) router.push(`/apis/${result.data.id}`);
          else setError({ message: result.fieldErrors ? undefined : result.error, fields: result.fieldErrors });
        });
      }}
    >
      <Field label="Name" name="name" placeholder="Orders API" error={error.fields?.name} />
      <Field label="Description" name="description" placeholder="What this API is for" />
      <ErrorBanner message={error.message} />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create API"}
      </Button>
    </form>
  );
}
