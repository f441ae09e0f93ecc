/** Argument rules shared by the CLI's commands, with the messages a user sees. */
import { STAGE_NAME } from "../stage/rules";

const VARIABLE_NAME = /^[A-Za-z0-9_]{1,64}$/;

/** `--stage-var name=value` (repeatable) as a map; problems are pushed onto `errors`. */
export function stageVariablesFrom(values: string[], errors: string[]): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const v of values) {
    const i = v.indexOf("=");
    const name = i < 0 ? "" : v.slice(0, i).trim();
    if (i < 0 || !VARIABLE_NAME.test(name)) errors.push(`--stage-var must be name=value with a name of a-zA-Z0-9_, not ${JSON.stringify(v)}`);
    else variables[name] = v.slice(i + 1);
  }
  return variables;
}

/** `--stage NAME`: null when it follows AWS's rule, else the message. */
export function stageNameProblem(name: string): string | null {
  return STAGE_NAME.test(name) ? null : `--stage must be 1 to 128 characters of a-zA-Z0-9-_, not ${JSON.stringify(name)}`;
}
