"use client";

import { useState } from "react";
import { ENDPOINT_TYPES, type ApiDesign } from "@/lib/model/design";
import { apiSettingsWarnings } from "@/lib/model/rules";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, SelectField } from "@/components/ui/field";
import type { useEditDesign } from "./use-design";

const errorFor = (fe: Record<string, string>, prefix: string) => Object.entries(fe).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];

/** The API's own settings (UpdateRestApi): one form, one updateApi command. */
export function ApiSettingsCard({ design, editor, canEdit }: { design: ApiDesign; editor: ReturnType<typeof useEditDesign>; canEdit: boolean }) {
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
      {open && (
        <ApiSettingsForm
          key={JSON.stringify([
            design.name,
            design.description,
            design.endpointType,
            design.binaryMediaTypes,
            design.minimumCompressionSize,
            design.apiKeySource,
            design.policy,
            design.disableExecuteApiEndpoint,
          ])}
          design={design}
          editor={editor}
          canEdit={canEdit}
          saved={saved}
          setSaved={setSaved}
        />
      )}
    </Card>
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
  editor: ReturnType<typeof useEditDesign>;
  canEdit: boolean;
  saved: boolean;
  setSaved: (v: boolean) => void;
}) {
  const [name, setName] = useState(design.name);
  const [description, setDescription] = useState(design.description);
  const [endpointType, setEndpointType] = useState(design.endpointType);
  const [binary, setBinary] = useState(design.binaryMediaTypes.join("\n"));
  const [compression, setCompression] = useState(design.minimumCompressionSize === null ? "" : String(design.minimumCompressionSize));
  const [apiKeySource, setApiKeySource] = useState(design.apiKeySource);
  const [policy, setPolicy] = useState(design.policy ?? "");
  const [disableDefault, setDisableDefault] = useState(design.disableExecuteApiEndpoint);
  const fe = editor.error?.fieldErrors ?? {};
  return (
    <form
      className="mt-3 space-y-3"
      data-testid="api-settings-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setSaved(false);
        const ok = await editor.edit({
          type: "updateApi",
          name,
          description,
          endpointType,
          binaryMediaTypes: binary
            .split(/[\n,]/)
            .map((t) => t.trim())
            .filter(Boolean),
          // Not a number is sent as-is so the server names the field; empty turns compression off.
          minimumCompressionSize: compression.trim() === "" ? null : Number(compression),
          apiKeySource,
          policy: policy.trim() ? policy : null,
          disableExecuteApiEndpoint: disableDefault,
        });
        setSaved(!!ok);
      }}
    >
      <fieldset disabled={!canEdit} className="grid min-w-0 gap-3 sm:grid-cols-2">
        <Field label="API name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={fe.name} />
        <Field label="API description" name="description" value={description} onChange={(e) => setDescription(e.target.value)} error={fe.description} />
        <SelectField
          label="Endpoint type"
          name="endpointType"
          value={endpointType}
          onChange={(e) => setEndpointType(e.target.value as never)}
          options={ENDPOINT_TYPES}
          error={fe.endpointType}
        />
        <SelectField
          label="API key source"
          name="apiKeySource"
          value={apiKeySource}
          onChange={(e) => setApiKeySource(e.target.value as never)}
          options={["HEADER", "AUTHORIZER"]}
          error={fe.apiKeySource}
        />
        <Field
          label="Minimum compression size (bytes)"
          name="minimumCompressionSize"
          inputMode="numeric"
          value={compression}
          onChange={(e) => setCompression(e.target.value)}
          error={fe.minimumCompressionSize}
          hint="0 to 10485760; empty turns compression off."
        />
        <label className="flex items-center gap-2 self-end text-sm">
          <input type="checkbox" checked={disableDefault} onChange={(e) => setDisableDefault(e.target.checked)} /> Disable the default execute-api endpoint
        </label>
        <div className="sm:col-span-2">
          <label className="block text-sm font-medium text-slate-700" htmlFor="binaryMediaTypes">
            Binary media types
          </label>
          <textarea
            id="binaryMediaTypes"
            name="binaryMediaTypes"
            rows={2}
            value={binary}
            onChange={(e) => setBinary(e.target.value)}
            placeholder={"image/png\napplication/octet-stream\n*/*"}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2.5 py-1.5 font-mono text-sm"
            aria-invalid={!!errorFor(fe, "binaryMediaTypes")}
          />
          {errorFor(fe, "binaryMediaTypes") && (
            <p className="mt-1 text-xs text-red-600" data-field-error="binaryMediaTypes">
              {errorFor(fe, "binaryMediaTypes")}
            </p>
          )}
        </div>
        <div className="sm:col-span-2">
          <label className="block text-sm font-medium text-slate-700" htmlFor="policy">
            Resource policy (JSON)
          </label>
          <textarea
            id="policy"
            name="policy"
            rows={5}
            value={policy}
            onChange={(e) => setPolicy(e.target.value)}
            placeholder='{"Version": "2012-10-17", "Statement": [...]}'
            className="mt-1 block w-full rounded-md border border-slate-300 px-2.5 py-1.5 font-mono text-xs"
            aria-invalid={!!fe.policy}
          />
          {fe.policy && (
            <p className="mt-1 text-xs text-red-600" data-field-error="policy">
              {fe.policy}
            </p>
          )}
        </div>
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
