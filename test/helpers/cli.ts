/** Runs the real `gatehouse` binary on files in a scratch directory removed after the test file. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll } from "vitest";

export const REPO_ROOT = resolve(__dirname, "../..");

export function cliScratch(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    /** Writes a file (objects as pretty JSON) and returns its path. */
    write(name: string, content: unknown): string {
      const file = join(dir, name);
      writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
      return file;
    },
    gatehouse(...args: string[]) {
      const r = spawnSync(process.execPath, [join(REPO_ROOT, "bin/gatehouse.mjs"), ...args], { cwd: REPO_ROOT, encoding: "utf8", timeout: 60_000 });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    },
  };
}
