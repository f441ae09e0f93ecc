/**
 * Whether an invocation's response passes a test case's checks: status, body substrings,
 * JSONPath values (Jayway's syntax, as $input.path) and header values. Pure.
 */
import { evalJsonPath, parseJsonExact, walkNativePath } from "../template/json";
import { toJson } from "../template/values";
import type { Expectations } from "./schema";
import { jsonEqual } from "../invoke/compare";

export interface CheckedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface CheckOutcome {
  passed: boolean;
  failures: string[];
}

const show = (v: unknown) => (v === undefined ? "missing" : JSON.stringify(v));

// One JSON equality for the whole product: the same one the AWS side-by-side uses.
export { jsonEqual };

/** The value at `path` in a parsed body: undefined when a definite path leads nowhere. */
export function valueAtPath(native: unknown, bodyText: string, path: string): unknown {
  const simple = walkNativePath(native, path);
  if (simple !== undefined) return simple;
  const found = evalJsonPath(parseJsonExact(bodyText), path);
  // A definite path that matched nothing answers null; a plain walk tells missing from null.
  if (found === null) return /[*?]|\.\.|:|,/.test(path) ? null : undefined;
  return JSON.parse(toJson(found));
}

export function checkExpectations(result: CheckedResponse, expectations: Expectations): CheckOutcome {
  const failures: string[] = [];
  if (expectations.status !== undefined && result.status !== expectations.status) {
    failures.push(`Expected status ${expectations.status}, got ${result.status}`);
  }
  for (const needle of expectations.bodyContains ?? []) {
    if (!result.body.includes(needle)) failures.push(`Body does not contain ${JSON.stringify(needle)}`);
  }
  const checks = expectations.bodyJson ?? [];
  if (checks.length) {
    let native: unknown;
    let parsed = true;
    try {
      native = JSON.parse(result.body);
    } catch {
      parsed = false;
    }
    if (!parsed) failures.push(`Body is not JSON, so ${checks.map((c) => c.path).join(", ")} cannot be checked`);
    else {
      for (const c of checks) {
        let actual: unknown;
        try {
          actual = valueAtPath(native, result.body, c.path);
        } catch (e) {
          failures.push(`${c.path}: ${(e as Error).message}`);
          continue;
        }
        if (!jsonEqual(actual, c.equals)) failures.push(`${c.path} is ${show(actual)}, expected ${show(c.equals)}`);
      }
    }
  }
  for (const [name, want] of Object.entries(expectations.headerEquals ?? {})) {
    const key = Object.keys(result.headers).find((k) => k.toLowerCase() === name.toLowerCase());
    const got = key === undefined ? undefined : result.headers[key];
    if (got !== want) failures.push(`Header ${name} is ${show(got)}, expected ${JSON.stringify(want)}`);
  }
  return { passed: failures.length === 0, failures };
}
