/** Stage rules as AWS enforces them. */
import type { FieldIssue } from "../errors";

export const MAX_STAGES_PER_API = 10;
export const MAX_STAGE_VARIABLES = 100;
/** AWS's stage-name rule (CreateStage): 1 to 128 of a-zA-Z0-9_- — the one copy of it. */
export const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;
export const STAGE_NAME_RULE = "Stage name only allows a-zA-Z0-9_- and must be 1 to 128 characters";
const VARIABLE_NAME = /^[A-Za-z0-9_]{1,64}$/;
const VARIABLE_VALUE = /^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/;

export function checkStageName(name: string): FieldIssue[] {
  return STAGE_NAME.test(name) ? [] : [{ field: "name", message: STAGE_NAME_RULE }];
}

export function checkStageVariables(variables: Record<string, string>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const entries = Object.entries(variables);
  if (entries.length > MAX_STAGE_VARIABLES) issues.push({ field: "variables", message: `A stage can have at most ${MAX_STAGE_VARIABLES} variables` });
  for (const [k, v] of entries) {
    if (!VARIABLE_NAME.test(k)) issues.push({ field: `variables.${k}`, message: "Variable names are 1 to 64 characters of a-zA-Z0-9_" });
    if (!VARIABLE_VALUE.test(v)) issues.push({ field: `variables.${k}`, message: "Variable values are 1 to 512 characters of a-zA-Z0-9-._~:/?#&=," });
  }
  return issues;
}
