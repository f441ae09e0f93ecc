"use client";
import { useState } from "react";
import { createApiKeyAction, deleteApiKeyAction, importApiKeysAction, revealApiKeyAction } from "@/app/(console)/usage-plans/actions";
import { Button } from "@/components/ui/button";
import { DeleteDialog } from "@/components/ui/delete-dialog";
import { Field, TextAreaField } from "@/components/ui/field";
import { FormError, fieldsShown } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";

export interface KeyRow {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  usagePlans: { id: string; name: string }[];
}

/** A key's value, shown where it was asked for and nowhere else. */
function Secret({ value, testId }: { value: string; testId: string }) {
  return (
    <code className="block break-all rounded bg-amber-50 px-2 py-1 font-mono text-xs text-amber-900" data-testid={testId}>
      {value}
    </code>
  );
}

export function CreateApiKeyForm() {
  const empty = { name: "", description: "", value: "" };
  const [values, setValues] = useState(empty);
  const create = useServerAction(createApiKeyAction, { refresh: true, success: (d) => `API key ${d.name} created`, onSuccess: () => setValues(empty) });
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void create.run(values);
      }}
    >
      <Field label="Name" name="name" value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} error={create.fieldErrors.name} />
      <Field
        label="Description"
        name="description"
        value={values.description}
        onChange={(e) => setValues({ ...values, description: e.target.value })}
        error={create.fieldErrors.description}
      />
      <Field
        label="Value (empty: generated)"
        name="value"
        autoComplete="off"
        value={values.value}
        onChange={(e) => setValues({ ...values, value: e.target.value })}
        error={create.fieldErrors.value}
        hint="20–128 letters and digits"
      />
      <FormError failure={create.error} fieldShown={fieldsShown("name", "description", "value")} />
      <Button type="submit" pending={create.pending}>
        Create API key
      </Button>
      {create.data && (
        <div className="space-y-1 text-sm">
          <p>Copy the value of {create.data.name} now: only admins can show it again.</p>
          <Secret value={create.data.value} testId="new-api-key-value" />
        </div>
      )}
    </form>
  );
}

export function ImportApiKeysForm() {
  const [csv, setCsv] = useState("");
  const run = useServerAction(importApiKeysAction, {
    refresh: true,
    success: (d) => `Imported ${d.created} new and overwrote ${d.overwritten} API keys`,
    onSuccess: () => setCsv(""),
  });
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void run.run(csv);
      }}
    >
      <TextAreaField
        label="name,key,description,enabled,usageplanIds"
        name="csv"
        rows={5}
        value={csv}
        onChange={(e) => setCsv(e.target.value)}
        hint="One bad row and nothing is imported; each is listed by line."
      />
      <FormError failure={run.error} fieldShown={() => true} />
      {Object.entries(run.fieldErrors).length > 0 && (
        <ul className="text-xs text-red-700" data-testid="import-problems">
          {Object.entries(run.fieldErrors).map(([field, message]) => (
            <li key={field}>
              {field}: {message}
            </li>
          ))}
        </ul>
      )}
      <Button type="submit" pending={run.pending}>
        Import
      </Button>
    </form>
  );
}

function RevealButton({ keyId, name }: { keyId: string; name: string }) {
  const reveal = useServerAction(revealApiKeyAction, { success: () => null });
  if (reveal.data) return <Secret value={reveal.data.value} testId={`api-key-value-${name}`} />;
  return (
    <Button variant="secondary" size="sm" pending={reveal.pending} onClick={() => void reveal.run(keyId)} data-testid={`reveal-${name}`}>
      Show value
    </Button>
  );
}

function DeleteKeyButton({ row }: { row: KeyRow }) {
  const remove = useServerAction(deleteApiKeyAction, { refresh: true, success: `API key ${row.name} deleted` });
  const plans = row.usagePlans.map((p) => p.name);
  return (
    <DeleteDialog
      label="Delete"
      title={`Delete API key ${row.name}?`}
      pending={remove.pending}
      failure={remove.error}
      onCancel={remove.reset}
      onConfirm={async () => (await remove.run(row.id, plans.length > 0)).ok}
      testId={`delete-key-${row.name}`}
    >
      <p>{plans.length ? `It is detached from ${plans.join(", ")} with it. ` : ""}Callers using it are refused from then on.</p>
    </DeleteDialog>
  );
}

export function ApiKeyList({ keys, editable, canReveal }: { keys: KeyRow[]; editable: boolean; canReveal: boolean }) {
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="api-key-list">
      {keys.length === 0 && <li className="py-2 text-slate-500">No API keys yet.</li>}
      {keys.map((k) => (
        <li key={k.id} className="flex items-start justify-between gap-3 py-2">
          <div>
            <span className="font-medium">{k.name}</span> {!k.enabled && <span className="text-xs text-slate-500">(disabled)</span>}
            {k.description && <span className="ml-2 text-slate-500">{k.description}</span>}
            <div className="text-xs text-slate-500">{k.usagePlans.length ? `In ${k.usagePlans.map((p) => p.name).join(", ")}` : "In no usage plan"}</div>
          </div>
          <div className="flex items-start gap-2">
            {canReveal && <RevealButton keyId={k.id} name={k.name} />}
            {editable && <DeleteKeyButton row={k} />}
          </div>
        </li>
      ))}
    </ul>
  );
}
