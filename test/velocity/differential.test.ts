/**
 * Differential test: every case in ./cases.ts rendered by Apache Velocity 1.7 (Debian package
 * `velocity`, with its dependencies libcommons-lang-java and libcommons-collections3-java, on
 * a JDK for javac) and by our engine must produce the same bytes, or both must fail.
 *
 * One JVM renders the whole batch (Harness.java, compiled here with javac). Skips — saying
 * why — only when java, javac or the Velocity jars are missing.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderTemplate, TemplateError } from "../../lib/template";
import { VELOCITY_CASES } from "./cases";

const here = fileURLToPath(new URL(".", import.meta.url));
const JARS = ["/usr/share/java/velocity.jar", "/usr/share/java/commons-collections3.jar", "/usr/share/java/commons-lang.jar"];

function missing(): string | null {
  for (const tool of ["java", "javac"]) {
    if (spawnSync(tool, ["-version"], { encoding: "utf8" }).error) return `${tool} is not installed (apt-get install -y default-jdk-headless)`;
  }
  const absent = JARS.filter((j) => !existsSync(j));
  if (absent.length) return `${absent.join(", ")} not found (apt-get install -y velocity)`;
  return null;
}

interface JavaResult {
  ok: boolean;
  output?: string;
  error?: string;
}

const why = missing();
if (why) console.warn(`[velocity differential] skipped: ${why}`);

describe.skipIf(why !== null)("differential against Apache Velocity 1.7", () => {
  let dir = "";
  let results: JavaResult[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "velocity-diff-"));
    const cp = JARS.join(":");
    execFileSync("javac", ["-nowarn", "-cp", cp, "-d", dir, join(here, "Harness.java")], { stdio: "pipe" });
    const cases = VELOCITY_CASES.map(({ template, body, params, context, stageVariables }) => ({ template, body, params, context, stageVariables }));
    writeFileSync(join(dir, "cases.json"), JSON.stringify(cases));
    execFileSync("java", ["-cp", `${dir}:${cp}`, "Harness", join(dir, "cases.json"), join(dir, "results.json")], { stdio: "pipe", timeout: 60_000 });
    results = JSON.parse(readFileSync(join(dir, "results.json"), "utf8")) as JavaResult[];
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("renders every case in one batch", () => {
    expect(VELOCITY_CASES.length).toBeGreaterThanOrEqual(100);
    expect(results.length).toBe(VELOCITY_CASES.length);
    expect(new Set(VELOCITY_CASES.map((x) => x.name)).size).toBe(VELOCITY_CASES.length);
    // Error cases only check that both sides fail: keep them the exception.
    const failures = results.filter((r) => !r.ok).length;
    expect(failures).toBeLessThanOrEqual(VELOCITY_CASES.length / 20);
  });

  it.each(VELOCITY_CASES.map((x, i) => [x.name, i] as const))("%s", (_name, i) => {
    const k = VELOCITY_CASES[i];
    const java = results[i];
    let ours: { ok: true; output: string } | { ok: false; error: string };
    try {
      const r = renderTemplate({
        template: k.template,
        body: k.body ?? "",
        params: { path: k.params?.path ?? {}, querystring: k.params?.querystring ?? {}, header: k.params?.header ?? {} },
        context: k.context ?? {},
        stageVariables: k.stageVariables ?? {},
      });
      ours = { ok: true, output: r.output };
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      ours = { ok: false, error: e.message };
    }
    if (!java.ok) {
      expect(ours, `Velocity failed with ${java.error}`).toMatchObject({ ok: false });
      return;
    }
    expect(ours).toEqual({ ok: true, output: java.output });
  });
});
