"use client";
/** Create or save, and delete: the buttons under a model, request validator or authorizer form. */
import { Button } from "@/components/ui/button";

export function ComponentActions({
  noun,
  exists,
  pending,
  onSave,
  onDelete,
}: {
  /** "model", "validator", "authorizer": the buttons say "Create model", "Save model", "Delete model". */
  noun: string;
  exists: boolean;
  pending: boolean;
  onSave: () => void;
  onDelete: () => void;
}) {
  return (
    <div className="flex gap-2">
      <Button type="button" variant="secondary" disabled={pending} onClick={onSave}>
        {exists ? `Save ${noun}` : `Create ${noun}`}
      </Button>
      {exists && (
        <Button type="button" variant="secondary" disabled={pending} onClick={onDelete}>
          Delete {noun}
        </Button>
      )}
    </div>
  );
}
