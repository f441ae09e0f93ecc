/**
 * `npm run bench`: every bench/*.bench.ts in turn. Each measures Gatehouse against a peer on
 * the same input in the same run (alternating samples, median and spread; see measure.ts) and
 * prints a ratio only where both sides produce the same output; nothing here is a pass/fail test.
 * `npm run bench -- diff` runs only the benches whose file name contains "diff".
 * pages.bench.ts is the one browser benchmark (per-page JavaScript weight and time to interactive in
 * Chromium): it needs Debian's chromium and builds the console into .next-bench-pages when that
 * build is missing or stale (minutes); `npm run bench -- pages` runs it alone.
 * instances.bench.ts serves the same build as two `npm start` instances on a fresh PostgreSQL database
 * (TEST_DATABASE_URL) and loads the read pages with autocannon; `npm run bench -- instances` runs it alone.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkGc } from "./measure";

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts") && (!filter || f.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${filter ?? "*"}`);
  process.exit(1);
}
checkGc();
for (const file of files) {
  console.log(`\n## ${file.replace(".bench.ts", "")}`);
  const mod = (await import(join(here, file))) as { default: () => Promise<void> };
  await mod.default();
}
