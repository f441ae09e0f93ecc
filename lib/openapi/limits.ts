/**
 * How big and how deep an API definition may be. API Gateway's PutRestApi and ImportRestApi refuse
 * bodies over 6 MB; Gatehouse refuses the same, before reading or parsing, so no document can hold
 * a CLI for minutes or the server's memory. Depth: nothing in an OpenAPI document needs more than
 * a few dozen levels, and deeper values only serve to exhaust a recursive reader.
 */
export const MAX_DOCUMENT_BYTES = 6 * 1024 * 1024;
export const MAX_DOCUMENT_DEPTH = 128;
/** Aliases a YAML document may expand (the `yaml` package's maxAliasCount): a bomb is refused, real documents use a few. */
export const MAX_YAML_ALIASES = 100;

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** Undefined when `bytes` is within the limit, else the message saying the size and the limit. */
export function documentSizeProblem(bytes: number): string | undefined {
  if (bytes <= MAX_DOCUMENT_BYTES) return undefined;
  return `the document is ${megabytes(bytes)}; API Gateway imports documents of at most 6 MB (PutRestApi, ImportRestApi), and so does Gatehouse`;
}

/** Undefined when no value nests deeper than MAX_DOCUMENT_DEPTH, else the message. Iterative: depth itself cannot overflow it. */
export function documentDepthProblem(value: unknown): string | undefined {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (depth >= MAX_DOCUMENT_DEPTH) return `values are nested more than ${MAX_DOCUMENT_DEPTH} levels deep`;
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return undefined;
}
