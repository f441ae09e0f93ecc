/** Every CLI command, in the order `--help` lists them. Each file registers one command. */
import type { Command } from "commander";
import { registerAudit } from "./audit";
import { registerDiff } from "./diff";
import { registerInvoke } from "./invoke";
import { registerOpenApi } from "./openapi";
import { registerPlan, registerPush } from "./plan-push";
import { registerRemote } from "./remote";
import { registerRender } from "./render";
import { registerServe } from "./serve";

export type CommandRegistrar = (program: Command) => void;

export const commands: CommandRegistrar[] = [
  registerRender,
  registerDiff,
  registerOpenApi,
  registerInvoke,
  registerPlan,
  registerPush,
  registerServe,
  registerAudit,
  registerRemote,
];
