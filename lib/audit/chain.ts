/**
 * The audit trail's hash chain (migration 0009), checked. Every audit row carries `prev_hash`
 * (the hash of the row before it, or 64 zeros for the first) and `hash`, the SHA-256 of a
 * canonical text of its content and prev_hash. The database's insert trigger writes them; this
 * file recomputes every hash on its own, in TypeScript, so a changed trigger or a row written
 * around it is caught too. Deleting, editing or reordering any row breaks the chain at that row;
 * deleting rows at the end is caught by the chain's head (`audit_chain_head`).
 *
 * An attacker who can rewrite the whole table and its head (a superuser) can also rehash it: keep
 * the head hash that `gatehouse audit verify` prints somewhere else, and pass it back with
 * `--expect` to prove the rows up to it are still the same.
 */
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);
const CANONICAL_VERSION = "gatehouse-audit-v1";

/** An audit row as text, exactly as the canonical form takes it (see AUDIT_ROWS_SQL). */
export interface ChainRow {
  id: string;
  createdAt: string;
  workspaceId: string;
  restApiId: string | null;
  actorId: string | null;
  actorEmail: string;
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  /** PostgreSQL's text of the jsonb value: canonical, so the same value always reads the same. */
  before: string | null;
  after: string | null;
  prevHash: string | null;
  hash: string | null;
}

/**
 * The text that is hashed: a version tag, then each field as `<UTF-8 byte length>:<text>` or `~`
 * for NULL. Length prefixes make it unambiguous without escaping rules to agree on. The same
 * definition is in SQL (`gatehouse_audit_canonical`, migration 0009).
 */
export function canonicalAuditText(row: ChainRow): string {
  const fields = [
    row.id,
    row.createdAt,
    row.workspaceId,
    row.restApiId,
    row.actorId,
    row.actorEmail,
    row.action,
    row.entityType,
    row.entityId,
    row.summary,
    row.before,
    row.after,
    row.prevHash,
  ];
  return CANONICAL_VERSION + fields.map((f) => (f === null ? "~" : `${Buffer.byteLength(f, "utf8")}:${f}`)).join("");
}

export function auditRowHash(row: ChainRow): string {
  return createHash("sha256").update(canonicalAuditText(row), "utf8").digest("hex");
}

