"use client";

import { useState } from "react";
import { HTTP_METHODS, INTEGRATION_TYPES } from "@/lib/model/design-constants";
import type { HttpMethod, Resource } from "@/lib/model/design";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import type { DesignEditor } from "./use-design";
import { useFormState, type SetField } from "./use-form-state";
import { isLambdaType, newMethodCommands, type NewMethodForm } from "./new-method";

/** Adds a method with its integration and 200 responses (see new-method.ts), one audited change per step. */
export function AddMethodForm({ resource, editor, onAdded }: { resource: Resource; editor: DesignEditor; onAdded: (verb: string) => void }) {
  const free = HTTP_METHODS.filter((m) => !resource.methods[m]);
  const [verb, setVerb] = useState<string>(free[0] ?? "GET");
  const { form, set } = useFormState<NewMethodForm>({ type: "MOCK", uri: "", backendMethod: "GET", functionArn: "" });
  const [arnError, setArnError] = useState<string>();
  const fe = editor.fieldErrors;
  if (free.length === 0) return <p className="text-sm text-slate-500">Every HTTP method is defined on this resource.</p>;
  const httpMethod = (free.includes(verb as HttpMethod) ? verb : free[0]) as HttpMethod;

  const add = async () => {
    const built = newMethodCommands(resource.id, httpMethod, form);
    setArnError("arnError" in built ? built.arnError : undefined);
    if (!("commands" in built)) return;
    // Stops at the first refused step; the method is selected as soon as it exists.
    for (const [i, command] of built.commands.entries()) {
      // One toast when the last step is saved, not one per step.
      const toast = i === built.commands.length - 1 ? `${httpMethod} method added` : null;
      if (!(await editor.run(command, toast)).ok) break;
      if (i === 0) onAdded(httpMethod);
    }
  };

  return (
    <form
      className="grid grid-cols-2 gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <SelectField label="HTTP method" name="httpMethod" value={httpMethod} onChange={(e) => setVerb(e.target.value)} options={free} />
      <SelectField
        label="Integration type"
        name="integrationType"
        value={form.type}
        onChange={(e) => set("type", e.target.value as NewMethodForm["type"])}
        options={INTEGRATION_TYPES}
      />
      <NewIntegrationTarget form={form} set={set} fe={fe} arnError={arnError} />
      <div className="col-span-2">
        <Button type="submit" disabled={editor.pending}>
          Add method
        </Button>
      </div>
    </form>
  );
}

function NewIntegrationTarget({
  form,
  set,
  fe,
  arnError,
}: {
  form: NewMethodForm;
  set: SetField<NewMethodForm>;
  fe: Record<string, string>;
  arnError?: string;
}) {
  if (isLambdaType(form.type))
    return (
      <Field
        label="Lambda function ARN"
        name="functionArn"
        value={form.functionArn}
        onChange={(e) => set("functionArn", e.target.value)}
        placeholder="arn:aws:lambda:us-east-1:123456789012:function:my-function"
        error={arnError ?? fe["integration.uri"]}
        className="col-span-2"
      />
    );
  if (form.type === "MOCK") return null;
  return (
    <>
      <SelectField
        label="Backend method"
        name="backendMethod"
        value={form.backendMethod}
        onChange={(e) => set("backendMethod", e.target.value)}
        options={HTTP_METHODS.filter((m) => m !== "ANY")}
        error={fe["integration.httpMethod"]}
      />
      <Field
        label="Endpoint URL"
        name="uri"
        value={form.uri}
        onChange={(e) => set("uri", e.target.value)}
        placeholder="https://example.com/{id}"
        error={fe["integration.uri"]}
      />
    </>
  );
}
