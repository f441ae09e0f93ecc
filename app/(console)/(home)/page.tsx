import Link from "next/link";
import { requireUser } from "@/app/_server/session";
import { getDb } from "@/lib/db";
import { can } from "@/lib/auth/roles";
import { listRestApis } from "@/lib/restapi/service";
import { Card } from "@/components/ui/card";
import { CreateApiForm } from "@/components/api-designer/create-api-form";
import { ImportApiForm } from "@/components/openapi/import-api-form";

export default async function ApisPage() {
  const user = await requireUser();
  const { prisma } = await getDb();
  const apis = await listRestApis(prisma, user.workspaceId);
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="lg:col-span-2">
        <Card title="REST APIs">
          {apis.length === 0 ? (
            <p className="text-sm text-slate-500">No APIs yet. Create one to start designing.</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="api-list">
              {apis.map((api) => (
                <li key={api.id} className="flex items-center justify-between py-3">
                  <div>
                    <Link href={`/apis/${api.id}`} className="font-medium text-indigo-700 hover:underline">
                      {api.name}
                    </Link>
                    <p className="text-sm text-slate-500">{api.description}</p>
                  </div>
                  <span className="text-xs text-slate-500">
                    v{api.version} · {api.awsRestApiId ? `on AWS as ${api.awsRestApiId}` : "not on AWS yet"}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <div className="space-y-6">
        <Card title="Create an API">
          {can(user.role, "api.create") ? (
            <CreateApiForm />
          ) : (
            <p className="text-sm text-slate-500">Your role ({user.role}) can read APIs but not create them.</p>
          )}
        </Card>
        {can(user.role, "api.create") && (
          <Card title="Import OpenAPI">
            <ImportApiForm />
          </Card>
        )}
      </div>
    </div>
  );
}
