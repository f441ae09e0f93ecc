"use client";
/** Draft or one of the API's stages: what a test invocation or run executes. */
import { SelectField } from "@/components/ui/field";

export interface StageOption {
  name: string;
  variables: Record<string, string>;
}

export const DRAFT = "";

export function TargetSelect({
  stages,
  value,
  onChange,
  name = "test.target",
}: {
  stages: StageOption[];
  value: string;
  onChange: (stage: string) => void;
  name?: string;
}) {
  return (
    <SelectField
      label="Target"
      name={name}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      options={[{ value: DRAFT, label: "Draft" }, ...stages.map((s) => ({ value: s.name, label: `Stage ${s.name}` }))]}
    />
  );
}
