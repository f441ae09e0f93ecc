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

const WRITE = /\.(create|createMany|update|updateMany|upsert|delete|deleteMany)\(|\$executeRaw/;

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

  // Outside mutate() on purpose: sessions and sign-in throttles (bookkeeping of requests, not
  // changes), the first-start seed, and the push lock's heartbeat (a push's start, end and
  // interruption are audited; auditing every heartbeat would flood the history).
  it("lib/ writes only through a transaction from mutate(), except auth bookkeeping, the push lock and the first-start seed", () => {
    // Sessions and sign-in throttles are not changes to anything a team designs; the seed
    // writes the workspace row and its audit row in one transaction before any actor exists.
    const allowed = new Set([
      "lib/auth/session.ts",
      "lib/auth/sign-in.ts",
      "lib/auth/throttle.ts",
      "lib/stage/push-lock.ts",
      "lib/db/seed.ts",
      "lib/audit/mutate.ts",
    ]);
    const offenders: string[] = [];
    for (const file of sourceFiles(join(ROOT, "lib"))) {
      const rel = relative(ROOT, file);
      if (allowed.has(rel) || rel.startsWith("lib/aws/") || rel.startsWith("lib/template/") || rel.startsWith("lib/invoke/")) continue;
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (WRITE.test(line) && /\b(db|prisma)\.\w+\.(create|createMany|update|updateMany|upsert|delete|deleteMany)\(/.test(line))
            offenders.push(`${rel}:${i + 1}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
