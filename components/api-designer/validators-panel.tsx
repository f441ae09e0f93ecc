"use client";

import { useState } from "react";
import type { ApiDesign, RequestValidator } from "@/lib/model/design";
import { requestValidatorUsages } from "@/lib/model/component-usages";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Checkbox } from "@/components/ui/field";
import { type DesignEditor, savedDesign } from "./use-design";
import { useFormState } from "./use-form-state";
import { ComponentActions } from "./component-actions";

/** Request validators: which parts of a request API Gateway checks before the integration runs. */
export function ValidatorsPanel({ design, editor, canEdit }: { design: ApiDesign; editor: DesignEditor; canEdit: boolean }) {
  const [selectedId, setSelectedId] = useState<string | null>(design.requestValidators[0]?.id ?? null);
  const selected = design.requestValidators.find((v) => v.id === selectedId);
  return (
    <Card
      title="Request validators"
      actions={
        canEdit && selected ? (
          <Button type="button" variant="ghost" onClick={() => setSelectedId(null)}>
            New validator
          </Button>
        ) : undefined
      }
    >
      <div className="mb-3 flex flex-wrap gap-2" data-testid="validators">
        {design.requestValidators.length === 0 && <span className="text-sm text-slate-500">No request validators.</span>}
        {design.requestValidators.map((v) => (
          <button
            key={v.id}
            type="button"
            onClick={() => setSelectedId(v.id)}
            className={`rounded px-2 py-1 text-xs ${selected?.id === v.id ? "bg-indigo-600 text-white" : "bg-slate-100"}`}
            data-testid="validator"
          >
            {v.name}
          </button>
        ))}
      </div>
      <ValidatorForm
        key={selected ? `${selected.id}:${JSON.stringify(selected)}` : "new"}
        design={design}
        validator={selected}
        editor={editor}
        canEdit={canEdit}
        onSaved={setSelectedId}
      />
    </Card>
  );
}

function ValidatorForm({
  design,
  validator,
  editor,
  canEdit,
  onSaved,
}: {
  design: ApiDesign;
  validator?: RequestValidator;
  editor: DesignEditor;
  canEdit: boolean;
  onSaved: (id: string | null) => void;
}) {
  const { form, set } = useFormState(() => ({
    name: validator?.name ?? "",
    validateRequestBody: validator?.validateRequestBody ?? true,
    validateRequestParameters: validator?.validateRequestParameters ?? true,
  }));
  const fe = editor.fieldErrors;
  const uses = validator ? requestValidatorUsages(design, validator.id) : [];

  const save = async () => {
    if (validator) return void editor.run({ type: "updateRequestValidator", validatorId: validator.id, changes: form });
    const saved = savedDesign(await editor.run({ type: "createRequestValidator", validator: form }));
    const created = saved?.requestValidators.find((v) => v.name === form.name.trim());
    if (created) onSaved(created.id);
  };
  const remove = async () => {
    if (validator && (await editor.run({ type: "deleteRequestValidator", validatorId: validator.id })).ok) onSaved(null);
  };

  return (
    <div className="space-y-3" data-testid="validator-form">
      <fieldset disabled={!canEdit} className="min-w-0 space-y-2">
        <Field label="Validator name" name="validator.name" value={form.name} onChange={(e) => set("name", e.target.value)} error={fe["validator.name"]} />
        <Checkbox label="Validate body" checked={form.validateRequestBody} onChange={(e) => set("validateRequestBody", e.target.checked)} />
        <Checkbox
          label="Validate query string parameters and headers"
          checked={form.validateRequestParameters}
          onChange={(e) => set("validateRequestParameters", e.target.checked)}
        />
      </fieldset>
      {validator && (
        <p className="text-xs text-slate-500" data-testid="validator-usages">
          {uses.length ? `Used by ${uses.join(", ")}.` : "Not used by any method."}
        </p>
      )}
      {fe.validatorId && (
        <p className="text-xs text-red-600" data-field-error="validatorId">
          {fe.validatorId}
        </p>
      )}
      {canEdit && <ComponentActions noun="validator" exists={!!validator} pending={editor.pending} onSave={() => void save()} onDelete={() => void remove()} />}
    </div>
  );
}
