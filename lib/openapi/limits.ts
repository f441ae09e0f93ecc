/**
 * How big and how deep an API definition may be. API Gateway's PutRestApi and ImportRestApi refuse
 * bodies over 6 MB; Gatehouse refuses the same, before reading or parsing, so no document can hold
 * a CLI for minutes or the server's memory. Depth: nothing in an OpenAPI document needs more than
 * a few dozen levels, and deeper values only serve to exhaust a recursive reader.
 */
import { runSteps, type Steps } from "./steps";

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
  return runSteps(documentDepthSteps(value));
}

/**
 * documentDepthProblem in steps of a few thousand values: a 6 MB document holds hundreds of
 * thousands, and the server hands the event loop back between steps. Only objects and arrays
 * are stacked (with their depth alongside), never the strings and numbers in them.
 */
export function* documentDepthSteps(value: unknown): Steps<string | undefined> {
  if (value === null || typeof value !== "object") return undefined;
  const values: object[] = [value];
  const depths: number[] = [0];
  let visited = 0;
  while (values.length) {
    const current = values.pop()!;
    const depth = depths.pop()!;
    if (depth >= MAX_DOCUMENT_DEPTH) return `values are nested more than ${MAX_DOCUMENT_DEPTH} levels deep`;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child === null || typeof child !== "object") continue;
      values.push(child);
      depths.push(depth + 1);
    }
    if (++visited % 4096 === 0) yield;
  }
  return undefined;
}
