import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { applyMigrations, readMigrations } from "../../lib/db/migrate";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { expectedUdt, parsePrismaSchema } from "../helpers/prisma-schema";

const schema = parsePrismaSchema(resolve(__dirname, "../../prisma/schema.prisma"));

describe.each(DATABASE_KINDS)("migrations on %s", (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind, { migrate: false });
  });
  afterAll(() => db?.drop());

  it("apply to an empty database, record themselves as Prisma does, and are idempotent", async () => {
    const first = await applyMigrations(db.handle.sql);
    expect(first.applied).toEqual(readMigrations().map((m) => m.name));
    const rows = await db.handle.sql.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
    expect(rows.every((r) => r.finished_at !== null && /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
    const second = await applyMigrations(db.handle.sql);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(first.applied);
  });

  it("build exactly the tables, columns, types, nullability and enums the Prisma schema declares", async () => {
    const columns = await db.handle.sql.query<{ table_name: string; column_name: string; udt_name: string; is_nullable: string }>(
      `SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const actual = new Map(columns.map((c) => [`${c.table_name}.${c.column_name}`, c]));
    const expected = new Set<string>();
    for (const model of schema.models) {
      for (const f of model.fields) {
        const key = `${model.table}.${f.column}`;
        expected.add(key);
        const col = actual.get(key);
        expect(col, `column ${key} missing`).toBeDefined();
        expect(col!.udt_name, `type of ${key}`).toBe(expectedUdt(f));
        expect(col!.is_nullable === "YES", `nullability of ${key}`).toBe(f.optional);
      }
    }
    expect(
      [...actual.keys()].filter((k) => !expected.has(k)),
      "columns not in the schema",
    ).toEqual([]);

    const enumRows = await db.handle.sql.query<{ typname: string; enumlabel: string }>(
      // Public only: pg-boss keeps its own schema ("pgboss", with its job_state enum) that Prisma does not describe.
      `SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'public' ORDER BY t.typname, e.enumsortorder`,
    );
    const enums: Record<string, string[]> = {};
    for (const r of enumRows) (enums[r.typname] ??= []).push(r.enumlabel);
    expect(enums).toEqual(schema.enums);
  });

  it("create the primary keys and unique constraints the schema declares", async () => {
    const indexes = await db.handle.sql.query<{ tablename: string; indexdef: string }>(
      `SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'`,
    );
    const uniqueCols = new Set(
      indexes
        .filter((i) => /UNIQUE INDEX/.test(i.indexdef))
        .map((i) => `${i.tablename}(${/\(([^)]+)\)/.exec(i.indexdef)![1].replace(/"/g, "").replace(/\s/g, "")})`),
    );
    for (const model of schema.models) {
      const col = (name: string) => model.fields.find((f) => f.name === name)!.column;
      const wanted = [
        ...model.fields.filter((f) => f.isId || f.isUnique).map((f) => [f.column]),
        ...model.compoundIds.map((ids) => ids.map(col)),
        ...model.compoundUniques.map((ids) => ids.map(col)),
      ];
      for (const cols of wanted) {
        expect(uniqueCols.has(`${model.table}(${cols.join(",")})`), `unique ${model.table}(${cols})`).toBe(true);
      }
    }
  });
});
