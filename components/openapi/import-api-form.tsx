"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { importOpenApiAsNewApiAction } from "@/app/(console)/apis/[apiId]/openapi/actions";
import type { ImportIssue } from "@/lib/openapi/import";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { DEFAULT_IMPORT_SETTINGS, DocumentInput, ImportSettingsFields, type ImportSettingsValue, ProblemList, WarningList } from "./document-input";

/**
 * Home page: create an API from an OpenAPI 3.0 / Swagger 2.0 document, then open its designer.
 * When the import skipped parts of the document, they are listed first with a link to the API.
 */
export function ImportApiForm() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [document, setDocument] = useState("");
  const [settings, setSettings] = useState<ImportSettingsValue>(DEFAULT_IMPORT_SETTINGS);
  const [error, setError] = useState<{ message?: string; problems: ImportIssue[]; name?: string; basePath?: string }>({ problems: [] });
  const [created, setCreated] = useState<{ id: string; name: string; warnings: ImportIssue[] }>();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const name = String(new FormData(e.currentTarget).get("name") ?? "");
        start(async () => {
          setCreated(undefined);
          const result = await importOpenApiAsNewApiAction({ document, name, ...settings });
          if (!result.ok) {
            const fields = result.fieldErrors ?? {};
            return setError({ message: fields.name || fields.basePath ? undefined : result.error, name: fields.name, basePath: fields.basePath, problems: [] });
          }
          if (result.data.kind === "invalid") return setError({ message: result.data.message, problems: result.data.problems });
          setError({ problems: [] });
          if (result.data.warnings.length === 0) return router.push(`/apis/${result.data.id}`);
          setCreated({ id: result.data.id, name: result.data.name, warnings: result.data.warnings });
        });
      }}
    >
      <DocumentInput value={document} onChange={setDocument} rows={8} />
      <Field label="API name" name="name" placeholder="Taken from info.title when empty" error={error.name} />
      <ImportSettingsFields value={settings} onChange={setSettings} />
      <ErrorBanner message={error.message ?? error.basePath} />
      <ProblemList problems={error.problems} />
      <Button type="submit" disabled={pending}>
        {pending ? "Importing…" : "Import"}
      </Button>
      {created && (
        <div className="space-y-2">
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            Imported as {created.name}, with {created.warnings.length} warning{created.warnings.length === 1 ? "" : "s"}.{" "}
            <Link href={`/apis/${created.id}`} className="font-medium underline">
              Open the designer
            </Link>
          </p>
          <WarningList warnings={created.warnings} open />
        </div>
      )}
    </form>
  );
}
