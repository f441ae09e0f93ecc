import { requireUser } from "@/app/_server/session";
import { getDb } from "@/lib/db";
import { can } from "@/lib/auth/roles";
import { getRestApiOrThrow } from "@/lib/restapi/service";
import { listStages } from "@/lib/stage/service";
import { ApiDesigner } from "@/components/api-designer/api-designer";

export default async function ApiDesignPage({ params }: { params: Promise<{ apiId: string }> }) {
  const user = await requireUser();
  const { apiId } = await params;
  const { prisma } = await getDb();
  const api = await getRestApiOrThrow(prisma, user.workspaceId, apiId);
  // Completion and lint of $stageVariables: every name any of this API's stages defines
  // (undefined with no stage yet: nothing to check against).
  const stages = await listStages(prisma, api.id);
  const stageVariableNames = stages.length ? [...new Set(stages.flatMap((s) => Object.keys((s.variables ?? {}) as Record<string, string>)))].sort() : undefined;
  return (
    <ApiDesigner
      apiId={api.id}
      initial={{ id: api.id, name: api.name, version: api.version, design: api.design, awsRestApiId: api.awsRestApiId }}
      canEdit={can(user.role, "design.edit")}
      canInvoke={can(user.role, "invoke.test")}
      stageVariableNames={stageVariableNames}
      stages={stages.map((s) => ({ name: s.name, variables: (s.variables ?? {}) as Record<string, string> }))}
    />
  );
}
