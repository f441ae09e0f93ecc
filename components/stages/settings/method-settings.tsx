"use client";
/** Method settings for all methods (`*\/*`) or one method (`/pets/GET`): one card per key, its controls from the table's method fields. */
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { METHOD_SETTING_FIELDS, type MethodFieldName } from "@/lib/stage/settings/fields";
import { type MethodFormRow, methodFormRow } from "@/lib/stage/settings/form-values";
import { SettingControl } from "./setting-control";

const FIELDS = Object.entries(METHOD_SETTING_FIELDS) as [MethodFieldName, (typeof METHOD_SETTING_FIELDS)[MethodFieldName]][];
const INPUTS = FIELDS.filter(([, f]) => f.form?.kind !== "checkbox");
const CHECKS = FIELDS.filter(([, f]) => f.form?.kind === "checkbox");

interface Props {
  rows: MethodFormRow[];
  onChange: (rows: MethodFormRow[]) => void;
  /** `*\/*` and the `{path}/{VERB}` keys of the stage's deployment. */
  methodKeys: string[];
  errorOf: (name: string) => string | undefined;
}

function MethodSettingCard({
  row,
  onChange,
  onRemove,
  errorOf,
}: {
  row: MethodFormRow;
  onChange: (row: MethodFormRow) => void;
  onRemove: () => void;
  errorOf: Props["errorOf"];
}) {
  const control = ([name, field]: (typeof FIELDS)[number]) =>
    field.form && (
      <SettingControl
        key={name}
        name={`methodSettings.${row.key}.${name}`}
        control={field.form}
        value={row[name]}
        onChange={(v) => onChange({ ...row, [name]: v as string | boolean })}
        errorOf={errorOf}
      />
    );
  const own = errorOf(`methodSettings.${row.key}`);
  return (
    <div className="mt-2 rounded-md border border-slate-200 p-2" data-method-setting={row.key}>
      <div className="flex items-center justify-between">
        <span className="font-mono text-sm">{row.key}</span>
        <Button type="button" variant="ghost" onClick={onRemove}>
          Remove
        </Button>
      </div>
      {own && (
        <p className="text-xs text-red-600" data-field-error={`methodSettings.${row.key}`}>
          {own}
        </p>
      )}
      <div className="grid gap-2 sm:grid-cols-4">{INPUTS.map(control)}</div>
      <div className="mt-1 flex flex-wrap gap-4">{CHECKS.map(control)}</div>
    </div>
  );
}

export function MethodSettingsEditor({ rows, onChange, methodKeys, errorOf }: Props) {
  const unused = (k: string) => !rows.some((r) => r.key === k);
  const [newKey, setNewKey] = useState(methodKeys.find(unused) ?? methodKeys[0]);
  return (
    <div>
      <h3 className="text-sm font-semibold">Method settings</h3>
      <p className="text-xs text-slate-500">*/* applies to every method; a method's own row overrides it.</p>
      {rows.map((r, i) => (
        <MethodSettingCard
          key={r.key}
          row={r}
          onChange={(next) => onChange(rows.map((x, j) => (j === i ? next : x)))}
          onRemove={() => onChange(rows.filter((_, j) => j !== i))}
          errorOf={errorOf}
        />
      ))}
      <div className="mt-2 flex items-end gap-2">
        <SelectField
          label="Method"
          name="newMethodSetting"
          value={newKey}
          onChange={(e) => setNewKey(e.target.value)}
          options={methodKeys.filter(unused)}
          className="flex-1"
        />
        <Button
          type="button"
          variant="secondary"
          disabled={!newKey || !unused(newKey)}
          onClick={() => {
            onChange([...rows, methodFormRow(newKey)]);
            setNewKey(methodKeys.find((k) => k !== newKey && unused(k)) ?? "");
          }}
        >
          Add method setting
        </Button>
      </div>
    </div>
  );
}
