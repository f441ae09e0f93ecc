"use client";

import { useState } from "react";
import type { ApiDesign, Authorizer } from "@/lib/model/design";
import { AUTHORIZER_TYPES, DEFAULT_AUTHORIZER_TTL, authorizerUsages, functionArnOfUri, type AuthorizerInput } from "@/lib/model/components";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, SelectField } from "@/components/ui/field";
import type { useEditDesign } from "./use-design";

type Editor = ReturnType<typeof useEditDesign>;

const TYPE_LABELS: Record<Authorizer["type"], string> = {
  TOKEN: "TOKEN (Lambda, one header)",
  REQUEST: "REQUEST (Lambda, request parameters)",
  COGNITO_USER_POOLS: "COGNITO_USER_POOLS",
};

/** Authorizers: Lambda (TOKEN, REQUEST) by function ARN, or Cognito user pools. Methods choose one in their method request. */
export function AuthorizersPanel({ design, editor, canEdit }: { design: ApiDesign; editor: Editor; canEdit: boolean }) {
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
  editor: Editor;
  canEdit: boolean;
  onSaved: (id: string | null) => void;
}) {
  const [name, setName] = useState(authorizer?.name ?? "");
  const [type, setType] = useState<Authorizer["type"]>(authorizer?.type ?? "TOKEN");
  // A URI that is not a plain Lambda invocation (an import) is kept as the raw URI.
  const arnFromUri = functionArnOfUri(authorizer?.authorizerUri);
  const [functionArn, setFunctionArn] = useState(arnFromUri ?? "");
  const rawUri = authorizer?.authorizerUri && !arnFromUri ? authorizer.authorizerUri : undefined;
  const [identitySource, setIdentitySource] = useState(authorizer?.identitySource ?? "method.request.header.Authorization");
  const [expression, setExpression] = useState(authorizer?.identityValidationExpression ?? "");
  const [ttl, setTtl] = useState(String(authorizer?.authorizerResultTtlInSeconds ?? DEFAULT_AUTHORIZER_TTL));
  const [credentials, setCredentials] = useState(authorizer?.authorizerCredentials ?? "");
  const [pools, setPools] = useState((authorizer?.providerARNs ?? []).join("\n"));
  const fe = editor.error?.fieldErrors ?? {};
  const lambda = type !== "COGNITO_USER_POOLS";
  const uses = authorizer ? authorizerUsages(design, authorizer.id) : [];

  const input = (): AuthorizerInput => ({
    name,
    type,
    functionArn: lambda && functionArn.trim() ? functionArn : undefined,
    authorizerUri: lambda && !functionArn.trim() ? rawUri : undefined,
    identitySource,
    identityValidationExpression: type === "TOKEN" ? expression : undefined,
    // A TTL that is not a number is sent as-is for the server to refuse with its field message.
    authorizerResultTtlInSeconds: ttl.trim() === "" ? undefined : Number(ttl),
    authorizerCredentials: lambda ? credentials : undefined,
    providerARNs: lambda
      ? undefined
      : pools
          .split(/[\n,]/)
          .map((p) => p.trim())
          .filter(Boolean),
  });

  return (
    <div className="space-y-3" data-testid="authorizer-form">
      <fieldset disabled={!canEdit} className="grid min-w-0 gap-3 sm:grid-cols-2">
        <Field label="Authorizer name" name="authorizer.name" value={name} onChange={(e) => setName(e.target.value)} error={fe["authorizer.name"]} />
        <SelectField
          label="Authorizer type"
          name="authorizer.type"
          value={type}
          onChange={(e) => setType(e.target.value as Authorizer["type"])}
          options={AUTHORIZER_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
          error={fe["authorizer.type"]}
        />
        {lambda ? (
          <Field
            className="sm:col-span-2"
            label="Lambda function ARN"
            name="authorizer.functionArn"
            value={functionArn}
            onChange={(e) => setFunctionArn(e.target.value)}
            placeholder={rawUri ?? "arn:aws:lambda:us-east-1:123456789012:function:my-authorizer"}
            error={fe["authorizer.functionArn"] ?? fe["authorizer.authorizerUri"]}
            hint="Gatehouse builds the authorizer URI (arn:aws:apigateway:{region}:lambda:path/…/invocations) from it."
          />
        ) : (
          <label className="block text-sm font-medium text-slate-700 sm:col-span-2">
            Cognito user pool ARNs (one per line)
            <textarea
              name="authorizer.providerARNs"
              className={`mt-1 block w-full rounded-md border px-2 py-1 font-mono text-xs ${fe["authorizer.providerARNs"] ? "border-red-400" : "border-slate-300"}`}
              rows={2}
              value={pools}
              onChange={(e) => setPools(e.target.value)}
              placeholder="arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf123"
              spellCheck={false}
            />
            {fe["authorizer.providerARNs"] && (
              <span className="mt-1 block text-xs font-normal text-red-600" data-field-error="authorizer.providerARNs">
                {fe["authorizer.providerARNs"]}
              </span>
            )}
          </label>
        )}
        <Field
          label="Identity source"
          name="authorizer.identitySource"
          value={identitySource}
          onChange={(e) => setIdentitySource(e.target.value)}
          error={fe["authorizer.identitySource"]}
          hint={
            type === "REQUEST"
              ? "Comma-separated: method.request.header.X, method.request.querystring.X, stageVariables.X, context.X"
              : "The header with the token: method.request.header.NAME"
          }
        />
        {type === "TOKEN" && (
          <Field
            label="Token validation expression"
            name="authorizer.identityValidationExpression"
            value={expression}
            onChange={(e) => setExpression(e.target.value)}
            error={fe["authorizer.identityValidationExpression"]}
            placeholder="^Bearer [-0-9a-zA-Z._]*$"
          />
        )}
        <Field
          label="Result TTL (seconds)"
          name="authorizer.authorizerResultTtlInSeconds"
          inputMode="numeric"
          value={ttl}
          onChange={(e) => setTtl(e.target.value)}
          error={fe["authorizer.authorizerResultTtlInSeconds"]}
          hint="0 turns caching off; at most 3600."
        />
        {lambda && (
          <Field
            label="Invoke role ARN"
            name="authorizer.authorizerCredentials"
            value={credentials}
            onChange={(e) => setCredentials(e.target.value)}
            error={fe["authorizer.authorizerCredentials"]}
            placeholder="Empty: the function's resource policy allows API Gateway"
          />
        )}
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
        <div className="flex gap-2">
          <Button
            type="button"
            variant="secondary"
            disabled={editor.pending}
            onClick={async () => {
              if (authorizer) {
                await editor.edit({ type: "updateAuthorizer", authorizerId: authorizer.id, authorizer: input() });
                return;
              }
              const saved = await editor.edit({ type: "createAuthorizer", authorizer: input() });
              const created = saved?.authorizers.find((a) => a.name === name.trim());
              if (created) onSaved(created.id);
            }}
          >
            {authorizer ? "Save authorizer" : "Create authorizer"}
          </Button>
          {authorizer && (
            <Button
              type="button"
              variant="secondary"
              disabled={editor.pending}
              onClick={async () => {
                if (await editor.edit({ type: "deleteAuthorizer", authorizerId: authorizer.id })) onSaved(null);
              }}
            >
              Delete authorizer
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
