import { cliScratch } from "../../../test/helpers/cli";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify as toYaml } from "yaml";
import { importOpenApi } from "../../openapi/import";
import { swaggerPetStore } from "../../openapi/petstore.fixture";
import { generateDesign } from "../../snapshot/sample-design";

const { dir, write, gatehouse } = cliScratch("gatehouse-diff-cli-");

describe("gatehouse diff", () => {
  const before = generateDesign({ resources: 7, seed: 1 });
  // The same API under other ids, wrapped as a snapshot, with one template edited.
  const after = generateDesign({ resources: 7, seed: 2 });
  const pets = after.resources.find((r) => r.pathPart === "pets")!;
  pets.methods.GET.integration!.requestTemplates["application/json"] = pets.methods.GET.integration!.requestTemplates["application/json"].replace(
    '  "stage": "$context.stage",\n',
    "",
  );
  const a = write("a.json", before);
  const b = write("b.json", { snapshot: after });

  it("prints No differences. and exits 0 for the same API under other ids", () => {
    const r = gatehouse("diff", a, write("same.json", { design: generateDesign({ resources: 7, seed: 9 }) }));
    expect(r).toEqual({ code: 0, stdout: "No differences.\n", stderr: "" });
  });

  it("prints the text diff with the template line diff, exit 0", () => {
    const r = gatehouse("diff", a, b);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        "Summary: 1 change",
        "  resources: 1 changed",
        "  integrations: 1 changed",
        "",
        "~ integration /pets GET",
        "    requestTemplates.application/json:",
        "        …",
        "          \"limit\": #if($input.params('limit') != \"\")$input.params('limit')#{else}25#end,",
        '          "caller": "$context.identity.sourceIp",',
        '      -   "stage": "$context.stage",',
        "          \"body\": $input.json('$')",
        "        }",
        "",
      ].join("\n"),
    );
  });

  it("prints the DesignDiff as JSON with --format json", () => {
    const r = gatehouse("diff", a, b, "--format", "json");
    expect(r.code).toBe(0);
    const diff = JSON.parse(r.stdout);
    expect(diff.summary).toMatchObject({ identical: false, changes: 1, integrations: { added: 0, removed: 0, changed: 1 } });
    expect(diff.entries).toHaveLength(1);
    expect(diff.entries[0]).toMatchObject({
      kind: "changed",
      entity: "integration",
      key: "/pets GET",
      fields: [{ path: "requestTemplates.application/json" }],
    });
    expect(diff.entries[0].fields[0].lineDiff).toContainEqual({ kind: "remove", text: '  "stage": "$context.stage",' });
  });

  it("compares an OpenAPI YAML file with a Gatehouse design and with an edited OpenAPI JSON", () => {
    const yamlFile = write("petstore.yaml", toYaml(swaggerPetStore));
    // The import as a Gatehouse design, ids renumbered: still the same API.
    const design = importOpenApi(swaggerPetStore);
    const renumber = new Map(design.resources.map((r, i) => [r.id, `res${i}`]));
    for (const r of design.resources) {
      r.id = renumber.get(r.id)!;
      r.parentId = r.parentId === null ? null : renumber.get(r.parentId)!;
    }
    expect(gatehouse("diff", yamlFile, write("petstore-design.json", { design })).stdout).toBe("No differences.\n");

    const edited = structuredClone(swaggerPetStore) as Record<string, any>;
    edited.paths["/pets"].get["x-amazon-apigateway-integration"].timeoutInMillis = 5000;
    edited.paths["/pets"].get["x-amazon-apigateway-request-validator"] = "all";
    delete edited.paths["/owners/{ownerId}/pets"];
    edited["x-amazon-apigateway-binary-media-types"] = ["image/png", "image/jpeg"];
    const r = gatehouse("diff", yamlFile, write("petstore-edited.json", edited));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('~ api settings\n    binaryMediaTypes: ["image/png"] → ["image/png","image/jpeg"]\n');
    expect(r.stdout).toContain('~ method /pets GET\n    requestValidator: "params" → "all"\n');
    expect(r.stdout).toContain("~ integration /pets GET\n    timeoutInMillis: 10000 → 5000\n");
    expect(r.stdout).toContain("- resource /owners\n- resource /owners/{ownerId}\n- resource /owners/{ownerId}/pets\n- method /owners/{ownerId}/pets ANY\n");
  });

  it("names exactly the changes between two OpenAPI files in JSON too (a deployment snapshot against an edited export)", () => {
    const edited = structuredClone(swaggerPetStore) as Record<string, any>;
    edited.paths["/pets"].get["x-amazon-apigateway-integration"].timeoutInMillis = 5000;
    delete edited.paths["/owners/{ownerId}/pets"];
    const snapshot = write("petstore-snapshot.json", { snapshot: importOpenApi(swaggerPetStore) });
    const r = gatehouse("diff", snapshot, write("petstore-edited-2.json", edited), "--format", "json");
    expect(r.code).toBe(0);
    const diff = JSON.parse(r.stdout);
    expect(diff.entries.map((e: { kind: string; entity: string; key: string }) => `${e.kind} ${e.entity} ${e.key}`)).toEqual([
      "removed resource /owners",
      "removed resource /owners/{ownerId}",
      "removed resource /owners/{ownerId}/pets",
      "removed method /owners/{ownerId}/pets ANY",
      "changed integration /pets GET",
    ]);
    expect(diff.entries[4].fields).toEqual([{ path: "timeoutInMillis", before: 10000, after: 5000 }]);
    expect(diff.summary).toMatchObject({
      changes: 5,
      resources: { added: 0, removed: 3, changed: 1 },
      methods: { added: 0, removed: 1, changed: 0 },
      integrations: { changed: 1 },
    });
  });

  it("exits 1 with the file and the problem on stderr", () => {
    const missing = gatehouse("diff", a, join(dir, "nope.json"));
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toBe(`gatehouse diff: ${join(dir, "nope.json")}: no such file\n`);
    const broken = gatehouse("diff", write("broken.json", '{"name": "x", "resources": [}'), a);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.json: invalid JSON \(line 1, column \d+\)/);
    const format = gatehouse("diff", a, b, "--format", "xml");
    expect(format.code).toBe(1);
    expect(format.stderr).toContain("--format must be text or json");
    expect(gatehouse("diff", a).code).toBe(1);
  });
});
