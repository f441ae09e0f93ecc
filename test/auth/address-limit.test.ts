/**
 * Sign-in attempts per client address, whatever the email (issue #15 item 1): counted in the
 * database, so two console instances on one PostgreSQL share one count instead of each allowing
 * the limit again. Also on PGlite (one process), where the count must behave the same.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "../../lib/db/client";
import { ADDRESS_WINDOW_MS, ANY_EMAIL, reserveAddressAttempt } from "../../lib/auth/throttle";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";

const LIMIT = 3;
const t0 = new Date("2031-06-01T12:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe.each(DATABASE_KINDS)("sign-in attempts per address on %s", (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db?.drop());
  const p = () => db.handle.prisma;
  const count = async (key: string) =>
    (await p().signInThrottle.findUnique({ where: { email_clientAddress: { email: ANY_EMAIL, clientAddress: key } } }))?.failures;

  it("counts the limit, refuses the next until ten minutes after the attempt that reached it, counting nothing refused", async () => {
    const key = "203.0.113.1";
    for (let i = 0; i < LIMIT; i++) expect(await reserveAddressAttempt(p(), key, LIMIT, at(i * 1000))).toBeNull();
    const refused = await reserveAddressAttempt(p(), key, LIMIT, at(5000));
    expect(refused?.toISOString()).toBe(at((LIMIT - 1) * 1000 + ADDRESS_WINDOW_MS).toISOString());
    expect(await reserveAddressAttempt(p(), key, LIMIT, at(ADDRESS_WINDOW_MS))).not.toBeNull();
    expect(await count(key)).toBe(LIMIT);
    // Once the refusal ends, counting starts over.
    expect(await reserveAddressAttempt(p(), key, LIMIT, at((LIMIT - 1) * 1000 + ADDRESS_WINDOW_MS))).toBeNull();
    expect(await count(key)).toBe(1);
  });

  it("keeps addresses (and invitations from an address) apart", async () => {
    for (let i = 0; i < LIMIT; i++) await reserveAddressAttempt(p(), "198.51.100.7", LIMIT, t0);
    expect(await reserveAddressAttempt(p(), "198.51.100.7", LIMIT, t0)).not.toBeNull();
    expect(await reserveAddressAttempt(p(), "198.51.100.8", LIMIT, t0)).toBeNull();
    expect(await reserveAddressAttempt(p(), "invite:198.51.100.7", LIMIT, t0)).toBeNull();
  });

  it.runIf(kind === "postgres")("is one count for two instances on one database, even when their attempts race", async () => {
    // A second connection pool to the same database, as a second console process has.
    const other: DbHandle = await openDb({ databaseUrl: db.url, migrate: false });
    try {
      const key = "192.0.2.44";
      const handles = [p(), other.prisma];
      const answers = await Promise.all(Array.from({ length: 4 * LIMIT }, (_, i) => reserveAddressAttempt(handles[i % 2], key, LIMIT, t0)));
      expect(answers.filter((a) => a === null)).toHaveLength(LIMIT);
      expect(await reserveAddressAttempt(other.prisma, key, LIMIT, t0)).not.toBeNull();
      expect(await count(key)).toBe(LIMIT);
    } finally {
      await other.close();
    }
  });
});
