"use client";
/** One stage setting's control, as its row in the settings table (lib/stage/settings/fields.ts) describes it. */
import { Checkbox, Field, SelectField } from "@/components/ui/field";
import type { ControlValue } from "@/lib/stage/settings/form-values";
import type { FormControl } from "@/lib/stage/settings/fields";

export interface SettingControlProps {
  /** The field's name: the setting's (`tracingEnabled`) or a method field's (`methodSettings.*\/*.loggingLevel`). */
  name: string;
  control: FormControl;
  value: ControlValue;
  onChange: (value: ControlValue) => void;
  /** Field-level messages by field name. */
  errorOf: (name: string) => string | undefined;
  disabled?: boolean;
}

export function SettingControl({ name, control, value, onChange, errorOf, disabled }: SettingControlProps) {
  switch (control.kind) {
    case "checkbox":
      return <Checkbox label={control.label} name={name} checked={value === true} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />;
    case "select":
      return (
        <SelectField
          label={control.label}
          name={name}
          value={value as string}
          onChange={(e) => onChange(e.target.value)}
          options={[...control.options]}
          disabled={disabled}
          error={errorOf(name)}
        />
      );
    case "text":
    case "number":
      return (
        <Field
          label={control.label}
          name={name}
          value={value as string}
          onChange={(e) => onChange(e.target.value)}
          error={errorOf(name)}
          disabled={disabled}
          {...(control.kind === "number" ? { inputMode: control.inputMode } : { hint: control.hint, placeholder: control.placeholder })}
        />
      );
    case "parts":
      return control.parts.map((part) => (
        <Field
          key={part.name}
          label={part.label}
          name={`${name}.${part.name}`}
          value={(value as Record<string, string>)[part.name]}
          onChange={(e) => onChange({ ...(value as Record<string, string>), [part.name]: e.target.value })}
          error={errorOf(`${name}.${part.name}`)}
          placeholder={part.placeholder}
          disabled={disabled}
        />
      ));
    default:
      return null;
  }
}
