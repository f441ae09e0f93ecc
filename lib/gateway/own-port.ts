/**
 * The gateway's own port (`GATEHOUSE_GATEWAY_PORT`, default 3001; `off` turns it off): the same
 * `/gw/{api}/{stage}/…` URLs as on the console's port, on a plain Node HTTP server with nothing
 * else on it, for load tests and for clients that should not share the console's origin.
 */
import { createServer, type Server } from "node:http";
import type { NodeHandler } from "./node-handler";

export const DEFAULT_GATEWAY_PORT = 3001;

/** The port to listen on, or null for none; an unusable value is refused by name. */
export function gatewayPortFromEnv(env: Record<string, string | undefined> = process.env): number | null {
  const raw = (env.GATEHOUSE_GATEWAY_PORT ?? "").trim();
  if (raw === "") return DEFAULT_GATEWAY_PORT;
  if (raw === "off" || raw === "0") return null;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`GATEHOUSE_GATEWAY_PORT must be a port number (1-65535) or "off", not ${JSON.stringify(raw)}`);
  return port;
}

/** Listens with `handler` on a plain Node HTTP server; rejects when the port cannot be opened (taken, not allowed). */
export function listenGateway(handler: NodeHandler, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    handler(req, res).catch((e) => {
      console.error("[gatehouse] gateway request failed", e);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
