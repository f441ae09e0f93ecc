/**
 * The process's structured logger: one JSON object per line on stdout (pino), which log shippers
 * read without parsing prose. Kept on globalThis under a Symbol: Next's server bundle, the custom
 * server (scripts/console-server.mjs creates it the same way) and instrumentation may each load
 * this module, and they must write through one logger. GATEHOUSE_LOG_LEVEL picks the level.
 */
import pino, { type Logger } from "pino";

const LOGGER = Symbol.for("gatehouse.logger");
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** The level from GATEHOUSE_LOG_LEVEL; an unknown value is refused by name rather than silently logging everything. */
export function logLevelFromEnv(env: Record<string, string | undefined> = process.env): string {
  const raw = (env.GATEHOUSE_LOG_LEVEL ?? "").trim().toLowerCase();
  if (raw === "") return "info";
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) {
    throw new Error(`GATEHOUSE_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not ${JSON.stringify(env.GATEHOUSE_LOG_LEVEL)}`);
  }
  return raw;
}

/** A logger writing to `destination` (stdout by default); tests pass a stream to read the lines. */
export function createLogger(destination?: pino.DestinationStream, level = logLevelFromEnv()): Logger {
  const options: pino.LoggerOptions = { level, base: { service: "gatehouse", pid: process.pid } };
  // Synchronous writes to stdout: lines stay in order with other output and none is lost when the process exits.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }));
}

/** The one process-wide logger. */
export function logger(): Logger {
  const store = globalThis as Record<symbol, Logger | undefined>;
  store[LOGGER] ??= createLogger();
  return store[LOGGER];
}
