"use client";

import { useState } from "react";
import type { ApiDesign, Authorizer } from "@/lib/model/design";
import { AUTHORIZER_TYPES, authorizerUsages } from "@/lib/model/component-usages";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, SelectField, TextAreaField } from "@/components/ui/field";
import { type DesignEditor, savedDesign } from "./use-design";
import { useFormState, type SetField } from "./use-form-state";
import { ComponentActions } from "./component-actions";
import { authorizerForm, authorizerInput, isLambdaAuthorizer, type AuthorizerFormState } from "./authorizer-form";

const TYPE_LABELS: Record<Authorizer["type"], string> = {
  TOKEN: "TOKEN (Lambda, one header)",
  REQUEST: "REQUEST (Lambda, request parameters)",
  COGNITO_USER_POOLS: "COGNITO_USER_POOLS",
};

/** Authorizers: Lambda (TOKEN, REQUEST) by function ARN, or Cognito user pools. Methods choose one in their method request. */
export function AuthorizersPanel({ design, editor, canEdit }: { design: ApiDesign; editor: DesignEditor; canEdit: boolean }) {
  const [selectedId, setSelectedId] = useState<string | null>(design.authorizers[0]?.id ?? null);
  const selected = design.authorizers.find((a) => a.id === selectedId);
  return (
    <Card
      title="Authorizers"
      actions={
        canEdit && selected ? (
          <Button type="button" variant="ghost" onClick={() => setSelectedId(null)}>
            New authorizer
          </Button>
        ) : undefined
      }
    >
      <div className="mb-3 flex flex-wrap gap-2" data-testid="authorizers">
        {design.authorizers.length === 0 && <span className="text-sm text-slate-500">No authorizers.</span>}
        {design.authorizers.map((a) => (
          <button
            key={a.id}
            type="button"
            onClick={() => setSelectedId(a.id)}
            className={`rounded px-2 py-1 text-xs ${selected?.id === a.id ? "bg-indigo-600 text-white" : "bg-slate-100"}`}
            data-testid="authorizer"
          >
            {a.name} <span className="opacity-70">{a.type}</span>
          </button>
        ))}
      </div>
      <AuthorizerForm
        key={selected ? `${selected.id}:${JSON.stringify(selected)}` : "new"}
        design={design}
        authorizer={selected}
        editor={editor}
        canEdit={canEdit}
        onSaved={setSelectedId}
      />
    </Card>
  );
}

function AuthorizerForm({
  design,
  authorizer,
  editor,
  canEdit,
  onSaved,
}: {
  design: ApiDesign;
  authorizer?: Authorizer;
  editor: DesignEditor;
  canEdit: boolean;
  onSaved: (id: string | null) => void;
}) {
  const { form, set } = useFormState(() => authorizerForm(authorizer));
  const fe = editor.fieldErrors;
  const uses = authorizer ? authorizerUsages(design, authorizer.id) : [];

  const save = async () => {
    if (authorizer) return void editor.run({ type: "updateAuthorizer", authorizerId: authorizer.id, authorizer: authorizerInput(form) });
    const saved = savedDesign(await editor.run({ type: "createAuthorizer", authorizer: authorizerInput(form) }));
    const created = saved?.authorizers.find((a) => a.name === form.name.trim());
    if (created) onSaved(created.id);
  };
  const remove = async () => {
    if (authorizer && (await editor.run({ type: "deleteAuthorizer", authorizerId: authorizer.id })).ok) onSaved(null);
  };

  return (
    <div className="space-y-3" data-testid="authorizer-form">
      <fieldset disabled={!canEdit} className="grid min-w-0 gap-3 sm:grid-cols-2">
        <AuthorizerFields form={form} set={set} fe={fe} />
      </fieldset>
      {authorizer && (
        <p className="text-xs text-slate-500" data-testid="authorizer-usages">
          {uses.length ? `Used by ${uses.join(", ")}.` : "Not used by any method."}
        </p>
      )}
      {fe.authorizerId && (
        <p className="text-xs text-red-600" data-field-error="authorizerId">
          {fe.authorizerId}
        </p>
      )}
      {canEdit && (
        <ComponentActions noun="authorizer" exists={!!authorizer} pending={editor.pending} onSave={() => void save()} onDelete={() => void remove()} />
      )}
    </div>
  );
}

type FieldsProps = { form: AuthorizerFormState; set: SetField<AuthorizerFormState>; fe: Record<string, string> };

function AuthorizerFields({ form, set, fe }: FieldsProps) {
  return (
    <>
      <Field label="Authorizer name" name="authorizer.name" value={form.name} onChange={(e) => set("name", e.target.value)} error={fe["authorizer.name"]} />
      <SelectField
        label="Authorizer type"
        name="authorizer.type"
        value={form.type}
        onChange={(e) => set("type", e.target.value as Authorizer["type"])}
        options={AUTHORIZER_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
        error={fe["authorizer.type"]}
      />
      {isLambdaAuthorizer(form.type) ? <FunctionField form={form} set={set} fe={fe} /> : <UserPoolsField form={form} set={set} fe={fe} />}
      <Field
        label="Identity source"
        name="authorizer.identitySource"
        value={form.identitySource}
        onChange={(e) => set("identitySource", e.target.value)}
        error={fe["authorizer.identitySource"]}
        hint={
          form.type === "REQUEST"
            ? "Comma-separated: method.request.header.X, method.request.querystring.X, stageVariables.X, context.X"
            : "The header with the token: method.request.header.NAME"
        }
      />
      {form.type === "TOKEN" && (
        <Field
          label="Token validation expression"
          name="authorizer.identityValidationExpression"
          value={form.expression}
          onChange={(e) => set("expression", e.target.value)}
          error={fe["authorizer.identityValidationExpression"]}
          placeholder="^Bearer [-0-9a-zA-Z._]*$"
        />
      )}
      <Field
        label="Result TTL (seconds)"
        name="authorizer.authorizerResultTtlInSeconds"
        inputMode="numeric"
        value={form.ttl}
        onChange={(e) => set("ttl", e.target.value)}
        error={fe["authorizer.authorizerResultTtlInSeconds"]}
        hint="0 turns caching off; at most 3600."
      />
      {isLambdaAuthorizer(form.type) && (
        <Field
          label="Invoke role ARN"
          name="authorizer.authorizerCredentials"
          value={form.credentials}
          onChange={(e) => set("credentials", e.target.value)}
          error={fe["authorizer.authorizerCredentials"]}
          placeholder="Empty: the function's resource policy allows API Gateway"
        />
      )}
    </>
  );
}

function FunctionField({ form, set, fe }: FieldsProps) {
  return (
    <Field
      className="sm:col-span-2"
      label="Lambda function ARN"
      name="authorizer.functionArn"
      value={form.functionArn}
      onChange={(e) => set("functionArn", e.target.value)}
      placeholder={form.rawUri ?? "arn:aws:lambda:us-east-1:123456789012:function:my-authorizer"}
      error={fe["authorizer.functionArn"] ?? fe["authorizer.authorizerUri"]}
      hint="Gatehouse builds the authorizer URI (arn:aws:apigateway:{region}:lambda:path/…/invocations) from it."
    />
  );
}

function UserPoolsField({ form, set, fe }: FieldsProps) {
  return (
    <TextAreaField
      className="sm:col-span-2"
      mono
      label="Cognito user pool ARNs (one per line)"
      name="authorizer.providerARNs"
      rows={2}
      value={form.pools}
      onChange={(e) => set("pools", e.target.value)}
      placeholder="arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf123"
      spellCheck={false}
      error={fe["authorizer.providerARNs"]}
    />
  );
}
