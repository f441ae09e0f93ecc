/**
 * PostgreSQL closing an idle connection (restart, failover, pg_terminate_backend) must not stop the
 * server: the pool drops that connection and the next query opens a fresh one.
 */
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ADMIN_URL, openTestDatabase, type TestDatabase } from "../helpers/databases";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase("postgres");
});
afterAll(() => db?.drop());

it("survives the server closing its idle connections, also once Prisma has let go of the pool, and the next query works", async () => {
  const uncaught: unknown[] = [];
  const record = (e: unknown) => uncaught.push(e);
  process.on("uncaughtException", record);
  try {
    // Prisma listens for idle-connection errors only while connected: the raw SQL executor (migrations,
    // locks) and shutdown run without it.
    await db.handle.prisma.$disconnect();
    await db.handle.sql.query("SELECT 1"); // leaves an idle connection in the pool
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    const name = new URL(db.url!).pathname.slice(1);
    const { rowCount } = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
    await admin.end();
    expect(rowCount).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(uncaught).toEqual([]);
    expect(await db.handle.sql.query<{ one: number }>("SELECT 1 AS one")).toEqual([{ one: 1 }]);
  } finally {
    process.off("uncaughtException", record);
  }
});
