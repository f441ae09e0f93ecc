import { NextResponse } from "next/server";
import { runAction } from "@/app/_server/action";
import { exportApiOpenApi } from "@/lib/restapi/openapi-service";

export const dynamic = "force-dynamic";

/**
 * GET /api/apis/:id/openapi?format=json|yaml[&deploymentId=ID][&shape=aws] — the draft (or that
 * deployment) as OpenAPI 3.0.1 with x-amazon-apigateway extensions, as a download. Read role.
 * Lossless (x-gatehouse-* extensions) unless shape=aws asks for exactly what API Gateway reads.
 */
export async function GET(req: Request, { params }: { params: Promise<{ apiId: string }> }) {
  const { apiId } = await params;
  const url = new URL(req.url);
  const result = await runAction("read", ({ db, actor }) =>
    exportApiOpenApi(db, actor, apiId, {
      format: url.searchParams.get("format") ?? "json",
      deploymentId: url.searchParams.get("deploymentId"),
      awsOnly: url.searchParams.get("shape") === "aws",
    }),
  );
  if (!result.ok) {
    const { status, error, code, fieldErrors } = result;
    return NextResponse.json({ message: error, code, fieldErrors }, { status, headers: { "cache-control": "no-store" } });
  }
  return new NextResponse(result.data.text, {
    headers: {
      "content-type": result.data.contentType,
      "content-disposition": `attachment; filename="${result.data.filename}"`,
      "cache-control": "no-store",
    },
  });
}
