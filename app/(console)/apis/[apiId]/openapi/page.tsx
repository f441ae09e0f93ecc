import { requireUser } from "@/app/_server/session";
import { getDb } from "@/lib/db";
import { can } from "@/lib/auth/roles";
import { listDeployments } from "@/lib/deployment/service";
import { getRestApiOrThrow } from "@/lib/restapi/service";
import { Card } from "@/components/ui/card";
import { ExportPanel } from "@/components/openapi/export-panel";
import { ImportIntoApiForm } from "@/components/openapi/import-into-api-form";

export default async function OpenApiPage({ params }: { params: Promise<{ apiId: string }> }) {
  const user = await requireUser();
  const { apiId } = await params;
  const { prisma } = await getDb();
  const api = await getRestApiOrThrow(prisma, user.workspaceId, apiId);
  const deployments = await listDeployments(prisma, apiId);
  const options = deployments.map((d) => ({
    value: d.id,
    label: `Deployment ${d.id.slice(0, 8)} · ${d.createdAt.toISOString().slice(0, 16).replace("T", " ")}${d.description ? ` · ${d.description}` : ""}`,
  }));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title="Export OpenAPI">
        <ExportPanel apiId={apiId} deployments={options} />
      </Card>
      <Card title="Import into this API">
        {can(user.role, "design.edit") ? (
          <ImportIntoApiForm apiId={apiId} version={api.version} />
        ) : (
          <p className="text-sm text-slate-500">Your role ({user.role}) can export this API but not import into it.</p>
        )}
      </Card>
    </div>
  );
}
