/**
 * SIGTERM on the console's front door (scripts/console-server.mjs with lib/ops): a request in
 * flight finishes and is logged, new connections are refused at once, idle keep-alive connections
 * do not hold the exit up, resources close after the drain, and the process exits 0; a request
 * that outlives the grace period is cut. Requests carry an id both ways and get one JSON log line.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { Agent, get, type IncomingMessage } from "node:http";
import { connect } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const FIXTURE = join(__dirname, "fixtures", "shutdown-server.mjs");
const running: ChildProcess[] = [];
afterEach(() => {
  for (const c of running.splice(0)) c.kill("SIGKILL");
});

interface Server {
  port: number;
  lines: string[];
  /** Resolves with the first stdout line containing `text`. */
  waitFor(text: string): Promise<string>;
  exited: Promise<{ code: number | null; at: number }>;
  child: ChildProcess;
}

async function startServer(graceMs: number): Promise<Server> {
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE, String(graceMs)], { stdio: ["ignore", "pipe", "inherit"] });
  running.push(child);
  const lines: string[] = [];
  const waiters: { text: string; resolve: (line: string) => void }[] = [];
  child.stdout!.on("data", (d) => {
    for (const line of String(d).split("\n").filter(Boolean)) {
      lines.push(line);
      for (const w of waiters.filter((w) => line.includes(w.text))) w.resolve(line);
    }
  });
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.once("exit", (code) => resolve({ code, at: Date.now() })));
  const waitFor = (text: string) =>
    new Promise<string>((resolve, reject) => {
      const hit = lines.find((l) => l.includes(text));
      if (hit) return resolve(hit);
      waiters.push({ text, resolve });
      exited.then(({ code }) => reject(new Error(`server exited ${code} before printing "${text}": ${lines.join(" | ")}`)));
    });
  const port = Number((await waitFor("LISTENING")).split(" ")[1]);
  return { port, lines, waitFor, exited, child };
}

function request(port: number, path: string, options: { agent?: Agent; headers?: Record<string, string> } = {}) {
  return new Promise<{ res: IncomingMessage; body: string; at: number }>((resolve, reject) => {
    get({ host: "127.0.0.1", port, path, agent: options.agent, headers: options.headers }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ res, body, at: Date.now() }));
      res.on("error", reject);
    }).on("error", reject);
  });
}

/** Resolves with the error code of a fresh TCP connection attempt ("connected" if it was accepted). */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

const requestLines = (lines: string[]) =>
  lines
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l))
    .filter((l) => l.msg === "request");

describe("graceful shutdown of the console's front door", () => {
  it("finishes an in-flight request after SIGTERM, refuses new connections, then closes resources and exits 0", async () => {
    const server = await startServer(10_000);
    const keepAlive = new Agent({ keepAlive: true });
    // An idle keep-alive connection: it must not keep the server open until its timeout.
    expect((await request(server.port, "/", { agent: keepAlive })).body).toBe("ok");
    const slow = request(server.port, "/slow");
    await server.waitFor("SLOW STARTED");
    const signalledAt = Date.now();
    server.child.kill("SIGTERM");
    await server.waitFor("shutting down");
    expect(await tryConnect(server.port)).toBe("ECONNREFUSED");

    const answer = await slow;
    expect(answer.res.statusCode).toBe(200);
    expect(answer.body).toBe("slow done");
    const { code, at } = await server.exited;
    expect(code).toBe(0);
    expect(at - signalledAt).toBeLessThan(5_000);
    const closed = server.lines.findIndex((l) => l.includes("CLOSED stub database"));
    const slowLogged = server.lines.findIndex((l) => l.includes('"path":"/slow"'));
    expect(slowLogged).toBeGreaterThanOrEqual(0);
    expect(closed).toBeGreaterThan(slowLogged);
    expect(requestLines(server.lines).find((l) => l.path === "/slow")).toMatchObject({ method: "GET", status: 200 });
    keepAlive.destroy();
  }, 60_000);

  it("cuts a request still open when the grace period ends, and still exits 0", async () => {
    const server = await startServer(500);
    const hanging = request(server.port, "/hang").catch((e: NodeJS.ErrnoException) => e.code ?? e.message);
    await server.waitFor("HANG STARTED");
    const signalledAt = Date.now();
    server.child.kill("SIGTERM");
    expect(await hanging).toBe("ECONNRESET");
    const { code, at } = await server.exited;
    expect(code).toBe(0);
    expect(at - signalledAt).toBeGreaterThanOrEqual(450);
    expect(at - signalledAt).toBeLessThan(5_000);
    expect(server.lines.some((l) => l.includes("still open after the grace period"))).toBe(true);
    expect(requestLines(server.lines).find((l) => l.path === "/hang")).toMatchObject({ status: 499, aborted: true });
  }, 60_000);
});

describe("request ids at the front door", () => {
  it("returns the client's sane x-request-id, replaces an unusable one, and logs each request once under its id", async () => {
    const server = await startServer(1000);
    const kept = await request(server.port, "/?secret=1", { headers: { "x-request-id": "pipeline-run-42" } });
    expect(kept.res.headers["x-request-id"]).toBe("pipeline-run-42");
    const replaced = await request(server.port, "/", { headers: { "x-request-id": "bad id\twith spaces" } });
    expect(replaced.res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const fresh = await request(server.port, "/");
    expect(fresh.res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(fresh.res.headers["x-request-id"]).not.toBe(replaced.res.headers["x-request-id"]);
    server.child.kill("SIGTERM");
    await server.exited;
    const logged = requestLines(server.lines);
    expect(logged.map((l) => l.reqId)).toEqual(["pipeline-run-42", replaced.res.headers["x-request-id"], fresh.res.headers["x-request-id"]]);
    expect(logged[0]).toMatchObject({ method: "GET", path: "/", status: 200, service: "gatehouse" });
    expect(typeof logged[0].durationMs).toBe("number");
  }, 60_000);
});
