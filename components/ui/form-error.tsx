import type { ReactNode } from "react";
import type { ActionFailure } from "@/lib/http/action-reply";
import { Button } from "./button";

/**
 * A form's own error under its fields (role="alert", read out when it appears). When the failure names
 * fields, their messages stand next to them and this says so instead of repeating one of them — except
 * for fields the form does not show (`fieldShown`), whose messages are spelled out here, or the user
 * would be sent looking for messages that are nowhere. A 409 (someone saved first) offers a reload.
 */
export function FormError({
  failure,
  fieldsNote = false,
  fieldShown = () => false,
  onReload,
  className = "",
  children,
  ...rest
}: {
  failure: Pick<ActionFailure, "error" | "status" | "fieldErrors"> | null | undefined;
  /** With field errors: say "see the messages next to them" (true), or say nothing (false). */
  fieldsNote?: boolean;
  /**
   * Whether the form shows a field's message next to it (`fieldsShown("name", …)`). Default: none, so
   * every message is spelled out here: a form that forgets a field repeats a message rather than
   * leaving a refusal unexplained (a deployment refused for the design said nothing at all).
   */
  fieldShown?: (field: string) => boolean;
  onReload?: () => void;
  className?: string;
  /** Phrasing content only (it renders in a <p>, which `p[role=alert]` locators find). */
  children?: ReactNode;
  "data-testid"?: string;
}) {
  if (!failure) return null;
  const text = failure.fieldErrors ? fieldErrorsText(failure.fieldErrors, fieldShown, fieldsNote) : failure.error;
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

/** Messages of the fields the form does not show, then (with `note`) a pointer to the ones it does. */
function fieldErrorsText(fieldErrors: Record<string, string>, fieldShown: (field: string) => boolean, note: boolean): string | null {
  const entries = Object.entries(fieldErrors);
  const unshown = entries.filter(([field]) => !fieldShown(field)).map(([, message]) => message);
  const parts = [...unshown];
  if (note && unshown.length < entries.length)
    parts.push(unshown.length ? "Other fields: see the messages next to them." : "Some fields are not valid: see the messages next to them.");
  return parts.length ? parts.join(" ") : null;
}

/** The predicate for FormError's `fieldShown`: the fields whose messages the form shows next to them. */
export const fieldsShown =
  (...fields: string[]) =>
  (field: string): boolean =>
    fields.includes(field);
