/**
 * pg-boss over the embedded PGlite: its `db: { executeSql }` option, bridged to the console's own
 * PGlite instance (one process owns the data directory, so the queue must share its connection).
 * pg-boss creates and migrates its schema with multi-statement scripts and no parameters; PGlite
 * runs those only through `exec` (its `query` is one prepared statement), so they go there.
 */
import type { SqlExecutor } from "../db/sql";

const MULTIPLE_COMMANDS = "42601"; // "cannot insert multiple commands into a prepared statement"

export function pgBossDbOver(sql: SqlExecutor) {
  return {
    async executeSql(text: string, values: unknown[] = []): Promise<{ rows: unknown[] }> {
      if (values.length > 0) return { rows: await sql.query(text, values) };
      try {
        return { rows: await sql.query(text) };
      } catch (e) {
        if ((e as { code?: string }).code !== MULTIPLE_COMMANDS) throw e;
        await sql.exec(text);
        return { rows: [] };
      }
    },
  };
}
