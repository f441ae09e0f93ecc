"use client";
/**
 * Every setting of one stage: its description, variables and protection, then the settings
 * table's controls in the table's order (cache cluster, tracing, access logs, client certificate,
 * WAF; lib/stage/settings/fields.ts) and method settings for all methods (`*\/*`) or one method
 * (`/pets/GET`). Field messages come from the server (lib/stage/settings.ts).
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { updateStageSettingsAction } from "@/app/(console)/apis/[apiId]/stages/actions";
import { Button } from "@/components/ui/button";
import { Checkbox, Field, TextAreaField } from "@/components/ui/field";
import { useServerCalls } from "@/components/ui/use-server-action";
import type { StoredStageSettings } from "@/lib/stage/settings";
import { formControls, methodFormRow, methodInputFromForm, stageFormValues, stageInputFromForm, switchedOffIn } from "@/lib/stage/settings/form-values";
import { MethodSettingsEditor } from "./settings/method-settings";
import { SettingControl } from "./settings/setting-control";
import { type StageOutcome, StageOutcomeNote } from "./stage-outcome";

export interface StageSettingsFormProps {
  apiId: string;
  stageName: string;
  version: number;
  description: string;
  variables: Record<string, string>;
  isProtected: boolean;
  settings: StoredStageSettings;
  /** `*\/*` and the `{path}/{VERB}` keys of the stage's deployment. */
  methodKeys: string[];
  canEdit: boolean;
  canProtect: boolean;
}

/** `name=value` lines; a line without "=" is a name with no value (the server says what is wrong with it). */
function parseVariables(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const at = line.indexOf("=");
    if (at < 0) vars[line.trim()] = "";
    else vars[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return vars;
}

export function StageSettingsForm(p: StageSettingsFormProps) {
  const router = useRouter();
  const { pending, error, data: outcome, run, reset } = useServerCalls<StageOutcome>({ refresh: true });
  const reload = () => {
    reset();
    router.refresh();
  };
  const [description, setDescription] = useState(p.description);
  const [variables, setVariables] = useState(
    Object.entries(p.variables)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
  );
  const [isProtected, setProtected] = useState(p.isProtected);
  const [values, setValues] = useState(() => stageFormValues(p.settings));
  const [rows, setRows] = useState(() => Object.entries(p.settings.methodSettings).map(([k, m]) => methodFormRow(k, m)));
  const f = (name: string) => error?.fieldErrors?.[name];

  const submit = () =>
    run(() =>
      updateStageSettingsAction(p.apiId, p.stageName, p.version, {
        description,
        variables: parseVariables(variables),
        protected: isProtected,
        ...stageInputFromForm(values),
        methodSettings: Object.fromEntries(rows.map((r) => [r.key, methodInputFromForm(r)])),
      }),
    );
  const variableErrors = Object.entries(error?.fieldErrors ?? {}).filter(([k]) => k === "variables" || k.startsWith("variables."));

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      data-testid="stage-settings"
    >
      <fieldset disabled={!p.canEdit || pending} className="space-y-4">
        <Field label="Stage description" name="description" value={description} onChange={(e) => setDescription(e.target.value)} error={f("description")} />
        <TextAreaField
          label="Stage variables (name=value per line)"
          name="variables"
          value={variables}
          onChange={(e) => setVariables(e.target.value)}
          rows={4}
          mono
        />
        {variableErrors.map(([k, v]) => (
          <p key={k} className="text-xs text-red-600" data-field-error={k}>
            {k}: {v}
          </p>
        ))}
        <Checkbox
          label="Protected: changing what this stage runs needs a second person's approval"
          name="protected"
          checked={isProtected}
          onChange={(e) => setProtected(e.target.checked)}
          disabled={!p.canProtect}
        />
        <div className="grid gap-3 sm:grid-cols-2">
          {formControls().map(([name, control]) => (
            <SettingControl
              key={name}
              name={name}
              control={control}
              value={values[name]}
              onChange={(v) => setValues({ ...values, [name]: v })}
              errorOf={f}
              disabled={switchedOffIn(name, values)}
            />
          ))}
        </div>
        <MethodSettingsEditor rows={rows} onChange={setRows} methodKeys={p.methodKeys} errorOf={f} />
        {p.canEdit && <Button type="submit">Save stage settings</Button>}
      </fieldset>
      <StageOutcomeNote outcome={outcome} failure={error} onReload={reload} fieldShown={() => true} />
    </form>
  );
}
