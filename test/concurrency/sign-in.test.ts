/**
 * Sign-in attempts racing each other (issue #16 item 7): every attempt is counted exactly once,
 * parallel attempts cannot get past the limit, and an attacker's attempts do not lock the member
 * out. On PGlite (one connection) the attempts run one after another; the counts must agree.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignInError, signIn } from "../../lib/auth/sign-in";
import { ACCOUNT_FREE_FAILURES, ACCOUNT_WIDE, MAX_FAILURES } from "../../lib/auth/throttle";
import { cheapPasswordHash } from "../helpers/cheap-password";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";

const PASSWORD = "correct horse battery";
const ATTEMPTS = 30;

describe.each(DATABASE_KINDS)("parallel sign-in attempts on %s", (kind) => {
  let db: TestDatabase;
  let passwordHash: string;
  const p = () => db.handle.prisma;
  // One fixed clock for every attempt: no lock or pause ends while the burst runs.
  const now = new Date("2031-06-01T12:00:00Z");

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    // Cheap to check: the attempts under test are about counting, not hashing.
    passwordHash = cheapPasswordHash(PASSWORD);
  });
  afterAll(() => db?.drop());

  async function member(email: string) {
    return p().user.create({ data: { email, name: email, passwordHash } });
  }

  /** Runs the attempts at once and counts the answers by status. */
  async function burst(attempts: { email: string; password: string; ip: string }[]) {
    const settled = await Promise.allSettled(attempts.map((a) => signIn(p(), a, now)));
    const statuses: Record<number, number> = {};
    for (const s of settled) {
      expect(s.status).toBe("rejected");
      const e = (s as PromiseRejectedResult).reason;
      expect(e).toBeInstanceOf(SignInError);
      statuses[(e as SignInError).status] = (statuses[(e as SignInError).status] ?? 0) + 1;
    }
    return statuses;
  }

  const failures = async (email: string, clientAddress: string) =>
    (await p().signInThrottle.findUnique({ where: { email_clientAddress: { email, clientAddress } } }))?.failures;

  it(`${ATTEMPTS} parallel wrong passwords from one address: exactly ${MAX_FAILURES} are checked and counted, the rest are refused`, async () => {
    await member("target@example.com");
    const statuses = await burst(Array.from({ length: ATTEMPTS }, (_, i) => ({ email: "target@example.com", password: `guess ${i}`, ip: "203.0.113.9" })));
    expect(statuses).toEqual({ 401: MAX_FAILURES, 429: ATTEMPTS - MAX_FAILURES });
    expect(await failures("target@example.com", "203.0.113.9")).toBe(MAX_FAILURES);
    expect(await failures("target@example.com", ACCOUNT_WIDE)).toBe(MAX_FAILURES);
    // The member, from their own address, is not locked out.
    const ok = await signIn(p(), { email: "target@example.com", password: PASSWORD, ip: "198.51.100.1" }, now);
    expect(ok.userId).toBeTruthy();
  });

  it(`${ATTEMPTS} parallel wrong passwords from ${ATTEMPTS} addresses: exactly ${ACCOUNT_FREE_FAILURES + 1} are checked before the account pauses`, async () => {
    await member("spread@example.com");
    const statuses = await burst(Array.from({ length: ATTEMPTS }, (_, i) => ({ email: "spread@example.com", password: "guess", ip: `192.0.2.${i}` })));
    expect(statuses).toEqual({ 401: ACCOUNT_FREE_FAILURES + 1, 429: ATTEMPTS - ACCOUNT_FREE_FAILURES - 1 });
    expect(await failures("spread@example.com", ACCOUNT_WIDE)).toBe(ACCOUNT_FREE_FAILURES + 1);
    // A refused attempt left its address's count untouched: 21 rows of 1, and no others.
    const rows = await p().signInThrottle.findMany({ where: { email: "spread@example.com", clientAddress: { not: ACCOUNT_WIDE } } });
    expect(rows.map((r) => r.failures)).toEqual(Array(ACCOUNT_FREE_FAILURES + 1).fill(1));
  });
});
