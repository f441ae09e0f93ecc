"use client";

import { useState } from "react";
import { createConnectionAction, testConnectionAction } from "@/app/(console)/connections/actions";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { FormError, fieldsShown } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { DRIFT_SCHEDULES } from "./drift-schedules";

const EMPTY = { name: "", region: "", roleArn: "", endpointUrl: "", profile: "", driftCheckMinutes: "" };
export type ConnectionFields = typeof EMPTY;

export const CONNECTION_FIELDS: { name: Exclude<keyof ConnectionFields, "driftCheckMinutes">; label: string; placeholder?: string }[] = [
  { name: "name", label: "Name", placeholder: "production" },
  { name: "region", label: "Region", placeholder: "us-east-1" },
  { name: "roleArn", label: "Role ARN to assume (optional)" },
  { name: "endpointUrl", label: "Endpoint URL (optional, e.g. LocalStack)", placeholder: "http://localhost:4566" },
  { name: "profile", label: "Profile (optional)" },
];

/** The connection form's fields, each showing its own message (FormError spells out any other). */
export const CONNECTION_FIELD_SHOWN = fieldsShown(...CONNECTION_FIELDS.map((f) => f.name), "driftCheckMinutes");

/** How often the APIs bound to the connection are checked for drift (a job on the server; findings reach the bell). */
export function DriftScheduleField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string }) {
  return (
    <SelectField
      label="Check bound APIs for drift"
      name="driftCheckMinutes"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      options={DRIFT_SCHEDULES}
      error={error}
    />
  );
}

export function ConnectionForm() {
  const [values, setValues] = useState<ConnectionFields>(EMPTY);
  const create = useServerAction(createConnectionAction, {
    refresh: true,
    success: (_data, input) => `Connection ${input.name} added`,
    onSuccess: () => setValues(EMPTY),
  });
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void create.run(values);
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
          error={create.fieldErrors[f.name]}
        />
      ))}
      <DriftScheduleField
        value={values.driftCheckMinutes}
        onChange={(v) => setValues({ ...values, driftCheckMinutes: v })}
        error={create.fieldErrors.driftCheckMinutes}
      />
      <FormError failure={create.error} fieldShown={CONNECTION_FIELD_SHOWN} />
      <Button type="submit" pending={create.pending}>
        Add connection
      </Button>
    </form>
  );
}

interface Check {
  name: string;
  ok: boolean;
  message: string;
  /** A failed optional check (e.g. a permission only some features need) is a warning, not a failure. */
  optional?: boolean;
}

export function TestConnectionButton({ connectionId }: { connectionId: string }) {
  const test = useServerAction(testConnectionAction);
  const checks: Check[] | undefined = test.error ? undefined : test.data?.checks;
  return (
    <div className="text-right">
      <Button variant="secondary" pending={test.pending} onClick={() => test.run(connectionId)}>
        {test.pending ? "Testing…" : "Test connection"}
      </Button>
      {test.error && (
        <p role="alert" className="text-xs text-red-600">
          {test.error.error}
        </p>
      )}
      {checks && (
        <ul className="mt-1 text-xs" data-testid="connection-checks">
          {checks.map((c) => (
            <li key={c.name} className={c.ok ? "text-emerald-700" : c.optional ? "text-amber-700" : "text-red-600"}>
              {c.ok ? "✓" : c.optional ? "–" : "✗"} {c.name}: {c.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
