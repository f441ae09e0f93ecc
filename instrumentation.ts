/**
 * Runs once when the server starts: opens the database, applies migrations and seeds the
 * demo on first start, so the sign-in hint is in the log before anyone asks for a page.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDb } = await import("./lib/db");
  const db = await getDb();
  console.log(`[gatehouse] Database ready (${db.kind === "pglite" ? "embedded PGlite under .data/" : "PostgreSQL from DATABASE_URL"}).`);
}
