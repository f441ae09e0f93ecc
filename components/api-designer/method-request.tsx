"use client";

import { useState } from "react";
import { AUTHORIZATION_TYPES, type ApiDesign, type Method, type Resource } from "@/lib/model/design";
import { BUILT_IN_MODELS } from "@/lib/model/rules";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, SelectField } from "@/components/ui/field";
import { RowList, errorUnder, rowInput, rowSelect } from "./rows";
import type { useEditDesign } from "./use-design";

type Param = { location: string; name: string; required: boolean };
const LOCATIONS = ["path", "querystring", "header"];

function paramsOf(method: Method): Param[] {
  return Object.entries(method.requestParameters).map(([key, required]) => {
    const m = /^method\.request\.([a-z]+)\.(.+)$/.exec(key);
    return { location: m?.[1] ?? "querystring", name: m?.[2] ?? key, required };
  });
}

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
  editor: ReturnType<typeof useEditDesign>;
  canEdit: boolean;
}) {
  const [authorizationType, setAuth] = useState(method.authorizationType);
  const [authorizerId, setAuthorizerId] = useState(method.authorizerId ?? "");
  const [scopes, setScopes] = useState(method.authorizationScopes.join(" "));
  const [apiKeyRequired, setApiKey] = useState(method.apiKeyRequired);
  const [operationName, setOp] = useState(method.operationName ?? "");
  const [validatorId, setValidatorId] = useState(method.requestValidatorId ?? "");
  const [params, setParams] = useState<Param[]>(paramsOf(method));
  const [models, setModels] = useState(Object.entries(method.requestModels).map(([contentType, model]) => ({ contentType, model })));
  const fe = editor.error?.fieldErrors ?? {};
  const usesAuthorizer = authorizationType === "CUSTOM" || authorizationType === "COGNITO_USER_POOLS";
  const authorizers = design.authorizers.filter((a) => (authorizationType === "CUSTOM" ? a.type !== "COGNITO_USER_POOLS" : a.type === "COGNITO_USER_POOLS"));
  const modelNames = [...BUILT_IN_MODELS, ...design.models.map((m) => m.name)];
  return (
    <Card title="Method request">
      <fieldset disabled={!canEdit} className="min-w-0 space-y-3" data-testid="method-request-form">
        <div className="grid grid-cols-2 gap-3">
          <SelectField
            label="Authorization"
            name="authorizationType"
            value={authorizationType}
            onChange={(e) => setAuth(e.target.value as never)}
            options={AUTHORIZATION_TYPES}
            error={fe["method.authorizationType"]}
          />
          {usesAuthorizer && (
            <SelectField
              label="Authorizer"
              name="method.authorizerId"
              value={authorizerId}
              onChange={(e) => setAuthorizerId(e.target.value)}
              options={[
                { value: "", label: authorizers.length ? "Choose…" : "None of this type: add one below" },
                ...authorizers.map((a) => ({ value: a.id, label: `${a.name} (${a.type})` })),
              ]}
              error={fe["method.authorizerId"]}
            />
          )}
          {authorizationType === "COGNITO_USER_POOLS" && (
            <Field
              label="OAuth scopes"
              name="method.authorizationScopes"
              value={scopes}
              onChange={(e) => setScopes(e.target.value)}
              placeholder="pets/read pets/write"
              error={errorUnder(fe, "method.authorizationScopes")}
            />
          )}
          {!usesAuthorizer && fe["method.authorizerId"] && (
            <p className="col-span-2 text-xs text-red-600" data-field-error="method.authorizerId">
              {fe["method.authorizerId"]}
            </p>
          )}
          <Field label="Operation name" name="operationName" value={operationName} onChange={(e) => setOp(e.target.value)} />
          <SelectField
            label="Request validator"
            name="method.requestValidatorId"
            value={validatorId}
            onChange={(e) => setValidatorId(e.target.value)}
            options={[{ value: "", label: "None" }, ...design.requestValidators.map((v) => ({ value: v.id, label: v.name }))]}
            error={fe["method.requestValidatorId"]}
          />
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={apiKeyRequired} onChange={(e) => setApiKey(e.target.checked)} /> API key required
        </label>
        <RowList
          label="Request parameters"
          rows={params}
          onChange={setParams}
          blank={{ location: "querystring", name: "", required: false }}
          addLabel="Add request parameter"
          disabled={!canEdit}
          error={errorUnder(fe, "method.requestParameters")}
          render={(p, set, i) => (
            <>
              <select aria-label={`Parameter location ${i}`} className={rowSelect} value={p.location} onChange={(e) => set({ ...p, location: e.target.value })}>
                {LOCATIONS.map((l) => (
                  <option key={l}>{l}</option>
                ))}
              </select>
              <input
                aria-label={`Parameter name ${i}`}
                className={rowInput}
                value={p.name}
                onChange={(e) => set({ ...p, name: e.target.value })}
                placeholder="name"
              />
              <label className="flex items-center gap-1 text-xs">
                <input
                  type="checkbox"
                  aria-label={`Parameter ${i} required`}
                  checked={p.required}
                  onChange={(e) => set({ ...p, required: e.target.checked })}
                />{" "}
                required
              </label>
            </>
          )}
        />
        <RowList
          label="Request models"
          rows={models}
          onChange={setModels}
          blank={{ contentType: "application/json", model: "Empty" }}
          addLabel="Add request model"
          disabled={!canEdit}
          error={errorUnder(fe, "method.requestModels")}
          render={(m, set, i) => (
            <>
              <input
                aria-label={`Model content type ${i}`}
                className={rowInput}
                value={m.contentType}
                onChange={(e) => set({ ...m, contentType: e.target.value })}
              />
              <select aria-label={`Model ${i}`} className={rowSelect} value={m.model} onChange={(e) => set({ ...m, model: e.target.value })}>
                {(modelNames.includes(m.model) ? modelNames : [m.model, ...modelNames]).map((n) => (
                  <option key={n}>{n}</option>
                ))}
              </select>
            </>
          )}
        />
        {canEdit && (
          <Button
            type="button"
            variant="secondary"
            disabled={editor.pending}
            onClick={() =>
              editor.edit({
                type: "updateMethod",
                resourceId: resource.id,
                httpMethod: method.httpMethod,
                changes: {
                  authorizationType,
                  authorizerId: usesAuthorizer && authorizerId ? authorizerId : undefined,
                  authorizationScopes: authorizationType === "COGNITO_USER_POOLS" ? scopes.split(/[\s,]+/).filter(Boolean) : [],
                  apiKeyRequired,
                  operationName: operationName.trim() || undefined,
                  requestValidatorId: validatorId || undefined,
                  requestParameters: Object.fromEntries(
                    params.filter((p) => p.name.trim()).map((p) => [`method.request.${p.location}.${p.name.trim()}`, p.required]),
                  ),
                  requestModels: Object.fromEntries(models.filter((m) => m.contentType.trim()).map((m) => [m.contentType.trim(), m.model])),
                },
              })
            }
          >
            Save method request
          </Button>
        )}
      </fieldset>
    </Card>
  );
}
