"use client";

import { useState } from "react";
import type { ApiDesign, GatewayResponse } from "@/lib/model/design";
import { GATEWAY_RESPONSE_TYPES } from "@/lib/model/gateway-responses";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, SelectField, TextAreaField } from "@/components/ui/field";
import { TemplateEditor } from "@/components/editor/lazy";
import { errorAt } from "./rows";
import type { DesignEditor } from "./use-design";
import { useFormState, type SetField } from "./use-form-state";
import { gatewayResponseForm, gatewayResponseFromForm, type GatewayResponseFormState } from "./gateway-response-form";

const TYPES = Object.keys(GATEWAY_RESPONSE_TYPES).sort();

/** The API's gateway responses: how API Gateway answers its own errors (templates: substitution only). */
export function GatewayResponsesCard({
  design,
  editor,
  canEdit,
  stageVariableNames,
}: {
  design: ApiDesign;
  editor: DesignEditor;
  canEdit: boolean;
  stageVariableNames?: string[];
}) {
  const configured = design.gatewayResponses;
  const [selected, setSelected] = useState<string>(configured[0]?.responseType ?? "DEFAULT_4XX");
  const current = configured.find((g) => g.responseType === selected);
  return (
    <Card title="Gateway responses">
      <div className="mb-3 flex flex-wrap gap-2" data-testid="gateway-responses">
        {configured.length === 0 && <span className="text-sm text-slate-500">None configured: API Gateway answers its errors with its defaults.</span>}
        {configured.map((g) => (
          <button
            key={g.responseType}
            type="button"
            onClick={() => setSelected(g.responseType)}
            className={`rounded px-2 py-1 font-mono text-xs ${selected === g.responseType ? "bg-indigo-600 text-white" : "bg-slate-100"}`}
            data-testid="gateway-response"
          >
            {g.responseType}
            {g.statusCode ? ` ${g.statusCode}` : ""}
          </button>
        ))}
      </div>
      <GatewayResponseForm
        key={`${selected}:${current ? JSON.stringify(current) : ""}`}
        responseType={selected}
        initial={current}
        editor={editor}
        canEdit={canEdit}
        onTypeChange={setSelected}
        stageVariableNames={stageVariableNames}
      />
    </Card>
  );
}

function GatewayResponseForm({
  responseType,
  initial,
  editor,
  canEdit,
  onTypeChange,
  stageVariableNames,
}: {
  responseType: string;
  initial?: GatewayResponse;
  editor: DesignEditor;
  canEdit: boolean;
  onTypeChange: (t: string) => void;
  stageVariableNames?: string[];
}) {
  const { form, set } = useFormState(() => gatewayResponseForm(initial));
  const fe = editor.fieldErrors;
  return (
    <div className="space-y-3" data-testid="gateway-response-form">
      <fieldset disabled={!canEdit} className="min-w-0 space-y-3">
        <GatewayResponseFields responseType={responseType} onTypeChange={onTypeChange} form={form} set={set} fe={fe} />
      </fieldset>
      <div>
        <p className="mb-1 text-sm font-medium text-slate-700">Response template (application/json)</p>
        <TemplateEditor
          value={form.template}
          onChange={(template) => set("template", template)}
          ariaLabel="gateway-response-template"
          readOnly={!canEdit}
          mode="substitution"
          contentType="application/json"
          stageVariableNames={stageVariableNames}
          kind="gateway"
          height={120}
        />
      </div>
      {canEdit && (
        <div className="flex gap-2">
          <Button
            type="button"
            variant="secondary"
            disabled={editor.pending}
            onClick={() => void editor.run({ type: "putGatewayResponse", response: gatewayResponseFromForm(responseType, initial, form) })}
          >
            Save gateway response
          </Button>
          {initial && (
            <Button
              type="button"
              variant="secondary"
              disabled={editor.pending}
              onClick={() => void editor.run({ type: "deleteGatewayResponse", responseType })}
            >
              Reset to default
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

function GatewayResponseFields({
  responseType,
  onTypeChange,
  form,
  set,
  fe,
}: {
  responseType: string;
  onTypeChange: (t: string) => void;
  form: GatewayResponseFormState;
  set: SetField<GatewayResponseFormState>;
  fe: Record<string, string>;
}) {
  const defaultStatus = GATEWAY_RESPONSE_TYPES[responseType];
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label="Response type"
          name="gatewayResponse.responseType"
          value={responseType}
          onChange={(e) => onTypeChange(e.target.value)}
          options={TYPES}
          error={fe["gatewayResponse.responseType"]}
        />
        <Field
          label="Response status"
          name="gatewayResponse.statusCode"
          inputMode="numeric"
          value={form.statusCode}
          onChange={(e) => set("statusCode", e.target.value)}
          placeholder={defaultStatus ? String(defaultStatus) : "4XX/5XX default"}
          hint={`Empty: AWS's default (${defaultStatus ?? "the error's own status"}).`}
          error={fe["gatewayResponse.statusCode"]}
        />
      </div>
      <TextAreaField
        mono
        label="Response headers (gatewayresponse.header.NAME=value, one per line)"
        name="gatewayResponse.responseParameters"
        rows={2}
        value={form.headers}
        onChange={(e) => set("headers", e.target.value)}
        placeholder="gatewayresponse.header.Access-Control-Allow-Origin='*'"
        spellCheck={false}
        error={errorAt(fe, "gatewayResponse.responseParameters")}
      />
    </>
  );
}
