import type { IncomingMessage, Server, ServerResponse } from "node:http";

export function isClientAbort(error: unknown): boolean;
export function createConsoleServer(handle: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>): Server;
