/**
 * The code's shape, checked: lib/ stays framework-free, and writes go through the one
 * audited path (mutate() hands out `tx`), never straight from pages, actions or components.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || name === "generated") return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

describe("architecture", () => {
  it("lib/ imports neither React nor Next", () => {
    const offenders = sourceFiles(join(ROOT, "lib")).filter((f) => /from ["'](react|react-dom|next)(\/[^"']*)?["']/.test(readFileSync(f, "utf8")));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it("pages, actions and components never write to the database themselves", () => {
    const files = [...sourceFiles(join(ROOT, "app")), ...sourceFiles(join(ROOT, "components"))];
    const offenders = files.filter((f) =>
      /(prisma|db|tx)\s*\.\s*\w+\s*\.\s*(create|createMany|update|updateMany|upsert|delete|deleteMany)\(/.test(readFileSync(f, "utf8")),
    );
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  // Outside mutate() on purpose, each for a stated reason (docs/write-path.md): sessions and
  // sign-in throttles are bookkeeping of requests, not changes to anything a team designs; the
  // push lock's heartbeat and a running push's progress are written every few seconds (the push's
  // start, end and interruption are audited; auditing every heartbeat would flood the history);
  // AWS quota tokens are taken on every control-plane call, bookkeeping like the sign-in counters;
  // an access token's "last used" is refreshed as a session's "last seen" is (its creation and
  // revocation are audited).
  const WRITES_OUTSIDE_MUTATE = new Set([
    "lib/auth/session.ts",
    "lib/auth/throttle.ts",
    "lib/stage/push-lock.ts",
    "lib/aws/quota-store.ts",
    "lib/auth/access-tokens.ts",
  ]);

  /** Lines of lib/ (not tests) matching a pattern, as `file:line`, leaving out the given files. */
  function libLinesMatching(pattern: RegExp, except: Set<string>): string[] {
    const hits: string[] = [];
    for (const file of sourceFiles(join(ROOT, "lib"))) {
      const rel = relative(ROOT, file);
      if (except.has(rel)) continue;
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (pattern.test(line)) hits.push(`${rel}:${i + 1}`);
        });
    }
    return hits;
  }

  it("lib/ writes only through a transaction from mutate(), except request bookkeeping and the push lock", () => {
    const offenders = libLinesMatching(
      /\b(db|prisma)\.\w+\.(create|createMany|update|updateMany|upsert|delete|deleteMany)\(|\$executeRaw/,
      WRITES_OUTSIDE_MUTATE,
    );
    expect(offenders).toEqual([]);
  });

  it("only mutate() opens a transaction that writes, and only mutate() writes audit rows", () => {
    // A transaction of its own is how a service used to skip mutate() (and its masking and hash
    // chain) while still writing atomically; the sign-in counters need one for their two rows, the
    // AWS quota buckets one to hold an account's buckets while a token is taken from each.
    const transactions = libLinesMatching(/\$transaction\(/, new Set(["lib/audit/mutate.ts", "lib/auth/throttle.ts", "lib/aws/quota-store.ts"]));
    expect(transactions).toEqual([]);
    const auditWrites = libLinesMatching(
      /auditEvent\.(create|createMany|createManyAndReturn|upsert)\(|INSERT INTO "?audit_events/i,
      new Set(["lib/audit/mutate.ts"]),
    );
    expect(auditWrites).toEqual([]);
  });

  it("effects have block bodies: whatever an effect returns, React calls as its cleanup", () => {
    // `useEffect(() => el.scrollIntoView())` returned undefined once; Chromium's scroll methods now
    // return a promise, and the command palette crashed with "is not a function" on the next render.
    const files = [...sourceFiles(join(ROOT, "app")), ...sourceFiles(join(ROOT, "components"))];
    const offenders = files.flatMap((f) =>
      readFileSync(f, "utf8")
        .split("\n")
        .flatMap((line, i) => (/use(Layout)?Effect\(\(\) => (?!\{|\(\) =>)/.test(line) ? [`${relative(ROOT, f)}:${i + 1}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});
