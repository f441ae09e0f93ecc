"use client";
import { useState } from "react";
import {
  addApiStageAction,
  attachApiKeyAction,
  createUsagePlanAction,
  deleteUsagePlanAction,
  detachApiKeyAction,
  removeApiStageAction,
} from "@/app/(console)/usage-plans/actions";
import { Button } from "@/components/ui/button";
import { DeleteDialog } from "@/components/ui/delete-dialog";
import { Field, Select, SelectField } from "@/components/ui/field";
import { FormError, fieldsShown } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import type { UsagePlanView } from "@/lib/usage-plan/view";

/** A typed number, or undefined when left empty (the server names what is missing or wrong). */
const numberOrEmpty = (text: string) => (text.trim() === "" ? undefined : Number(text));

const EMPTY = { name: "", description: "", rateLimit: "", burstLimit: "", limit: "", period: "MONTH", offset: "0" };

export function CreateUsagePlanForm() {
  const [v, setV] = useState(EMPTY);
  const create = useServerAction(createUsagePlanAction, { refresh: true, success: (d) => `Usage plan ${d.name} created`, onSuccess: () => setV(EMPTY) });
  const field = (name: keyof typeof EMPTY, label: string, error?: string) => (
    <Field label={label} name={name} value={v[name]} onChange={(e) => setV({ ...v, [name]: e.target.value })} error={error} />
  );
  const submit = () => {
    const throttled = v.rateLimit.trim() !== "" || v.burstLimit.trim() !== "";
    const quota = v.limit.trim() !== "";
    void create.run({
      name: v.name,
      description: v.description,
      throttle: throttled ? { rateLimit: numberOrEmpty(v.rateLimit) as number, burstLimit: numberOrEmpty(v.burstLimit) as number } : null,
      quota: quota ? { limit: Number(v.limit), period: v.period as "DAY", offset: numberOrEmpty(v.offset) } : null,
    });
  };
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {field("name", "Name", create.fieldErrors.name)}
      {field("description", "Description", create.fieldErrors.description)}
      <div className="grid grid-cols-2 gap-2">
        {field("rateLimit", "Rate (requests/s)", create.fieldErrors["throttle.rateLimit"])}
        {field("burstLimit", "Burst", create.fieldErrors["throttle.burstLimit"])}
      </div>
      <div className="grid grid-cols-3 gap-2">
        {field("limit", "Quota", create.fieldErrors["quota.limit"])}
        <SelectField
          label="per"
          name="period"
          value={v.period}
          onChange={(e) => setV({ ...v, period: e.target.value })}
          options={["DAY", "WEEK", "MONTH"]}
          error={create.fieldErrors["quota.period"]}
        />
        {field("offset", "Starting day", create.fieldErrors["quota.offset"])}
      </div>
      <FormError
        failure={create.error}
        fieldShown={fieldsShown("name", "description", "throttle.rateLimit", "throttle.burstLimit", "quota.limit", "quota.period", "quota.offset")}
      />
      <Button type="submit" pending={create.pending}>
        Create usage plan
      </Button>
    </form>
  );
}

interface StageChoice {
  apiId: string;
  stage: string;
  label: string;
}

function AttachKey({ plan, keys }: { plan: UsagePlanView; keys: { id: string; name: string }[] }) {
  const free = keys.filter((k) => !plan.keys.some((p) => p.id === k.id));
  const [keyId, setKeyId] = useState("");
  const attach = useServerAction(attachApiKeyAction, { refresh: true, success: `Key attached to ${plan.name}`, onSuccess: () => setKeyId("") });
  if (!free.length) return null;
  return (
    <div className="flex items-start gap-2">
      <Select
        aria-label={`Key to attach to ${plan.name}`}
        value={keyId}
        onChange={(e) => setKeyId(e.target.value)}
        options={[{ value: "", label: "Choose a key" }, ...free.map((k) => ({ value: k.id, label: k.name }))]}
      />
      <Button size="sm" variant="secondary" disabled={!keyId} pending={attach.pending} onClick={() => void attach.run(plan.id, keyId)}>
        Attach key
      </Button>
      <FormError failure={attach.error} />
    </div>
  );
}

