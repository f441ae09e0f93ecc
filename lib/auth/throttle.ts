/**
 * Sign-in throttling, counted in the database so every attempt counts once however many run at
 * once (one `INSERT … ON CONFLICT DO UPDATE … RETURNING` per counter), and across processes.
 *
 * - Per (email, client address): a few failures lock that address out of that account for a
 *   while. Someone else's address cannot lock a member out.
 * - Per email, from any address: past a number of failures the account is paused between
 *   attempts (1 s, doubling, at most a minute) — a slowdown against guessing from many addresses,
 *   never a lock anyone can trigger for long.
 *
 * An attempt is counted before its password is checked, so parallel attempts cannot slip past
 * the limit; an attempt refused by the account pause is not counted against the address.
 */
import type { Db } from "../db/client";
import type { Tx } from "../audit/mutate";

/** The client_address of the account-wide row. */
export const ACCOUNT_WIDE = "*";
/** Stands in for the address when none is known (CLI, tests). */
export const UNKNOWN_ADDRESS = "unknown";

export interface ThrottlePolicy {
  /** Counting restarts once this long has passed since the window's first attempt. */
  windowMs: number;
  /** The attempt with this number (in the window) starts a lock… */
  lockFrom: number;
  /** …of this long, doubling with every further attempt… */
  firstLockMs: number;
  /** …up to this. */
  maxLockMs: number;
}

export const MAX_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** Failed attempts on one account (from any addresses) per hour before it is paused between attempts. */
export const ACCOUNT_FREE_FAILURES = 20;
export const ACCOUNT_WINDOW_MS = 60 * 60 * 1000;
export const ACCOUNT_FIRST_PAUSE_MS = 1000;
export const ACCOUNT_MAX_PAUSE_MS = 60 * 1000;

// The lock is at least as long as the window, so a lock ends with its window and counting restarts.
export const PER_ADDRESS: ThrottlePolicy = { windowMs: FAILURE_WINDOW_MS, lockFrom: MAX_FAILURES, firstLockMs: LOCKOUT_MS, maxLockMs: LOCKOUT_MS };
export const PER_ACCOUNT: ThrottlePolicy = {
  windowMs: ACCOUNT_WINDOW_MS,
  lockFrom: ACCOUNT_FREE_FAILURES + 1,
  firstLockMs: ACCOUNT_FIRST_PAUSE_MS,
  maxLockMs: ACCOUNT_MAX_PAUSE_MS,
};

export type Refusal = { scope: "address" | "account"; lockedUntil: Date };

/**
 * Counts one attempt on a row unless the row is locked. Returns null when counted, or the lock
 * that refused it. A lock that has ended means the window has too, so counting starts over.
 */
async function countOne(tx: Tx, email: string, clientAddress: string, policy: ThrottlePolicy, now: Date): Promise<Date | null> {
  const windowStart = new Date(now.getTime() - policy.windowMs);
  // The attempt's number in the window, as the update below computes it from the old row.
  const counted = await tx.$queryRaw<{ failures: number }[]>`
    INSERT INTO "sign_in_throttles" AS t ("email", "client_address", "failures", "window_started_at", "locked_until")
    VALUES (${email}, ${clientAddress}, 1, ${now}::timestamptz,
            CASE WHEN 1 >= ${policy.lockFrom}::int THEN ${now}::timestamptz + ${policy.firstLockMs}::int * interval '1 millisecond' END)
    ON CONFLICT ("email", "client_address") DO UPDATE SET
      "failures" = CASE WHEN t."window_started_at" <= ${windowStart}::timestamptz THEN 1 ELSE t."failures" + 1 END,
      "window_started_at" = CASE WHEN t."window_started_at" <= ${windowStart}::timestamptz THEN ${now}::timestamptz ELSE t."window_started_at" END,
      "locked_until" = CASE
        WHEN t."window_started_at" <= ${windowStart}::timestamptz OR t."failures" + 1 < ${policy.lockFrom}::int THEN NULL
        ELSE ${now}::timestamptz + LEAST(${policy.maxLockMs}::float8,
               ${policy.firstLockMs}::float8 * power(2, LEAST(t."failures" + 1 - ${policy.lockFrom}::int, 30))) * interval '1 millisecond'
      END
    WHERE t."locked_until" IS NULL OR t."locked_until" <= ${now}::timestamptz
    RETURNING "failures"`;
  if (counted.length === 1) return null;
  const row = await tx.signInThrottle.findUnique({ where: { email_clientAddress: { email, clientAddress } }, select: { lockedUntil: true } });
  return row?.lockedUntil ?? now;
}

