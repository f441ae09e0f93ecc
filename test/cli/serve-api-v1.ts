/**
 * The /api/v1 route handlers behind a plain node:http server on loopback, called as Next calls
 * them, so the real `gatehouse remote` binary can talk to them. The test file mocks `server-only`
 * and `@/lib/db` (getDb → its test database) before calling this.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Method = "GET" | "POST" | "PUT";

const ROUTES: [RegExp, () => Promise<Partial<Record<Method, Handler>>>][] = [
  [/^\/api\/v1\/apis$/, () => import("@/app/api/v1/apis/route") as never],
  [/^\/api\/v1\/apis\/(?<apiId>[^/]+)\/openapi$/, () => import("@/app/api/v1/apis/[apiId]/openapi/route") as never],
  [/^\/api\/v1\/apis\/(?<apiId>[^/]+)\/diff$/, () => import("@/app/api/v1/apis/[apiId]/diff/route") as never],
  [/^\/api\/v1\/apis\/(?<apiId>[^/]+)\/stages$/, () => import("@/app/api/v1/apis/[apiId]/stages/route") as never],
  [/^\/api\/v1\/apis\/(?<apiId>[^/]+)\/deployments$/, () => import("@/app/api/v1/apis/[apiId]/deployments/route") as never],
  [
    /^\/api\/v1\/apis\/(?<apiId>[^/]+)\/stages\/(?<stageName>[^/]+)\/promote$/,
    () => import("@/app/api/v1/apis/[apiId]/stages/[stageName]/promote/route") as never,
  ],
  [/^\/api\/v1\/apis\/(?<apiId>[^/]+)\/stages\/(?<stageName>[^/]+)\/push$/, () => import("@/app/api/v1/apis/[apiId]/stages/[stageName]/push/route") as never],
  [/^\/api\/v1\/apis\/(?<apiId>[^/]+)\/tests\/run$/, () => import("@/app/api/v1/apis/[apiId]/tests/run/route") as never],
  [/^\/api\/v1\/history$/, () => import("@/app/api/v1/history/route") as never],
];

export interface ServedApiV1 {
  server: Server;
  url: string;
  /** `METHOD /path STATUS` of each request answered, in order: a test can wait for the CLI to have got somewhere. */
  answered: string[];
  close(): void;
}

export async function serveApiV1(): Promise<ServedApiV1> {
  const answered: string[] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    for (const [pattern, load] of ROUTES) {
      const m = pattern.exec(url.pathname);
      if (!m) continue;
      const handler = (await load())[req.method as Method];
      if (!handler) break;
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const request = new Request(url, { method: req.method, headers: req.headers as Record<string, string>, body });
      const response = await handler(request, { params: Promise.resolve({ ...m.groups }) });
      res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
      answered.push(`${req.method} ${url.pathname} ${response.status}`);
      return;
    }
    res.writeHead(404, { "content-type": "application/json" }).end('{"message":"No such route","code":"NotFound"}');
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, answered, close: () => server.close() };
}
