import Link from "next/link";
import { requireUser } from "@/app/_server/session";
import { getDb } from "@/lib/db";
import { getRestApiOrThrow } from "@/lib/restapi/service";
import { stateOf } from "@/lib/stage/changes";
import { environmentMatrix } from "@/lib/stage/matrix";
import { Card } from "@/components/ui/card";

/** Stages as columns, variables and settings as rows; a value some stages lack is highlighted. */
export default async function MatrixPage({ params }: { params: Promise<{ apiId: string }> }) {
  const user = await requireUser();
  const { apiId } = await params;
  const { prisma } = await getDb();
  await getRestApiOrThrow(prisma, user.workspaceId, apiId);
  const stages = await prisma.stage.findMany({ where: { restApiId: apiId }, orderBy: { name: "asc" } });
  const m = environmentMatrix(stages.map((s) => ({ name: s.name, state: stateOf(s) })));
  return (
    <Card
      title="Environment matrix"
      actions={
        <Link href={`/apis/${apiId}/stages`} className="text-sm text-indigo-700 hover:underline">
          Back to stages
        </Link>
      }
    >
      {stages.length === 0 ? (
        <p className="text-sm text-slate-500">No stages yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <p className="mb-2 text-xs text-slate-500">
            <span className="rounded bg-red-100 px-1 text-red-800">missing</span> a stage lacks what another stage sets ·{" "}
            <span className="rounded bg-amber-50 px-1">differs</span> stages disagree
          </p>
          <table className="text-sm" data-testid="env-matrix">
            <thead>
              <tr>
                <th className="pr-4 text-left font-medium text-slate-500">Variable or setting</th>
                {m.columns.map((c) => (
                  <th key={c} className="px-3 text-left font-semibold">
                    <Link href={`/apis/${apiId}/stages/${encodeURIComponent(c)}`} className="hover:underline">
                      {c}
                    </Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {m.rows.map((r) => (
                <tr key={r.key} className="border-t border-slate-100" data-matrix-row={r.key} data-missing={r.missing} data-differs={r.differs}>
                  <td className="pr-4 font-mono text-xs text-slate-700">{r.key}</td>
                  {r.values.map((v, i) => (
                    <td
                      key={m.columns[i]}
                      data-stage={m.columns[i]}
                      className={`px-3 font-mono text-xs ${v === undefined && r.missing ? "bg-red-100 text-red-700" : r.differs ? "bg-amber-50" : ""}`}
                    >
                      {v === undefined ? (r.missing ? "missing" : "—") : v}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
