import { notFound } from "next/navigation";
import { requireUser } from "@/app/_server/session";
import { getDb } from "@/lib/db";

/**
 * Answers 404 for a stage the API doesn't have. It lives in a layout, above this segment's
 * loading.tsx, because once a skeleton has streamed the status is 200 whatever the page decides.
 */
export default async function StageLayout({ children, params }: { children: React.ReactNode; params: Promise<{ apiId: string; stageName: string }> }) {
  const user = await requireUser();
  const { apiId, stageName } = await params;
  const { prisma } = await getDb();
  const found = await prisma.stage.count({
    where: { restApiId: apiId, name: decodeURIComponent(stageName), restApi: { workspaceId: user.workspaceId } },
  });
  if (found === 0) notFound();
  return children;
}
