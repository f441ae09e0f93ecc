/**
 * `gatehouse` command line: the same lib/ as the console, with no server and no database
 * unless a command asks for one. Commands report failures on stderr and exit non-zero.
 */
import { Command, CommanderError } from "commander";
import { commands } from "./commands/index";

export async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name("gatehouse")
    .description("Design, test, compare and ship Amazon API Gateway REST APIs")
    .version(process.env.npm_package_version ?? "0.1.0")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of commands) register(program);
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.code === "commander.helpDisplayed" || e.code === "commander.version" ? 0 : e.exitCode || 1;
    process.stderr.write(`gatehouse: ${(e as Error).message}\n`);
    return 1;
  }
}
