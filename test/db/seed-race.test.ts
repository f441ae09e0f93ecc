/**
 * Two console instances started at once on an empty PostgreSQL database (issue #15 item 1): the
 * demo is seeded once, and neither start fails. Each start is a process of its own with its own
 * connection pool; here, two pools on one database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "../../lib/db/client";
import { seedOnce } from "../../lib/db/seed";
import { createEmptyPostgresDatabase } from "../helpers/databases";

describe("seeding from two instances at once", () => {
  let database: { url: string; drop(): Promise<void> };
  const handles: DbHandle[] = [];
  beforeAll(async () => {
    database = await createEmptyPostgresDatabase();
    handles.push(await openDb({ databaseUrl: database.url }));
    handles.push(await openDb({ databaseUrl: database.url, migrate: false }));
  });
  afterAll(async () => {
    for (const h of handles) await h.close();
    await database?.drop();
  });

  it("seeds the demo once, and both starts succeed", async () => {
    const seeded = await Promise.all(handles.map((h) => seedOnce(h)));
    expect(seeded.filter(Boolean)).toHaveLength(1);
    const p = handles[0].prisma;
    expect(await p.workspace.count()).toBe(1);
    expect(await p.user.count()).toBe(2);
    expect(await p.restApi.count({ where: { name: "PetStore" } })).toBe(1);
  });
});