/**
 * Counts a sign-in attempt for this email from this address, or says why it may not be made.
 * Both counters move in one transaction: an attempt the account pause refuses leaves the
 * address's count as it was.
 */
export async function reserveAttempt(db: Db, email: string, clientAddress: string, now: Date): Promise<Refusal | null> {
  return db
    .$transaction(async (tx) => {
      const addressLock = await countOne(tx, email, clientAddress, PER_ADDRESS, now);
      if (addressLock) return { scope: "address", lockedUntil: addressLock } as Refusal;
      const accountPause = await countOne(tx, email, ACCOUNT_WIDE, PER_ACCOUNT, now);
      if (accountPause) throw new AccountPaused(accountPause);
      return null;
    })
    .catch((e: unknown) => {
      if (e instanceof AccountPaused) return { scope: "account", lockedUntil: e.until } as Refusal;
      throw e;
    });
}

/** Thrown inside the transaction to roll back the address's count. */
class AccountPaused extends Error {
  constructor(readonly until: Date) {
    super("account paused");
  }
}

/** The email of the rows that count attempts from one address whatever the email (no member's email is `*`). */
export const ANY_EMAIL = "*";
export const ADDRESS_WINDOW_MS = 10 * 60 * 1000;

/**
 * Counts an attempt from `key` (a client address; `invite:` and the address for invitations)
 * against `limit` per ten minutes, whatever the email, in the database: every console instance on
 * it counts in the same row (a count in each process's memory let each of N instances behind a
 * load balancer allow the limit again). Null when counted; otherwise when the refusal ends, and
 * nothing is counted. The attempt that reaches the limit goes through and starts a ten-minute refusal.
 */
export async function reserveAddressAttempt(db: Db, key: string, limit: number, now: Date): Promise<Date | null> {
  const policy: ThrottlePolicy = { windowMs: ADDRESS_WINDOW_MS, lockFrom: limit, firstLockMs: ADDRESS_WINDOW_MS, maxLockMs: ADDRESS_WINDOW_MS };
  return db.$transaction((tx) => countOne(tx, ANY_EMAIL, key, policy, now));
}

/**
 * After a successful sign-in: this address starts afresh, and the attempt, counted on the account
 * before its password was checked, is taken back there (other addresses' failures still count).
 */
export async function forgiveSuccess(db: Db, email: string, clientAddress: string): Promise<void> {
  await db.$transaction([
    db.signInThrottle.deleteMany({ where: { email, clientAddress } }),
    db.signInThrottle.updateMany({ where: { email, clientAddress: ACCOUNT_WIDE, failures: { gt: 0 } }, data: { failures: { decrement: 1 } } }),
  ]);
}

/**
 * Forgets counters whose window has passed and whose lock has ended (they would restart at 1
 * anyway), so addresses that tried once and left do not pile up. Run after successful sign-ins.
 */
export async function pruneExpired(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - Math.max(PER_ADDRESS.windowMs, PER_ACCOUNT.windowMs));
  const gone = await db.signInThrottle.deleteMany({ where: { windowStartedAt: { lte: before }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] } });
  return gone.count;
}

/** Lifts every lock and pause on an email (an admin's unlock). Returns how many rows it removed. */
export async function clearEmail(db: Db | Tx, email: string): Promise<number> {
  return (await db.signInThrottle.deleteMany({ where: { email } })).count;
}

/** The latest lock or pause still in force on each of these emails, if any. */
export async function activeLocks(db: Db, emails: string[], now: Date): Promise<Map<string, Date>> {
  const rows = await db.signInThrottle.findMany({ where: { email: { in: emails }, lockedUntil: { gt: now } }, select: { email: true, lockedUntil: true } });
  const locks = new Map<string, Date>();
  for (const r of rows) {
    const known = locks.get(r.email);
    if (r.lockedUntil && (!known || r.lockedUntil > known)) locks.set(r.email, r.lockedUntil);
  }
  return locks;
}

/** "14 minutes", "1 second": the wait, rounded up, as a person reads it. */
export function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
