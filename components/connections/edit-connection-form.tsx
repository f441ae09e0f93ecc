"use client";
/** Edits a connection in a dialog: the create form's fields, filled with what it holds, validated the same way. */
import { useState } from "react";
import { updateConnectionAction } from "@/app/(console)/connections/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { CONNECTION_FIELD_SHOWN, CONNECTION_FIELDS, type ConnectionFields, DriftScheduleField } from "./connection-forms";

export function EditConnectionButton({ connectionId, current }: { connectionId: string; current: ConnectionFields }) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<ConnectionFields>(current);
  const save = useServerAction(updateConnectionAction, {
    refresh: true,
    success: (data) => `Connection ${data.name} saved`,
    onSuccess: () => setOpen(false),
  });
  const close = () => {
    setOpen(false);
    save.reset();
  };
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        data-testid={`edit-connection-${current.name}`}
        onClick={() => {
          // Opens on what the connection holds now, not on an abandoned earlier edit.
          setValues(current);
          setOpen(true);
        }}
      >
        Edit
      </Button>
      <Dialog open={open} onClose={close} title={`Edit connection ${current.name}`}>
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            void save.run(connectionId, values);
          }}
        >
          {CONNECTION_FIELDS.map((f) => (
            <Field
              key={f.name}
              label={f.label}
              name={f.name}
              placeholder={f.placeholder}
              value={values[f.name]}
              onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
              error={save.fieldErrors[f.name]}
            />
          ))}
          <DriftScheduleField
            value={values.driftCheckMinutes}
            onChange={(v) => setValues({ ...values, driftCheckMinutes: v })}
            error={save.fieldErrors.driftCheckMinutes}
          />
          <FormError failure={save.error} fieldShown={CONNECTION_FIELD_SHOWN} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" pending={save.pending}>
              Save connection
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
