import { NextResponse } from "next/server";
import { API_V1_DOCUMENT } from "@/lib/api-v1/document";

/** GET /api/v1/openapi.json — the pipeline API's own description (public: it holds no data). */
export function GET() {
  return NextResponse.json(API_V1_DOCUMENT);
}
