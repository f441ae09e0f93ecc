/**
 * The database being out of reach (down, restarting, failing over, out of connections) as the
 * answer a user gets: 503 with a message that says nothing was changed, instead of a 500 after a
 * wait. Recognised from Prisma's codes, the pg driver adapter's error kinds, PostgreSQL's SQLSTATE
 * and Node's socket errors, since each layer may be the one that notices.
 */
import { GatehouseError } from "../errors";

export const DATABASE_UNAVAILABLE_MESSAGE = "The database cannot be reached right now. Try again in a moment.";

/**
 * 503. Every write is one transaction (lib/audit/mutate.ts), so a request cut off here left nothing
 * half-written; a retry is safe.
 */
export class DatabaseUnavailableError extends GatehouseError {
  constructor() {
    super(DATABASE_UNAVAILABLE_MESSAGE, 503, [], "DatabaseUnavailable");
  }
}

// P1001 can't reach, P1002 timed out reaching, P1017 server closed the connection, P2024 timed out
// waiting for a pooled connection.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
// 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up), 53300 too
// many connections; class 08 is "connection exception".
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
// pg's own words for a pool that could not connect in time or a connection that went away.
const DRIVER_MESSAGES = /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|connection is closed/i;

type Probe = { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: unknown };

function looksUnavailable(e: Probe): boolean {
  const code = typeof e.code === "string" ? e.code : "";
  if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  return typeof e.message === "string" && DRIVER_MESSAGES.test(e.message);
}

/** The errors inside `e` worth looking at: itself, its causes, and the driver adapter's cause in Prisma's meta. */
function* layers(e: unknown, depth = 0): Generator<Probe> {
  if (!e || typeof e !== "object" || depth > 5) return;
  const probe = e as Probe;
  yield probe;
  const adapter = (probe.meta as { driverAdapterError?: { cause?: unknown } } | undefined)?.driverAdapterError;
  if (adapter) yield* layers(adapter.cause, depth + 1);
  yield* layers(probe.cause, depth + 1);
  if (e instanceof AggregateError) for (const inner of e.errors) yield* layers(inner, depth + 1);
}

/** A DatabaseUnavailableError when `e` says the database could not be reached; undefined otherwise. */
export function databaseUnavailable(e: unknown): DatabaseUnavailableError | undefined {
  if (e instanceof DatabaseUnavailableError) return e;
  for (const layer of layers(e)) if (looksUnavailable(layer)) return new DatabaseUnavailableError();
  return undefined;
}
