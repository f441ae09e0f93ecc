"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { importOpenApiAsNewApiAction } from "@/app/(console)/apis/[apiId]/openapi/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError, fieldsShown } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { DEFAULT_IMPORT_SETTINGS, DocumentInput, ImportSettingsFields, type ImportSettingsValue, ProblemList, WarningList } from "./document-input";

/**
 * Home page: create an API from an OpenAPI 3.0 / Swagger 2.0 document, then open its designer.
 * When the import skipped parts of the document, they are listed first with a link to the API.
 */
export function ImportApiForm() {
  const router = useRouter();
  const [document, setDocument] = useState("");
  const [name, setName] = useState("");
  const [settings, setSettings] = useState<ImportSettingsValue>(DEFAULT_IMPORT_SETTINGS);
  const importing = useServerAction(importOpenApiAsNewApiAction, {
    onSuccess: (result) => {
      if (result.kind === "created" && result.warnings.length === 0) router.push(`/apis/${result.id}`);
    },
  });
  const result = importing.error ? undefined : importing.data;
  const invalid = result?.kind === "invalid" ? result : undefined;
  const created = result?.kind === "created" && result.warnings.length > 0 ? result : undefined;
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void importing.run({ document, name, ...settings });
      }}
    >
      <DocumentInput value={document} onChange={setDocument} rows={8} />
      <Field
        label="API name"
        name="name"
        placeholder="Taken from info.title when empty"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={importing.fieldErrors.name}
      />
      <ImportSettingsFields value={settings} onChange={setSettings} basePathError={importing.fieldErrors.basePath} />
      <FormError failure={importing.error} fieldShown={fieldsShown("name", "basePath")} />
      {invalid && <FormError failure={{ status: 400, error: invalid.message }} />}
      <ProblemList problems={invalid?.problems ?? []} />
      <Button type="submit" pending={importing.pending}>
        {importing.pending ? "Importing…" : "Import"}
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
