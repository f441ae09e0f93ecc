/**
 * A loopback TCP proxy in front of the machine's PostgreSQL, to stage an outage the way a network
 * or a failover does it: connections cut, new ones refused, or accepted and never answered.
 */
import net from "node:net";

export type ProxyMode = "up" | "refusing" | "black hole";

export interface TcpProxy {
  port: number;
  /** Cuts every open connection and then behaves as `mode` says. */
  set(mode: ProxyMode): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let mode: ProxyMode = "up";
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on("error", () => {});
    s.on("close", () => sockets.delete(s));
  };
  const server = net.createServer((client) => {
    track(client);
    if (mode === "refusing") return void client.destroy();
    if (mode === "black hole") return; // accepted, never answered
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    async set(next) {
      mode = next;
      for (const s of sockets) s.destroy();
      await new Promise((r) => setTimeout(r, 50));
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
