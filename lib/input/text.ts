/**
 * Text a client can send but PostgreSQL cannot store: a NUL character (U+0000) in any string, or
 * in a JSON key, fails a write with a database error. Found here first, it is refused as a field error.
 */
import { ValidationError } from "../errors";

export const NUL_MESSAGE = "Text may not contain a NUL character (U+0000)";

/** The dotted path of the first string (value or key) holding U+0000, or undefined. Cycles are not expected (plain data). */
export function findNulPath(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? path : undefined;
  if (value === null || typeof value !== "object" || value instanceof Date) return undefined;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes("\u0000")) return [...path, key];
    const found = findNulPath(child, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/**
 * Throws a ValidationError naming the field (its last non-index key, as forms name fields) when
 * `value` holds U+0000 anywhere.
 */
export function assertNoNul(value: unknown): void {
  const path = findNulPath(value);
  if (!path) return;
  const field = [...path].reverse().find((k) => !/^\d+$/.test(k)) ?? "";
  throw new ValidationError([{ field, message: `${NUL_MESSAGE} (at ${path.join(".") || "the value"})` }]);
}
