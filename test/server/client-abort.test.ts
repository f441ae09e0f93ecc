/**
 * A client that leaves before its answer is finished is not logged as an uncaught exception
 * (#16 item 13: every cookie-less server-action POST to /sign-in or /invite/x logged
 * `uncaughtException: Error: aborted`). The server runs in a child process with a handler that
 * applies Next's own body-copy code, as for a request proxy.ts saw.
 */
import { spawn } from "node:child_process";
import { connect } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const FIXTURE = join(__dirname, "fixtures", "abort-server.mjs");
const running: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const c of running.splice(0)) c.kill("SIGKILL");
});

/** Starts the fixture, posts a complete server-action request, leaves once the answer starts, and returns what the server printed by then. */
async function postAndLeave(mode: "plain" | "console", path = "/sign-in"): Promise<string[]> {
  const child = spawn(process.execPath, [FIXTURE, mode], { stdio: ["ignore", "pipe", "inherit"] });
  running.push(child);
  const lines: string[] = [];
  const waitFor = (prefix: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const hit = lines.find((l) => l.startsWith(prefix));
        if (hit) resolve(hit);
      };
      child.stdout!.on("data", (d) => {
        lines.push(...String(d).split("\n").filter(Boolean));
        check();
      });
      child.on("exit", (code) => reject(new Error(`server exited ${code}: ${lines.join(" | ")}`)));
      check();
    });
  const port = Number((await waitFor("LISTENING")).split(" ")[1]);
  const body = JSON.stringify([{ email: "a@b.c" }]);
  await new Promise<void>((resolve) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: x\r\nNext-Action: 6037b1\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      );
    });
    socket.once("data", () => {
      socket.destroy();
      resolve();
    });
  });
  await waitFor("CLOSED");
  return lines;
}

describe("a client leaving before its answer is finished", () => {
  it("was an uncaught exception once Next had copied the body for the proxy (how start.mjs served before)", async () => {
    expect(await postAndLeave("plain")).toContain("UNCAUGHT ECONNRESET aborted");
  });

  it("is not logged at all by the console's server", async () => {
    const lines = await postAndLeave("console");
    expect(lines.filter((l) => l.startsWith("UNCAUGHT") || l.startsWith("LOGGED"))).toEqual([]);
  });

  it("still lets other request errors through to the log", async () => {
    const lines = await postAndLeave("console", "/fail");
    expect(lines.some((l) => l.includes("a real failure"))).toBe(true);
    expect(lines.some((l) => l.includes("aborted"))).toBe(false);
  });
});
