import { requireUser } from "@/app/_server/session";
import { getDb } from "@/lib/db";
import { can } from "@/lib/auth/roles";
import { getRestApiOrThrow } from "@/lib/restapi/service";
import { ApiDesigner } from "@/components/api-designer/api-designer";

export default async function ApiDesignPage({ params }: { params: Promise<{ apiId: string }> }) {
  const user = await requireUser();
  const { apiId } = await params;
  const { prisma } = await getDb();
  const api = await getRestApiOrThrow(prisma, user.workspaceId, apiId);
  return (
    <ApiDesigner
      apiId={api.id}
      initial={{ id: api.id, name: api.name, version: api.version, design: api.design, awsRestApiId: api.awsRestApiId }}
      canEdit={can(user.role, "design.edit")}
      canInvoke={can(user.role, "invoke.test")}
    />
  );
}
