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
