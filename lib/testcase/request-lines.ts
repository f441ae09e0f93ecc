/** The Test panel's text boxes: headers as "Name: value" lines, stage variables and the like as "name=value" lines. */
/**
 * Parses "Name: value" lines (the AWS console's header box format). A name may repeat: every value
 * is kept in `multiValueHeaders` (as TestInvokeMethod takes them) and the last one in `headers`.
 */
export function parseHeaderLines(text: string): { headers: Record<string, string>; multiValueHeaders: Record<string, string[]>; errors: string[] } {
  const multiValueHeaders: Record<string, string[]> = {};
  const spelling = new Map<string, string>();
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const idx = line.indexOf(":");
    if (idx <= 0) {
      errors.push(`Line ${i + 1}: expected "Name: value"`);
      return;
    }
    const name = line.slice(0, idx).trim();
    // Header names are case-insensitive: `X-Tag` and `x-tag` are one header with two values.
    const key = spelling.get(name.toLowerCase()) ?? name;
    spelling.set(name.toLowerCase(), key);
    (multiValueHeaders[key] ??= []).push(line.slice(idx + 1).trim());
  });
  const headers = Object.fromEntries(Object.entries(multiValueHeaders).map(([k, v]) => [k, v[v.length - 1]]));
  return { headers, multiValueHeaders, errors };
}

/** Only the names given more than once, or undefined when none repeats (the request then needs no multi-value map). */
export function repeatedHeaders(multiValueHeaders: Record<string, string[]>): Record<string, string[]> | undefined {
  const repeated = Object.fromEntries(Object.entries(multiValueHeaders).filter(([, v]) => v.length > 1));
  return Object.keys(repeated).length > 0 ? repeated : undefined;
}

/**
 * `name=value` lines → a map: stage variables, the preview's sample parameters, gateway-response
 * headers. Blank lines and `#` comments are skipped; the first `=` splits; a line without `=` is a
 * name with an empty value (so a forgotten `=` is refused by the field's own rule, not dropped).
 */
export function parseNameValueLines(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    const name = (eq < 0 ? line : line.slice(0, eq)).trim();
    if (!name) continue;
    out[name] = eq < 0 ? "" : line.slice(eq + 1).trim();
  }
  return out;
}

/** The inverse of parseNameValueLines. */
export function formatNameValueLines(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");
}
