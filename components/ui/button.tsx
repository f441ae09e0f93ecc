import type { ButtonHTMLAttributes } from "react";

const VARIANTS = {
  primary: "bg-indigo-600 text-white shadow-sm hover:bg-indigo-500 disabled:bg-indigo-300",
  secondary: "border border-slate-300 bg-white text-slate-800 shadow-sm hover:bg-slate-50 disabled:text-slate-400",
  danger: "bg-red-600 text-white shadow-sm hover:bg-red-500 disabled:bg-red-300",
  ghost: "text-slate-700 hover:bg-slate-100 disabled:text-slate-400",
  /** Inline, like a link inside a sentence. */
  link: "text-indigo-700 underline hover:text-indigo-600 disabled:text-slate-400",
};

const SIZES = {
  md: "rounded-md px-3 py-1.5 text-sm",
  sm: "rounded-md px-2 py-0.5 text-xs",
  inline: "",
};

export type ButtonVariant = keyof typeof VARIANTS;

/**
 * The console's button. `type` defaults to "button" (a submit must say so); `pending` disables it and
 * marks it busy while its action runs, so a second click cannot send the action twice.
 */
export function Button({
  variant = "primary",
  size,
  pending = false,
  disabled,
  type = "button",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: keyof typeof SIZES; pending?: boolean }) {
  const sizing = SIZES[size ?? (variant === "link" ? "inline" : "md")];
  return (
    <button
      type={type}
      {...props}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      className={`inline-flex items-center justify-center gap-1 font-medium transition focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-1 disabled:cursor-not-allowed ${sizing} ${VARIANTS[variant]} ${className}`}
    />
  );
}
