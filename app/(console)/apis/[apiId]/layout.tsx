import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_server/session";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { getRestApiOrThrow } from "@/lib/restapi/service";
import { undeployedChangesOnce } from "@/app/_server/undeployed";
import { can } from "@/lib/auth/roles";
import { DeleteApiButton } from "@/components/apis/delete-api";

export default async function ApiLayout({ children, params }: { children: React.ReactNode; params: Promise<{ apiId: string }> }) {
  const user = await requireUser();
  const { apiId } = await params;
  const { prisma } = await getDb();
  const api = await getRestApiOrThrow(prisma, user.workspaceId, apiId).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  // Which stages run something other than the draft: shown on every tab of the API.
  const behind = (await undeployedChangesOnce(user.workspaceId, apiId)).stages.filter((s) => !s.upToDate);
  const tabs = [
    { href: `/apis/${apiId}`, label: "Design" },
    { href: `/apis/${apiId}/stages`, label: "Deployments & stages" },
    { href: `/apis/${apiId}/tests`, label: "Tests" },
    { href: `/apis/${apiId}/aws`, label: "AWS" },
    { href: `/apis/${apiId}/history`, label: "History" },
    { href: `/apis/${apiId}/openapi`, label: "OpenAPI" },
  ];
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <p className="text-xs uppercase tracking-wide text-slate-500">REST API</p>
          <h1 className="text-2xl font-semibold" data-testid="api-name">
            {api.name}
          </h1>
          {api.description && <p className="text-sm text-slate-500">{api.description}</p>}
        </div>
        <nav className="ml-auto flex gap-1 rounded-lg bg-slate-100 p-1 text-sm">
          {tabs.map((t) => (
            <Link key={t.href} href={t.href} className="rounded-md px-3 py-1 text-slate-700 hover:bg-white">
              {t.label}
            </Link>
          ))}
        </nav>
        {can(user.role, "api.delete") && <DeleteApiButton apiId={apiId} apiName={api.name} />}
      </div>
      {behind.length > 0 && (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="undeployed-banner">
          Undeployed changes: the draft differs from what {behind.length === 1 ? "stage" : "stages"}{" "}
          {behind.map((s, i) => (
            <span key={s.stageName}>
              {i > 0 && ", "}
              <Link className="font-medium underline" href={`/apis/${apiId}/stages/diff?a=${encodeURIComponent(`stage:${s.stageName}`)}&b=draft`}>
                {s.stageName}
              </Link>
              {s.summary && ` (${s.summary.changes} ${s.summary.changes === 1 ? "change" : "changes"})`}
            </span>
          ))}{" "}
          {behind.length === 1 ? "runs" : "run"}.
        </p>
      )}
      {children}
    </div>
  );
}
