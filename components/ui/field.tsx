import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from "react";

/**
 * Form fields with their label, hint and field-level error, so every form looks and reads the same.
 * The error carries `data-field-error={name}` (browser tests find a field's message by it) and is tied
 * to the control with aria-describedby; disabled controls are greyed, so viewers see they cannot edit.
 */
const CONTROL =
  "mt-1 block w-full rounded-md border px-2.5 py-1.5 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500 disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500";

const border = (error?: string) => (error ? "border-red-400" : "border-slate-300");

interface FieldFrame {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  className?: string;
}

/** The label, the control (given its id and aria props) and, under it, the hint or the error. */
function Frame({ label, error, hint, className = "", name, render }: FieldFrame & { name?: string; render: (aria: AriaProps) => ReactNode }) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {render({ id, "aria-invalid": !!error, "aria-describedby": describedBy })}
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} name={name} message={error} />
    </div>
  );
}

interface AriaProps {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby"?: string;
}

/** A field-level message on its own, for errors of fields that are not one control (e.g. lines of a textarea). */
export function FieldError({ id, name, message }: { id?: string; name?: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-xs text-red-600" data-field-error={name}>
      {message}
    </p>
  );
}

/** A labelled input with its field-level error underneath. */
export function Field({ label, error, hint, className, ...props }: InputHTMLAttributes<HTMLInputElement> & FieldFrame) {
  return (
    <Frame
      label={label}
      error={error}
      hint={hint}
      className={className}
      name={props.name}
      render={(aria) => <input {...aria} {...props} className={`${CONTROL} ${border(error)}`} />}
    />
  );
}

export type Option = string | { value: string; label: string; disabled?: boolean };

export function SelectField({
  label,
  error,
  hint,
  options,
  className,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & FieldFrame & { options: readonly Option[] }) {
  return (
    <Frame
      label={label}
      error={error}
      hint={hint}
      className={className}
      name={props.name}
      render={(aria) => (
        <select {...aria} {...props} className={`${CONTROL} bg-white ${border(error)}`}>
          <Options options={options} />
        </select>
      )}
    />
  );
}

/** A select without its own label, for a table cell or a toolbar (give it an aria-label). */
export function Select({ options, className = "", ...props }: SelectHTMLAttributes<HTMLSelectElement> & { options: readonly Option[] }) {
  return (
    <select
      {...props}
      className={`rounded border border-slate-300 bg-white px-2 py-1 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500 ${className}`}
    >
      <Options options={options} />
    </select>
  );
}

function Options({ options }: { options: readonly Option[] }) {
  return options.map((o) => {
    const { value, label, disabled } = typeof o === "string" ? { value: o, label: o, disabled: false } : o;
    return (
      <option key={value} value={value} disabled={disabled}>
        {label}
      </option>
    );
  });
}

/** A labelled textarea; `mono` for code-like text (name=value lines, documents). */
export function TextAreaField({
  label,
  error,
  hint,
  className,
  mono = false,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & FieldFrame & { mono?: boolean }) {
  return (
    <Frame
      label={label}
      error={error}
      hint={hint}
      className={className}
      name={props.name}
      render={(aria) => <textarea {...aria} {...props} className={`${CONTROL} ${mono ? "font-mono text-xs" : ""} ${border(error)}`} />}
    />
  );
}

/** A checkbox (or, with type="radio", a radio button) with its label to the right. */
export function Checkbox({
  label,
  className = "",
  type = "checkbox",
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { label: ReactNode; type?: "checkbox" | "radio" }) {
  return (
    <label className={`flex items-start gap-2 text-sm has-[:disabled]:cursor-not-allowed has-[:disabled]:text-slate-500 ${className}`}>
      <input
        type={type}
        {...props}
        className="mt-0.5 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-1 disabled:cursor-not-allowed"
      />
      <span>{label}</span>
    </label>
  );
}
