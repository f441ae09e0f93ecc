/**
 * Template regexes: what linear-time safety costs. Gatehouse runs templates' Java regexes on RE2
 * (re2js, lib/template/java-regex.ts; plain-text patterns through indexOf) so no input can make
 * them backtrack; the peer is V8's backtracking RegExp on the same (harmless) patterns and inputs.
 * Then the attack the peer can't survive: `(a+)+$` on 25 `a`s and a `!` (V8 doubles its time
 * with each extra `a`), timed once for each engine.
 */
import { findAll, javaMatchesWhole } from "../lib/template/java-regex";
import { alternate, report } from "./measure";

const csv = Array.from({ length: 200 }, (_, i) => `item-${i},${i * 3},name ${i}`).join(";");
const email = "ann.o-neil+tag@example.co.uk";

const cases: { name: string; ours: () => unknown; peer: () => unknown }[] = [
  {
    name: "split a 200-record string on a literal (';')",
    ours: () => [...findAll(";", csv)].length,
    peer: () => csv.split(/;/g).length - 1, // separators found, as findAll counts
  },
  {
    name: "replaceAll digits (\\d+) in a 200-record string",
    ours: () => [...findAll("\\d+", csv)].length,
    peer: () => [...csv.matchAll(/\d+/g)].length,
  },
  {
    name: "matches an e-mail pattern",
    ours: () => javaMatchesWhole("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+", email),
    peer: () => /^(?:[\w.+-]+@[\w-]+(\.[\w-]+)+)$/.test(email),
  },
];

export default async function run(): Promise<void> {
  for (const c of cases) {
    console.log(`\n# ${c.name}`);
    const same = JSON.stringify(c.ours()) === JSON.stringify(c.peer());
    report(await alternate({ name: "gatehouse (RE2)", fn: c.ours }, { name: "V8 RegExp", fn: c.peer }, { warmup: 200, batchMs: 50 }), same);
  }
  console.log("\n# catastrophic: (a+)+$ on 25 a's and a '!' (one run each)");
  const attack = "a".repeat(25) + "!";
  for (const [name, fn] of [
    ["gatehouse (RE2)", () => javaMatchesWhole("(a+)+$", attack)],
    ["V8 RegExp", () => /^(?:(a+)+$)$/.test(attack)],
  ] as const) {
    const start = performance.now();
    fn();
    console.log(`${name.padEnd(28)} ${(performance.now() - start).toFixed(1).padStart(10)} ms`);
  }
}
