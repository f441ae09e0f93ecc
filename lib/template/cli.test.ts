/** `gatehouse render --spec -` end to end, through the real CLI entry point. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

function run(args: string[], stdin?: string) {
  const r = spawnSync(process.execPath, ["bin/gatehouse.mjs", ...args], { cwd: root, input: stdin, encoding: "utf8", timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("gatehouse render", () => {
  it("renders a spec from stdin", () => {
    const spec = {
      template: `{ "name" : "$input.params('name')", "body" : $input.json('$'), "ip": "$context.identity.sourceIp", "stage": "$stageVariables.env" }`,
      body: `{"Price":"249.99","Age":"6"}`,
      params: { querystring: { name: "Bella", type: "dog" } },
      context: { identity: { sourceIp: "1.2.3.4" } },
      stageVariables: { env: "dev" },
    };
    const r = run(["render", "--spec", "-"], JSON.stringify(spec));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`{ "name" : "Bella", "body" : {"Price":"249.99","Age":"6"}, "ip": "1.2.3.4", "stage": "dev" }`);
  });

  it("renders a spec file with only a template", () => {
    const dir = mkdtempSync(join(tmpdir(), "gh-render-"));
    const file = join(dir, "spec.json");
    writeFileSync(file, JSON.stringify({ template: "#set($x = 7 / 2)\n$x|$input.body" }));
    const r = run(["render", "--spec", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("3|{}");
  });

  it("exits 1 with line:column on stderr for a template error", () => {
    const r = run(["render", "--spec", "-"], JSON.stringify({ template: "ok\n  #end" }));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("2:3:");
    expect(r.stderr).toContain('Encountered "#end" at line 2, column 3');
  });

  it("exits 1 for an invalid spec", () => {
    const r = run(["render", "--spec", "-"], "{not json");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/invalid JSON/);
    const r2 = run(["render", "--spec", "-"], JSON.stringify({ body: "{}" }));
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/template must be a string/);
  });
});
