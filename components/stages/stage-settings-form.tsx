"use client";
/**
 * Every setting of one stage, as AWS's console groups them: description and variables, protection,
 * cache cluster, tracing, access logs, client certificate, WAF, and method settings for all methods
 * (`*\/*`) or one method (`/pets/GET`). Field messages come from the server (lib/stage/settings.ts).
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { updateStageSettingsAction } from "@/app/(console)/apis/[apiId]/stages/actions";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { CACHE_CLUSTER_SIZES, DEFAULT_CACHE_TTL, LOGGING_LEVELS, type MethodSetting, type StoredStageSettings } from "@/lib/stage/settings";
import { useServerCalls } from "@/components/ui/use-server-action";
import { type StageOutcome, StageOutcomeNote } from "./stage-outcome";

type Text<T> = { [K in keyof T]-?: T[K] extends number | undefined ? string : T[K] };
type MethodRow = Text<MethodSetting> & { key: string };

const toText = (n: number | undefined) => (n === undefined ? "" : String(n));
const toNumber = (s: string) => (s.trim() === "" ? undefined : Number(s));

function rowOf(key: string, m?: Partial<MethodSetting>): MethodRow {
  return {
    key,
    metricsEnabled: m?.metricsEnabled ?? false,
    loggingLevel: m?.loggingLevel ?? "OFF",
    dataTraceEnabled: m?.dataTraceEnabled ?? false,
    throttlingRateLimit: toText(m?.throttlingRateLimit),
    throttlingBurstLimit: toText(m?.throttlingBurstLimit),
    cachingEnabled: m?.cachingEnabled ?? false,
    cacheTtlInSeconds: toText(m?.cacheTtlInSeconds ?? DEFAULT_CACHE_TTL),
    cacheDataEncrypted: m?.cacheDataEncrypted ?? false,
  };
}

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

function Check({
  label,
  name,
  checked,
  onChange,
  disabled,
}: {
  label: string;
  name: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  disabled?: boolean;
}) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <input type="checkbox" name={name} checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
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
  const [cacheOn, setCacheOn] = useState(p.settings.cacheClusterEnabled);
  const [cacheSize, setCacheSize] = useState<string>(p.settings.cacheClusterSize ?? "0.5");
  const [tracing, setTracing] = useState(p.settings.tracingEnabled);
  const [logArn, setLogArn] = useState(p.settings.accessLogSettings?.destinationArn ?? "");
  const [logFormat, setLogFormat] = useState(p.settings.accessLogSettings?.format ?? "");
  const [cert, setCert] = useState(p.settings.clientCertificateId ?? "");
  const [waf, setWaf] = useState(p.settings.webAclArn ?? "");
  const [rows, setRows] = useState<MethodRow[]>(Object.entries(p.settings.methodSettings).map(([k, m]) => rowOf(k, m)));
  const [newKey, setNewKey] = useState(p.methodKeys.find((k) => !(k in p.settings.methodSettings)) ?? p.methodKeys[0]);
  const f = (name: string) => error?.fieldErrors?.[name];
  const set = (i: number, patch: Partial<MethodRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const submit = () => {
    const vars: Record<string, string> = {};
    for (const line of variables.split(/\r?\n/)) {
      if (!line.trim()) continue;
      const at = line.indexOf("=");
      // A line without "=" is a name with no value: the server says what is wrong with it.
      if (at < 0) vars[line.trim()] = "";
      else vars[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    const methodSettings = Object.fromEntries(
      rows.map((r) => [
        r.key,
        {
          ...r,
          key: undefined,
          throttlingRateLimit: toNumber(r.throttlingRateLimit),
          throttlingBurstLimit: toNumber(r.throttlingBurstLimit),
          cacheTtlInSeconds: toNumber(r.cacheTtlInSeconds) ?? DEFAULT_CACHE_TTL,
        },
      ]),
    );
    run(() =>
      updateStageSettingsAction(p.apiId, p.stageName, p.version, {
        description,
        variables: vars,
        protected: isProtected,
        cacheClusterEnabled: cacheOn,
        cacheClusterSize: cacheOn ? cacheSize : undefined,
        tracingEnabled: tracing,
        accessLogSettings: logArn.trim() || logFormat.trim() ? { destinationArn: logArn, format: logFormat } : null,
        clientCertificateId: cert.trim() || null,
        webAclArn: waf.trim() || null,
        methodSettings,
      }),
    );
  };
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
        <label className="block text-sm font-medium text-slate-700">
          Stage variables (name=value per line)
          <textarea
            name="variables"
            value={variables}
            onChange={(e) => setVariables(e.target.value)}
            rows={4}
            className="mt-1 block w-full rounded-md border border-slate-300 p-2 font-mono text-xs"
          />
        </label>
        {variableErrors.map(([k, v]) => (
          <p key={k} className="text-xs text-red-600" data-field-error={k}>
            {k}: {v}
          </p>
        ))}
        <Check
          label="Protected: changing what this stage runs needs a second person's approval"
          name="protected"
          checked={isProtected}
          onChange={setProtected}
          disabled={!p.canProtect}
        />
        <div className="grid gap-3 sm:grid-cols-2">
          <Check label="Cache cluster enabled" name="cacheClusterEnabled" checked={cacheOn} onChange={setCacheOn} />
          <SelectField
            label="Cache cluster size (GB)"
            name="cacheClusterSize"
            value={cacheSize}
            onChange={(e) => setCacheSize(e.target.value)}
            options={[...CACHE_CLUSTER_SIZES]}
            disabled={!cacheOn}
            error={f("cacheClusterSize")}
          />
          <Check label="X-Ray tracing" name="tracingEnabled" checked={tracing} onChange={setTracing} />
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            label="Access log destination ARN"
            name="accessLogSettings.destinationArn"
            value={logArn}
            onChange={(e) => setLogArn(e.target.value)}
            error={f("accessLogSettings.destinationArn")}
            placeholder="arn:aws:logs:us-east-1:123456789012:log-group:api-logs"
          />
          <Field
            label="Access log format"
            name="accessLogSettings.format"
            value={logFormat}
            onChange={(e) => setLogFormat(e.target.value)}
            error={f("accessLogSettings.format")}
            placeholder='{"requestId":"$context.requestId"}'
          />
          <Field
            label="Client certificate id"
            name="clientCertificateId"
            value={cert}
            onChange={(e) => setCert(e.target.value)}
            error={f("clientCertificateId")}
          />
          <Field
            label="WAF web ACL ARN"
            name="webAclArn"
            value={waf}
            onChange={(e) => setWaf(e.target.value)}
            error={f("webAclArn")}
            hint="On AWS this is attached through AWS WAF (wafv2:AssociateWebACL), not UpdateStage; Test connection says whether this connection may."
          />
        </div>

        <div>
          <h3 className="text-sm font-semibold">Method settings</h3>
          <p className="text-xs text-slate-500">*/* applies to every method; a method's own row overrides it.</p>
          {rows.map((r, i) => {
            const e = (field: string) => f(`methodSettings.${r.key}.${field}`);
            return (
              <div key={r.key} className="mt-2 rounded-md border border-slate-200 p-2" data-method-setting={r.key}>
                <div className="flex items-center justify-between">
                  <span className="font-mono text-sm">{r.key}</span>
                  <Button type="button" variant="ghost" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                    Remove
                  </Button>
                </div>
                {f(`methodSettings.${r.key}`) && (
                  <p className="text-xs text-red-600" data-field-error={`methodSettings.${r.key}`}>
                    {f(`methodSettings.${r.key}`)}
                  </p>
                )}
                <div className="grid gap-2 sm:grid-cols-4">
                  <Field
                    label="Rate limit (req/s)"
                    name={`methodSettings.${r.key}.throttlingRateLimit`}
                    inputMode="decimal"
                    value={r.throttlingRateLimit}
                    onChange={(ev) => set(i, { throttlingRateLimit: ev.target.value })}
                    error={e("throttlingRateLimit")}
                  />
                  <Field
                    label="Burst limit"
                    name={`methodSettings.${r.key}.throttlingBurstLimit`}
                    inputMode="numeric"
                    value={r.throttlingBurstLimit}
                    onChange={(ev) => set(i, { throttlingBurstLimit: ev.target.value })}
                    error={e("throttlingBurstLimit")}
                  />
                  <Field
                    label="Cache TTL (seconds)"
                    name={`methodSettings.${r.key}.cacheTtlInSeconds`}
                    inputMode="numeric"
                    value={r.cacheTtlInSeconds}
                    onChange={(ev) => set(i, { cacheTtlInSeconds: ev.target.value })}
                    error={e("cacheTtlInSeconds")}
                  />
                  <SelectField
                    label="Log level"
                    name={`methodSettings.${r.key}.loggingLevel`}
                    value={r.loggingLevel}
                    onChange={(ev) => set(i, { loggingLevel: ev.target.value as MethodRow["loggingLevel"] })}
                    options={[...LOGGING_LEVELS]}
                    error={e("loggingLevel")}
                  />
                </div>
                <div className="mt-1 flex flex-wrap gap-4">
                  <Check
                    label="Caching"
                    name={`methodSettings.${r.key}.cachingEnabled`}
                    checked={r.cachingEnabled}
                    onChange={(v) => set(i, { cachingEnabled: v })}
                  />
                  <Check
                    label="Encrypt cache"
                    name={`methodSettings.${r.key}.cacheDataEncrypted`}
                    checked={r.cacheDataEncrypted}
                    onChange={(v) => set(i, { cacheDataEncrypted: v })}
                  />
                  <Check
                    label="Data trace"
                    name={`methodSettings.${r.key}.dataTraceEnabled`}
                    checked={r.dataTraceEnabled}
                    onChange={(v) => set(i, { dataTraceEnabled: v })}
                  />
                  <Check
                    label="Metrics"
                    name={`methodSettings.${r.key}.metricsEnabled`}
                    checked={r.metricsEnabled}
                    onChange={(v) => set(i, { metricsEnabled: v })}
                  />
                </div>
              </div>
            );
          })}
          <div className="mt-2 flex items-end gap-2">
            <SelectField
              label="Method"
              name="newMethodSetting"
              value={newKey}
              onChange={(e) => setNewKey(e.target.value)}
              options={p.methodKeys.filter((k) => !rows.some((r) => r.key === k))}
              className="flex-1"
            />
            <Button
              type="button"
              variant="secondary"
              disabled={!newKey || rows.some((r) => r.key === newKey)}
              onClick={() => {
                setRows([...rows, rowOf(newKey)]);
                setNewKey(p.methodKeys.find((k) => k !== newKey && !rows.some((r) => r.key === k)) ?? "");
              }}
            >
              Add method setting
            </Button>
          </div>
        </div>
        {p.canEdit && <Button type="submit">Save stage settings</Button>}
      </fieldset>
      <StageOutcomeNote outcome={outcome} failure={error} onReload={reload} />
    </form>
  );
}
