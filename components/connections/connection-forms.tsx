"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createConnectionAction, testConnectionAction } from "@/app/(console)/connections/actions";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/card";
import { Field } from "@/components/ui/field";

export function ConnectionForm() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<{ message?: string; fields?: Record<string, string> }>({});
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const form = e.currentTarget;
        start(async () => {
          const result = await createConnectionAction({
            name: String(f.get("name") ?? ""),
            region: String(f.get("region") ?? ""),
            roleArn: String(f.get("roleArn") ?? ""),
            endpointUrl: String(f.get("endpointUrl") ?? ""),
            profile: String(f.get("profile") ?? ""),
          });
          if (result.ok) {
            setErrors({});
            form.reset();
            router.refresh();
          } else setErrors({ message: result.fieldErrors ? undefined : result.error, fields: result.fieldErrors });
        });
      }}
    >
      <Field label="Name" name="name" placeholder="production" error={errors.fields?.name} />
      <Field label="Region" name="region" placeholder="us-east-1" error={errors.fields?.region} />
      <Field label="Role ARN to assume (optional)" name="roleArn" error={errors.fields?.roleArn} />
      <Field label="Endpoint URL (optional, e.g. LocalStack)" name="endpointUrl" placeholder="http://localhost:4566" error={errors.fields?.endpointUrl} />
      <Field label="Profile (optional)" name="profile" error={errors.fields?.profile} />
      <ErrorBanner message={errors.message} />
      <Button type="submit" disabled={pending}>
        Add connection
      </Button>
    </form>
  );
}

export function TestConnectionButton({ connectionId }: { connectionId: string }) {
  const [pending, start] = useTransition();
  const [checks, setChecks] = useState<{ name: string; ok: boolean; message: string; optional?: boolean }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="text-right">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await testConnectionAction(connectionId);
            if (r.ok) {
              setChecks(r.data.checks);
              setError(null);
            } else setError(r.error);
          })
        }
      >
        {pending ? "Testing…" : "Test connection"}
      </Button>
      {error && <p className="text-xs text-red-600">{error}</p>}
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
