"use client";

import { useRouter } from "next/navigation";
import { createApiAction } from "@/app/(console)/apis/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError, fieldsShown } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";

export function CreateApiForm() {
  const router = useRouter();
  // No toast: the new API's page is the confirmation.
  const create = useServerAction(createApiAction, { onSuccess: (api) => router.push(`/apis/${api.id}`) });
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        void create.run({ name: String(form.get("name")), description: String(form.get("description") ?? "") });
      }}
    >
      <Field label="Name" name="name" placeholder="Orders API" error={create.fieldErrors.name} />
      <Field label="Description" name="description" placeholder="What this API is for" />
      <FormError failure={create.error} fieldShown={fieldsShown("name")} />
      <Button type="submit" variant="primary" pending={create.pending} disabled={create.pending}>
        {create.pending ? "Creating…" : "Create API"}
      </Button>
    </form>
  );
}