function AddStage({ plan, choices }: { plan: UsagePlanView; choices: StageChoice[] }) {
  const free = choices.filter((c) => !plan.apiStages.some((s) => s.apiId === c.apiId && s.stage === c.stage));
  const [choice, setChoice] = useState("");
  const add = useServerAction(addApiStageAction, { refresh: true, success: `Stage added to ${plan.name}`, onSuccess: () => setChoice("") });
  if (!free.length) return null;
  return (
    <div className="flex items-start gap-2">
      <Select
        aria-label={`Stage to add to ${plan.name}`}
        value={choice}
        onChange={(e) => setChoice(e.target.value)}
        options={[{ value: "", label: "Choose an API stage" }, ...free.map((c, i) => ({ value: String(i), label: c.label }))]}
      />
      <Button
        size="sm"
        variant="secondary"
        disabled={choice === ""}
        pending={add.pending}
        onClick={() => void add.run(plan.id, { apiId: free[Number(choice)].apiId, stage: free[Number(choice)].stage })}
      >
        Add stage
      </Button>
      <FormError failure={add.error} />
    </div>
  );
}

function PlanLinks({ plan, editable }: { plan: UsagePlanView; editable: boolean }) {
  const detach = useServerAction(detachApiKeyAction, { refresh: true, success: "Key detached" });
  const remove = useServerAction(removeApiStageAction, { refresh: true, success: "Stage removed" });
  return (
    <div className="mt-1 space-y-1 text-xs text-slate-600">
      <div>
        Stages: {plan.apiStages.length === 0 ? "none" : null}
        {plan.apiStages.map((s) => (
          <span key={`${s.apiId}/${s.stage}`} className="mr-2">
            {s.apiName} / {s.stage}
            {Object.keys(s.throttle).length > 0 && ` (${Object.keys(s.throttle).join(", ")})`}
            {editable && (
              <Button variant="link" onClick={() => void remove.run(plan.id, s.apiId, s.stage)}>
                remove
              </Button>
            )}
          </span>
        ))}
      </div>
      <div>
        Keys: {plan.keys.length === 0 ? "none" : null}
        {plan.keys.map((k) => (
          <span key={k.id} className="mr-2">
            {k.name}
            {editable && (
              <Button variant="link" onClick={() => void detach.run(plan.id, k.id)}>
                detach
              </Button>
            )}
          </span>
        ))}
      </div>
      <FormError failure={detach.error ?? remove.error} />
    </div>
  );
}

function DeletePlan({ plan }: { plan: UsagePlanView }) {
  const remove = useServerAction(deleteUsagePlanAction, { refresh: true, success: `Usage plan ${plan.name} deleted` });
  const keys = plan.keys.map((k) => k.name);
  return (
    <DeleteDialog
      label="Delete"
      title={`Delete usage plan ${plan.name}?`}
      pending={remove.pending}
      failure={remove.error}
      onCancel={remove.reset}
      onConfirm={async () => (await remove.run(plan.id, keys.length > 0)).ok}
      testId={`delete-plan-${plan.name}`}
    >
      <p>{keys.length ? `Its keys are detached with it (they stay): ${keys.join(", ")}.` : "No key is attached."}</p>
    </DeleteDialog>
  );
}

function describeLimits(plan: UsagePlanView): string {
  const throttle = plan.throttle ? `${plan.throttle.rateLimit} req/s, burst ${plan.throttle.burstLimit}` : "no throttle";
  const quota = plan.quota ? `${plan.quota.limit} per ${plan.quota.period.toLowerCase()}` : "no quota";
  return `${throttle} · ${quota}`;
}

export function UsagePlanList({
  plans,
  keys,
  stageChoices,
  editable,
}: {
  plans: UsagePlanView[];
  keys: { id: string; name: string }[];
  stageChoices: StageChoice[];
  editable: boolean;
}) {
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="usage-plan-list">
      {plans.length === 0 && <li className="py-2 text-slate-500">No usage plans yet.</li>}
      {plans.map((plan) => (
        <li key={plan.id} className="space-y-2 py-2" data-testid={`usage-plan-${plan.name}`}>
          <div className="flex items-start justify-between gap-3">
            <div>
              <span className="font-medium">{plan.name}</span> <span className="text-slate-500">{describeLimits(plan)}</span>
              <PlanLinks plan={plan} editable={editable} />
            </div>
            {editable && <DeletePlan plan={plan} />}
          </div>
          {editable && (
            <div className="flex flex-wrap gap-3">
              <AttachKey plan={plan} keys={keys} />
              <AddStage plan={plan} choices={stageChoices} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
