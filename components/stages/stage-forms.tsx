"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createDeploymentAction, createStageAction, setStageDeploymentAction } from "@/app/(console)/apis/[apiId]/stages/actions";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/card";
import { Field, SelectField } from "@/components/ui/field";

type Errors = { message?: string; fields?: Record<string, string> };

function useActionForm() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Errors>({});
  const run = (fn: () => Promise<{ ok: boolean; error?: string; fieldErrors?: Record<string, string> }>, onOk?: () => void) =>
    start(async () => {
      const result = await fn();
      if (result.ok) {
        setErrors({});
        onOk?.();
        router.refresh();
      } else setErrors({ message: result.error, fields: result.fieldErrors });
    });
  return { pending, errors, run };
}

export function CreateDeploymentForm({ apiId, undeployed }: { apiId: string; undeployed: boolean }) {
  const { pending, errors, run } = useActionForm();
  const [description, setDescription] = useState("");
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        run(
          () => createDeploymentAction(apiId, { description }),
          () => setDescription(""),
        );
      }}
    >
      {undeployed && (
        <p className="text-xs text-amber-700" data-testid="undeployed-changes">
          The draft has changes that no deployment contains yet.
        </p>
      )}
      <div className="flex items-end gap-2">
        <Field label="Description" name="deployment.description" value={description} onChange={(e) => setDescription(e.target.value)} className="flex-1" />
        <Button type="submit" disabled={pending}>
          Create deployment
        </Button>
      </div>
      <ErrorBanner message={errors.message} />
    </form>
  );
}

export function CreateStageForm({ apiId, deployments }: { apiId: string; deployments: { value: string; label: string }[] }) {
  const { pending, errors, run } = useActionForm();
  const [name, setName] = useState("");
  const [deploymentId, setDeploymentId] = useState(deployments[0]?.value ?? "");
  const [variables, setVariables] = useState("");
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        run(
          () => createStageAction(apiId, { name, deploymentId, variables }),
          () => {
            setName("");
            setVariables("");
          },
        );
      }}
    >
      <h3 className="text-sm font-semibold">Create stage</h3>
      <div className="grid grid-cols-2 gap-2">
        <Field label="Stage name" name="stage.name" value={name} onChange={(e) => setName(e.target.value)} placeholder="dev" error={errors.fields?.name} />
        <SelectField
          label="Deployment"
          name="stage.deploymentId"
          value={deploymentId}
          onChange={(e) => setDeploymentId(e.target.value)}
          options={deployments}
          error={errors.fields?.deploymentId}
        />
      </div>
      <label className="block text-sm font-medium text-slate-700">
        Stage variables (name=value per line)
        <textarea
          name="stage.variables"
          value={variables}
          onChange={(e) => setVariables(e.target.value)}
          rows={2}
          className="mt-1 block w-full rounded-md border border-slate-300 p-2 font-mono text-xs"
        />
      </label>
      {errors.fields &&
        Object.entries(errors.fields)
          .filter(([k]) => k.startsWith("variables"))
          .map(([k, v]) => (
            <p key={k} className="text-xs text-red-600">
              {k}: {v}
            </p>
          ))}
      <ErrorBanner message={errors.fields ? undefined : errors.message} />
      <Button type="submit" disabled={pending || !deploymentId}>
        Create stage
      </Button>
    </form>
  );
}

export function StageDeploymentSelect({
  apiId,
  stageName,
  current,
  options,
}: {
  apiId: string;
  stageName: string;
  current: string;
  options: { value: string; label: string }[];
}) {
  const { pending, errors, run } = useActionForm();
  const [value, setValue] = useState(current);
  const [note, setNote] = useState<string | null>(null);
  return (
    <div className="mt-2 flex items-end gap-2">
      <SelectField
        label="Runs deployment"
        name={`stage.${stageName}.deployment`}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        options={options}
        className="flex-1"
      />
      <Button
        type="button"
        variant="secondary"
        disabled={pending || value === current}
        onClick={() =>
          run(async () => {
            const r = await setStageDeploymentAction(apiId, stageName, value);
            // A protected stage records a request instead; an API on AWS says what AWS did.
            if (r.ok) setNote(r.data.status === "requested" ? `Waiting for approval: ${r.data.summary}` : (r.data.awsMessage ?? null));
            return r;
          })
        }
      >
        {options.findIndex((o) => o.value === value) > options.findIndex((o) => o.value === current) ? "Roll back" : "Point stage here"}
      </Button>
      <ErrorBanner message={errors.message} />
      {note && (
        <p role="status" className="text-xs text-amber-700">
          {note}
        </p>
      )}
    </div>
  );
}
