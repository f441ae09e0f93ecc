import { actorOf, requireUser } from "@/app/_server/session";
import { getDb } from "@/lib/db";
import { can } from "@/lib/auth/roles";
import { listApiKeys } from "@/lib/apikey/service";
import { listUsagePlans } from "@/lib/usage-plan/service";
import { Card } from "@/components/ui/card";
import { ApiKeyList, CreateApiKeyForm, ImportApiKeysForm } from "@/components/usage-plans/api-keys";
import { CreateUsagePlanForm, UsagePlanList } from "@/components/usage-plans/usage-plans";

export default async function UsagePlansPage() {
  const user = await requireUser();
  const { prisma } = await getDb();
  const actor = actorOf(user);
  const [plans, keys, apis] = await Promise.all([
    listUsagePlans(prisma, actor),
    listApiKeys(prisma, actor),
    prisma.restApi.findMany({
      where: { workspaceId: user.workspaceId },
      orderBy: { name: "asc" },
      select: { id: true, name: true, stages: { select: { name: true }, orderBy: { name: "asc" } } },
    }),
  ]);
  const stageChoices = apis.flatMap((a) => a.stages.map((s) => ({ apiId: a.id, stage: s.name, label: `${a.name} / ${s.name}` })));
  const editable = can(user.role, "usagePlan.write");
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <div className="space-y-4 lg:col-span-2">
        <Card title="Usage plans">
          <UsagePlanList plans={plans} keys={keys.map((k) => ({ id: k.id, name: k.name }))} stageChoices={stageChoices} editable={editable} />
        </Card>
        <Card title="API keys">
          <ApiKeyList keys={keys} editable={can(user.role, "apiKey.write")} canReveal={can(user.role, "apiKey.reveal")} />
        </Card>
      </div>
      <div className="space-y-4">
        <Card title="Add a usage plan">{editable ? <CreateUsagePlanForm /> : <ReadOnly />}</Card>
        <Card title="Add an API key">{can(user.role, "apiKey.write") ? <CreateApiKeyForm /> : <ReadOnly />}</Card>
        <Card title="Import API keys (AWS's CSV)">{can(user.role, "apiKey.write") ? <ImportApiKeysForm /> : <ReadOnly />}</Card>
      </div>
    </div>
  );
}

function ReadOnly() {
  return <p className="text-sm text-slate-500">Only deployers and admins edit keys and plans.</p>;
}