/** What reading the rows needs: satisfied by lib/db's SqlExecutor on both databases. */
export interface SqlReader {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** The rows after an id, up to the head, as the text the hash is computed over (ordered by the bigint id, not its text). */
const AUDIT_ROWS_SQL = `
  SELECT "id"::text AS "id",
         to_char("created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
         "workspace_id"::text AS "workspaceId", "rest_api_id"::text AS "restApiId", "actor_id"::text AS "actorId",
         "actor_email" AS "actorEmail", "action", "entity_type" AS "entityType", "entity_id" AS "entityId", "summary",
         "before"::text AS "before", "after"::text AS "after", "prev_hash" AS "prevHash", "hash"
  FROM "audit_events" AS e WHERE e."id" > $1::bigint AND e."id" <= $2::bigint ORDER BY e."id" LIMIT $3`;

/** The chain's head: the last chained row's id and hash. */
const HEAD_SQL = `SELECT "last_event_id"::text AS "id", "last_hash" AS "hash" FROM "audit_chain_head"`;

export interface ChainBreak {
  /** The first row at which the chain fails (for rows deleted at the end: the head's row, now missing). */
  id: string;
  reason: string;
}

export interface ChainReport {
  ok: boolean;
  /** Rows checked. */
  rows: number;
  /** The head the check ran up to (rows appended while it ran are left for the next check). */
  head: { id: string | null; hash: string };
  firstBreak?: ChainBreak;
}

export interface VerifyOptions {
  batchSize?: number;
  /** A head hash noted earlier: the chain must still pass through a row with exactly this hash. */
  expectHash?: string;
}

/** Walks the whole chain in id order, recomputing every hash, and says where it first breaks. */
export async function verifyAuditChain(sql: SqlReader, options: VerifyOptions = {}): Promise<ChainReport> {
  const [head] = await sql.query<{ id: string | null; hash: string }>(HEAD_SQL);
  if (!head) return { ok: false, rows: 0, head: { id: null, hash: "" }, firstBreak: { id: "head", reason: "the chain's head (audit_chain_head) is missing" } };
  // Rows with ids up to the head's were all committed before the head was read (ids are drawn
  // under the head's lock), so the walk sees a settled chain while new rows keep arriving.
  const upTo = head.id ?? "0";
  const batchSize = options.batchSize ?? 1000;
  let prev = GENESIS_HASH;
  let last: ChainRow | null = null;
  let rows = 0;
  let sawExpected = false;
  for (;;) {
    const batch: ChainRow[] = await sql.query<ChainRow>(AUDIT_ROWS_SQL, [last?.id ?? "0", upTo, batchSize]);
    for (const row of batch) {
      const broken = checkRow(row, prev, last);
      if (broken) return { ok: false, rows, head, firstBreak: broken };
      if (row.hash === options.expectHash) sawExpected = true;
      prev = row.hash!;
      last = row;
      rows++;
    }
    if (batch.length < batchSize) break;
  }
  const endBreak = checkEnd(head, last, prev) ?? (await rowBeyondHead(sql, upTo));
  if (endBreak) return { ok: false, rows, head, firstBreak: endBreak };
  if (options.expectHash && !sawExpected) {
    return {
      ok: false,
      rows,
      head,
      firstBreak: { id: head.id ?? "head", reason: `no row has the expected hash ${options.expectHash}: the chain was rewritten` },
    };
  }
  return { ok: true, rows, head };
}

/** Why one row breaks the chain, or null. Its own content first, then its link to the row before. */
function checkRow(row: ChainRow, prev: string, before: ChainRow | null): ChainBreak | null {
  if (!row.hash || !row.prevHash) return { id: row.id, reason: "the row has no hash: it was written around the chain (triggers off)" };
  if (auditRowHash(row) !== row.hash) return { id: row.id, reason: "the row's content does not match its hash: it was edited (or moved to another id)" };
  if (row.prevHash !== prev) {
    const after = before ? `row #${before.id}` : "the start of the chain";
    return { id: row.id, reason: `the row does not follow ${after}: a row between them was deleted, or rows were reordered` };
  }
  return null;
}

/**
 * A row past the head the walk stopped at is either a change committed since (the head, read
 * again now, covers it: a row and the head's move commit together) or one written around the
 * trigger, which no head will ever cover.
 */
async function rowBeyondHead(sql: SqlReader, upTo: string): Promise<ChainBreak | null> {
  const [stray] = await sql.query<{ id: string }>(`SELECT "id"::text AS "id" FROM "audit_events" AS e WHERE e."id" > $1::bigint ORDER BY e."id" LIMIT 1`, [
    upTo,
  ]);
  if (!stray) return null;
  const [now] = await sql.query<{ id: string | null }>(HEAD_SQL);
  if (now?.id && BigInt(now.id) >= BigInt(stray.id)) return null;
  return { id: stray.id, reason: "the row is past the chain's head: it was written around the chain (triggers off)" };
}

/** The last row must be the one the head names: otherwise rows at the end were deleted. */
function checkEnd(head: { id: string | null; hash: string }, last: ChainRow | null, prev: string): ChainBreak | null {
  if (head.id === null && last === null && head.hash === GENESIS_HASH) return null;
  if (last && head.id === last.id && head.hash === prev) return null;
  const seen = last ? `the last row is #${last.id}` : "there are no rows";
  return { id: head.id ?? "head", reason: `the chain's head names row #${head.id ?? "none"}, but ${seen}: rows at the end were deleted or the head was moved` };
}
