/**
 * The audit trail on both databases: filters (actor, action prefix, entity type, entity prefix,
 * API, time range, limit) and the CSV / JSON exports.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import { historyFilterFromParams, historyToCsv, historyToJson, listHistory, type HistoryEntry } from "../../lib/audit/history";
import { seedDemo } from "../../lib/db/seed";
import { parseDesign } from "../../lib/model/design";
import { findResourceByPath } from "../../lib/model/tree";
import { createRestApi, editDesign } from "../../lib/restapi/service";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";

const CSV_HEADER = "id,createdAt,actorEmail,action,entityType,entityId,restApiId,summary,before,after";

/** RFC 4180 records: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell || row.length) throw new Error("CSV does not end with CRLF");
  return rows;
}

describe.each(DATABASE_KINDS)("history on %s", (kind) => {
  let db: TestDatabase;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let petStoreId: string;
  let alice: Actor;
  let bob: Actor;
  let aliceApiId: string;
  const p = () => db.handle.prisma;

  /** Every row of the workspace, newest first, as listHistory shapes them. */
  const all = () => listHistory(p(), { workspaceId, limit: 5000 });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    expect(await seedDemo(p())).toBe(true);
    workspaceId = (await p().workspace.findUniqueOrThrow({ where: { slug: "demo" } })).id;
    petStoreId = (await p().restApi.findFirstOrThrow({ where: { workspaceId, name: "PetStore" } })).id;
    for (const [email, role] of [
      ["Alice.Editor@Example.com", "editor"],
      ["bob@example.com", "editor"],
    ] as const) {
      const u = await p().user.create({ data: { email: email.toLowerCase(), name: email, passwordHash: "unused" } });
      await p().membership.create({ data: { workspaceId, userId: u.id, role } });
    }
    const a = await p().user.findUniqueOrThrow({ where: { email: "alice.editor@example.com" } });
    const b = await p().user.findUniqueOrThrow({ where: { email: "bob@example.com" } });
    // The actor's email as shown to the audit trail keeps its case.
    alice = { userId: a.id, email: "Alice.Editor@Example.com", workspaceId, role: "editor" };
    bob = { userId: b.id, email: "bob@example.com", workspaceId, role: "editor" };

    const api = await createRestApi(p(), alice, { name: "AliceApi" });
    aliceApiId = api.id;
    let r = await editDesign(p(), alice, api.id, api.version, { type: "addResourcePath", path: "/orders" });
    const orders = findResourceByPath(r.design, "/orders")!.id;
    r = await editDesign(p(), bob, api.id, r.version, { type: "putMethod", resourceId: orders, method: { httpMethod: "POST" } });
    // Bob also edits PetStore: /pets/{petId} gets a POST, which an entity filter on GET must not match.
    const pet = await p().restApi.findUniqueOrThrow({ where: { id: petStoreId } });
    const petId = findResourceByPath(parseDesign(pet.design), "/pets/{petId}")!.id;
    await editDesign(p(), bob, petStoreId, pet.version, { type: "putMethod", resourceId: petId, method: { httpMethod: "POST" } });

    // Another workspace whose rows must never show up.
    const other = await p().workspace.create({ data: { name: "Other", slug: "other" } });
    otherWorkspaceId = other.id;
    await p().auditEvent.create({
      data: {
        workspaceId: other.id,
        actorEmail: "alice.editor@example.com",
        action: "resource.create",
        entityType: "resource",
        entityId: "/pets/{petId} GET",
        summary: "elsewhere",
      },
    });
  });
  afterAll(() => db?.drop());

  it("lists the workspace's rows newest first, with string ids, and nothing from other workspaces", async () => {
    const rows = await all();
    expect(rows.length).toBeGreaterThan(15);
    expect(rows.every((r) => r.workspaceId === workspaceId)).toBe(true);
    const ids = rows.map((r) => BigInt(r.id));
    expect(ids).toEqual([...ids].sort((x, y) => (x > y ? -1 : x < y ? 1 : 0)));
    expect(typeof rows[0].id).toBe("string");
    expect(rows.some((r) => r.summary === "elsewhere")).toBe(false);
  });

  it("filters by actor: contains, case-insensitive", async () => {
    for (const actor of ["alice", "ALICE.EDITOR@EXAMPLE", "Editor@ex"]) {
      const rows = await listHistory(p(), { workspaceId, actor });
      expect(rows.map((r) => r.action).sort()).toEqual(["api.create", "resource.create"]);
      expect(rows.every((r) => r.actorEmail === "Alice.Editor@Example.com")).toBe(true);
    }
    const bobs = await listHistory(p(), { workspaceId, actor: "BOB" });
    expect(bobs).toHaveLength(2);
    expect(bobs.every((r) => r.actorEmail === "bob@example.com")).toBe(true);
    const everyone = await listHistory(p(), { workspaceId, actor: "example.com" });
    expect(everyone).toHaveLength(4);
    expect(await listHistory(p(), { workspaceId, actor: "nobody" })).toEqual([]);
    // Blank filters are ignored, not matched literally.
    expect(await listHistory(p(), { workspaceId, actor: "   ", limit: 5000 })).toHaveLength((await all()).length);
  });

  it("filters by action prefix and by exact entity type", async () => {
    const everything = await all();
    const resources = await listHistory(p(), { workspaceId, action: "resource." });
    expect(resources.length).toBeGreaterThan(0);
    expect(resources.map((r) => r.id)).toEqual(everything.filter((r) => r.action.startsWith("resource.")).map((r) => r.id));

    // A prefix: "integration" also finds integrationResponse.* actions.
    const integ = await listHistory(p(), { workspaceId, action: "integration" });
    expect(new Set(integ.map((r) => r.action))).toEqual(new Set(["integration.create", "integrationResponse.create"]));
    expect(await listHistory(p(), { workspaceId, action: "create" })).toEqual([]);

    // The entity type is matched exactly.
    const types = await listHistory(p(), { workspaceId, entityType: "integration" });
    expect(types.map((r) => r.entityType)).toEqual(["integration", "integration"]);
    expect(await listHistory(p(), { workspaceId, entityType: "integ" })).toEqual([]);
    const members = await listHistory(p(), { workspaceId, entityType: "member" });
    expect(members.map((r) => r.entityId).sort()).toEqual(["admin@gatehouse.local", "viewer@gatehouse.local"]);
  });

  it("filters by entity prefix: a method finds itself and its responses, not other methods or the resource", async () => {
    const rows = await listHistory(p(), { workspaceId, entity: "/pets/{petId} GET" });
    expect(rows.map((r) => `${r.action} ${r.entityId}`).sort()).toEqual(
      [
        "integration.create /pets/{petId} GET",
        "integrationResponse.create /pets/{petId} GET 200",
        "integrationResponse.create /pets/{petId} GET 404",
        "method.create /pets/{petId} GET",
        "methodResponse.create /pets/{petId} GET 200",
        "methodResponse.create /pets/{petId} GET 404",
      ].sort(),
    );
    const one = await listHistory(p(), { workspaceId, entity: "/pets/{petId} GET 404" });
    expect(one.map((r) => r.action).sort()).toEqual(["integrationResponse.create", "methodResponse.create"]);
    // Combined with an entity type.
    expect(await listHistory(p(), { workspaceId, entity: "/pets/{petId} GET", entityType: "methodResponse" })).toHaveLength(2);
  });

  it("treats LIKE wildcards in the entity and actor filters literally", async () => {
    expect(await listHistory(p(), { workspaceId, entity: "%" })).toEqual([]);
    expect(await listHistory(p(), { workspaceId, entity: "/pets_" })).toEqual([]);
    expect(await listHistory(p(), { workspaceId, entity: "_pets" })).toEqual([]);
    expect(await listHistory(p(), { workspaceId, actor: "%" })).toEqual([]);
    expect(await listHistory(p(), { workspaceId, actor: "bob_example" })).toEqual([]);
    // ...and still find what they literally spell.
    const ws = await p().workspace.create({ data: { name: "Wildcards", slug: "wildcards" } });
    for (const entityId of ["/my_path GET", "/myXpath GET", "/100% GET", "/1000 GET", "/back\\slash GET"]) {
      await p().auditEvent.create({
        data: { workspaceId: ws.id, actorEmail: "under_score@example.com", action: "method.create", entityType: "method", entityId },
      });
    }
    const ids = async (f: { entity?: string; actor?: string }) => (await listHistory(p(), { workspaceId: ws.id, ...f })).map((r) => r.entityId).sort();
    expect(await ids({ entity: "/my_path" })).toEqual(["/my_path GET"]);
    expect(await ids({ entity: "/100%" })).toEqual(["/100% GET"]);
    expect(await ids({ entity: "/back\\slash" })).toEqual(["/back\\slash GET"]);
    expect(await ids({ entity: "/back\\" })).toEqual(["/back\\slash GET"]);
    expect(await ids({ actor: "UNDER_SCORE" })).toHaveLength(5);
  });

  it("filters by REST API; a malformed or unknown API id finds nothing", async () => {
    const rows = await listHistory(p(), { workspaceId, restApiId: aliceApiId });
    expect(rows.map((r) => r.action)).toEqual(["method.create", "resource.create", "api.create"]);
    const pet = await listHistory(p(), { workspaceId, restApiId: petStoreId, limit: 5000 });
    expect(pet.length).toBe((await p().restApi.findUniqueOrThrow({ where: { id: petStoreId } })).version);
    expect(pet.every((r) => r.restApiId === petStoreId)).toBe(true);
    expect(await listHistory(p(), { workspaceId, restApiId: "not-a-uuid" })).toEqual([]);
    expect(await listHistory(p(), { workspaceId, restApiId: "00000000-0000-4000-8000-000000000000" })).toEqual([]);
  });

  it("filters by time range, both ends inclusive, from dates or strings", async () => {
    const tl = await p().workspace.create({ data: { name: "Timeline", slug: "timeline" } });
    for (const [month, at] of [
      ["jan", "2024-01-01T00:00:00.000Z"],
      ["feb", "2024-02-01T00:00:00.000Z"],
      ["mar", "2024-03-01T12:00:00.000Z"],
    ]) {
      await p().auditEvent.create({
        data: { workspaceId: tl.id, actorEmail: "t@example.com", action: "x.y", entityType: "x", entityId: month, createdAt: new Date(at) },
      });
    }
    const months = async (f: { from?: Date | string; to?: Date | string }) => (await listHistory(p(), { workspaceId: tl.id, ...f })).map((r) => r.entityId);
    expect(await months({})).toEqual(["mar", "feb", "jan"]);
    expect(await months({ from: "2024-01-15" })).toEqual(["mar", "feb"]);
    expect(await months({ from: new Date("2024-02-01T00:00:00.000Z") })).toEqual(["mar", "feb"]);
    expect(await months({ to: "2024-02-01T00:00:00.000Z" })).toEqual(["feb", "jan"]);
    expect(await months({ to: new Date("2024-01-31T23:59:59.999Z") })).toEqual(["jan"]);
    expect(await months({ from: "2024-01-02", to: "2024-03-01T11:59:59Z" })).toEqual(["feb"]);
    expect(await months({ from: "2024-04-01" })).toEqual([]);
  });

  it("limits to the newest rows", async () => {
    const everything = await all();
    const two = await listHistory(p(), { workspaceId, limit: 2 });
    expect(two.map((r) => r.id)).toEqual(everything.slice(0, 2).map((r) => r.id));
    expect(await listHistory(p(), { workspaceId, limit: "3" })).toHaveLength(3);
    await expect(listHistory(p(), { workspaceId, limit: 0 })).rejects.toThrow();
    await expect(listHistory(p(), { workspaceId, limit: 5001 })).rejects.toThrow();
  });

  it("reads filters from URL params, dropping blanks and taking the first of repeated ones", () => {
    expect(historyFilterFromParams({ actor: ["bob", "alice"], action: "  ", entity: "/pets GET", limit: "10", other: "x", from: undefined })).toEqual({
      actor: "bob",
      entity: "/pets GET",
      limit: "10",
    });
  });

  describe("exports", () => {
    let entries: HistoryEntry[];
    const nasty = [
      { entityId: '=HYPERLINK("http://evil.example","click")', summary: 'He said "hi", then left\nsecond line, with comma' },
      { entityId: "+1+1", summary: "-2+3" },
      { entityId: "@SUM(A1:A2)", summary: "\tcmd" },
      { entityId: "plain", summary: "a,b" },
    ];

    beforeAll(async () => {
      const ws = await p().workspace.create({ data: { name: "Export", slug: "export" } });
      for (const n of nasty) {
        await p().auditEvent.create({
          data: {
            workspaceId: ws.id,
            actorEmail: "x@example.com",
            action: "x.y",
            entityType: "x",
            entityId: n.entityId,
            summary: n.summary,
            before: { template: "=1+1", 'quote"name': "a\nb" },
            after: ["-x"],
          },
        });
      }
      entries = await listHistory(p(), { workspaceId: ws.id });
      expect(entries).toHaveLength(4);
    });

    it("CSV: a header row, every cell quoted, quotes doubled, commas and line breaks kept inside cells", () => {
      const csv = historyToCsv(entries);
      expect(csv.split("\r\n")[0]).toBe(CSV_HEADER);
      expect(csv.endsWith("\r\n")).toBe(true);
      const rows = parseCsv(csv);
      expect(rows).toHaveLength(entries.length + 1);
      expect(rows[0]).toEqual(CSV_HEADER.split(","));
      for (const [i, e] of entries.entries()) {
        const row = rows[i + 1];
        expect(row).toHaveLength(10);
        expect(row[0]).toBe(e.id);
        expect(row[1]).toBe(e.createdAt.toISOString());
        expect(row[6]).toBe("");
        expect(JSON.parse(row[8])).toEqual(e.before);
        expect(JSON.parse(row[9])).toEqual(["-x"]);
      }
      const plain = rows.find((r) => r[5] === "plain")!;
      expect(plain[7]).toBe("a,b");
      const quoted = rows.find((r) => r[7].startsWith("'He said") || r[7].startsWith("He said"))!;
      expect(quoted[7]).toBe('He said "hi", then left\nsecond line, with comma');
      expect(csv).toContain('"He said ""hi"", then left\nsecond line, with comma"');
    });

    it("CSV: cells starting with = + - @ or a tab are neutralised so spreadsheets don't run them", () => {
      const rows = parseCsv(historyToCsv(entries)).slice(1);
      const cells = rows.flat();
      for (const c of cells) expect(c).not.toMatch(/^[=+\-@\t\r]/);
      const byEntity = (prefix: string) => rows.find((r) => r[5].slice(1).startsWith(prefix))!;
      expect(byEntity("=HYPERLINK")[5]).toBe('\'=HYPERLINK("http://evil.example","click")');
      expect(byEntity("+1+1")[5]).toBe("'+1+1");
      expect(byEntity("+1+1")[7]).toBe("'-2+3");
      expect(byEntity("@SUM")[5]).toBe("'@SUM(A1:A2)");
      expect(byEntity("@SUM")[7]).toBe("'\tcmd");
      // Cells that merely contain those characters are left alone.
      expect(rows.find((r) => r[5] === "plain")![8]).toContain("=1+1");
    });

    it("CSV of nothing is just the header", () => {
      expect(historyToCsv([])).toBe(`${CSV_HEADER}\r\n`);
    });

    it("JSON round-trips every field, with ISO dates", async () => {
      const parsed = JSON.parse(historyToJson(entries)) as Record<string, unknown>[];
      expect(parsed).toEqual(entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })));
      expect(parsed.map((e) => e.entityId)).toEqual(entries.map((e) => e.entityId));
      expect(parsed[0].before).toEqual({ template: "=1+1", 'quote"name': "a\nb" });
      // And the real trail of a workspace, too.
      const real = await listHistory(p(), { workspaceId });
      expect(JSON.parse(historyToJson(real))).toEqual(real.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })));
      expect(otherWorkspaceId).toBeTruthy();
    });
  });
});
