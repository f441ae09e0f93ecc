"use client";

import { useState } from "react";
import { createDeploymentAction, createStageAction, setStageDeploymentAction } from "@/app/(console)/apis/[apiId]/stages/actions";
import { Button } from "@/components/ui/button";
import { Field, FieldError, SelectField, TextAreaField } from "@/components/ui/field";
import { FormError, fieldsShown } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";

export function CreateDeploymentForm({ apiId, undeployed }: { apiId: string; undeployed: boolean }) {
  const [description, setDescription] = useState("");
  const create = useServerAction(createDeploymentAction, { refresh: true, success: "Deployment created", onSuccess: () => setDescription("") });
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        void create.run(apiId, { description });
      }}
    >
      {undeployed && (
        <p className="text-xs text-amber-700" data-testid="undeployed-changes">
          The draft has changes that no deployment contains yet.
        </p>
      )}
      <div className="flex items-end gap-2">
        <Field
          label="Description"
          name="deployment.description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={create.fieldErrors.description}
          className="flex-1"
        />
        <Button type="submit" pending={create.pending}>
          Create deployment
        </Button>
      </div>
      <FormError failure={create.error} fieldShown={fieldsShown("description")} />
    </form>
  );
}

export function CreateStageForm({ apiId, deployments }: { apiId: string; deployments: { value: string; label: string }[] }) {
  const [name, setName] = useState("");
  const [deploymentId, setDeploymentId] = useState(deployments[0]?.value ?? "");
  const [variables, setVariables] = useState("");
  const create = useServerAction(createStageAction, {
    refresh: true,
    success: (stage) => `Stage ${stage.name} created`,
    onSuccess: () => {
      setName("");
      setVariables("");
    },
  });
  const variableErrors = Object.entries(create.fieldErrors).filter(([k]) => k.startsWith("variables"));
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        void create.run(apiId, { name, deploymentId, variables });
      }}
    >
      <h3 className="text-sm font-semibold">Create stage</h3>
      <div className="grid grid-cols-2 gap-2">
        <Field label="Stage name" name="stage.name" value={name} onChange={(e) => setName(e.target.value)} placeholder="dev" error={create.fieldErrors.name} />
        <SelectField
          label="Deployment"
          name="stage.deploymentId"
          value={deploymentId}
          onChange={(e) => setDeploymentId(e.target.value)}
          options={deployments}
          error={create.fieldErrors.deploymentId}
        />
      </div>
      <TextAreaField
        label="Stage variables (name=value per line)"
        name="stage.variables"
        value={variables}
        onChange={(e) => setVariables(e.target.value)}
        rows={2}
        mono
      />
      {variableErrors.map(([k, v]) => (
        <FieldError key={k} name={k} message={`${k}: ${v}`} />
      ))}
      <FormError failure={create.error} fieldShown={(field) => field === "name" || field === "deploymentId" || field.startsWith("variables")} />
      <Button type="submit" pending={create.pending} disabled={!deploymentId}>
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
  const [value, setValue] = useState(current);
  const point = useServerAction(setStageDeploymentAction, { refresh: true });
  // A protected stage records a request instead; an API on AWS says what AWS did.
  const note =
    point.error || !point.data ? null : point.data.status === "requested" ? `Waiting for approval: ${point.data.summary}` : (point.data.awsMessage ?? null);
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
      <Button variant="secondary" pending={point.pending} disabled={value === current} onClick={() => point.run(apiId, stageName, value)}>
        {options.findIndex((o) => o.value === value) > options.findIndex((o) => o.value === current) ? "Roll back" : "Point stage here"}
      </Button>
      {/* No field here to hold a field error: the message itself, always. */}
      <FormError failure={point.error && { ...point.error, fieldErrors: undefined }} />
      {note && (
        <p role="status" className="text-xs text-amber-700">
          {note}
        </p>
      )}
    </div>
  );
}
