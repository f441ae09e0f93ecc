/**
 * Errors that reach a user: a message, the field it is about, and the HTTP status to answer with.
 * Every layer throws these; app/_server turns them into an answer (status, message, field errors).
 */
import type { ZodError } from "zod";
export interface FieldIssue {
  field: string;
  message: string;
}

/** Marks every GatehouseError, whichever copy of this module made it (see Symbol.hasInstance below). */
const GATEHOUSE_ERROR = Symbol.for("gatehouse.error");

export class GatehouseError extends Error {
  readonly [GATEHOUSE_ERROR] = true;

  /**
   * Next bundles lib/ more than once (instrumentation with the job workers, route handlers, server
   * actions), so an error made by one copy's class reaches code holding another copy: a job's 400
   * awaited by an action was answered as a 500. `instanceof GatehouseError` goes by the mark instead;
   * the subclasses keep the ordinary check (they are thrown and caught within one copy).
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class instanceof was asked about (a subclass inherits this method)
    if (this !== GatehouseError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[GATEHOUSE_ERROR] === true;
  }

  constructor(
    message: string,
    readonly status: number,
    readonly issues: FieldIssue[] = [],
    readonly code: string = "BadRequest",
  ) {
    super(message);
    this.name = "GatehouseError";
  }
}

/** Input AWS would reject: answered 400 with one message per field. */
export class ValidationError extends GatehouseError {
  constructor(issues: FieldIssue[]) {
    super(issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join("; "), 400, issues, "ValidationError");
  }
}

export class NotFoundError extends GatehouseError {
  constructor(what: string) {
    super(`${what} not found`, 404, [], "NotFound");
  }
}

/** A save based on a version that is no longer current. */
export class ConflictError extends GatehouseError {
  constructor(message: string) {
    super(message, 409, [], "Conflict");
  }
}

export class ForbiddenError extends GatehouseError {
  constructor(message = "Your role does not allow this action") {
    super(message, 403, [], "Forbidden");
  }
}

export function invalid(field: string, message: string): ValidationError {
  return new ValidationError([{ field, message }]);
}

/**
 * A zod refusal as a ValidationError: one issue per field, the field as its dotted path below
 * `prefix` (`settings.methodSettings.x`), the whole input's own issues under `prefix` alone.
 */
export function fromZod(error: ZodError, prefix = ""): ValidationError {
  return new ValidationError(error.issues.map((i) => ({ field: [prefix, ...i.path.map(String)].filter(Boolean).join("."), message: i.message })));
}
