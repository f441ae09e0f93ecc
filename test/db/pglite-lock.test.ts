/**
 * One process at a time on an embedded database directory (#16 item 8): a second process is
 * refused with the holder's pid and what to do; the lock of a process that died (kill -9) is
 * taken over; a clean close lets the next process in.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "../../lib/db/client";
import { DataDirLockedError, lockPathFor } from "../../lib/db/dir-lock";

const dir = mkdtempSync(join(tmpdir(), "gatehouse-lock-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** Starts a node process (tsx) that opens the directory; resolves with its first line of output. */
function holdInChild(dataDir: string): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "fixtures", "hold-pglite.ts"), dataDir], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += String(d);
      if (out.includes("\n")) resolve({ child, line: out.split("\n")[0] });
    });
    child.on("exit", (code) => reject(new Error(`child exited ${code} before answering: ${out}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

describe("embedded database directory lock", () => {
  it("refuses a second process while the first holds the directory, naming its pid, and takes over once it was killed", async () => {
    const dataDir = join(dir, "a", "pglite");
    const { child, line } = await holdInChild(dataDir);
    expect(line).toBe(`ready ${child.pid}`);

    const refused = await openDb({ dataDir }).then(
      async (db) => {
        await db.close();
        return null;
      },
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(DataDirLockedError);
    const message = (refused as Error).message;
    expect(message).toContain(`process ${child.pid}`);
    expect(message).toContain("DATABASE_URL");
    expect(message).toContain(lockPathFor(dataDir));

    child.kill("SIGKILL");
    await exited(child);
    const db = await openDb({ dataDir });
    await db.prisma.$queryRawUnsafe("SELECT 1");
    // And while this process holds it, another process is the one refused.
    const other = await holdInChild(dataDir);
    expect(other.line).toMatch(/^refused /);
    expect(other.line).toContain(`in use by process ${process.pid}`);
    await db.close();
    expect(existsSync(lockPathFor(dataDir))).toBe(false);
  }, 180_000);

  it("takes over a lock left by a pid that no longer runs, and refuses one held on another host", async () => {
    const dataDir = join(dir, "b", "pglite");
    const dead = spawn(process.execPath, ["-e", ""]);
    await exited(dead);
    mkdirSync(join(dir, "b"), { recursive: true });
    writeFileSync(lockPathFor(dataDir), JSON.stringify({ pid: dead.pid, host: hostname(), since: "earlier" }));
    const db = await openDb({ dataDir });
    await db.close();

    writeFileSync(lockPathFor(dataDir), JSON.stringify({ pid: process.pid, host: "elsewhere.example", since: "earlier" }));
    const refused = await openDb({ dataDir }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as Error).message).toContain("on host elsewhere.example");
  }, 60_000);
});
