/** Builders shared by the invoke tests: designs from a path table, contexts "as the previous handlers left them". */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseDesign, type ApiDesign } from "../../lib/model/design";
import type { InvocationContext, InvokeRequest, RenderTemplate } from "../../lib/invoke/context";
import { createContext, type InvokeOptions } from "../../lib/invoke/pipeline";

type MethodSpec = Record<string, unknown>;

/**
 * A design from `{ "/pets/{id}": { GET: {...method} } }`; intermediate resources are created
 * without methods. Resource ids are the paths, so tests can assert on them.
 */
export function designOf(paths: Record<string, Record<string, MethodSpec>>, extra: Record<string, unknown> = {}): ApiDesign {
  const resources = new Map<string, { id: string; parentId: string | null; pathPart: string; methods: Record<string, unknown> }>();
  resources.set("/", { id: "/", parentId: null, pathPart: "", methods: {} });
  for (const [path, methods] of Object.entries(paths)) {
    const parts = path.split("/").filter(Boolean);
    let parent = "/";
    let current = "";
    for (const part of parts) {
      current += "/" + part;
      if (!resources.has(current)) resources.set(current, { id: current, parentId: parent, pathPart: part, methods: {} });
      parent = current;
    }
    const r = resources.get(path === "" ? "/" : path)!;
    for (const [verb, m] of Object.entries(methods)) r.methods[verb] = { httpMethod: verb, ...m };
  }
  return parseDesign({ name: "test", resources: [...resources.values()], ...extra });
}

/** A MOCK method answering 200 with a fixed template, for routing and error tests. */
export function mockMethod(body: string, extra: MethodSpec = {}): MethodSpec {
  return {
    methodResponses: { "200": { statusCode: "200" } },
    integration: {
      type: "MOCK",
      requestTemplates: { "application/json": '{"statusCode": 200}' },
      integrationResponses: { "200": { statusCode: "200", responseTemplates: { "application/json": body } } },
    },
    ...extra,
  };
}

export function request(partial: Partial<InvokeRequest> = {}): InvokeRequest {
  return { httpMethod: "GET", pathWithQueryString: "/", headers: {}, body: "", stageVariables: {}, stage: null, ...partial };
}

export const FIXED_NOW = new Date(Date.UTC(2017, 7, 31, 1, 7, 25));

/**
 * A renderer for handler tests that do not exercise VTL: it only understands a template that is
 * literal text (no `$`/`#`), and fails loudly otherwise, so a test cannot pass by accident.
 */
export const literalRender: RenderTemplate = (input) => {
  if (/[$#]/.test(input.template)) throw new Error(`literalRender cannot render VTL: ${input.template}`);
  return {
    output: input.template,
    overrides: { responseHeaders: {}, requestHeaders: {}, requestPath: {}, requestQuerystring: {} },
  };
};

export function contextFor(
  design: ApiDesign,
  req: Partial<InvokeRequest> = {},
  options: Partial<InvokeOptions> = {},
  render: RenderTemplate = literalRender,
): InvocationContext {
  return createContext(design, request(req), { apiId: "abc123", requestId: "req-1", now: () => FIXED_NOW, ...options }, render);
}

export interface TestServer {
  url: string;
  requests: { method: string; url: string; headers: IncomingMessage["headers"]; rawHeaders: string[]; body: string; raw: Buffer }[];
  close(): Promise<void>;
}

/** A real HTTP backend on 127.0.0.1, port 0. */
export async function startServer(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void): Promise<TestServer> {
  const requests: TestServer["requests"] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const body = raw.toString("utf8");
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, rawHeaders: req.rawHeaders, body, raw });
      handler(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
