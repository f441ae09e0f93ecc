/**
 * `gatehouse diff A B [--format text|json]`: the semantic difference between two designs.
 * A and B are Gatehouse design / snapshot JSON files or OpenAPI 3 / Swagger 2 files (JSON or
 * YAML) with API Gateway extensions. Prints "No differences." when they are equal; exits 0 on
 * success whether or not they differ, 1 when a file can't be read or understood.
 */
import type { Command } from "commander";
import { diffDesigns } from "../../snapshot/diff";
import { formatDiffText } from "../../snapshot/diff-format";
import { DesignLoadError, loadDesignFile } from "../../openapi/load";

export function registerDiff(program: Command): void {
  program
    .command("diff")
    .description("Compare two API designs (Gatehouse JSON, or OpenAPI/Swagger with x-amazon-apigateway extensions)")
    .argument("<a>", "the design before: a Gatehouse design/snapshot JSON, or an OpenAPI 3 / Swagger 2 JSON or YAML file")
    .argument("<b>", "the design after, in any of the same forms")
    .option("--format <format>", "text or json", "text")
    .action((a: string, b: string, opts: { format: string }) => {
      if (opts.format !== "text" && opts.format !== "json") {
        process.stderr.write(`gatehouse diff: --format must be text or json, not ${JSON.stringify(opts.format)}\n`);
        process.exitCode = 1;
        return;
      }
      let before, after;
      try {
        before = loadDesignFile(a);
        after = loadDesignFile(b);
      } catch (e) {
        if (!(e instanceof DesignLoadError)) throw e;
        process.stderr.write(`gatehouse diff: ${e.message}\n`);
        process.exitCode = 1;
        return;
      }
      const diff = diffDesigns(before, after);
      process.stdout.write(opts.format === "json" ? `${JSON.stringify(diff, null, 2)}\n` : formatDiffText(diff));
    });
}
