"use client";

import { AUTHORIZATION_TYPES } from "@/lib/model/design-constants";
import type { ApiDesign, Method, Resource } from "@/lib/model/design";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, SelectField, Checkbox, Select } from "@/components/ui/field";
import { RowList, errorUnder, rowInput } from "./rows";
import type { DesignEditor } from "./use-design";
import { useFormState, type SetField } from "./use-form-state";
import { ModelRows } from "./model-rows";
import { methodRequestChanges, methodRequestForm, usesAuthorizer, type MethodRequestFormState, type ParamRow } from "./method-forms";

const LOCATIONS = ["path", "querystring", "header"];

/** Method request: who may call (authorization, API key), what it must send (parameters, models), how it is checked (validator). */
export function MethodRequestCard({
  design,
  resource,
  method,
  editor,
  canEdit,
}: {
  design: ApiDesign;
  resource: Resource;
  method: Method;
  editor: DesignEditor;
  canEdit: boolean;
}) {
  const { form, set } = useFormState(() => methodRequestForm(method));
  const fe = editor.fieldErrors;
  return (
    <Card title="Method request">
      <fieldset disabled={!canEdit} className="min-w-0 space-y-3" data-testid="method-request-form">
        <AuthorizationFields design={design} form={form} set={set} fe={fe} />
        <Checkbox label="API key required" checked={form.apiKeyRequired} onChange={(e) => set("apiKeyRequired", e.target.checked)} />
        <RequestParameterRows
          rows={form.params}
          onChange={(rows) => set("params", rows)}
          canEdit={canEdit}
          error={errorUnder(fe, "method.requestParameters")}
        />
        <ModelRows
          label="Request models"
          addLabel="Add request model"
          controlLabel="Model"
          design={design}
          rows={form.models}
          onChange={(rows) => set("models", rows)}
          canEdit={canEdit}
          error={errorUnder(fe, "method.requestModels")}
        />
        {canEdit && (
          <Button
            type="button"
            variant="secondary"
            disabled={editor.pending}
            onClick={() => editor.run({ type: "updateMethod", resourceId: resource.id, httpMethod: method.httpMethod, changes: methodRequestChanges(form) })}
          >
            Save method request
          </Button>
        )}
      </fieldset>
    </Card>
  );
}

function AuthorizationFields({
  design,
  form,
  set,
  fe,
}: {
  design: ApiDesign;
  form: MethodRequestFormState;
  set: SetField<MethodRequestFormState>;
  fe: Record<string, string>;
}) {
  const withAuthorizer = usesAuthorizer(form.authorizationType);
  // CUSTOM takes a Lambda authorizer (TOKEN or REQUEST); COGNITO_USER_POOLS a Cognito one.
  const authorizers = design.authorizers.filter((a) =>
    form.authorizationType === "CUSTOM" ? a.type !== "COGNITO_USER_POOLS" : a.type === "COGNITO_USER_POOLS",
  );
  return (
    <div className="grid grid-cols-2 gap-3">
      <SelectField
        label="Authorization"
        name="authorizationType"
        value={form.authorizationType}
        onChange={(e) => set("authorizationType", e.target.value as Method["authorizationType"])}
        options={AUTHORIZATION_TYPES}
        error={fe["method.authorizationType"]}
      />
      {withAuthorizer && (
        <SelectField
          label="Authorizer"
          name="method.authorizerId"
          value={form.authorizerId}
          onChange={(e) => set("authorizerId", e.target.value)}
          options={[
            { value: "", label: authorizers.length ? "Choose…" : "None of this type: add one below" },
            ...authorizers.map((a) => ({ value: a.id, label: `${a.name} (${a.type})` })),
          ]}
          error={fe["method.authorizerId"]}
        />
      )}
      {form.authorizationType === "COGNITO_USER_POOLS" && (
        <Field
          label="OAuth scopes"
          name="method.authorizationScopes"
          value={form.scopes}
          onChange={(e) => set("scopes", e.target.value)}
          placeholder="pets/read pets/write"
          error={errorUnder(fe, "method.authorizationScopes")}
        />
      )}
      {!withAuthorizer && fe["method.authorizerId"] && (
        <p className="col-span-2 text-xs text-red-600" data-field-error="method.authorizerId">
          {fe["method.authorizerId"]}
        </p>
      )}
      <Field label="Operation name" name="operationName" value={form.operationName} onChange={(e) => set("operationName", e.target.value)} />
      <SelectField
        label="Request validator"
        name="method.requestValidatorId"
        value={form.validatorId}
        onChange={(e) => set("validatorId", e.target.value)}
        options={[{ value: "", label: "None" }, ...design.requestValidators.map((v) => ({ value: v.id, label: v.name }))]}
        error={fe["method.requestValidatorId"]}
      />
    </div>
  );
}

function RequestParameterRows({
  rows,
  onChange,
  canEdit,
  error,
}: {
  rows: ParamRow[];
  onChange: (rows: ParamRow[]) => void;
  canEdit: boolean;
  error?: string;
}) {
  return (
    <RowList
      label="Request parameters"
      rows={rows}
      onChange={onChange}
      blank={{ location: "querystring", name: "", required: false }}
      addLabel="Add request parameter"
      disabled={!canEdit}
      error={error}
      render={(p, set, i) => (
        <>
          <Select aria-label={`Parameter location ${i}`} value={p.location} onChange={(e) => set({ ...p, location: e.target.value })} options={LOCATIONS} />
          <input
            aria-label={`Parameter name ${i}`}
            className={rowInput}
            value={p.name}
            onChange={(e) => set({ ...p, name: e.target.value })}
            placeholder="name"
          />
          <Checkbox
            className="items-center text-xs"
            label="required"
            aria-label={`Parameter ${i} required`}
            checked={p.required}
            onChange={(e) => set({ ...p, required: e.target.checked })}
          />
        </>
      )}
    />
  );
}
