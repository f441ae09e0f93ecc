/**
 * The production console for the benchmarks that serve it (pages, instances): one build directory
 * they share, built when missing or older than the sources, and the ports and health checks of the
 * processes they start.
 */
import { type ChildProcess, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..");
/** The benchmarks' build (GATEHOUSE_BENCH_DIST_DIR to use another). */
export const BENCH_DIST_DIR = process.env.GATEHOUSE_BENCH_DIST_DIR || ".next-bench-pages";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `base + path` answers 200; throws if the process exits first or the time runs out. */
export async function waitForHealth(base: string, child: ChildProcess, timeoutMs: number, path = "/api/health"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the console exited with code ${child.exitCode} before it answered`);
    try {
      if ((await fetch(`${base}${path}`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`the console did not answer ${base}${path} within ${timeoutMs / 1000} s`);
}

/** The sources a build is made from (as scripts/start.mjs lists them): a build older than any of them is stale. */
const SOURCES = ["app", "components", "lib", "prisma", "public", "package.json", "next.config.ts", "proxy.ts", "instrumentation.ts", "instrumentation-node.ts"];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry !== "node_modules" && entry !== "generated") max = Math.max(max, newestMtime(join(path, entry)));
  }
  return max;
}

/**
 * Builds into `distDir` when the build is missing or older than the sources (GATEHOUSE_BENCH_REUSE_BUILD=1
 * keeps a stale one). `next build` with a custom dist dir rewrites tsconfig.json: it is put back as it was.
 */
export function ensureBuild(distDir: string = BENCH_DIST_DIR): void {
  const buildId = join(ROOT, distDir, "BUILD_ID");
  const missing = !existsSync(buildId);
  const stale = !missing && Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s)))) > statSync(buildId).mtimeMs;
  if (!missing && (!stale || process.env.GATEHOUSE_BENCH_REUSE_BUILD === "1")) return;
  console.log(`building the console into ${distDir} (${missing ? "no build yet" : "sources changed"}; several minutes)…`);
  const tsconfig = readFileSync(join(ROOT, "tsconfig.json"), "utf8");
  const build = spawnSync("npx", ["next", "build"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", GATEHOUSE_DIST_DIR: distDir },
  });
  writeFileSync(join(ROOT, "tsconfig.json"), tsconfig);
  if (build.status !== 0) throw new Error(`next build failed (exit ${build.status})`);
}
