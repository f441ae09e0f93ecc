/** Parses "Name: value" lines (the AWS console's header box format) into a map. */
export function parseHeaderLines(text: string): { headers: Record<string, string>; errors: string[] } {
  const headers: Record<string, string> = {};
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const idx = line.indexOf(":");
    if (idx <= 0) {
      errors.push(`Line ${i + 1}: expected "Name: value"`);
      return;
    }
    headers[line.slice(0, idx).trim()] = line.slice(idx + 1).trim();
  });
  return { headers, errors };
}

/** Parses "name=value" lines into stage variables. */
export function parseVariableLines(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const idx = line.indexOf("=");
    if (idx > 0) vars[line.slice(0, idx).trim()] = line.slice(idx + 1).trim();
  }
  return vars;
}
