/**
 * The stage settings form's values, derived from the table (lib/stage/settings/fields.ts): what
 * each row's control holds (text for numbers, so a half-typed value stays as typed) and the
 * settings input it sends. Plain data, so the form's components stay layout only.
 */
import type { StoredStageSettings } from "../settings";
import { type FormControl, type MethodFieldName, type MethodSetting, methodFieldEntries, type StageSettingName, settingEntries } from "./fields";

export type ControlValue = string | boolean | Record<string, string>;
export type FormRow = [StageSettingName, FormControl];

/** The table's stage settings the form renders a control for, in the table's order. */
export const formControls = (): FormRow[] =>
  settingEntries().flatMap(([name, row]) => (row.editedBy === "settings" && row.form && row.form.kind !== "custom" ? [[name, row.form] as FormRow] : []));

/** A flag a row needs, when it is off in `values` (its control is disabled, its value not sent). */
export function switchedOffIn(name: StageSettingName, values: Record<string, ControlValue>): boolean {
  const needs = settingEntries().find(([n]) => n === name)?.[1].requires;
  return !!needs && values[needs] !== true;
}

function controlValue(control: FormControl, value: unknown, fallback: unknown): ControlValue {
  const v = value ?? fallback;
  if (control.kind === "checkbox") return v === true;
  if (control.kind === "parts")
    return Object.fromEntries(control.parts.map((p) => [p.name, String((v as Record<string, unknown> | undefined)?.[p.name] ?? "")]));
  if (control.kind === "select") return String(v ?? control.options[0]);
  return v === undefined || v === null ? "" : String(v);
}

/** What each control shows for the stored settings. */
export function stageFormValues(settings: StoredStageSettings): Record<string, ControlValue> {
  const rows = new Map(settingEntries());
  return Object.fromEntries(formControls().map(([name, control]) => [name, controlValue(control, settings[name], rows.get(name)?.default)]));
}

const blank = (s: string) => s.trim() === "";

/** The settings input for what the controls hold: a cleared field sends null (not set), a switched-off one nothing. */
export function stageInputFromForm(values: Record<string, ControlValue>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, control] of formControls()) {
    const v = values[name];
    if (switchedOffIn(name, values)) input[name] = undefined;
    else if (control.kind === "parts") input[name] = Object.values(v as Record<string, string>).every(blank) ? null : v;
    else if (control.kind === "text") input[name] = blank(v as string) ? null : (v as string).trim();
    else if (control.kind === "number") input[name] = blank(v as string) ? null : Number(v);
    else input[name] = v;
  }
  return input;
}

/** One method setting as its controls hold it. */
export type MethodFormRow = { key: string } & Record<MethodFieldName, string | boolean>;

export function methodFormRow(key: string, m?: Partial<MethodSetting>): MethodFormRow {
  const row: Record<string, string | boolean> = { key };
  for (const [name, field] of methodFieldEntries())
    row[name] = controlValue(field.form ?? { kind: "text", label: name }, m?.[name], field.default) as string | boolean;
  return row as MethodFormRow;
}

/** A method setting's input: numbers from their text (empty: unset, or the field's default). */
export function methodInputFromForm(row: MethodFormRow): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, field] of methodFieldEntries()) {
    const v = row[name];
    input[name] = field.form?.kind === "number" ? (blank(v as string) ? field.default : Number(v)) : v;
  }
  return input;
}
