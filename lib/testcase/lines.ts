/** The "Save as test case" form's text boxes, read into expectations (the server validates them again). */

/** One check per non-empty line, as typed. */
export function parseBodyContainsLines(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.trim() !== "");
}

/**
 * `$.path = value` per line; the value is JSON when it parses (`3`, `"3"`, `true`, `null`, `[1]`),
 * otherwise the text itself as a string.
 */
export function parseJsonPathLines(text: string): { checks: { path: string; equals: unknown }[]; errors: string[] } {
  const checks: { path: string; equals: unknown }[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const eq = line.indexOf("=");
    if (eq <= 0) {
      errors.push(`Line ${i + 1}: expected "$.path = value"`);
      return;
    }
    const path = line.slice(0, eq).trim();
    const raw = line.slice(eq + 1).trim();
    let equals: unknown = raw;
    try {
      equals = JSON.parse(raw);
    } catch {
      /* a bare word: compare as a string */
    }
    checks.push({ path, equals });
  });
  return { checks, errors };
}

/** Stage variables worth saving with a case: all of them on the draft; on a stage only those that differ from it. */
export function variablesToSave(vars: Record<string, string>, stageVars: Record<string, string> | null): Record<string, string> {
  if (!stageVars) return vars;
  return Object.fromEntries(Object.entries(vars).filter(([k, v]) => stageVars[k] !== v));
}

/** The form's three boxes read into expectations, or field errors keyed as the server keys them. */
export function readExpectationText(text: {
  status: string;
  bodyContains: string;
  bodyJson: string;
}):
  | { ok: true; expectations: { status?: number; bodyContains?: string[]; bodyJson?: { path: string; equals: unknown }[] } }
  | { ok: false; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  const { checks, errors } = parseJsonPathLines(text.bodyJson);
  if (errors.length) fieldErrors["expectations.bodyJson"] = errors.join("; ");
  const status = text.status.trim();
  if (status && !/^\d+$/.test(status)) fieldErrors["expectations.status"] = "The expected status is a number such as 200";
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  const bodyContains = parseBodyContainsLines(text.bodyContains);
  return {
    ok: true,
    expectations: {
      ...(status ? { status: Number(status) } : {}),
      ...(bodyContains.length ? { bodyContains } : {}),
      ...(checks.length ? { bodyJson: checks } : {}),
    },
  };
}
