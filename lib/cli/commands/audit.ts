/**
 * `gatehouse audit verify [--expect <hash>]`: recomputes the audit trail's hash chain
 * (lib/audit/chain.ts) on the console's database — DATABASE_URL, or the embedded PGlite under
 * GATEHOUSE_DATA_DIR (default .data) as the server opens it. Prints the rows checked and the head
 * (note its hash somewhere else to catch a rewrite later with --expect); on a broken chain prints
 * the first broken row on stderr and exits 1. Never migrates: it reads what is there.
 */
import type { Command } from "commander";
import { verifyAuditChain } from "../../audit/chain";
import { defaultDataDir, openDb } from "../../db/client";

export function registerAudit(program: Command): void {
  const audit = program.command("audit").description("The audit trail (history)");
  audit
    .command("verify")
    .description("Check that no audit row was edited, deleted or reordered (hash chain); exit 1 at the first broken row")
    .option("--expect <hash>", "a head hash printed by an earlier verify: the chain must still pass through it")
    .action(async (opts: { expect?: string }) => {
      const db = await openDb({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: defaultDataDir(), migrate: false });
      try {
        const [{ chained }] = await db.sql.query<{ chained: boolean }>(`SELECT to_regclass('"audit_chain_head"') IS NOT NULL AS chained`);
        if (!chained) {
          process.stderr.write(
            "gatehouse audit verify: this database has no audit chain yet (migration 0009): start the console or run `npm run db:migrate` first\n",
          );
          process.exitCode = 1;
          return;
        }
        const report = await verifyAuditChain(db.sql, { expectHash: opts.expect });
        if (!report.ok) {
          const at = report.firstBreak!.id;
          process.stderr.write(`gatehouse audit verify: the chain is broken at row #${at}: ${report.firstBreak!.reason}\n`);
          process.stderr.write(`${report.rows} row(s) before it verified.\n`);
          process.exitCode = 1;
          return;
        }
        const head = report.head.id ? `row #${report.head.id}, hash ${report.head.hash}` : "empty";
        process.stdout.write(`Audit chain verified: ${report.rows} row(s), none edited, deleted or reordered. Head: ${head}\n`);
      } finally {
        await db.close();
      }
    });
}
