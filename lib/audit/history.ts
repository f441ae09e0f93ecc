/** Reading the audit trail: filters, and export as CSV or JSON. */
import { z } from "zod";
import type { Db } from "../db/client";
import { isUuid } from "../model/ids";
import { maskQueryStrings, maskSecrets } from "./mask";

export const historyFilterSchema = z.object({
  actor: z.string().trim().max(320).optional(),
  action: z.string().trim().max(100).optional(),
  entityType: z.string().trim().max(100).optional(),
  /** Matches entity ids that start with it: `/pets/{id} GET` finds the method and its responses. */
  entity: z.string().trim().max(1000).optional(),
  restApiId: z.string().optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(200),
});

export type HistoryFilter = z.input<typeof historyFilterSchema> & { workspaceId: string };

/**
 * Reads filters from URL search params, dropping empty values and values the filter cannot hold
 * (a NUL byte, a date or number that isn't one, text over its length): a page shows the history
 * without that filter rather than failing.
 */
export function historyFilterFromParams(params: Record<string, string | string[] | undefined>): z.input<typeof historyFilterSchema> {
  const out: Record<string, string> = {};
  for (const key of ["actor", "action", "entityType", "entity", "from", "to", "limit"] as const) {
    const v = params[key];
    const s = Array.isArray(v) ? v[0] : v;
    if (s?.trim() && !s.includes("\u0000") && historyFilterSchema.shape[key].safeParse(s).success) out[key] = s;
  }
  return out;
}

/** Prisma passes contains/startsWith into LIKE unescaped: `%`, `_` and `\` in a filter are meant literally. */
function likeLiteral(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listHistory(db: Db, filter: HistoryFilter) {
  const f = historyFilterSchema.parse(filter);
  if (f.restApiId && !isUuid(f.restApiId)) return [];
  const rows = await db.auditEvent.findMany({
    where: {
      workspaceId: filter.workspaceId,
      ...(f.restApiId ? { restApiId: f.restApiId } : {}),
      ...(f.actor ? { actorEmail: { contains: likeLiteral(f.actor), mode: "insensitive" as const } } : {}),
      ...(f.action ? { action: { startsWith: likeLiteral(f.action) } } : {}),
      ...(f.entityType ? { entityType: f.entityType } : {}),
      ...(f.entity ? { entityId: { startsWith: likeLiteral(f.entity) } } : {}),
      ...(f.from || f.to ? { createdAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) } } : {}),
    },
    orderBy: { id: "desc" },
    take: f.limit,
  });
  // Masked again on the way out: rows written before a masking rule existed are covered too.
  return rows.map((r) => ({
    ...r,
    id: r.id.toString(),
    summary: maskQueryStrings(r.summary),
    before: maskSecrets(r.before) as typeof r.before,
    after: maskSecrets(r.after) as typeof r.after,
  }));
}

export type HistoryEntry = Awaited<ReturnType<typeof listHistory>>[number];

const CSV_COLUMNS = ["id", "createdAt", "actorEmail", "action", "entityType", "entityId", "restApiId", "summary", "before", "after"] as const;

function csvCell(value: unknown): string {
  const s =
    value === null || value === undefined
      ? ""
      : value instanceof Date
        ? value.toISOString()
        : typeof value === "object"
          ? JSON.stringify(value)
          : String(value);
  // Quote every cell; double quotes inside. A leading =,+,-,@ is prefixed so spreadsheets don't run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function historyToCsv(entries: HistoryEntry[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const e of entries) lines.push(CSV_COLUMNS.map((c) => csvCell(e[c])).join(","));
  return lines.join("\r\n") + "\r\n";
}

export function historyToJson(entries: HistoryEntry[]): string {
  return JSON.stringify(
    entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
    null,
    2,
  );
}
