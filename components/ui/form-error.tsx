import type { ReactNode } from "react";
import type { ActionFailure } from "@/lib/http/action-reply";
import { Button } from "./button";

/**
 * A form's own error under its fields (role="alert", read out when it appears). When the failure names
 * fields, their messages stand next to them and this says so instead of repeating one of them; a 409
 * (someone saved first) offers a reload when the form can do one.
 */
export function FormError({
  failure,
  fieldsNote = false,
  onReload,
  className = "",
  children,
  ...rest
}: {
  failure: Pick<ActionFailure, "error" | "status" | "fieldErrors"> | null | undefined;
  /** With field errors: say "see the messages next to them" (true), or say nothing (false). */
  fieldsNote?: boolean;
  onReload?: () => void;
  className?: string;
  /** Phrasing content only (it renders in a <p>, which `p[role=alert]` locators find). */
  children?: ReactNode;
  "data-testid"?: string;
}) {
  if (!failure) return null;
  const text = failure.fieldErrors ? (fieldsNote ? "Some fields are not valid: see the messages next to them." : null) : failure.error;
  if (!text) return null;
  return (
    <p role="alert" className={`rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ${className}`} {...rest}>
      {text}
      {failure.status === 409 && onReload && (
        <Button variant="secondary" className="ml-2" onClick={onReload}>
          Reload
        </Button>
      )}
      {children}
    </p>
  );
}
