"use client";
/**
 * A modal dialog on the native <dialog>: showModal() gives role="dialog", aria-modal, a focus trap
 * (the rest of the page is inert), Escape to close and focus returned to the opener.
 */
import { type ReactNode, useEffect, useId, useRef } from "react";

export function Dialog({
  open,
  onClose,
  title,
  children,
  actions,
  className = "",
  testId,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  children: ReactNode;
  /** The dialog's buttons, in its footer. */
  actions?: ReactNode;
  className?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid={testId}
      onClose={onClose}
      className={`m-auto w-full max-w-lg rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40 ${className}`}
    >
      {open && (
        <div className="space-y-3 p-4">
          <h2 id={titleId} className="text-base font-semibold text-slate-800">
            {title}
          </h2>
          <div className="text-sm">{children}</div>
          {actions && <div className="flex justify-end gap-2">{actions}</div>}
        </div>
      )}
    </dialog>
  );
}
