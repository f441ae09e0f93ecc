/**
 * `gatehouse audit verify` end to end: the real CLI process on a PostgreSQL database
 * (DATABASE_URL) and on an embedded PGlite directory (GATEHOUSE_DATA_DIR), intact and tampered.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../db/client";
import { seedDemo } from "../../db/seed";
import { openTestDatabase, type TestDatabase } from "../../../test/helpers/databases";

const root = resolve(__dirname, "../../..");

function gatehouse(env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const childEnv = { ...process.env, ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(root, "bin/gatehouse.mjs"), ...args],
      { cwd: root, env: childEnv, encoding: "utf8", timeout: 120_000 },
      (error, stdout, stderr) => {
        done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

describe("gatehouse audit verify", () => {
  let db: TestDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-audit-cli-"));

  beforeAll(async () => {
    db = await openTestDatabase("postgres");
    await seedDemo(db.handle.prisma);
  }, 120_000);
  afterAll(async () => {
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("says the chain holds and prints its head, then exits 1 naming the first broken row once a row is edited", async () => {
    const ok = await gatehouse({ DATABASE_URL: db.url! }, "audit", "verify");
    const [head] = await db.handle.sql.query<{ id: string; hash: string }>(`SELECT "last_event_id"::text AS id, "last_hash" AS hash FROM "audit_chain_head"`);
    expect(ok).toMatchObject({ code: 0, stderr: "" });
    expect(ok.stdout).toMatch(
      new RegExp(`^Audit chain verified: \\d+ row\\(s\\), none edited, deleted or reordered\\. Head: row #${head.id}, hash ${head.hash}\\n$`),
    );
    expect((await gatehouse({ DATABASE_URL: db.url! }, "audit", "verify", "--expect", head.hash)).code).toBe(0);

    const [victim] = await db.handle.sql.query<{ id: string }>(`SELECT "id"::text AS id FROM "audit_events" ORDER BY "id" OFFSET 2 LIMIT 1`);
    await db.handle.sql.withLock((conn) =>
      conn.exec(
        `SET session_replication_role = replica; UPDATE "audit_events" SET "after" = '{"role": "admin"}' WHERE "id" = ${victim.id}; SET session_replication_role = origin;`,
      ),
    );
    const broken = await gatehouse({ DATABASE_URL: db.url! }, "audit", "verify");
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe("");
    expect(broken.stderr).toContain(`the chain is broken at row #${victim.id}: the row's content does not match its hash`);
    const [{ n }] = await db.handle.sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM "audit_events" WHERE "id" < ${victim.id}`);
    expect(broken.stderr).toContain(`${n} row(s) before it verified.`);
  }, 240_000);

  it("reads the embedded database in GATEHOUSE_DATA_DIR as the server would", async () => {
    const embedded = await openDb({ dataDir: join(dataDir, "pglite") });
    await seedDemo(embedded.prisma);
    await embedded.close();
    const ok = await gatehouse({ GATEHOUSE_DATA_DIR: dataDir }, "audit", "verify");
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^Audit chain verified: \d+ row\(s\)/);
  }, 240_000);
});
