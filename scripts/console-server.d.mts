import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { FrontDoorOps } from "../lib/ops/front-door";

export const DEFAULT_GRACE_MS: number;
export function log(): Logger;
export function isClientAbort(error: unknown): boolean;
export function createConsoleServer(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>,
  options?: { ops?: FrontDoorOps },
): Server & { shuttingDown: boolean; openResponses: Set<ServerResponse> };
export function installGracefulShutdown(server: Server, options?: { graceMs?: number; ops?: FrontDoorOps }): void;
