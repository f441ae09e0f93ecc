import { requireUser } from "@/app/_server/session";
import { AwsConsole } from "@/components/aws/aws-console";
import { PushHistory } from "@/components/aws/push-history";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/auth/roles";
import { listConnections } from "@/lib/connection/service";
import type { AwsImportRecord } from "@/lib/connection/import-service";
import { getDb } from "@/lib/db";
import { getRestApiOrThrow } from "@/lib/restapi/service";
import { listPushes } from "@/lib/stage/push-service";
import { listStages } from "@/lib/stage/service";

export default async function AwsPage({ params }: { params: Promise<{ apiId: string }> }) {
  const user = await requireUser();
  const { apiId } = await params;
  const { prisma } = await getDb();
  const api = await getRestApiOrThrow(prisma, user.workspaceId, apiId);
  const [stages, connections, pushes] = await Promise.all([
    listStages(prisma, apiId),
    listConnections(prisma, user.workspaceId),
    listPushes(prisma, user.workspaceId, apiId),
  ]);
  const connection = connections.find((c) => c.id === api.awsConnectionId);
  const imported = api.awsImport as AwsImportRecord | null;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600" data-testid="aws-binding">
        {api.awsRestApiId ? (
          <>
            On AWS as REST API <span className="font-mono">{api.awsRestApiId}</span>
            {connection && (
              <>
                {" "}
                through {connection.name} ({connection.region})
              </>
            )}
            {api.awsSyncedAt && <> · last pushed or imported {api.awsSyncedAt.toISOString().replace("T", " ").slice(0, 19)} UTC</>}
          </>
        ) : (
          "Not on AWS yet: push a stage to create it, or import an existing API from an AWS connection."
        )}
      </p>
      <AwsConsole
        apiId={apiId}
        version={api.version}
        stages={stages.map((s) => s.name)}
        connections={connections.map((c) => ({ id: c.id, name: `${c.name} (${c.region})` }))}
        boundConnectionId={api.awsConnectionId}
        awsRestApiId={api.awsRestApiId}
        canPush={can(user.role, "aws.push")}
        canEdit={can(user.role, "design.edit")}
      />
      <Card title="Pushes">
        <PushHistory pushes={pushes} />
      </Card>
      {imported && (
        <Card title="Imported from AWS">
          <p className="mb-2 text-sm text-slate-600" data-testid="import-note">
            Imported REST API <span className="font-mono">{imported.restApiId}</span> on {imported.importedAt.replace("T", " ").slice(0, 19)} UTC. AWS keeps no
            readable definition per deployment, so Gatehouse made one deployment of the live design at import and pointed every imported stage at it; each stage
            remembers the AWS deployment it was running.
          </p>
          <table className="w-full text-left text-sm" data-testid="aws-deployments">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="font-normal">AWS deployment</th>
                <th className="font-normal">Created</th>
                <th className="font-normal">Description</th>
                <th className="font-normal">Stages</th>
              </tr>
            </thead>
            <tbody>
              {imported.deployments.map((d) => (
                <tr key={d.id}>
                  <td className="font-mono">{d.id}</td>
                  <td>{d.createdDate?.replace("T", " ").slice(0, 19) ?? ""}</td>
                  <td>{d.description}</td>
                  <td>{d.stages.join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}
