/**
 * A second console started on an embedded database another process holds stops at start with
 * the holder's pid and what to do, instead of serving errors (#16 item 8).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it, vi } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "gatehouse-start-"));
let holder: ChildProcess | undefined;
afterAll(() => {
  holder?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

it("exits with the holder's pid when the embedded database is in use", async () => {
  holder = spawn(process.execPath, ["--import", "tsx", join(__dirname, "..", "db", "fixtures", "hold-pglite.ts"), join(dir, "pglite")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    holder!.stdout!.once("data", (d) => resolve(String(d).trim()));
    holder!.once("exit", (code) => reject(new Error(`holder exited ${code}`)));
  });
  expect(line).toBe(`ready ${holder.pid}`);

  vi.stubEnv("NEXT_RUNTIME", "nodejs");
  vi.stubEnv("GATEHOUSE_DATA_DIR", dir);
  vi.stubEnv("DATABASE_URL", "");
  const exit = vi.spyOn(process, "exit").mockImplementation((code) => {
    throw new Error(`exit ${code}`);
  });
  const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
  const { register } = await import("../../instrumentation");
  await expect(register()).rejects.toThrow("exit 1");
  expect(exit).toHaveBeenCalledWith(1);
  expect(logged.mock.calls.flat().join(" ")).toContain(`in use by process ${holder.pid}`);
}, 180_000);
