import Link from "next/link";
import { requireUser } from "@/app/_server/session";
import { getDb } from "@/lib/db";
import { listDeployments } from "@/lib/deployment/service";
import { GatehouseError } from "@/lib/errors";
import { compare, diffRefText, parseDiffRef } from "@/lib/stage/insights";
import { listStages } from "@/lib/stage/service";
import { Card } from "@/components/ui/card";
import { DiffView } from "@/components/diff/diff-view";
import { DiffPickers } from "@/components/diff/diff-pickers";

/** Compare any two of: the draft, a stage, a deployment. `?a=stage:prod&b=draft`. */
export default async function DiffPage({ params, searchParams }: { params: Promise<{ apiId: string }>; searchParams: Promise<{ a?: string; b?: string }> }) {
  const user = await requireUser();
  const { apiId } = await params;
  const sp = await searchParams;
  const { prisma } = await getDb();
  const [stages, deployments] = await Promise.all([listStages(prisma, apiId), listDeployments(prisma, apiId)]);
  const options = [
    { value: "draft", label: "Draft (not deployed)" },
    ...stages.map((s) => ({ value: `stage:${s.name}`, label: `Stage ${s.name} (deployment ${s.deploymentId.slice(0, 8)})` })),
    ...deployments.map((d) => ({
      value: `deployment:${d.id}`,
      label: `Deployment ${d.id.slice(0, 8)} · ${d.createdAt.toISOString().slice(0, 16).replace("T", " ")}${d.description ? ` · ${d.description}` : ""}`,
    })),
  ];
  const defaultA = stages[0] ? `stage:${stages[0].name}` : deployments[0] ? `deployment:${deployments[0].id}` : "draft";
  let error: string | null = null;
  let result: Awaited<ReturnType<typeof compare>> | null = null;
  const aText = sp.a ?? defaultA;
  const bText = sp.b ?? "draft";
  try {
    const a = parseDiffRef(aText, "a");
    const b = parseDiffRef(bText, "b");
    result = await compare(prisma, user.workspaceId, apiId, a, b);
  } catch (e) {
    if (!(e instanceof GatehouseError)) throw e;
    error = e.message;
  }
  return (
    <Card
      title="Compare"
      actions={
        <Link href={`/apis/${apiId}/stages`} className="text-sm text-indigo-700 hover:underline">
          Back to stages
        </Link>
      }
    >
      <DiffPickers key={`${aText} ${bText}`} apiId={apiId} options={options} a={aText} b={bText} />
      {error && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {result && (
        <div className="mt-4" data-testid="diff-result" data-a={diffRefText(result.a.ref)} data-b={diffRefText(result.b.ref)}>
          <DiffView design={result.design} stage={result.stage} beforeLabel={result.a.label} afterLabel={result.b.label} />
        </div>
      )}
    </Card>
  );
}
