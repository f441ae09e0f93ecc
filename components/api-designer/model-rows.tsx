"use client";
/** Content type → model rows, for method requests and method responses (built-in and this API's models offered). */
import { Select } from "@/components/ui/field";
import type { ApiDesign } from "@/lib/model/design";
import { BUILT_IN_MODELS } from "@/lib/model/rules";
import type { ModelRow } from "./method-forms";
import { RowList, rowInput } from "./rows";

export function ModelRows({
  label,
  addLabel,
  controlLabel,
  design,
  rows,
  onChange,
  canEdit,
  error,
}: {
  label: string;
  addLabel: string;
  /** Prefixes the row controls' names: "Model 1" for requests, "Response model 1" for responses. */
  controlLabel: "Model" | "Response model";
  design: ApiDesign;
  rows: ModelRow[];
  onChange: (rows: ModelRow[]) => void;
  canEdit: boolean;
  error?: string;
}) {
  const modelNames = [...BUILT_IN_MODELS, ...design.models.map((m) => m.name)];
  return (
    <RowList
      label={label}
      rows={rows}
      onChange={onChange}
      blank={{ contentType: "application/json", model: "Empty" }}
      addLabel={addLabel}
      disabled={!canEdit}
      error={error}
      render={(m, set, i) => (
        <>
          <input
            aria-label={`${controlLabel} content type ${i}`}
            className={rowInput}
            value={m.contentType}
            onChange={(e) => set({ ...m, contentType: e.target.value })}
          />
          <Select
            aria-label={`${controlLabel} ${i}`}
            value={m.model}
            onChange={(e) => set({ ...m, model: e.target.value })}
            options={modelNames.includes(m.model) ? modelNames : [m.model, ...modelNames]}
          />
        </>
      )}
    />
  );
}
