"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { importOpenApiAsNewApiAction } from "@/app/(console)/apis/[apiId]/openapi/actions";
import type { ImportIssue } from "@/lib/openapi/import";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { DocumentInput, ProblemList } from "./document-input";

/** Home page: create an API from an OpenAPI 3.0 / Swagger 2.0 document, then open its designer. */
export function ImportApiForm() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [document, setDocument] = useState("");
  const [error, setError] = useState<{ message?: string; problems: ImportIssue[]; name?: string }>({ problems: [] });
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const name = String(new FormData(e.currentTarget).get("name") ?? "");
        start(async () => {
          const result = await importOpenApiAsNewApiAction({ document, name });
          if (!result.ok) return setError({ message: result.fieldErrors?.name ? undefined : result.error, name: result.fieldErrors?.name, problems: [] });
          if (result.data.kind === "invalid") return setError({ message: result.data.message, problems: result.data.problems });
          router.push(`/apis/${result.data.id}`);
        });
      }}
    >
      <DocumentInput value={document} onChange={setDocument} rows={8} />
      <Field label="API name" name="name" placeholder="Taken from info.title when empty" error={error.name} />
      <ErrorBanner message={error.message} />
      <ProblemList problems={error.problems} />
      <Button type="submit" disabled={pending}>
        {pending ? "Importing…" : "Import"}
      </Button>
    </form>
  );
}
