"use client";

import { useState } from "react";
import type { ApiDesign, Model } from "@/lib/model/design";
import { modelRefUrl, modelUsages } from "@/lib/model/component-usages";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { JsonSchemaEditor } from "@/components/editor/lazy";
import { type DesignEditor, savedDesign } from "./use-design";
import { useFormState } from "./use-form-state";
import { ComponentActions } from "./component-actions";

const STARTER = `{
  "$schema": "http://json-schema.org/draft-04/schema#",
  "title": "Pet",
  "type": "object",
  "required": ["name"],
  "properties": {
    "name": { "type": "string" }
  }
}`;

/** The API's models: JSON Schema draft 4 documents that method requests and responses name. */
export function ModelsPanel({ design, editor, canEdit }: { design: ApiDesign; editor: DesignEditor; canEdit: boolean }) {
  const [selectedId, setSelectedId] = useState<string | null>(design.models[0]?.id ?? null);
  const selected = design.models.find((m) => m.id === selectedId);
  return (
    <Card
      title="Models"
      actions={
        canEdit && selected ? (
          <Button type="button" variant="ghost" onClick={() => setSelectedId(null)}>
            New model
          </Button>
        ) : undefined
      }
    >
      <div className="mb-3 flex flex-wrap gap-2" data-testid="models">
        {design.models.length === 0 && <span className="text-sm text-slate-500">No models yet (Empty and Error are built in).</span>}
        {design.models.map((m) => (
          <button
            key={m.id}
            type="button"
            onClick={() => setSelectedId(m.id)}
            className={`rounded px-2 py-1 font-mono text-xs ${selected?.id === m.id ? "bg-indigo-600 text-white" : "bg-slate-100"}`}
            data-testid="model"
          >
            {m.name}
          </button>
        ))}
      </div>
      <ModelForm
        key={selected ? `${selected.id}:${JSON.stringify(selected)}` : "new"}
        design={design}
        model={selected}
        editor={editor}
        canEdit={canEdit}
        onSaved={setSelectedId}
      />
    </Card>
  );
}

function ModelForm({
  design,
  model,
  editor,
  canEdit,
  onSaved,
}: {
  design: ApiDesign;
  model?: Model;
  editor: DesignEditor;
  canEdit: boolean;
  onSaved: (id: string | null) => void;
}) {
  const { form, set } = useFormState(() => ({
    name: model?.name ?? "",
    contentType: model?.contentType ?? "application/json",
    description: model?.description ?? "",
    schema: model?.schema ?? STARTER,
  }));
  const fe = editor.fieldErrors;
  const uses = model ? modelUsages(design, model.name) : [];

  const save = async () => {
    if (model) return void editor.run({ type: "updateModel", modelId: model.id, changes: form });
    const saved = savedDesign(await editor.run({ type: "createModel", model: form }));
    const created = saved?.models.find((m) => m.name === form.name.trim());
    if (created) onSaved(created.id);
  };
  const remove = async () => {
    if (model && (await editor.run({ type: "deleteModel", modelId: model.id })).ok) onSaved(null);
  };

  return (
    <div className="space-y-3" data-testid="model-form">
      <fieldset disabled={!canEdit} className="grid min-w-0 gap-3 sm:grid-cols-3">
        <Field
          label="Model name"
          name="model.name"
          value={form.name}
          onChange={(e) => set("name", e.target.value)}
          error={fe["model.name"]}
          hint="Letters and digits only."
        />
        <Field
          label="Content type"
          name="model.contentType"
          value={form.contentType}
          onChange={(e) => set("contentType", e.target.value)}
          error={fe["model.contentType"]}
        />
        <Field label="Model description" name="model.description" value={form.description} onChange={(e) => set("description", e.target.value)} />
      </fieldset>
      <ModelSchemaField
        design={design}
        name={form.name}
        schema={form.schema}
        onChange={(schema) => set("schema", schema)}
        canEdit={canEdit}
        error={fe["model.schema"]}
      />
      {model && (
        <p className="text-xs text-slate-500" data-testid="model-usages">
          {uses.length ? `Used by ${uses.join(", ")}. Renaming updates these references.` : "Not used by any method or model."}
        </p>
      )}
      {fe.modelId && (
        <p className="text-xs text-red-600" data-field-error="modelId">
          {fe.modelId}
        </p>
      )}
      {canEdit && <ComponentActions noun="model" exists={!!model} pending={editor.pending} onSave={() => void save()} onDelete={() => void remove()} />}
    </div>
  );
}

function ModelSchemaField({
  design,
  name,
  schema,
  onChange,
  canEdit,
  error,
}: {
  design: ApiDesign;
  name: string;
  schema: string;
  onChange: (schema: string) => void;
  canEdit: boolean;
  error?: string;
}) {
  return (
    <div>
      <p className="mb-1 text-sm font-medium text-slate-700">Schema (JSON Schema draft 4)</p>
      <JsonSchemaEditor value={schema} onChange={onChange} design={design} modelName={name.trim()} readOnly={!canEdit} />
      {error && (
        <p className="mt-1 text-xs text-red-600" data-field-error="model.schema">
          {error}
        </p>
      )}
      <p className="mt-1 text-xs text-slate-500">
        Refer to another model with <code className="font-mono">{`{"$ref": "${modelRefUrl("OtherModel")}"}`}</code>.
      </p>
    </div>
  );
}
