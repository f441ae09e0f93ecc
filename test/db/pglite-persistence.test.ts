/** The embedded database keeps its data under its directory across a restart. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { openDb } from "../../lib/db/client";
import { seedDemo } from "../../lib/db/seed";

const dir = mkdtempSync(join(tmpdir(), "gatehouse-pglite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("survives a restart: data written before close is there after reopening, and the seed runs once", async () => {
  const first = await openDb({ dataDir: join(dir, "pglite") });
  expect(await seedDemo(first.prisma)).toBe(true);
  const api = await first.prisma.restApi.findFirstOrThrow({ where: { name: "PetStore" } });
  await first.close();

  const second = await openDb({ dataDir: join(dir, "pglite") });
  expect(await seedDemo(second.prisma)).toBe(false);
  const again = await second.prisma.restApi.findUniqueOrThrow({ where: { id: api.id } });
  expect(again.version).toBe(api.version);
  expect(again.design).toEqual(api.design);
  expect(await second.prisma.user.count()).toBe(2);
  await second.close();
});
