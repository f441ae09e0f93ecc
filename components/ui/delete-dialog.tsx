"use client";
/**
 * A Delete button and the dialog that confirms it. The dialog stays open on a refusal (a 409 says
 * what is in the way) so the message is read where the choice was made; it closes on success.
 * With `confirmText`, the user must type it first, as the AWS console asks before deleting an API.
 */
import { type ReactNode, useState } from "react";
import type { ActionFailure } from "@/lib/http/action-reply";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { Field } from "./field";
import { FormError } from "./form-error";

export function DeleteDialog({
  label,
  title,
  children,
  confirmText,
  pending,
  failure,
  onConfirm,
  onCancel,
  testId,
}: {
  /** The button's text, also the confirming button's ("Delete stage"). */
  label: string;
  title: string;
  /** What goes, what stays. */
  children: ReactNode;
  confirmText?: string;
  pending: boolean;
  failure: ActionFailure | null;
  /** Resolves true when the delete succeeded (the dialog then closes). */
  onConfirm: (typed: string) => Promise<boolean>;
  onCancel?: () => void;
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const close = () => {
    setOpen(false);
    setTyped("");
    onCancel?.();
  };
  const ready = confirmText === undefined || typed.trim() === confirmText;
  return (
    <>
      <Button variant="danger" size="sm" onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title={title}
        testId={testId ? `${testId}-dialog` : undefined}
        actions={
          <>
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button
              variant="danger"
              pending={pending}
              disabled={!ready}
              onClick={async () => {
                if (await onConfirm(typed)) {
                  setOpen(false);
                  setTyped("");
                }
              }}
            >
              {label}
            </Button>
          </>
        }
      >
        <div className="space-y-3 text-left text-slate-600">
          {children}
          {confirmText !== undefined && (
            <Field
              label={
                <>
                  Type <span className="font-mono">{confirmText}</span> to confirm
                </>
              }
              name="confirmName"
              autoComplete="off"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              error={failure?.fieldErrors?.confirmName}
            />
          )}
          <FormError failure={failure} />
        </div>
      </Dialog>
    </>
  );
}
