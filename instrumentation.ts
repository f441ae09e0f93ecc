/**
 * Runs once when the server starts: opens the database, applies migrations and seeds the
 * demo on first start, so the sign-in hint is in the log before anyone asks for a page.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDb } = await import("./lib/db");
  let db: Awaited<ReturnType<typeof getDb>>;
  try {
    db = await getDb();
  } catch (e) {
    // Another process holds the embedded database: serving on would answer every page with an
    // error (and writing beside it would lose data), so this server stops with the reason.
    if ((e as Error).name === "DataDirLockedError") {
      console.error(`[gatehouse] ${(e as Error).message}`);
      process.exit(1);
    }
    throw e;
  }
  console.log(`[gatehouse] Database ready (${db.kind === "pglite" ? "embedded PGlite under .data/" : "PostgreSQL from DATABASE_URL"}).`);
}
