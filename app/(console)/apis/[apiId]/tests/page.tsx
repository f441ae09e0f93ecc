import { actorOf, requireUser } from "@/app/_server/session";
import { getDb } from "@/lib/db";
import { can } from "@/lib/auth/roles";
import { getRestApiOrThrow } from "@/lib/restapi/service";
import { listStages } from "@/lib/stage/service";
import { listTestCases } from "@/lib/testcase/index";
import { Card } from "@/components/ui/card";
import { RunAllPanel } from "@/components/test-invoke/run-all-panel";

/** Every saved test case of the API, and "Run all" against the draft or a stage with a pass/fail report. */
export default async function ApiTestsPage({ params }: { params: Promise<{ apiId: string }> }) {
  const user = await requireUser();
  const { apiId } = await params;
  const { prisma } = await getDb();
  const api = await getRestApiOrThrow(prisma, user.workspaceId, apiId);
  const [cases, stages] = await Promise.all([listTestCases(prisma, actorOf(user), api.id), listStages(prisma, api.id)]);
  return (
    <Card title="Test cases">
      <RunAllPanel
        apiId={api.id}
        cases={cases.map((c) => ({
          id: c.id,
          name: c.name,
          resourcePath: c.resourcePath,
          httpMethod: c.httpMethod,
          pathWithQueryString: c.request.pathWithQueryString,
          expectations: c.expectations,
        }))}
        stages={stages.map((s) => ({ name: s.name, variables: (s.variables ?? {}) as Record<string, string> }))}
        canRun={can(user.role, "invoke.test")}
      />
    </Card>
  );
}
