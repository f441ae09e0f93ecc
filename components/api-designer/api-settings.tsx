"use client";

import { useState } from "react";
import { ENDPOINT_TYPES } from "@/lib/model/design-constants";
import type { ApiDesign } from "@/lib/model/design";
import { apiSettingsWarnings } from "@/lib/model/rules";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, SelectField, Checkbox, TextAreaField } from "@/components/ui/field";
import { errorAt } from "./rows";
import type { DesignEditor } from "./use-design";
import { useFormState, type SetField } from "./use-form-state";
import { apiSettingsForm, apiSettingsKey, updateApiCommand, type ApiSettingsFormState } from "./api-settings-form";

/** The API's own settings (UpdateRestApi): one form, one updateApi command. */
export function ApiSettingsCard({ design, editor, canEdit }: { design: ApiDesign; editor: DesignEditor; canEdit: boolean }) {
  const [open, setOpen] = useState(false);
  // Kept here: a successful save re-keys the form with the saved values.
  const [saved, setSaved] = useState(false);
  return (
    <Card
      title="API settings"
      actions={
        <button type="button" className="text-xs text-indigo-700 hover:underline" onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? "Hide settings" : "Edit settings"}
        </button>
      }
    >
      <ApiSettingsSummary design={design} />
      {open && <ApiSettingsForm key={apiSettingsKey(design)} design={design} editor={editor} canEdit={canEdit} saved={saved} setSaved={setSaved} />}
    </Card>
  );
}

function ApiSettingsSummary({ design }: { design: ApiDesign }) {
  return (
    <>
      <p className="text-xs text-slate-500" data-testid="api-settings-summary">
        {design.endpointType} · API key source {design.apiKeySource} · compression{" "}
        {design.minimumCompressionSize === null ? "off" : `≥ ${design.minimumCompressionSize} B`} · binary{" "}
        {design.binaryMediaTypes.length ? design.binaryMediaTypes.join(", ") : "none"}
        {design.policy ? " · resource policy" : ""}
        {design.disableExecuteApiEndpoint ? " · default endpoint off" : ""}
      </p>
      {apiSettingsWarnings(design).map((w) => (
        <p key={w.field} className="mt-2 rounded bg-amber-50 px-2 py-1 text-xs text-amber-800" data-testid="api-settings-warning">
          {w.message}
        </p>
      ))}
    </>
  );
}

function ApiSettingsForm({
  design,
  editor,
  canEdit,
  saved,
  setSaved,
}: {
  design: ApiDesign;
  editor: DesignEditor;
  canEdit: boolean;
  saved: boolean;
  setSaved: (v: boolean) => void;
}) {
  const { form, set } = useFormState(() => apiSettingsForm(design));
  const fe = editor.fieldErrors;
  return (
    <form
      className="mt-3 space-y-3"
      data-testid="api-settings-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setSaved(false);
        // The form says so itself ("API settings saved"), so no toast.
        setSaved((await editor.run(updateApiCommand(form), null)).ok);
      }}
    >
      <fieldset disabled={!canEdit} className="grid min-w-0 gap-3 sm:grid-cols-2">
        <ApiSettingsFields form={form} set={set} fe={fe} />
        <ApiSettingsTexts form={form} set={set} fe={fe} />
      </fieldset>
      {canEdit && (
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={editor.pending}>
            Save API settings
          </Button>
          {saved && (
            <span role="status" className="text-xs text-green-700">
              API settings saved
            </span>
          )}
        </div>
      )}
    </form>
  );
}

type FieldsProps = { form: ApiSettingsFormState; set: SetField<ApiSettingsFormState>; fe: Record<string, string> };

function ApiSettingsFields({ form, set, fe }: FieldsProps) {
  return (
    <>
      <Field label="API name" name="name" value={form.name} onChange={(e) => set("name", e.target.value)} error={fe.name} />
      <Field label="API description" name="description" value={form.description} onChange={(e) => set("description", e.target.value)} error={fe.description} />
      <SelectField
        label="Endpoint type"
        name="endpointType"
        value={form.endpointType}
        onChange={(e) => set("endpointType", e.target.value as ApiSettingsFormState["endpointType"])}
        options={ENDPOINT_TYPES}
        error={fe.endpointType}
      />
      <SelectField
        label="API key source"
        name="apiKeySource"
        value={form.apiKeySource}
        onChange={(e) => set("apiKeySource", e.target.value as ApiSettingsFormState["apiKeySource"])}
        options={["HEADER", "AUTHORIZER"]}
        error={fe.apiKeySource}
      />
      <Field
        label="Minimum compression size (bytes)"
        name="minimumCompressionSize"
        inputMode="numeric"
        value={form.compression}
        onChange={(e) => set("compression", e.target.value)}
        error={fe.minimumCompressionSize}
        hint="0 to 10485760; empty turns compression off."
      />
      <Checkbox
        className="self-end"
        label="Disable the default execute-api endpoint"
        checked={form.disableDefault}
        onChange={(e) => set("disableDefault", e.target.checked)}
      />
    </>
  );
}

function ApiSettingsTexts({ form, set, fe }: FieldsProps) {
  return (
    <>
      <TextAreaField
        className="sm:col-span-2"
        mono
        label="Binary media types"
        name="binaryMediaTypes"
        rows={2}
        value={form.binary}
        onChange={(e) => set("binary", e.target.value)}
        placeholder={"image/png\napplication/octet-stream\n*/*"}
        error={errorAt(fe, "binaryMediaTypes")}
      />
      <TextAreaField
        className="sm:col-span-2"
        mono
        label="Resource policy (JSON)"
        name="policy"
        rows={5}
        value={form.policy}
        onChange={(e) => set("policy", e.target.value)}
        placeholder='{"Version": "2012-10-17", "Statement": [...]}'
        error={fe.policy}
      />
    </>
  );
}
