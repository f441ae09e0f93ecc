/**
 * Starts moto's server (`python3 -m moto.server`), an independent emulator of AWS, for the live
 * suites. Each call takes its own free port, so vitest files running in parallel never share one
 * moto (and never see each other's APIs). Used by moto.test.ts and by `npm run test:aws` when no
 * endpoint is given.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";

export interface MotoServer {
  url: string;
  port: number;
  /** Kills the server (and waits for it to exit). */
  stop(): Promise<void>;
}

/** Why moto can't run here (python3 missing, moto not importable), or null when it can. */
export function motoUnavailableReason(): string | null {
  const probe = spawnSync("python3", ["-c", "import moto.server, moto; print(moto.__version__)"], { encoding: "utf8", timeout: 30_000 });
  if (probe.error) return `python3 could not be run (${probe.error.message})`;
  if (probe.status !== 0) return `python3 cannot import moto.server: ${(probe.stderr || "").trim().split("\n").pop()}`;
  return null;
}

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
    return res.ok;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
  });
}

/** Starts moto on a free port and resolves once it answers HTTP (fails after `timeoutMs`). */
export async function startMotoServer(options: { timeoutMs?: number } = {}): Promise<MotoServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited(child);
  };
  const deadline = Date.now() + (options.timeoutMs ?? 45_000);
  while (!(await answers(url))) {
    if (child.exitCode !== null) throw new Error(`moto.server exited with code ${child.exitCode} before answering on ${url}:\n${stderr}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`moto.server did not answer on ${url} within ${options.timeoutMs ?? 45_000} ms:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, port, stop };
}
