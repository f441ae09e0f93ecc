/**
 * The database seen by requests: every query's arguments are checked for text PostgreSQL cannot
 * store (U+0000) before they are sent, so bad input is a field error and nothing is half-written;
 * and the database's own "bad data" answers (a malformed id, a value out of range, a unique race)
 * become 4xx errors instead of 500s.
 */
import type { Db } from "../db/client";
import { ConflictError, GatehouseError, ValidationError } from "../errors";
import { assertNoNul, NUL_MESSAGE } from "./text";

const guarded = new WeakMap<Db, Db>();

/** The same client with the U+0000 check on every model query (interactive transactions included). */
export function guardedDb(db: Db): Db {
  let client = guarded.get(db);
  if (!client) {
    client = db.$extends({
      query: {
        $allModels: {
          $allOperations({ args, query }) {
            assertNoNul(args);
            return query(args);
          },
        },
      },
    }) as unknown as Db;
    guarded.set(db, client);
  }
  return client;
}

interface DriverCause {
  code?: string;
  originalCode?: string;
  message?: string;
  originalMessage?: string;
}

/** PostgreSQL's SQLSTATE and message behind a Prisma error (driver adapters put them in meta). */
function databaseCause(e: unknown): { code: string; message: string } | undefined {
  if (!e || typeof e !== "object") return undefined;
  const meta = (e as { meta?: { driverAdapterError?: { cause?: DriverCause } } }).meta;
  const cause = meta?.driverAdapterError?.cause ?? (e as { cause?: DriverCause }).cause;
  const code = cause?.originalCode ?? cause?.code;
  if (!code || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  return { code, message: cause?.originalMessage ?? cause?.message ?? "" };
}

/**
 * A database error caused by what the client sent, as the error to answer with; undefined for a
 * real server fault. SQLSTATE class 22 is "data exception", 23505 a unique violation.
 */
export function inputErrorFromDatabase(e: unknown): GatehouseError | undefined {
  const cause = databaseCause(e);
  if (!cause) return undefined;
  if (cause.code === "22021" || cause.code === "22P05") return new ValidationError([{ field: "", message: NUL_MESSAGE }]);
  if (cause.code === "22P02" && /uuid/i.test(cause.message)) return new GatehouseError("Not found: an id here is not a valid id (a UUID)", 404, [], "NotFound");
  if (cause.code.startsWith("22")) return new ValidationError([{ field: "", message: `A value is not valid: ${cause.message}` }]);
  if (cause.code === "23505") return new ConflictError("This was changed at the same time by another request: it already exists. Reload and try again.");
  return undefined;
}
