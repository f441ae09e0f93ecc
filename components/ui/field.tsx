import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";

const INPUT = "mt-1 block w-full rounded-md border px-2.5 py-1.5 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500";

/** A labelled input with its field-level error underneath. */
export function Field({
  label,
  error,
  hint,
  className = "",
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: ReactNode }) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        {...props}
        className={`${INPUT} ${error ? "border-red-400" : "border-slate-300"}`}
      />
      {hint && !error && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-600" data-field-error={props.name}>
          {error}
        </p>
      )}
    </div>
  );
}

export function SelectField({
  label,
  error,
  options,
  className = "",
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; error?: string; options: readonly (string | { value: string; label: string })[] }) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={id} aria-invalid={!!error} {...props} className={`${INPUT} bg-white ${error ? "border-red-400" : "border-slate-300"}`}>
        {options.map((o) => {
          const { value, label: text } = typeof o === "string" ? { value: o, label: o } : o;
          return (
            <option key={value} value={value}>
              {text}
            </option>
          );
        })}
      </select>
      {error && (
        <p className="mt-1 text-xs text-red-600" data-field-error={props.name}>
          {error}
        </p>
      )}
    </div>
  );
}
