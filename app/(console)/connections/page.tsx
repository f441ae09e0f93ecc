import { requireUser } from "@/app/_server/session";
import { getDb } from "@/lib/db";
import { can } from "@/lib/auth/roles";
import { listConnections } from "@/lib/connection/service";
import { Card } from "@/components/ui/card";
import { ConnectionForm, TestConnectionButton } from "@/components/connections/connection-forms";
import { ImportApiPanel } from "@/components/aws/import-api-panel";
import { DeleteConnectionButton } from "@/components/connections/delete-connection";
import { EditConnectionButton } from "@/components/connections/edit-connection-form";
import { driftScheduleText } from "@/components/connections/drift-schedules";

export default async function ConnectionsPage() {
  const user = await requireUser();
  const { prisma } = await getDb();
  const connections = await listConnections(prisma, user.workspaceId);
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <div className="lg:col-span-2">
        <Card title="AWS connections">
          <p className="mb-3 text-sm text-slate-500">
            Credentials are never stored: Gatehouse uses the server&apos;s default AWS provider chain (environment, shared config and profile, SSO, container or
            instance role). A connection names the region, an optional role to assume, and an optional endpoint such as LocalStack.
          </p>
          <ul className="divide-y divide-slate-100 text-sm" data-testid="connection-list">
            {connections.length === 0 && <li className="py-2 text-slate-500">No connections yet.</li>}
            {connections.map((c) => (
              <li key={c.id} className="py-2">
                <div className="flex items-center justify-between">
                  <div>
                    <span className="font-medium">{c.name}</span> <span className="text-slate-500">{c.region}</span>
                    {c.endpointUrl && <span className="ml-2 font-mono text-xs text-slate-500">{c.endpointUrl}</span>}
                    {c.roleArn && <span className="ml-2 font-mono text-xs text-slate-500">{c.roleArn}</span>}
                    {c.driftCheckMinutes && (
                      <span className="ml-2 text-xs text-slate-500" data-testid="drift-schedule">
                        drift checked {driftScheduleText(c.driftCheckMinutes)}
                      </span>
                    )}
                  </div>
                  <div className="flex items-start gap-2">
                    {can(user.role, "connection.write") && (
                      <EditConnectionButton
                        connectionId={c.id}
                        current={{
                          name: c.name,
                          region: c.region,
                          roleArn: c.roleArn ?? "",
                          endpointUrl: c.endpointUrl ?? "",
                          profile: c.profile ?? "",
                          driftCheckMinutes: c.driftCheckMinutes ? String(c.driftCheckMinutes) : "",
                        }}
                      />
                    )}
                    {can(user.role, "connection.delete") && <DeleteConnectionButton connectionId={c.id} connectionName={c.name} />}
                    <TestConnectionButton connectionId={c.id} />
                  </div>
                </div>
                {can(user.role, "aws.push") && <ImportApiPanel connectionId={c.id} connectionName={c.name} />}
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <Card title="Add a connection">
        {can(user.role, "connection.write") ? <ConnectionForm /> : <p className="text-sm text-slate-500">Only admins can add connections.</p>}
      </Card>
    </div>
  );
}
